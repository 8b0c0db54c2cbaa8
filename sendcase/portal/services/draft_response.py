"""A family's response, section by section, to a draft EHC plan or to proposed amendments, within 15 days.

Two consultations give the family "at least 15 days, beginning with the day" the council sent
them, to make representations, ask for a school or college and ask for a meeting:

- the draft plan of an EHC needs assessment, regulation 13(1), SEND Regulations 2014: the window
  is `timescales.draft_response_deadline` of AssessmentRequest.draft_served_on;
- the proposed amendments after an annual review, regulation 22(2): the window is the review's
  `representations_by` (`timescales.amendment_representations_deadline`).

Both are one `Consultation` here and one `DraftResponse` per family account: every parent with
parental responsibility, and the young person, writes and sends their own. A response saved or
sent after the window ends is refused, with what to do instead, and nothing is written.

Sending the first response to a draft plan records it on the request through
`cases.services.family_response_record`, the same service a case officer uses, with the family
account as the one recording: under a row lock with the version bumped, old and new values
audited (the event names the family account), the caseload refreshed. The request keeps the date
the family's first response came; every response, the first and each one after it, is kept here
and shown to the SEND team on the case page. Comments on proposed amendments are kept here and
shown on the case page the same way (the review record has no field of its own for them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
from sendcase.portal import notices
from sendcase.portal.access import FamilyChild, not_found
from sendcase.portal.audit import family_changed, family_created
from sendcase.portal.models import PLAN_SECTIONS, Answer, DraftResponse, FamilyAccount, SectionResponse, Status
from sendcase.portal.services.participation import MAX_TEXT, require_taking_part
from sendcase.portal.timeline import family_date

if TYPE_CHECKING:
    from sendcase.plans.models import PlanVersion
    from sendcase.reviews.models import AnnualReview

SECTION_CODES = [code for code, _label in PLAN_SECTIONS]


@dataclass(frozen=True)
class Consultation:
    """What the family is answering: a request's draft plan (reg 13(1)) or a review's proposals (reg 22(2))."""

    request: AssessmentRequest | None = None
    review: AnnualReview | None = None

    @classmethod
    def of(cls, what: AssessmentRequest | AnnualReview | Consultation) -> Consultation:
        if isinstance(what, Consultation):
            return what
        if isinstance(what, AssessmentRequest):
            return cls(request=what)
        return cls(review=what)

    @property
    def is_amendments(self) -> bool:
        return self.review is not None

    @property
    def record(self) -> Any:
        return self.review if self.review is not None else self.request

    @property
    def child_id(self) -> Any:
        return self.record.child_id

    @property
    def key(self) -> dict[str, Any]:
        return {"review": self.review} if self.review is not None else {"request": self.request}

    @property
    def deadline(self) -> dt.date | None:
        """The last day of the family's 15 days, or None if nothing has been sent to them yet."""
        if self.review is not None:
            sent = self.review.proposed_amendments_sent_on
            if sent is None:
                return None
            return self.review.representations_by or timescales.amendment_representations_deadline(sent)
        served = self.request.draft_served_on  # type: ignore[union-attr]
        return timescales.draft_response_deadline(served) if served else None

    @property
    def audit_what(self) -> str:
        return "the proposed amendments to the plan" if self.is_amendments else "the draft plan"

    @property
    def staff_what(self) -> str:
        """What was answered, in the SEND team's email (no child's details)."""
        return "proposed amendments to an EHC plan" if self.is_amendments else "a draft EHC plan"

    def problem(self, on: dt.date) -> str:
        """Why the family cannot answer through the portal on `on`, or "" if they can."""
        deadline = self.deadline
        if self.review is not None:
            if deadline is None:
                return _("The council has not sent you proposed changes to the plan for this review yet")
            if self.review.completed_on is not None:
                return _("The council has finished this review, so the proposed changes can no longer be answered here")
            if on > deadline:
                return _(
                    "The time to comment on the proposed changes ended on %(date)s, so the portal cannot send your "
                    "comments now. Contact your key worker as soon as you can if you still want to comment"
                ) % {"date": family_date(deadline)}
            return ""
        if deadline is None:
            return _("The council has not sent a draft plan for this request yet")
        if self.request.outcome != Outcome.OPEN:  # type: ignore[union-attr]
            return _("This request is closed, so the draft plan can no longer be answered here")
        if on > deadline:
            return _(
                "The time to respond to the draft plan ended on %(date)s, so the portal cannot send a response now. "
                "Contact your key worker as soon as you can if you still want to comment"
            ) % {"date": family_date(deadline)}
        return ""

    def version(self) -> PlanVersion | None:
        """The draft plan or proposed amendments as SENDcase froze them, if it holds them."""
        from sendcase.plans import selectors as plan_selectors

        if self.review is not None:
            return plan_selectors.proposed_amendments_version(self.review)
        return plan_selectors.draft_sent_for_request(self.request)  # type: ignore[arg-type]


def response_deadline(what: AssessmentRequest | AnnualReview | Consultation) -> dt.date | None:
    """The last day of the family's 15 days, or None if nothing has been sent to them yet."""
    return Consultation.of(what).deadline


def window_problem(what: AssessmentRequest | AnnualReview | Consultation, *, on: dt.date) -> str:
    """Why the family cannot respond through the portal on `on`, or "" if they can.

    Open to each parent and the young person until the window ends: another member of the
    family having answered already does not close it (each sends their own).
    """
    return Consultation.of(what).problem(on)


def already_received(request: AssessmentRequest) -> str:
    """That the council already holds a response to this draft plan (perhaps by phone, or another parent's)."""
    if request.family_response_on is None:
        return ""
    return _(
        "The council already has a response to this draft plan, received on %(date)s. "
        "You can still send your own before the time to respond ends"
    ) % {"date": family_date(request.family_response_on)}


def review_answered(review: AnnualReview) -> bool:
    """Whether anyone in the family has sent their comments on the review's proposed amendments."""
    return DraftResponse.objects.filter(review=review, status=Status.SENT).exists()


def _refuse_outside_window(consultation: Consultation) -> None:
    problem = consultation.problem(today())
    if problem:
        raise ValidationFailed(problem, field_errors={"__all__": problem})


def draft_response_save(
    *,
    account: FamilyAccount,
    family_child: FamilyChild,
    answers: Mapping[str, tuple[str, str]],
    preferred_setting: Organisation | None,
    meeting_requested: bool,
    other_comments: str,
    expected_version: int | None,
    request: AssessmentRequest | None = None,
    review: AnnualReview | None = None,
) -> DraftResponse:
    """Save the account's answers as a draft (section code -> (answer, comment)) to a draft plan or proposals."""
    consultation = Consultation(request=request, review=review)
    if (request is None) == (review is None):
        raise ValueError("A response answers a draft plan or proposed amendments, and only one")
    require_taking_part(family_child)
    if consultation.child_id != family_child.child.pk:
        raise not_found()
    _refuse_outside_window(consultation)
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
        response, created = DraftResponse.objects.get_or_create(**consultation.key, account=account)
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
                what=f"Response to {consultation.audit_what} started",
                child=family_child.child,
                audited=[
                    "review" if consultation.is_amendments else "request",
                    "preferred_setting",
                    "meeting_requested",
                ],
            )
        else:
            family_changed(
                account=account,
                action=Action.UPDATE,
                instance=response,
                what=f"Response to {consultation.audit_what} saved as a draft",
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
    """Send the response: it becomes read-only, kept for the SEND team with the draft it answered.

    The first response to a draft plan is also recorded on the request as received today.
    """
    require_taking_part(family_child)
    consultation = Consultation(request=response.request, review=response.review)
    if consultation.child_id != family_child.child.pk or response.account_id != account.pk:
        raise not_found()
    _refuse_outside_window(consultation)
    problems = send_problems(response)
    if problems:
        raise ValidationFailed(_("There is a problem"), field_errors=problems)
    received = today()
    with audited_transaction():
        current = lock_current(response, expected_version=expected_version, what=_("your response"))
        if current.status == Status.SENT:
            raise ValidationFailed(_("You have already sent this response"))
        what = _("this review") if consultation.is_amendments else _("this request")
        record = lock_current(consultation.record, expected_version=None, what=what)
        locked = Consultation.of(record)
        problem = locked.problem(received)
        if problem:
            raise ValidationFailed(problem, field_errors={"__all__": problem})
        version = locked.version()
        current.status, current.sent_at, current.plan_version = Status.SENT, timezone.now(), version
        bump_version(current)
        current.save()
        family_changed(
            account=account,
            action=Action.UPDATE,
            instance=current,
            what=f"Response to {consultation.audit_what} sent to the council"
            + (f" (it answers version {version.number})" if version is not None else ""),
            child=family_child.child,
            changes={"status": [Status.DRAFT, Status.SENT]},
        )
        if locked.request is not None and locked.request.family_response_on is None:
            family_response_record(
                actor=None,
                family_account=account,
                request=locked.request,
                responded_on=received,
                requested_setting=current.preferred_setting,
                notes=_response_notes(current),
                expected_version=None,
            )
        # The key worker (else the team's mailbox, else its managers) hears of it at once: the
        # 15 days are short, and the family should not have to phone to check it arrived.
        notices.send_response_to_staff(child=family_child.child, what=consultation.staff_what)
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
