"""The family portal's messages, sent through the one gateway (sendcase.notifications.notify).

Like every SENDcase message they carry no child's name or details: an invitation carries the
council's name and the link, a sign-in code only the code, a forgotten-password link only the
link and how long it works, a new message only the words "You have a new message in SENDcase"
and a link, and a family's response to a draft plan or proposed amendments only what was
answered ("a draft EHC plan") and a link to the case. What the family sends reaches the SEND
team through `staff_to_alert`. `register` adds them to the catalogue when the app starts
(PortalConfig.ready); with GOV.UK Notify, configure a template id for each name in
NOTIFY_TEMPLATE_IDS or the generic email template is used (docs/notifications.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

from sendcase.accounts.models import Role, User
from sendcase.notifications.catalogue import TEMPLATES, MessageTemplate
from sendcase.notifications.services import notify
from sendcase.organisations.models import Organisation, OrganisationKind

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


def send_new_message_to_staff(*, child: Child, thread_id: object) -> None:
    link = absolute(reverse("portal_staff:thread", kwargs={"child_id": child.pk, "thread_id": thread_id}))
    for email in staff_to_alert(child):
        notify(to=email, template="family_message_for_staff", personalisation={"link": link}, about_child=child)


def send_response_to_staff(*, child: Child, what: str) -> None:
    """Tell the SEND team a family sent their response (`what`: Consultation.staff_what, "a draft EHC plan")."""
    link = absolute(reverse("staff:child", kwargs={"child_id": child.pk}))
    for email in staff_to_alert(child):
        notify(
            to=email,
            template="family_response_for_staff",
            personalisation={"what": what, "link": link},
            about_child=child,
        )


def staff_to_alert(child: Child) -> list[str]:
    """Who is emailed when the family writes or sends a response.

    The key worker, else the team's shared mailbox, else its managers.
    """
    officer = child.key_worker
    if officer is not None and officer.is_active and officer.email:
        return [officer.email]
    mailbox = (
        Organisation.objects.filter(local_authority_id=child.local_authority_id, kind=OrganisationKind.SEND_TEAM)
        .exclude(email="")
        .order_by("name")
        .values_list("email", flat=True)
        .first()
    )
    if mailbox:
        return [mailbox]
    managers = User.objects.filter(
        local_authority_id=child.local_authority_id, role=Role.TEAM_MANAGER, is_active=True
    ).exclude(email="")
    return list(managers.order_by("email").values_list("email", flat=True))
