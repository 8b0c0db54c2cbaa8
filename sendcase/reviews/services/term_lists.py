"""Sending each school its list of reviews for a term (Code of Practice 9.172), run by a command.

The list itself is the school's page in SENDcase (`/reviews/school/`, for the school's staff
accounts: the children it educates whose review falls due by the end of the term, with the
named officer, on screen and as CSV). The school's shared mailbox is told once that the list is
ready, with a link to that page; the day it was told is recorded (`TermListSent.sent_on`), so
the command and the SEND team's page can say which lists went late, or have not gone although
the day they were due (2 weeks before the term starts) has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from sendcase import timescales
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
from sendcase.core.clock import today as clock_today
from sendcase.notifications.services import notify
from sendcase.organisations.models import LocalAuthority, Organisation
from sendcase.people.models import Child
from sendcase.reviews.exports import csv_filename, school_list_csv
from sendcase.reviews.messages import REVIEW_LIST
from sendcase.reviews.models import TermListSent
from sendcase.reviews.selectors import SchoolList, due_in_term
from sendcase.reviews.terms import TermDates


@dataclass
class TermListsResult:
    told: list[str] = field(default_factory=list)  # schools whose mailbox was sent a message
    already_told: list[str] = field(default_factory=list)
    no_mailbox: list[str] = field(default_factory=list)
    # Told after the list was due: (school, the day it was told), this run or an earlier one.
    late: list[tuple[str, dt.date]] = field(default_factory=list)
    # Not told, and the day the list was due has passed (no shared mailbox to tell).
    not_sent: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    children: int = 0


def school_page_link(term: TermDates) -> str:
    """The school's own page of its reviews due in `term`, as the message links to it."""
    query = urlencode({"term": term.term.value, "year": term.year})
    return f"{settings.SENDCASE_BASE_URL}{reverse('reviews:school-reviews')}?{query}"


def _tell(la: LocalAuthority, school: Organisation, school_list: SchoolList, term: TermDates, on: dt.date) -> None:
    notify(
        to=school.email,
        template=REVIEW_LIST.name,
        personalisation={
            "council": la.name,
            "term": term.label.lower(),
            "count": str(len(school_list.rows)),
            "list_due": timescales.format_date(term.list_due),
            "link": school_page_link(term),
        },
        local_authority=la,
    )
    TermListSent.objects.create(
        organisation=school, term=term.term.value, year=term.year, children=len(school_list.rows), sent_on=on
    )


def term_lists_send(
    *, la: LocalAuthority, term: TermDates, output_dir: Path | None = None, today: dt.date | None = None
) -> TermListsResult:
    """Tell each school with a shared mailbox that its list for `term` is ready, once; write CSVs if asked.

    The council's own batch job: it reads every child of `la`, as the SEND team would. Each
    message carries the count, the dates and the link only (sendcase.notifications refuses
    anything else); each CSV file written is an export of children's records, so it is audited.
    """
    on = today or clock_today()
    result = TermListsResult()
    lists = due_in_term(children=Child.objects.filter(local_authority=la), term=term)
    sent = {
        s.organisation_id: s
        for s in TermListSent.objects.filter(term=term.term.value, year=term.year, organisation__local_authority=la)
    }
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    for school_list in lists:
        result.children += len(school_list.rows)
        school = school_list.school
        name = school.name if school else "No school recorded"
        with audited_transaction():
            if output_dir is not None:
                path = output_dir / csv_filename(school_list, term)
                path.write_text(school_list_csv(school_list, term), encoding="utf-8")
                result.files.append(path)
                for row in school_list.rows:
                    audit_change(
                        actor=None,
                        action=Action.EXPORT,
                        instance=row.child,
                        child=row.child,
                        summary=f"On the review list for {name}, {term.label}, written to {path.name}",
                    )
            if school is None:
                continue
            earlier = sent.get(school.pk)
            if earlier is not None:
                result.already_told.append(name)
                if earlier.late:
                    result.late.append((name, earlier.sent_on))
            elif not school.email:
                result.no_mailbox.append(name)
                if on > term.list_due:
                    result.not_sent.append(name)
            else:
                _tell(la, school, school_list, term, on)
                result.told.append(name)
                if on > term.list_due:
                    result.late.append((name, on))
    return result
