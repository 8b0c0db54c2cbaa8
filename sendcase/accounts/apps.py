from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendcase.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from sendcase.accounts import signals

        signals.connect()
