from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "sendcase.staff"
    label = "staff"
    verbose_name = "Staff interface"
