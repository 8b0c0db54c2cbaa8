"""A family's response to a draft EHC plan, section by section, within its 15 days (reg 13(1)).

Regulation 13(1), SEND Regulations 2014, gives the family "at least 15 days, beginning with the
day on which the draft plan was served" to make representations, ask for a school or college and
ask for a meeting with an officer. The window is `timescales.draft_response_deadline` of
AssessmentRequest.draft_served_on; a response saved or sent after it ends is refused, with what
to do instead.

Sending records the response on the request through `cases.services.family_response_record`,
the same service a case officer uses, with the family account as the one recording: under a row
lock with the version bumped, old and new values audited (the event names the family account),
the caseload refreshed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase import timescales
from sendcase.audit.models import Action
from sendcase.audit.services import audited_transaction
from sendcase.cases.models import AssessmentRequest, Outcome
from sendcase.cases.services import family_response_record
from sendcase.cases.services.validation import Checks
from sendcase.core.clock import today
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version, lock_current
from sendcase.organisations.models import Organisation
from sendcase.portal.access import FamilyChild, not_found
from sendcase.portal.audit import family_changed, family_created
from sendcase.portal.models import PLAN_SECTIONS, Answer, DraftResponse, FamilyAccount, SectionResponse, Status
from sendcase.portal.services.participation import MAX_TEXT, require_taking_part

SECTION_CODES = [code for code, _label in PLAN_SECTIONS]


def response_deadline(request: AssessmentRequest) -> dt.date | None:
    """The last day of the family's 15 days, or None if no draft has been served."""
    return timescales.draft_response_deadline(request.draft_served_on) if request.draft_served_on else None


def window_problem(request: AssessmentRequest, *, on: dt.date) -> str:
    """Why the family cannot respond through the portal on `on`, or "" if they can."""
    deadline = response_deadline(request)
    if deadline is None:
        return _("The council has not sent a draft plan for this request yet")
    if request.family_response_on is not None:
        return _("The council already has your family's response to this draft plan, received on %(date)s") % {
            "date": timescales.format_date(request.family_response_on)
        }
    if request.outcome != Outcome.OPEN:
        return _("This request is closed, so the draft plan can no longer be answered here")
    if on > deadline:
        return _(
            "The time to respond to the draft plan ended on %(date)s, so the portal cannot send a response now. "
            "Contact your key worker as soon as you can if you still want to comment"
        ) % {"date": timescales.format_date(deadline)}
    return ""


def _refuse_outside_window(request: AssessmentRequest) -> None:
    problem = window_problem(request, on=today())
    if problem:
        raise ValidationFailed(problem, field_errors={"__all__": problem})


def draft_response_save(
    *,
    account: FamilyAccount,
    family_child: FamilyChild,
    request: AssessmentRequest,
    answers: Mapping[str, tuple[str, str]],
    preferred_setting: Organisation | None,
    meeting_requested: bool,
    other_comments: str,
    expected_version: int | None,
) -> DraftResponse:
    """Save the family's answers as a draft (section code -> (answer, comment))."""
    require_taking_part(family_child)
    if request.child_id != family_child.child.pk:
        raise not_found()
    _refuse_outside_window(request)
    checks = Checks()
    for code, (answer, comment) in answers.items():
        if code not in SECTION_CODES:
            checks.add("__all__", _("Unknown section of the plan"))
        if answer and answer not in Answer.values:
            checks.add(
                f"answer_{code}", _("Select whether you agree or disagree with section %(code)s") % {"code": code}
            )
        if len(comment) > MAX_TEXT:
            checks.add(f"comment_{code}", _("The comment on section %(code)s is too long") % {"code": code})
    if preferred_setting is not None and (
        not preferred_setting.is_setting or preferred_setting.local_authority_id is None
    ):
        checks.add("preferred_setting", _("Select a school or college from the list"))
    checks.raise_if_any(_("There is a problem"))
    with audited_transaction():
        response, created = DraftResponse.objects.get_or_create(request=request, account=account)
        if not created:
            response = lock_current(response, expected_version=expected_version, what=_("your response"))
            if response.status == Status.SENT:
                raise ValidationFailed(_("You have already sent this response, so it cannot be changed"))
        response.preferred_setting = preferred_setting
        response.meeting_requested = meeting_requested
        response.other_comments = other_comments.strip()
        if not created:
            bump_version(response)
        response.save()
        for code, (answer, comment) in answers.items():
            SectionResponse.objects.update_or_create(
                response=response, section=code, defaults={"answer": answer, "comment": comment.strip()}
            )
        if created:
            family_created(
                account=account,
                instance=response,
                what="Response to the draft plan started",
                child=family_child.child,
                audited=["request", "preferred_setting", "meeting_requested"],
            )
        else:
            family_changed(
                account=account,
                action=Action.UPDATE,
                instance=response,
                what="Response to the draft plan saved as a draft",
                child=family_child.child,
            )
    return response


def send_problems(response: DraftResponse) -> dict[str, str]:
    """What must be put right before the response can be sent, field by field."""
    problems: dict[str, str] = {}
    answered = {s.section: s for s in response.sections.all()}
    for code in SECTION_CODES:
        item = answered.get(code)
        if item is None or not item.answer:
            problems[f"answer_{code}"] = _("Select whether you agree or disagree with section %(code)s") % {
                "code": code
            }
        elif item.answer == Answer.DISAGREE and not item.comment:
            problems[f"comment_{code}"] = _("Tell the council what you disagree with in section %(code)s") % {
                "code": code
            }
    return problems


def draft_response_send(
    *, account: FamilyAccount, family_child: FamilyChild, response: DraftResponse, expected_version: int | None
) -> DraftResponse:
    """Send the response: it becomes read-only and is recorded on the request as received today."""
    require_taking_part(family_child)
    request = response.request
    if request.child_id != family_child.child.pk or response.account_id != account.pk:
        raise not_found()
    _refuse_outside_window(request)
    problems = send_problems(response)
    if problems:
        raise ValidationFailed(_("There is a problem"), field_errors=problems)
    received = today()
    with audited_transaction():
        current = lock_current(response, expected_version=expected_version, what=_("your response"))
        if current.status == Status.SENT:
            raise ValidationFailed(_("You have already sent this response"))
        locked_request = lock_current(request, expected_version=None, what=_("this request"))
        problem = window_problem(locked_request, on=received)
        if problem:
            raise ValidationFailed(problem, field_errors={"__all__": problem})
        current.status, current.sent_at = Status.SENT, timezone.now()
        bump_version(current)
        current.save()
        family_changed(
            account=account,
            action=Action.UPDATE,
            instance=current,
            what="Response to the draft plan sent to the council",
            child=family_child.child,
            changes={"status": [Status.DRAFT, Status.SENT]},
        )
        family_response_record(
            actor=None,
            family_account=account,
            request=locked_request,
            responded_on=received,
            requested_setting=current.preferred_setting,
            notes=_response_notes(current),
            expected_version=None,
        )
    return current


def _response_notes(response: DraftResponse) -> str:
    """The response in words for the request's notes, in English for the case officer."""
    lines = [f"Sent through the family portal by {response.account.display_name}."]
    for item in response.sections.all():
        verdict = "Agrees" if item.answer == Answer.AGREE else "Disagrees"
        lines.append(f"Section {item.section}: {verdict}." + (f" {item.comment}" if item.comment else ""))
    if response.meeting_requested:
        lines.append("Asks for a meeting with an officer about the draft (reg 13(1)(b)).")
    if response.other_comments:
        lines.append(f"Other comments: {response.other_comments}")
    return "\n".join(lines)
