from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sendcase.demo"
    label = "demo"
    verbose_name = "Synthetic demo data"
