from django.apps import AppConfig


class PlainEnglishConfig(AppConfig):
    """Only here so templates can `{% load plain_english %}`; the package itself needs no Django."""

    name = "sendcase.plainenglish"
    label = "plainenglish"
    verbose_name = "Plain English"
