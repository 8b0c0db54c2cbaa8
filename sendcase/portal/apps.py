from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sendcase.portal"
    label = "portal"
    verbose_name = "Family portal"

    def ready(self) -> None:
        # The family portal's own messages (invitation, sign-in code, new message) join the one
        # catalogue every message goes through, so `notify` checks their fields like any other.
        from sendcase.portal import notices

        notices.register()
