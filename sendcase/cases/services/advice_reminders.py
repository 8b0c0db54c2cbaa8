"""Reminders to contributors before their advice is due, and an escalation once it is overdue.

Run daily by `sendcase send_reminders` (cron or a systemd timer) or the send_advice_reminders
task. For each request for advice still outstanding it sends, once each ever (AdviceReminder is
unique per advice and kind):
- 2 weeks before the due date (reg 8(1): 6 weeks from receiving the request);
- 1 week before it;
- the day after it, when it is overdue, escalated as well to the assigned person's line manager,
  or, with no one assigned or no line manager, to the organisation's administrators.
A run that misses a day catches up with the reminder for the window it is now in, never with an
earlier one. Nothing is sent while a reg 8(2) exception excuses the advice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from sendcase import timescales
from sendcase.accounts.models import User
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.cases.models import AdviceReminder, AdviceRequest, Outcome, ReminderKind, TimescaleException
from sendcase.cases.services.advice import advice_message_fields
from sendcase.core.clock import today as clock_today
from sendcase.notifications.services import notify

logger = logging.getLogger(__name__)

REMINDER_DAYS_BEFORE = {ReminderKind.TWO_WEEKS: 14, ReminderKind.ONE_WEEK: 7}
_WHEN = {ReminderKind.TWO_WEEKS: "in 2 weeks", ReminderKind.ONE_WEEK: "in 1 week"}


def reminder_due(*, due: dt.date, today: dt.date) -> ReminderKind | None:
    """Which reminder window `today` falls in for advice due on `due`, if any."""
    if today > due:
        return ReminderKind.OVERDUE
    if today >= timescales.add_days(due, -REMINDER_DAYS_BEFORE[ReminderKind.ONE_WEEK]):
        return ReminderKind.ONE_WEEK
    if today >= timescales.add_days(due, -REMINDER_DAYS_BEFORE[ReminderKind.TWO_WEEKS]):
        return ReminderKind.TWO_WEEKS
    return None


@dataclass(frozen=True)
class Recipients:
    to: list[str]
    escalate_to: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> list[str]:
        return [*self.to, *self.escalate_to]


def _active_email(user: User | None) -> str:
    return user.email.lower() if user is not None and user.is_active and user.email else ""


def _organisation_admins(organisation_id: object, cache: dict[object, list[str]] | None) -> list[str]:
    if cache is not None:
        return sorted(cache.get(organisation_id, []))
    admins = User.objects.filter(organisation_id=organisation_id, is_organisation_admin=True, is_active=True)
    return sorted(email.lower() for email in admins.values_list("email", flat=True) if email)


def reminder_recipients(
    advice: AdviceRequest, kind: str, *, admins_cache: dict[object, list[str]] | None = None
) -> Recipients:
    """The assigned person (or the shared mailbox), the shared mailbox copied, and for overdue the escalation."""
    organisation = advice.organisation
    mailbox = organisation.email.lower() if organisation is not None and organisation.email else ""
    to = list(dict.fromkeys(a for a in (_active_email(advice.assigned_to), mailbox) if a))
    escalate: list[str] = []
    if kind == ReminderKind.OVERDUE:
        manager = _active_email(advice.assigned_to.line_manager if advice.assigned_to else None)
        if manager:
            escalate = [manager]
        elif organisation is not None:
            escalate = _organisation_admins(organisation.pk, admins_cache)
        escalate = [a for a in dict.fromkeys(escalate) if a not in to]
    return Recipients(to=to, escalate_to=escalate)


@dataclass
class ReminderRun:
    sent: int = 0
    already_sent: int = 0
    excused: int = 0
    no_recipient: int = 0


def _outstanding(today: dt.date) -> list[QuerySet[AdviceRequest]]:
    """Per reminder window: outstanding advice in it whose reminder for it is unsent, with someone to tell."""
    # Advice is due a fixed number of days after the request reached the contributor
    # (timescales.advice_due), so each reminder window is a range of request dates and the
    # database skips advice whose reminder for its window has gone. One query per window: a
    # single query OR-ing the three costs PostgreSQL enough to plan that it spends seconds in JIT.
    days_to_due = (timescales.advice_due(today) - today).days

    def requested_days_ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    one_week_from = days_to_due - REMINDER_DAYS_BEFORE[ReminderKind.ONE_WEEK]
    two_weeks_from = days_to_due - REMINDER_DAYS_BEFORE[ReminderKind.TWO_WEEKS]
    windows = {
        ReminderKind.OVERDUE: Q(requested_on__lt=requested_days_ago(days_to_due)),
        ReminderKind.ONE_WEEK: Q(
            requested_on__gte=requested_days_ago(days_to_due), requested_on__lte=requested_days_ago(one_week_from)
        ),
        ReminderKind.TWO_WEEKS: Q(
            requested_on__gt=requested_days_ago(one_week_from), requested_on__lte=requested_days_ago(two_weeks_from)
        ),
    }
    organisation_admins = User.objects.filter(
        organisation_id=OuterRef("organisation_id"), is_organisation_admin=True, is_active=True
    )
    someone_to_tell = (
        Q(assigned_to__isnull=False)
        | (Q(organisation__isnull=False) & ~Q(organisation__email=""))
        | Q(Exists(organisation_admins))
    )
    return [
        AdviceRequest.objects.filter(window, received_on__isnull=True, request__outcome=Outcome.OPEN)
        .exclude(Exists(AdviceReminder.objects.filter(advice=OuterRef("pk"), kind=kind)))
        .filter(someone_to_tell)
        .select_related("request__child__local_authority", "organisation", "assigned_to", "assigned_to__line_manager")
        .prefetch_related(Prefetch("exceptions", queryset=TimescaleException.objects.all()))
        .order_by("requested_on")
        for kind, window in windows.items()
    ]


def reminders_send(*, today: dt.date | None = None) -> ReminderRun:
    """Send every reminder due today that has not been sent before. Safe to run any number of times."""
    today = today or clock_today()
    run = ReminderRun()
    # Organisation administrators, for escalations: one query for the run, not one per advice.
    admins_cache: dict[object, list[str]] = defaultdict(list)
    for organisation_id, email in User.objects.filter(
        is_organisation_admin=True, is_active=True, organisation__isnull=False
    ).values_list("organisation_id", "email"):
        if email:
            admins_cache[organisation_id].append(email.lower())
    for advice in (a for window in _outstanding(today) for a in window.iterator(chunk_size=500)):
        due = timescales.advice_due(advice.requested_on)
        kind = reminder_due(due=due, today=today)
        if kind is None:
            continue
        status = timescales.step_status(
            due=due,
            done=None,
            today=today,
            rule=timescales.ADVICE,
            exceptions=[e.as_period() for e in advice.exceptions.all()],
            clock_start=advice.requested_on,
        )
        if status.state == timescales.StepState.EXCEPTION:
            run.excused += 1
            continue
        recipients = reminder_recipients(advice, kind, admins_cache=admins_cache)
        if not recipients.to and not recipients.escalate_to:
            # Nobody to tell yet; once someone is assigned or a mailbox is set, a later run sends it.
            run.no_recipient += 1
            continue
        if _send_one(advice, kind=kind, due=due, today=today, recipients=recipients):
            run.sent += 1
        else:
            run.already_sent += 1
    logger.info("Advice reminders for %s: %s", today, run)
    return run


def _send_one(advice: AdviceRequest, *, kind: str, due: dt.date, today: dt.date, recipients: Recipients) -> bool:
    """Record and send one reminder in one transaction; False if another run got there first."""
    child = advice.request.child
    fields = advice_message_fields(advice)
    try:
        with audited_transaction():
            with transaction.atomic():
                reminder = AdviceReminder.objects.create(
                    advice=advice, kind=kind, due_on=due, sent_on=today, recipients=recipients.everyone
                )
            template = "advice_overdue" if kind == ReminderKind.OVERDUE else "advice_reminder"
            extra = {} if kind == ReminderKind.OVERDUE else {"when": _WHEN[ReminderKind(kind)]}
            for address in recipients.to:
                notify(to=address, template=template, personalisation=fields | extra, about_child=child)
            assignee = (
                str(advice.assigned_to) if advice.assigned_to else "nobody yet: it is in the organisation's inbox"
            )
            for address in recipients.escalate_to:
                notify(
                    to=address,
                    template="advice_overdue_escalation",
                    personalisation=fields | {"assignee": assignee},
                    about_child=child,
                )
            audit_change(
                actor=None,
                action=Action.CREATE,
                instance=reminder,
                child=child,
                summary=f"Reminder sent: {advice.get_contributor_display().lower()} advice "
                f"{ReminderKind(kind).label.lower()}",
                changes={"recipients": [None, recipients.everyone]},
            )
    except IntegrityError:
        return False
    return True
