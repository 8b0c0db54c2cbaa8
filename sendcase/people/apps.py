from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sendcase.people"
    label = "people"
