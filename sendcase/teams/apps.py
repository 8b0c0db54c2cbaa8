from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "sendcase.teams"
    label = "teams"
