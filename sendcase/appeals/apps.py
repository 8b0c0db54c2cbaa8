from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "sendcase.appeals"
    label = "appeals"
    verbose_name = "Decisions, ceasing, mediation and appeals"
