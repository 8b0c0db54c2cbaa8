"""Partner organisations' own accounts: adding and removing their people, their shared mailbox.

An organisation's administrators (User.is_organisation_admin) look after their own people, so a
school or NHS trust does not wait on the council to give a new SENCo access or to take it away
from someone who has left; the council's SEND administrators can do the same for any
organisation in their directory (access.require_organisation_admin).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sendcase.access import require_organisation_admin
from sendcase.accounts.models import Role, User
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, diff, snapshot
from sendcase.cases.models import AdviceRequest, Outcome
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.teams.models import TeamMembership

if TYPE_CHECKING:
    from django.db.models import QuerySet

# The roles an organisation gives its own people. SEND team roles are the council's to give.
PARTNER_ACCOUNT_ROLES = (Role.PROFESSIONAL, Role.EDUCATIONAL_PSYCHOLOGIST)
PERSON_FIELDS = ["email", "first_name", "last_name", "role", "job_title", "organisation", "is_organisation_admin"]


@dataclass(frozen=True)
class PersonAdded:
    person: User
    # Where the person chooses their password; it works once, until they sign in or it expires.
    set_password_path: str


@dataclass(frozen=True)
class PersonRemoved:
    person: User
    advice_returned: int
    memberships_ended: int


def set_password_path(person: User) -> str:
    """A one-use link for `person` to choose a password (Django's password reset token)."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    return reverse("teams:set-password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(person)})


def _check_email(checks: Checks, email: str, *, field: str = "email", what: str = "email address") -> None:
    if not email:
        checks.add(field, f"Enter the {what}")
        return
    try:
        validate_email(email)
    except ValidationError:
        checks.add(field, f"Enter the {what} in the right format, like name@example.org")


def organisation_person_add(
    *,
    actor: User,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    job_title: str = "",
    is_organisation_admin: bool = False,
) -> PersonAdded:
    """Give someone in `organisation` an account; they choose their password through the link returned."""
    require_organisation_admin(actor, organisation)
    email = email.strip().lower()
    checks = Checks()
    if organisation.kind == OrganisationKind.SEND_TEAM:
        checks.add("organisation", "The council adds its SEND team's staff itself")
    if not first_name.strip():
        checks.add("first_name", "Enter their first name")
    if not last_name.strip():
        checks.add("last_name", "Enter their last name")
    _check_email(checks, email)
    if "email" not in checks.errors and User.objects.filter(email__iexact=email).exists():
        checks.add("email", "Someone already has an account with this email address")
    if role not in PARTNER_ACCOUNT_ROLES:
        checks.add("role", "Select what they do")
    checks.raise_if_any()
    with audited_transaction():
        person = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=role,
            job_title=job_title.strip(),
            organisation=organisation,
            local_authority_id=organisation.local_authority_id,
            is_organisation_admin=is_organisation_admin,
        )
        # No password until they choose one through the link, so nobody else ever knows it.
        person.set_unusable_password()
        person.save()
        audit_change(
            actor=actor,
            action=Action.CREATE,
            instance=person,
            summary=f"Account added for {person} at {organisation}",
            changes={name: [None, value] for name, value in snapshot(person, PERSON_FIELDS).items()},
        )
    return PersonAdded(person=person, set_password_path=set_password_path(person))


def open_advice_of(person: User) -> QuerySet[AdviceRequest]:
    """Advice asked of `person` by name and not yet given, on requests still open."""
    return AdviceRequest.objects.filter(
        assigned_to=person, received_on__isnull=True, request__outcome=Outcome.OPEN
    ).select_related("request__child", "organisation")


def current_memberships_of(person: User) -> QuerySet[TeamMembership]:
    return TeamMembership.objects.filter(person=person, ended_on__isnull=True).select_related("child")


def organisation_person_remove(*, actor: User, person: User) -> PersonRemoved:
    """Close `person`'s account: their open advice goes back to the organisation's inbox, their team places end."""
    organisation = person.organisation
    if organisation is None:
        raise _no_org(person)
    require_organisation_admin(actor, organisation)
    checks = Checks()
    if person.pk == actor.pk:
        checks.add("person", "You cannot remove your own account: ask another administrator")
    elif not person.is_active:
        checks.add("person", f"{person}'s account was already removed")
    checks.raise_if_any()
    on = today()
    with audited_transaction():
        current = User.objects.select_for_update().get(pk=person.pk)
        current.is_active = False
        current.save(update_fields=["is_active"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            summary=f"Account of {current} at {organisation} removed",
            changes={"is_active": [True, False]},
        )
        returned = 0
        for advice in open_advice_of(current).select_for_update(of=("self",)):
            before = snapshot(advice, ["assigned_to", "organisation"])
            advice.assigned_to = None
            # An advice request asked of the person alone still needs an answer from their organisation.
            advice.organisation = advice.organisation or organisation
            bump_version(advice)
            advice.modified_by = actor
            advice.save(update_fields=["assigned_to", "organisation", "version", "modified_by", "modified_at"])
            audit_change(
                actor=actor,
                action=Action.UPDATE,
                instance=advice,
                child=advice.request.child,
                summary=f"{advice} returned to {advice.organisation}'s inbox: {current} left",
                changes=diff(before, snapshot(advice, ["assigned_to", "organisation"])),
            )
            returned += 1
        ended = 0
        for membership in current_memberships_of(current).select_for_update(of=("self",)):
            # max(): a start date entered later than today must not break the end-after-start rule.
            membership.ended_on = max(on, membership.started_on)
            bump_version(membership)
            membership.modified_by = actor
            membership.save(update_fields=["ended_on", "version", "modified_by", "modified_at"])
            audit_change(
                actor=actor,
                action=Action.UPDATE,
                instance=membership,
                child=membership.child,
                summary=f"{membership} left the team around the child: account removed",
                changes={"ended_on": [None, membership.ended_on.isoformat()]},
            )
            ended += 1
    return PersonRemoved(person=current, advice_returned=returned, memberships_ended=ended)


def _no_org(person: User) -> ValidationFailed:
    return ValidationFailed("There is a problem", field_errors={"person": f"{person} is not in a partner organisation"})


def organisation_mailbox_update(*, actor: User, organisation: Organisation, email: str) -> Organisation:
    """Change the shared mailbox where SENDcase sends the organisation's advice requests."""
    require_organisation_admin(actor, organisation)
    email = email.strip().lower()
    checks = Checks()
    _check_email(checks, email, what="shared mailbox's email address")
    if not checks.errors and email == organisation.email.lower():
        checks.add("email", "That is already the shared mailbox")
    checks.raise_if_any()
    with audited_transaction():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = snapshot(current, ["email"])
        current.email = email
        current.save(update_fields=["email", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            summary=f"Shared mailbox of {current} changed",
            changes=diff(before, snapshot(current, ["email"])),
        )
    return current


def organisation_admin_set(*, actor: User, person: User, is_admin: bool) -> User:
    """Make `person` one of their organisation's administrators, or stop them being one."""
    organisation = person.organisation
    if organisation is None:
        raise _no_org(person)
    require_organisation_admin(actor, organisation)
    checks = Checks()
    if not person.is_active:
        checks.add("is_organisation_admin", f"{person}'s account was removed")
    elif person.is_organisation_admin == is_admin:
        checks.add(
            "is_organisation_admin",
            f"{person} is already an administrator" if is_admin else f"{person} is not an administrator",
        )
    elif person.pk == actor.pk and not is_admin:
        checks.add(
            "is_organisation_admin", "You cannot stop being an administrator yourself: ask another administrator"
        )
    checks.raise_if_any()
    with audited_transaction():
        current = User.objects.select_for_update().get(pk=person.pk)
        current.is_organisation_admin = is_admin
        current.save(update_fields=["is_organisation_admin"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            summary=f"{current} {'made' if is_admin else 'no longer'} an administrator of {organisation}",
            changes={"is_organisation_admin": [not is_admin, is_admin]},
        )
    return current
