from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "sendcase.statistics"
    label = "statistics"
