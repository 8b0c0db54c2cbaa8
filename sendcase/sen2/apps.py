from django.apps import AppConfig


class Sen2Config(AppConfig):
    name = "sendcase.sen2"
    label = "sen2"
