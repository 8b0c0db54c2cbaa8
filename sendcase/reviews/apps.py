from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "sendcase.reviews"
    label = "reviews"
    verbose_name = "Annual reviews and phase transfers"

    def ready(self) -> None:
        # The catalogue lists sendcase.notifications' own messages; each app adds its own here.
        from sendcase.reviews.messages import register_message_templates

        register_message_templates()
