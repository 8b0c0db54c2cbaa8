"""Adding and changing children and their families."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sendcase import identifiers, sen2codes
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited, diff, snapshot
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import Forbidden
from sendcase.core.locking import bump_version, lock_current
from sendcase.people.models import Channel, Child, FamilyLink, FamilyMember, Relationship

if TYPE_CHECKING:
    from sendcase.accounts.models import User

CHILD_FIELDS = (
    "first_name",
    "last_name",
    "known_as",
    "date_of_birth",
    "sex",
    "ethnicity",
    "upn",
    "uln",
    "nhs_number",
    "upn_unknown",
    "postcode",
    "address",
    "primary_need",
    "secondary_need",
    "setting",
    "locality",
    "looked_after",
)
_IDENTIFIERS: dict[str, Callable[[str], str]] = {
    "upn": identifiers.validate_upn,
    "uln": identifiers.validate_uln,
    "nhs_number": identifiers.validate_nhs_number,
    "postcode": identifiers.validate_postcode,
}
MAX_AGE_YEARS = 25


def _clean_child(checks: Checks, data: dict[str, Any], *, la_id: object, exclude_pk: object = None) -> dict[str, Any]:
    clean = dict(data)
    for field, validate in _IDENTIFIERS.items():
        raw = (clean.get(field) or "").strip()
        if raw:
            try:
                clean[field] = validate(raw)
            except identifiers.IdentifierError as exc:
                checks.add(field, str(exc))
        else:
            clean[field] = ""
    for field in ("first_name", "last_name"):
        clean[field] = (clean.get(field) or "").strip()
    if not clean["first_name"]:
        checks.add("first_name", "Enter the child's first name")
    if not clean["last_name"]:
        checks.add("last_name", "Enter the child's last name")
    dob = clean.get("date_of_birth")
    if dob is None:
        checks.add("date_of_birth", "Enter the child's date of birth")
    elif dob > today():
        checks.add("date_of_birth", "Date of birth must be in the past")
    elif (today() - dob).days > (MAX_AGE_YEARS + 1) * 366:
        checks.add("date_of_birth", "EHC plans are for children and young people up to 25: check the date of birth")
    if clean.get("upn") and clean.get("upn_unknown"):
        checks.add("upn_unknown", "Leave the reason blank when you have entered a UPN")
    codes = {c.value for c in sen2codes.SENType}
    for field in ("primary_need", "secondary_need"):
        if clean.get(field) and clean[field] not in codes:
            checks.add(field, "Select a type of need from the list")
    if clean.get("secondary_need") and clean.get("secondary_need") == clean.get("primary_need"):
        checks.add("secondary_need", "The secondary need must differ from the primary need")
    if clean.get("upn"):
        clash = Child.objects.filter(local_authority_id=la_id, upn=clean["upn"]).exclude(pk=exclude_pk).first()
        if clash is not None:
            checks.add(
                "upn",
                "Another child on your records already has this UPN. Search for them instead of adding a new record",
            )
    return clean


def child_create(*, actor: User, data: dict[str, Any]) -> Child:
    """Add a child or young person to the council's records."""
    if not actor.can_do_casework:
        raise Forbidden("Only the SEND team can add children.")
    checks = Checks()
    clean = _clean_child(checks, {k: data.get(k) for k in CHILD_FIELDS if k in data}, la_id=actor.local_authority_id)
    checks.raise_if_any()
    with audited_transaction():
        child = create_audited(
            Child,
            actor=actor,
            about=lambda new: new,
            what="Child added",
            audited=clean,
            local_authority_id=actor.local_authority_id,
            **clean,
        )
    return child


def child_update(*, actor: User, child: Child, data: dict[str, Any], expected_version: int | None) -> Child:
    """Change a child's details; old and new values go to the audit trail."""
    from sendcase.access import require_casework

    require_casework(actor, child)
    checks = Checks()
    merged = {k: getattr(child, k) for k in CHILD_FIELDS} | {k: v for k, v in data.items() if k in CHILD_FIELDS}
    clean = _clean_child(checks, merged, la_id=child.local_authority_id, exclude_pk=child.pk)
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(child, expected_version=expected_version, what="this child's details")
        before = snapshot(current, clean)
        for name, value in clean.items():
            setattr(current, name, value)
        bump_version(current)
        current.modified_by = actor
        current.save()
        changes = diff(before, snapshot(current, clean))
        if changes:
            audit_change(
                actor=actor,
                action=Action.UPDATE,
                instance=current,
                child=current,
                summary="Child's details changed",
                changes=changes,
            )
    return current


def family_member_add(
    *,
    actor: User,
    child: Child,
    first_name: str,
    last_name: str,
    relationship: str,
    parental_responsibility: bool,
    email: str = "",
    mobile: str = "",
    address: str = "",
    postcode: str = "",
    preferred_channel: str = Channel.EMAIL,
    language: str = "English",
    needs_interpreter: bool = False,
    no_internet: bool = False,
    main_contact: bool = False,
) -> FamilyMember:
    """Add a parent or carer to a child's record with how they want to be contacted."""
    from sendcase.access import require_casework

    require_casework(actor, child)
    checks = Checks()
    if not first_name.strip():
        checks.add("first_name", "Enter their first name")
    if not last_name.strip():
        checks.add("last_name", "Enter their last name")
    if relationship not in Relationship.values:
        checks.add("relationship", "Select their relationship to the child")
    if preferred_channel not in Channel.values:
        checks.add("preferred_channel", "Select how they prefer to be contacted")
    if preferred_channel == Channel.EMAIL and not email:
        checks.add("email", "Enter an email address, or choose another way to contact them")
    if preferred_channel == Channel.SMS and not mobile:
        checks.add("mobile", "Enter a mobile number, or choose another way to contact them")
    if (preferred_channel == Channel.POST or no_internet) and not (address and postcode):
        checks.add("address", "Enter their address so letters can be posted")
    if preferred_channel in (Channel.EMAIL, Channel.SMS) and no_internet:
        checks.add("preferred_channel", "They have no internet access: choose letters by post or phone calls")
    if postcode:
        try:
            postcode = identifiers.validate_postcode(postcode)
        except identifiers.IdentifierError as exc:
            checks.add("postcode", str(exc))
    checks.raise_if_any()
    with audited_transaction():
        member = create_audited(
            FamilyMember,
            actor=actor,
            about=child,
            what="Family member added",
            audited=["first_name", "last_name", "preferred_channel", "no_internet", "language"],
            local_authority=child.local_authority,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            mobile=mobile,
            address=address,
            postcode=postcode,
            preferred_channel=preferred_channel,
            language=language or "English",
            needs_interpreter=needs_interpreter,
            no_internet=no_internet,
        )
        create_audited(
            FamilyLink,
            actor=actor,
            about=child,
            what="Family member linked to the child",
            audited=["member", "relationship", "parental_responsibility"],
            child=child,
            member=member,
            relationship=relationship,
            parental_responsibility=parental_responsibility,
            main_contact=main_contact,
        )
    return member
