"""What each scheduled job runs (sendcase.core.schedule.JOBS names them and says when).

Each job runs the same code as the management command an operator would run by hand, so a
job and its command can never drift apart: most call the command itself and record what it
printed. Each returns a short summary (counts and dates, never a child's details); a job that
fails raises, and the schedule records the error.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

# The schedule forgets its own records of runs after this many days (the last run of each job stays).
KEEP_RUNS_DAYS = 90
# The term lists go to schools from this many days before the date they are due to them (two
# weeks before the term, Code of Practice 9.172), so a failed run can be put right in time.
TERM_LIST_LEAD_DAYS = 14


def run_command(name: str, *args: str) -> str:
    """Run `sendcase <name> <args>` in this process; what it printed is the summary."""
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue().strip()


def notifications_retry() -> str:
    return run_command("notifications_retry")


def send_reminders() -> str:
    return run_command("send_reminders")


def review_lists() -> str:
    """The next term's lists, once they are due to go out; before that, nothing to do.

    Run daily: `review_lists` tells each school once per term (TermListSent), so a later run
    only tells a school that was not told before (a new mailbox, a first child with a review).
    """
    from sendcase.core.clock import today
    from sendcase.reviews.terms import next_term
    from sendcase.timescales import format_date

    day = today()
    term = next_term(day)
    opens = term.list_due - dt.timedelta(days=TERM_LIST_LEAD_DAYS)
    if day < opens:
        return f"Nothing to send yet: the {term.label.lower()} lists go to schools from {format_date(opens)}."
    return run_command("review_lists", "--term", term.term.value, "--year", str(term.year))


def scorecard_snapshot() -> str:
    from sendcase.scorecard.tasks import publish_weekly_snapshots

    return publish_weekly_snapshots()


def audit_verify() -> str:
    return run_command("audit_verify")


def clear_sessions() -> str:
    run_command("clearsessions")
    return "Expired sessions removed."


def forget_old_runs() -> str:
    from sendcase.core.clock import now
    from sendcase.core.models import JobRun, RunOutcome, ScheduledJob

    cutoff = now() - dt.timedelta(days=KEEP_RUNS_DAYS)
    last_runs = ScheduledJob.objects.exclude(last_run=None).values("last_run")
    old = JobRun.objects.filter(started_at__lt=cutoff).exclude(outcome=RunOutcome.RUNNING)  # never one in progress
    deleted, _ = old.exclude(pk__in=last_runs).delete()
    return f"Runs forgotten: {deleted} (older than {KEEP_RUNS_DAYS} days)."
