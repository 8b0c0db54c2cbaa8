from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sendcase.api"
    label = "api"
