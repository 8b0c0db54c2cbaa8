from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sendcase.cases"
    label = "cases"
