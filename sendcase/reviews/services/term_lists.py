"""Sending each school its list of reviews for a term (Code of Practice 9.172), run by a command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from sendcase import timescales
from sendcase.audit.models import Action
from sendcase.audit.services import audit_change, audited_transaction
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
    files: list[Path] = field(default_factory=list)
    children: int = 0


def _tell(la: LocalAuthority, school: Organisation, school_list: SchoolList, term: TermDates) -> None:
    notify(
        to=school.email,
        template=REVIEW_LIST.name,
        personalisation={
            "council": la.name,
            "term": term.label.lower(),
            "count": str(len(school_list.rows)),
            "list_due": timescales.format_date(term.list_due),
            "link": settings.SENDCASE_BASE_URL + reverse("teams:children"),
        },
        local_authority=la,
    )
    TermListSent.objects.create(
        organisation=school, term=term.term.value, year=term.year, children=len(school_list.rows)
    )


def term_lists_send(*, la: LocalAuthority, term: TermDates, output_dir: Path | None = None) -> TermListsResult:
    """Tell each school with a shared mailbox that its list for `term` is ready, once; write CSVs if asked.

    The council's own batch job: it reads every child of `la`, as the SEND team would. Each
    message carries the count and dates only (sendcase.notifications refuses anything else);
    each CSV file written is an export of children's records, so it is audited.
    """
    result = TermListsResult()
    lists = due_in_term(children=Child.objects.filter(local_authority=la), term=term)
    sent = set(
        TermListSent.objects.filter(term=term.term.value, year=term.year, organisation__local_authority=la).values_list(
            "organisation_id", flat=True
        )
    )
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
            if school.pk in sent:
                result.already_told.append(name)
            elif not school.email:
                result.no_mailbox.append(name)
            else:
                _tell(la, school, school_list, term)
                result.told.append(name)
    return result
