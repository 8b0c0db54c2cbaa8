from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendcase.audit"
    label = "audit"
