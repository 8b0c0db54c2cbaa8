"""The family portal's messages, sent through the one gateway (sendcase.notifications.notify).

Like every SENDcase message they carry no child's name or details: an invitation carries the
council's name and the link, a sign-in code only the code, a forgotten-password link only the
link and how long it works, a new message only the words "You have a new message in
SENDcase" and a link, and a family's response to a draft plan or proposed amendments only what
was answered ("a draft EHC plan") and a link to the case. `register` adds them to the catalogue when the
app starts (PortalConfig.ready); with GOV.UK Notify, configure a template id for each name in
NOTIFY_TEMPLATE_IDS or the generic email template is used (docs/notifications.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

from sendcase.notifications.catalogue import TEMPLATES, MessageTemplate
from sendcase.notifications.services import notify

if TYPE_CHECKING:
    from sendcase.people.models import Child
    from sendcase.portal.models import FamilyAccount

PORTAL_TEMPLATES = (
    MessageTemplate(
        "family_invitation",
        "{{ council }}: create your SENDcase family portal account",
        frozenset({"council", "link", "expires_date"}),
    ),
    MessageTemplate("family_sign_in_code", "Your SENDcase sign-in code", frozenset({"code", "minutes"})),
    MessageTemplate("family_new_message", "You have a new message in SENDcase", frozenset({"link"})),
    MessageTemplate(
        "family_password_reset",
        "Choose a new password for the SENDcase family portal",
        frozenset({"link", "minutes"}),
    ),
    MessageTemplate(
        "family_password_changed",
        "Your SENDcase family portal password has changed",
        frozenset({"council", "link"}),
    ),
    MessageTemplate("family_message_for_staff", "You have a new message in SENDcase", frozenset({"link"})),
    MessageTemplate(
        "family_response_for_staff", "A family has sent their response in SENDcase", frozenset({"what", "link"})
    ),
)


def register() -> None:
    for template in PORTAL_TEMPLATES:
        TEMPLATES.setdefault(template.name, template)


def absolute(path: str) -> str:
    return settings.SENDCASE_BASE_URL + path


def send_invitation(*, account: FamilyAccount, token: str, expires_date: str, child: Child | None) -> None:
    notify(
        to=account.email,
        template="family_invitation",
        personalisation={
            "council": account.local_authority.name,
            "link": absolute(reverse("portal:invitation", kwargs={"token": token})),
            "expires_date": expires_date,
        },
        about_child=child,
        local_authority=account.local_authority,
    )


def send_sign_in_code(*, account: FamilyAccount, code: str) -> None:
    notify(
        to=account.email,
        template="family_sign_in_code",
        personalisation={"code": code, "minutes": str(settings.SENDCASE_FAMILY_CODE_MINUTES)},
        local_authority=account.local_authority,
    )


def send_password_reset(*, account: FamilyAccount, token: str, minutes: int) -> None:
    notify(
        to=account.email,
        template="family_password_reset",
        personalisation={
            "link": absolute(reverse("portal:new-password", kwargs={"token": token})),
            "minutes": str(minutes),
        },
        local_authority=account.local_authority,
    )


def send_password_changed(*, account: FamilyAccount) -> None:
    """Tell the account holder their password changed, so they can tell the council if it was not them."""
    notify(
        to=account.email,
        template="family_password_changed",
        personalisation={
            "council": account.local_authority.name,
            "link": absolute(reverse("portal:forgotten-password")),
        },
        local_authority=account.local_authority,
    )


def send_new_message_to_family(*, account: FamilyAccount, child: Child) -> None:
    notify(
        to=account.email,
        template="family_new_message",
        personalisation={"link": absolute(reverse("portal:messages", kwargs={"child_id": child.pk}))},
        about_child=child,
    )


def send_new_message_to_staff(*, email: str, child: Child, thread_id: object) -> None:
    notify(
        to=email,
        template="family_message_for_staff",
        personalisation={
            "link": absolute(reverse("portal_staff:thread", kwargs={"child_id": child.pk, "thread_id": thread_id}))
        },
        about_child=child,
    )


def send_response_to_staff(*, email: str, child: Child, what: str) -> None:
    """Tell the SEND team a family sent their response (`what`: "a draft EHC plan" or "proposed amendments")."""
    notify(
        to=email,
        template="family_response_for_staff",
        personalisation={"what": what, "link": absolute(reverse("staff:child", kwargs={"child_id": child.pk}))},
        about_child=child,
    )
