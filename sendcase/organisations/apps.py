from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sendcase.organisations"
    label = "organisations"
