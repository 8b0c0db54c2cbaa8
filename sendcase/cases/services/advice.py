"""Advice for an EHC needs assessment: asking for it, assigning it, and the contributor's answer.

The council asks each contributor for advice and information (reg 6); they must give it within
6 weeks of receiving the request (reg 8(1)), unless an exception in reg 8(2) applies. Requests
reach an organisation's inbox and, when assigned, one person there; the contributor answers
through SENDcase and the case officer's caseload moves on at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sendcase import timescales
from sendcase.access import require_casework
from sendcase.access.advice import advice_contributor_may_write
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction, create_audited, diff, snapshot
from sendcase.cases.models import (
    AdviceDocument,
    AdviceRequest,
    AssessDecision,
    AssessmentRequest,
    Contributor,
    RequestKind,
    TimescaleException,
)
from sendcase.cases.services.advice_documents import uploads_check, uploads_discard, uploads_store
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.cases.services.requests import _require_open, exception_add
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version, lock_current
from sendcase.notifications.family import Notice, family_notify_step
from sendcase.notifications.services import notify

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from sendcase.accounts.models import User
    from sendcase.organisations.models import Organisation

SUBMISSION_FIELDS = (
    "needs",
    "outcomes_recommended",
    "provision_recommended",
    "health_or_care_notes",
    "further_information",
)


def advice_link(advice: AdviceRequest) -> str:
    """Where a contributor opens this request in SENDcase."""
    return settings.SENDCASE_BASE_URL + reverse("staff:advice-detail", kwargs={"advice_id": advice.pk})


def advice_message_fields(advice: AdviceRequest) -> dict[str, str]:
    """What every message about a request for advice may say: never the child's name or details."""
    child = advice.request.child
    return {
        "council": child.local_authority.name,
        "contributor": advice.get_contributor_display().lower(),
        "reference": child.reference,
        "due_date": timescales.format_date(timescales.advice_due(advice.requested_on)),
        "link": advice_link(advice),
    }


def _notify_inbox(advice: AdviceRequest, *, template: str, people: Sequence[User | None] = ()) -> None:
    """Tell the named people and the organisation's shared mailbox, once each."""
    addresses = [p.email for p in people if p is not None and p.is_active and p.email]
    if advice.organisation_id and advice.organisation and advice.organisation.email:
        addresses.append(advice.organisation.email)
    for address in dict.fromkeys(a.lower() for a in addresses):
        notify(
            to=address,
            template=template,
            personalisation=advice_message_fields(advice),
            about_child=advice.request.child,
        )


def advice_request_add(
    *,
    actor: User,
    request: AssessmentRequest,
    contributor: str,
    requested_on: dt.date | None,
    organisation: Organisation | None = None,
    assigned_to: User | None = None,
    instructions: str = "",
) -> AdviceRequest:
    """Ask a contributor for advice; they have 6 weeks from receiving the request (reg 8(1))."""
    require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if request.kind == RequestKind.INITIAL and request.assess_decision != AssessDecision.ASSESS:
        checks.add("contributor", "Record a decision to assess before asking for advice")
    if contributor not in Contributor.values:
        checks.add("contributor", "Select who the advice is from")
    checks.date_required("requested_on", requested_on, "date the contributor received the request")
    checks.not_before(
        "requested_on", requested_on, request.received_on, "date of the advice request", "date the request was received"
    )
    checks.not_in_future("requested_on", requested_on, "date of the advice request")
    if (
        assigned_to is not None
        and organisation is not None
        and assigned_to.organisation_id
        not in (
            None,
            organisation.pk,
        )
    ):
        checks.add("assigned_to", f"{assigned_to} does not work for {organisation}")
    checks.raise_if_any()
    with audited_transaction():
        lock_current(request, expected_version=None, what="this request")
        advice = create_audited(
            AdviceRequest,
            actor=actor,
            about=request.child,
            what=lambda advice: f"{advice.get_contributor_display()} advice requested",
            audited=["contributor", "requested_on", "organisation", "assigned_to"],
            request=request,
            contributor=contributor,
            requested_on=requested_on,
            organisation=organisation,
            assigned_to=assigned_to,
            instructions=instructions.strip(),
        )
        caseload_refresh(child=request.child)
        _notify_inbox(advice, template="advice_requested", people=[assigned_to])
        # The family hears once that advice is being gathered, not once per contributor.
        if not AdviceRequest.objects.filter(request=request).exclude(pk=advice.pk).exists():
            family_notify_step(actor=actor, request=request, notice=Notice.ADVICE_REQUESTED, advice=advice)
    return advice


def advice_received_record(
    *, actor: User, advice: AdviceRequest, received_on: dt.date | None, summary: str = "", expected_version: int | None
) -> AdviceRequest:
    """Record that a contributor's advice has arrived (by post or email, outside SENDcase)."""
    request = advice.request
    if advice.assigned_to_id != actor.pk:
        require_casework(actor, request.child)
    checks = Checks()
    _require_open(checks, request)
    if advice.received_on:
        checks.add("received_on", "This advice has already been recorded as received")
    checks.date_required("received_on", received_on, "date the advice was received")
    checks.not_before(
        "received_on", received_on, advice.requested_on, "date the advice was received", "date it was requested"
    )
    checks.not_in_future("received_on", received_on, "date the advice was received")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(advice, expected_version=expected_version, what="this advice request")
        before = snapshot(current, ["received_on", "summary"])
        current.received_on = received_on
        current.summary = summary
        bump_version(current)
        current.modified_by = actor
        current.save()
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=request.child,
            summary=f"{current.get_contributor_display()} advice received",
            changes=diff(before, snapshot(current, ["received_on", "summary"])),
        )
        caseload_refresh(child=request.child)
    return current


def _require_contributor(actor: User, advice: AdviceRequest) -> None:
    if not advice_contributor_may_write(actor, advice):
        raise PermissionDenied("Only the person this request is assigned to can answer it.")


def advice_assign(
    *, actor: User, advice: AdviceRequest, assignee: User | None, expected_version: int | None
) -> AdviceRequest:
    """An organisation administrator hands a request in the shared inbox to a colleague."""
    if not (actor.is_organisation_admin and advice.organisation_id and actor.organisation_id == advice.organisation_id):
        raise PermissionDenied("Only an administrator of the organisation can assign its requests.")
    checks = Checks()
    _require_open(checks, advice.request)
    if advice.received_on:
        checks.add("assignee", "This advice has already been received")
    elif advice.assigned_to_id:
        checks.add("assignee", f"This request is already assigned to {advice.assigned_to}")
    if assignee is None:
        checks.add("assignee", "Select the colleague who will give this advice")
    elif assignee.organisation_id != advice.organisation_id:
        checks.add("assignee", f"{assignee} does not work for {advice.organisation}")
    elif not assignee.is_active:
        checks.add("assignee", f"{assignee} no longer has an active account")
    checks.raise_if_any()
    with audited_transaction():
        current = lock_current(advice, expected_version=expected_version, what="this request for advice")
        if current.assigned_to_id:
            raise ValidationFailed("There is a problem", field_errors={"assignee": "Someone assigned it first"})
        current.assigned_to = assignee
        bump_version(current)
        current.modified_by = actor
        current.save(update_fields=["assigned_to", "version", "modified_by", "modified_at"])
        audit_change(
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            child=advice.request.child,
            summary=f"{current.get_contributor_display()} advice assigned to {assignee}",
            changes={"assigned_to": [None, str(assignee.pk)]},  # type: ignore[union-attr]
        )
        notify(
            to=assignee.email,  # type: ignore[union-attr]
            template="advice_assigned",
            personalisation=advice_message_fields(current),
            about_child=advice.request.child,
        )
    return current


def advice_submit(
    *,
    actor: User,
    advice: AdviceRequest,
    needs: str = "",
    outcomes_recommended: str = "",
    provision_recommended: str = "",
    health_or_care_notes: str = "",
    further_information: str = "",
    documents: Sequence[UploadedFile] = (),
    received_on: dt.date | None = None,
    expected_version: int | None,
) -> AdviceRequest:
    """The contributor sends their advice: the advice step is done, on the case page and the caseload.

    `received_on` is the day the council has the advice, today unless a case officer is entering
    advice that arrived earlier. Nothing is written (no record, no file) if anything is wrong.
    """
    if not advice_contributor_may_write(actor, advice):
        require_casework(actor, advice.request.child)
    received_on = received_on or today()
    texts = {
        "needs": needs.strip(),
        "outcomes_recommended": outcomes_recommended.strip(),
        "provision_recommended": provision_recommended.strip(),
        "health_or_care_notes": health_or_care_notes.strip(),
        "further_information": further_information.strip(),
    }
    checks = Checks()
    _require_open(checks, advice.request)
    if advice.received_on:
        checks.add("needs", f"This advice was already received on {timescales.format_date(advice.received_on)}")
    if not any(texts.values()) and not documents:
        checks.add("needs", "Enter your advice, or attach a document with it")
    checks.not_before("received_on", received_on, advice.requested_on, "date of the advice", "date it was requested")
    checks.not_in_future("received_on", received_on, "date of the advice")
    uploads = uploads_check(checks, documents)
    checks.raise_if_any()

    stored = uploads_store(uploads)
    fields = [*SUBMISSION_FIELDS, "received_on"]
    try:
        with audited_transaction():
            current = lock_current(advice, expected_version=expected_version, what="this request for advice")
            if current.received_on:
                raise ValidationFailed(
                    "There is a problem", field_errors={"needs": "This advice has already been received"}
                )
            before = snapshot(current, fields)
            for name, value in texts.items():
                setattr(current, name, value)
            current.received_on = received_on
            current.submitted_by, current.submitted_at = actor, timezone.now()
            bump_version(current)
            current.modified_by = actor
            current.save()
            child = advice.request.child
            audit_change(
                actor=actor,
                action=Action.UPDATE,
                instance=current,
                child=child,
                summary=f"{current.get_contributor_display()} advice submitted",
                changes=diff(before, snapshot(current, fields)),
            )
            for item in stored:
                create_audited(
                    AdviceDocument,
                    actor=actor,
                    about=child,
                    what=f"Document attached to {current.get_contributor_display().lower()} advice",
                    audited=["original_name", "content_type", "size", "sha256"],
                    advice=current,
                    stored_name=item.stored_name,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                )
            caseload_refresh(child=child)
            officer = child.key_worker
            if officer is not None and officer.is_active and officer.email:
                notify(
                    to=officer.email,
                    template="advice_submitted",
                    personalisation={
                        "contributor": current.get_contributor_display().lower(),
                        "reference": child.reference,
                        "received_date": timescales.format_date(received_on),
                        "link": settings.SENDCASE_BASE_URL + reverse("staff:child", kwargs={"child_id": child.pk}),
                    },
                    about_child=child,
                )
    except BaseException:
        uploads_discard(stored)
        raise
    return current


def advice_exception_record(
    *,
    actor: User,
    advice: AdviceRequest,
    kind: str,
    start_on: dt.date | None,
    end_on: dt.date | None = None,
    note: str = "",
) -> TimescaleException:
    """The contributor records why their advice is delayed, under reg 8(2)(a)-(c).

    For example the child did not attend the appointment on a given day (reg 8(2)(c)). The
    exception is recorded against this advice only, through the same service case officers use.
    """
    _require_contributor(actor, advice)
    checks = Checks()
    _require_open(checks, advice.request)
    if advice.received_on:
        checks.add("kind", "This advice has already been received")
    valid = {k.value: k for k in timescales.ExceptionKind if k.applies_to_advice}
    if kind not in valid:
        checks.add("kind", "Select why the advice is delayed")
    checks.not_before("start_on", start_on, advice.requested_on, "date", "date the request reached you")
    checks.not_in_future("start_on", start_on, "date")
    checks.not_in_future("end_on", end_on, "end date")
    checks.raise_if_any()
    if kind == timescales.ExceptionKind.ADVICE_MISSED_APPOINTMENT and end_on is None:
        end_on = start_on  # a missed appointment is one day, not a period still going on
    return exception_add(
        actor=actor,
        request=advice.request,
        advice=advice,
        kind=kind,
        start_on=start_on,
        end_on=end_on,
        note=note.strip(),
    )
