from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendcase.core"
    label = "core"
