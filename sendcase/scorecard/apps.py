from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "sendcase.scorecard"
    label = "scorecard"
