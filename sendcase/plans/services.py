"""Writing a plan's content: editing a section, issuing a version, recording progress on an outcome.

The content is a maintained plan's, or the draft plan of an assessment request before its plan
is issued (sendcase/plans/owners.py): each service takes `plan=` or `request=`.

Every service checks its input fully before it writes (sendcase/plans/validation.py), runs in
one audited transaction, and refuses a change based on a stale view of the working content
(optimistic locking, sendcase.core.locking).
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sendcase.access import require_casework
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited
from sendcase.cases.models import AssessmentRequest, Plan
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version, lock_current
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.plans.amending import amendment_problems
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion, ProgressRating, VersionKind
from sendcase.plans.owners import PlanOwner
from sendcase.plans.sections import PROVISION_SECTIONS, SECTIONS, section_get
from sendcase.plans.validation import Context, content_hash, content_problems, outcome_ids, section_clean
from sendcase.timescales import format_date

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child


def setting_names(child: Child) -> dict[str, str]:
    """The schools and settings section I may name: those of the child's council."""
    settings = Organisation.objects.filter(
        local_authority_id=child.local_authority_id, kind=OrganisationKind.SETTING
    ).values_list("pk", "name")
    return {str(pk): name for pk, name in settings}


def _draft_for_update(owner: PlanOwner, *, actor: User, expected_version: int | None) -> tuple[PlanDraftContent, bool]:
    """The working content, locked; created if nobody has written any yet (from the request's draft, if any)."""
    defaults: dict[str, Any] = {"created_by": actor, "modified_by": actor}
    start = owner.starting_content()
    if start is not None:
        defaults["content"] = copy.deepcopy(start)
    draft, created = PlanDraftContent.objects.get_or_create(**owner.key, defaults=defaults)
    return lock_current(draft, expected_version=expected_version, what=owner.what), created


def _prune_links(content: dict[str, Any], kept: set[str]) -> list[str]:
    """Unlink provision from outcomes no longer in section E; the sections it changed."""
    changed = []
    for code in PROVISION_SECTIONS:
        for item in content.get(code, {}).get("items", []):
            links = [link for link in item.get("outcomes", []) if link in kept]
            if links != item.get("outcomes", []):
                item["outcomes"] = links
                changed.append(code)
    return sorted(set(changed))


def _heading(owner: PlanOwner) -> str:
    return "Draft EHC plan" if owner.is_request else "EHC plan"


def plan_content_update(
    *,
    actor: User,
    plan: Plan | None = None,
    section: str,
    data: Any,
    version: int | None,
    request: AssessmentRequest | None = None,
) -> PlanDraftContent:
    """Replace one section of the working content of a plan (or of a request's draft plan).

    `version` is the version the editor saw. Items of list sections keep their ids, so an
    outcome or a row of provision can be followed from one version to the next. Removing an
    outcome unlinks provision from it.
    """
    owner = PlanOwner.of(plan=plan, request=request)
    require_casework(actor, owner.child)
    owner.require_writable()
    spec = section_get(section)
    if spec is None:
        raise ValidationFailed("There is a problem", field_errors={"section": "There is no such section of a plan"})
    current = PlanDraftContent.objects.filter(**owner.key).first()
    content = current.content if current else (owner.starting_content() or {})
    context = Context(
        on=today(),
        outcome_ids=outcome_ids(content),
        settings=setting_names(owner.child) if section == "i" else None,
    )
    clean = section_clean(section, data, context=context)
    with audited_transaction():
        draft, created = _draft_for_update(owner, actor=actor, expected_version=version)
        before = draft.content.get(section, spec.empty())
        draft.content = {**draft.content, section: clean}
        also = _prune_links(draft.content, outcome_ids(draft.content)) if section == "e" else []
        if before == clean and not also and not created:
            return draft
        if not created:
            bump_version(draft)
        draft.modified_by = actor
        draft.save()
        audit_change(
            actor=actor,
            action=Action.CREATE if created else Action.UPDATE,
            instance=draft,
            child=owner.child,
            summary=f"{_heading(owner)} {spec.heading} changed"
            + (f"; provision unlinked from removed outcomes in {', '.join(c.upper() for c in also)}" if also else ""),
            changes={section: [before, clean]},
        )
    return draft


def _next_kind_problems(checks: Checks, owner: PlanOwner, kind: str, issued_on: dt.date | None) -> int:
    """Check the kind and date against earlier versions; the number the new version takes."""
    versions = list(owner.versions().order_by("number").values_list("number", "kind", "issued_on"))
    finals = [v for v in versions if v[1] in (VersionKind.ISSUED, VersionKind.AMENDED)]
    if kind not in VersionKind.values:
        checks.add("kind", "Choose whether this version is issued, amended or a draft for consultation")
    elif owner.is_request and kind != VersionKind.DRAFT:
        checks.add("kind", "Before the final plan is issued, a version of the plan is a draft for consultation")
    elif kind == VersionKind.ISSUED and finals:
        checks.add("kind", "This plan has already been issued; choose 'Amended' for a later final version")
    elif kind == VersionKind.AMENDED and not finals:
        checks.add("kind", "An amended plan follows an issued one; choose 'Issued' for the first final version")
    checks.date_required("issued_on", issued_on, "date the version was issued")
    checks.not_in_future("issued_on", issued_on, "date the version was issued")
    if versions and issued_on and issued_on < versions[-1][2]:
        checks.add(
            "issued_on",
            f"The date must be on or after the date of version {versions[-1][0]} ({format_date(versions[-1][2])})",
        )
    return versions[-1][0] + 1 if versions else 1


def _amendment_checks(
    checks: Checks, owner: PlanOwner, kind: str, on: dt.date | None, order_step: Any, through_review: bool
) -> None:
    """An amended version needs proposals and the family's 15 days (reg 22), or a Tribunal order (reg 44)."""
    if order_step is not None and kind != VersionKind.AMENDED:
        checks.add("kind", "A Tribunal order to amend the plan is carried out by an amended version")
    if kind != VersionKind.AMENDED or owner.plan is None or "kind" in checks.errors:
        return
    for key, message in amendment_problems(
        owner.plan, on=on, order_step=order_step, through_review=through_review
    ).items():
        checks.add(key, message)


def plan_version_issue(
    *,
    actor: User,
    plan: Plan | None = None,
    kind: str,
    issued_on: dt.date | None,
    expected_version: int | None = None,
    request: AssessmentRequest | None = None,
    order_step: Any = None,
    through_review: bool = True,
) -> PlanVersion:
    """Freeze the working content as the next version (1, 2, ...), never to change again.

    `kind` is "issued" for the first final plan, "amended" for every later final plan and
    "draft" for a draft or proposed amendments sent for the family's views (reg 13(1) for the
    draft of a request's plan, given as `request`; reg 22(2) for proposed amendments). Refused,
    naming each section and item at fault, unless the content is complete and its outcomes are
    time-bound after `issued_on`. `expected_version` is the working content's version the person
    saw, when they saw it; None skips that check.

    An amended version needs an annual review whose proposed amendments were sent and whose
    15 days for the family's comments have ended (or they replied): the review's own service
    issues it (`through_review`). Otherwise it needs `order_step`, an outstanding "Issue the
    amended plan" step of a Tribunal order about this plan, which is then recorded as done on
    the version's date (sendcase/plans/amending.py).
    """
    owner = PlanOwner.of(plan=plan, request=request)
    require_casework(actor, owner.child)
    owner.require_writable()
    checks = Checks()
    _next_kind_problems(checks, owner, kind, issued_on)
    _amendment_checks(checks, owner, kind, issued_on, order_step, through_review)
    checks.raise_if_any()
    on: dt.date = issued_on  # type: ignore[assignment]  # present: checked above
    with audited_transaction():
        draft, _ = _draft_for_update(owner, actor=actor, expected_version=expected_version)
        # Numbers are taken under the working content's lock, so two issues cannot take the same one.
        number = _next_kind_problems(checks, owner, kind, on)
        content = {s.code: copy.deepcopy(draft.content.get(s.code, s.empty())) for s in SECTIONS}
        errors = content_problems(content, on=on, final=kind != VersionKind.DRAFT)
        if errors or checks.errors:
            raise ValidationFailed("There is a problem", field_errors={**checks.errors, **errors})
        version = PlanVersion(
            **owner.key,
            number=number,
            kind=kind,
            issued_on=on,
            content=content,
            sha256=content_hash(content),
            created_by=actor,
            modified_by=actor,
        )
        version.save(force_insert=True)
        audit_change(
            actor=actor,
            action=Action.CREATE,
            instance=version,
            child=owner.child,
            summary=f"{_heading(owner)} version {number} ({version.get_kind_display().lower()}) issued"
            + (" under the Tribunal's order" if order_step is not None else ""),
            changes={
                "number": [None, number],
                "kind": [None, kind],
                "issued_on": [None, on.isoformat()],
                "sha256": [None, version.sha256],
            },
        )
        if order_step is not None:
            from sendcase.appeals.services import tribunal_order_step_comply

            tribunal_order_step_comply(actor=actor, step=order_step, complied_on=on, expected_version=None)
    return version


def proposed_amendments_freeze(*, actor: User, plan: Plan, sent_on: dt.date) -> PlanVersion | None:
    """Freeze the proposed amendments sent to the family as a draft version dated `sent_on` (reg 22(2)).

    So the family, and the comparison with the plan in force, show exactly what was proposed,
    however the working content changes afterwards. A plan whose content SENDcase does not hold
    (no working content and no version) has nothing to freeze: None. Content that is held but
    incomplete is refused, as any version would be, and nothing is written.
    """
    owner = PlanOwner.of(plan=plan)
    if not PlanDraftContent.objects.filter(plan=plan).exists() and not owner.versions().exists():
        return None
    return plan_version_issue(actor=actor, plan=plan, kind=VersionKind.DRAFT, issued_on=sent_on)


def known_outcomes(plan: Plan) -> dict[str, str]:
    """Every outcome of the plan's working content and versions, by id: the text it has most recently."""
    found: dict[str, str] = {}
    owner = PlanOwner.of(plan=plan)
    for content in owner.versions().order_by("number").values_list("content", flat=True):
        found.update({item["id"]: item["outcome"] for item in content.get("e", {}).get("items", [])})
    draft = PlanDraftContent.objects.filter(plan=plan).values_list("content", flat=True).first()
    draft = draft or owner.starting_content()
    if draft:
        found.update({item["id"]: item["outcome"] for item in draft.get("e", {}).get("items", [])})
    return found


def outcome_progress_record(
    *,
    actor: User,
    plan: Plan,
    outcome_id: uuid.UUID | str,
    recorded_on: dt.date | None,
    rating: str,
    note: str = "",
) -> OutcomeProgress:
    """Record progress towards an outcome of section E (reviewed at each annual review, reg 21(5))."""
    require_casework(actor, plan.child)
    PlanOwner.of(plan=plan).require_writable()
    checks = Checks()
    if str(outcome_id) not in known_outcomes(plan):
        checks.add("outcome", "This outcome is not in the plan")
    if rating not in ProgressRating.values:
        checks.add("rating", "Choose how much progress has been made")
    checks.date_required("recorded_on", recorded_on, "date of the progress")
    checks.not_in_future("recorded_on", recorded_on, "date of the progress")
    checks.not_before("recorded_on", recorded_on, plan.issued_on, "date of the progress", "date the plan was issued")
    note = (note or "").strip()
    if len(note) > 5000:
        checks.add("note", "The note must be 5,000 characters or fewer")
    checks.raise_if_any()
    with audited_transaction():
        return create_audited(
            OutcomeProgress,
            actor=actor,
            about=plan.child,
            what="Progress recorded against an EHC plan outcome",
            audited=("outcome_id", "recorded_on", "rating", "note"),
            plan=plan,
            outcome_id=uuid.UUID(str(outcome_id)),
            recorded_on=recorded_on,
            rating=rating,
            note=note,
            recorded_by=actor,
        )
