"""Where messages go: the local outbox (development, tests) or GOV.UK Notify (production).

SENDCASE_NOTIFY_BACKEND picks one. A backend's `send` returns the provider's id for the message
or raises PermanentFailure (never worth retrying: a 4xx from Notify, a missing template id) or
TemporaryFailure (worth retrying later: a 5xx, a timeout, no network).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sendcase.notifications.models import Channel

if TYPE_CHECKING:
    from sendcase.notifications.models import OutboxMessage


class PermanentFailure(Exception):
    pass


class TemporaryFailure(Exception):
    pass


class Backend(Protocol):
    name: str

    def send(self, message: OutboxMessage) -> str: ...


class OutboxBackend:
    """Keeps every message in SENDcase's outbox, where administrators can read it. Sends nothing."""

    name = "outbox"

    def send(self, message: OutboxMessage) -> str:
        return ""


# Notify letters take the address as up to 7 lines; the last must be a postcode or country.
LETTER_ADDRESS_LINES = 7
# Family letters carry decisions whose appeal time runs from the day they are sent: first class.
LETTER_POSTAGE = "first"


def _template_key(message: OutboxMessage) -> str:
    """The NOTIFY_TEMPLATE_IDS name for a message.

    Notify templates hold one channel and one language. A family notice, sent by email or text
    message, has its text message template under `<name>.sms`; a message written in another
    language under `<name>.<language>` (`family_notice_draft_plan.sms.cy`). Without one, the
    generic template gets SENDcase's own (translated) subject and body.
    """
    key = message.template
    if message.channel == Channel.SMS and key.startswith("family_notice_"):
        key += ".sms"
    if message.language and message.language != "en":
        key += f".{message.language}"
    return key


class NotifyBackend:
    """GOV.UK Notify through notifications-python-client.

    Each SENDcase template is sent with the Notify template whose id is configured for its name
    (NOTIFY_TEMPLATE_IDS), receiving the same fields as personalisation. Without one, the
    channel's generic template ("generic_email", "generic_sms", "generic_letter") receives the
    rendered ((subject)) and ((body)) instead. A family letter is posted as its own PDF.
    """

    name = "notify"

    def __init__(self, *, api_key: str, template_ids: dict[str, str], base_url: str = "") -> None:
        if not api_key:
            raise ImproperlyConfigured(
                "SENDCASE_NOTIFY_BACKEND is notify: set NOTIFY_API_KEY (or NOTIFY_API_KEY_FILE)."
            )
        from notifications_python_client.notifications import NotificationsAPIClient

        kwargs = {"base_url": base_url} if base_url else {}
        self.client = NotificationsAPIClient(api_key, **kwargs)
        self.template_ids = template_ids

    def _template_and_fields(self, message: OutboxMessage) -> tuple[str, dict[str, str]]:
        template_id = self.template_ids.get(_template_key(message))
        if template_id:
            return template_id, dict(message.personalisation)
        generic = self.template_ids.get(f"generic_{message.channel}")
        if generic:
            return generic, {"subject": message.subject, "body": message.body}
        raise PermanentFailure(
            f"No GOV.UK Notify template id for {_template_key(message)!r} or generic_{message.channel}: "
            "set NOTIFY_TEMPLATE_IDS"
        )

    def _send_precompiled_letter(self, message: OutboxMessage, reference: str) -> dict[str, object]:
        """Notify's letter API takes the letter as a PDF and reads the address from the page."""
        from sendcase.notifications.letters import letter_pdf

        pdf = letter_pdf(message.letter)
        return self.client.send_precompiled_letter_notification(
            reference=reference, pdf_file=io.BytesIO(pdf), postage=LETTER_POSTAGE
        )

    def send(self, message: OutboxMessage) -> str:
        from notifications_python_client.errors import APIError

        reference = str(message.pk)  # lets Notify's delivery reports be matched back to the outbox row
        try:
            if message.channel == Channel.LETTER and hasattr(message, "letter"):
                response = self._send_precompiled_letter(message, reference)
            elif message.channel == Channel.EMAIL:
                template_id, fields = self._template_and_fields(message)
                response = self.client.send_email_notification(
                    email_address=message.recipient,
                    template_id=template_id,
                    personalisation=fields,
                    reference=reference,
                )
            elif message.channel == Channel.SMS:
                template_id, fields = self._template_and_fields(message)
                response = self.client.send_sms_notification(
                    phone_number=message.recipient, template_id=template_id, personalisation=fields, reference=reference
                )
            elif message.channel == Channel.LETTER:
                template_id, fields = self._template_and_fields(message)
                lines = [line.strip() for line in message.recipient.splitlines() if line.strip()]
                if not 3 <= len(lines) <= LETTER_ADDRESS_LINES:
                    raise PermanentFailure("A letter needs an address of 3 to 7 lines, the last a postcode")
                address = {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}
                response = self.client.send_letter_notification(
                    template_id=template_id, personalisation=address | fields, reference=reference
                )
            else:
                # A phone call is a task for the case officer, never something a backend sends.
                raise PermanentFailure(f"Unknown channel {message.channel!r}")
        except APIError as error:
            # A 4xx is Notify refusing this message (bad address, key or template, or the rate
            # limit): sending the same request again cannot help, so it is never retried.
            if 400 <= error.status_code < 500:
                raise PermanentFailure(f"GOV.UK Notify refused the message: {error}") from error
            raise TemporaryFailure(f"GOV.UK Notify could not be reached: {error}") from error
        return str((response or {}).get("id", ""))


BACKEND_NAMES = ("outbox", "notify")


def backend_name() -> str:
    """The configured backend's name, checked, without connecting to anything."""
    name = settings.SENDCASE_NOTIFY_BACKEND
    if name not in BACKEND_NAMES:
        raise ImproperlyConfigured(f"SENDCASE_NOTIFY_BACKEND must be outbox or notify, not {name!r}.")
    return name


def backend_get(name: str | None = None) -> Backend:
    """The configured backend (SENDCASE_NOTIFY_BACKEND), or the one named."""
    name = name or backend_name()
    if name == "outbox":
        return OutboxBackend()
    if name == "notify":
        return NotifyBackend(
            api_key=settings.NOTIFY_API_KEY,
            template_ids=settings.NOTIFY_TEMPLATE_IDS,
            base_url=settings.NOTIFY_BASE_URL,
        )
    raise ImproperlyConfigured(f"SENDCASE_NOTIFY_BACKEND must be outbox or notify, not {name!r}.")
