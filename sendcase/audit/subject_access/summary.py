"""The readable part of a subject access export: a PDF summary of everything held about the child.

Rendered with WeasyPrint from the Django template audit/subject_access.html. The CSS is embedded
and no URL is ever fetched, so the PDF looks the same on every server and the renderer cannot be
made to reach out to the network by anything written in a record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst

from sendcase import timescales
from sendcase.audit.models import Action, AuditEvent
from sendcase.audit.subject_access.collect import Dataset
from sendcase.cases.clock import Step, request_steps
from sendcase.core.clock import today
from sendcase.people.models import Child

# Record types the summary lays out in their own sections; every other type gets a generic one.
SHOWN_IN_OWN_SECTION = frozenset(
    {
        "people.child",
        "people.familymember",
        "people.familylink",
        "cases.assessmentrequest",
        "cases.advicerequest",
        "cases.timescaleexception",
        "cases.settingconsultation",
        "cases.contactlogentry",
        "people.keyworkerassignment",
        "audit.auditevent",
    }
)
# Shown right after the requests, as the statutory process reads; other generic sections follow.
PLANS = "cases.plan"
# The access log lines a PDF shows at most (see _access_log).
MAX_LOG_ROWS = 500
# Bookkeeping every record has, which says nothing about the child.
NOT_SHOWN = frozenset({"id", "version", "modified_at", "modified_by"})


def _format(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{timescales.format_date(local.date())}, {local:%H:%M}"
    if isinstance(value, dt.date):
        return timescales.format_date(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


def display_value(record: models.Model, f: models.Field) -> str:  # type: ignore[type-arg]
    """A field's value as a person reads it: the meaning of a code, a linked record's name."""
    if f.is_relation:
        try:
            related = getattr(record, f.name)
        except models.ObjectDoesNotExist:
            return str(getattr(record, f.attname))
        return "" if related is None else str(related)
    if isinstance(f, models.FileField):
        stored = getattr(record, f.attname)
        return f"{stored.name} (in the documents folder)" if stored else ""
    if f.choices:
        value = getattr(record, f.attname)
        return "" if value in (None, "") else str(getattr(record, f"get_{f.name}_display")())
    return _format(getattr(record, f.attname))


def facts(record: models.Model, *, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The record's filled-in fields as (label, value) pairs, leaving out bookkeeping and the child."""
    rows = []
    for f in record._meta.concrete_fields:
        if f.name in NOT_SHOWN or f.name in skip or (f.is_relation and f.related_model is Child):
            continue
        value = display_value(record, f)
        if value:
            label = "Recorded" if f.name == "created_at" else "Recorded by" if f.name == "created_by" else None
            rows.append((label or capfirst(str(f.verbose_name)), value))
    for f in record._meta.many_to_many:
        names = ", ".join(str(related) for related in getattr(record, f.name).all())
        if names:
            rows.append((capfirst(str(f.verbose_name)), names))
    return rows


@dataclass(frozen=True)
class Section:
    title: str
    records: list[list[tuple[str, str]]]


def _request_views(dataset: Dataset) -> list[dict[str, Any]]:
    advice, exceptions, consultations = defaultdict(list), defaultdict(list), defaultdict(list)
    for a in dataset.records("cases.advicerequest"):
        advice[a.request_id].append(a)  # type: ignore[attr-defined]
    for e in dataset.records("cases.timescaleexception"):
        exceptions[e.request_id].append(e)  # type: ignore[attr-defined]
    for c in dataset.records("cases.settingconsultation"):
        consultations[c.request_id].append(c)  # type: ignore[attr-defined]
    views = []
    for request in dataset.records("cases.assessmentrequest"):
        steps = request_steps(
            request,  # type: ignore[arg-type]
            today=today(),
            advice=advice[request.pk],
            exceptions=exceptions[request.pk],
        )
        views.append(
            {
                "request": request,
                "facts": facts(request),
                "steps": [_step(step) for step in steps],
                "advice": [facts(a, skip=frozenset({"request"})) for a in advice[request.pk]],
                "exceptions": [facts(e, skip=frozenset({"request"})) for e in exceptions[request.pk]],
                "consultations": [facts(c, skip=frozenset({"request"})) for c in consultations[request.pk]],
            }
        )
    return views


def _step(step: Step) -> dict[str, str]:
    status = step.status
    state = "overdue" if status.is_overdue else "done" if status.done else "other"
    text = status.describe() if status.due or status.done else "Not started"
    rule = f"{status.rule.regulation}: {status.rule.summary}" if status.rule else ""
    return {"title": step.title, "state": state, "text": text, "done_text": step.done_text, "rule": rule}


def _changes(changes: dict[str, Any]) -> str:
    if not isinstance(changes, dict):
        return ""
    parts = []
    for name, values in changes.items():
        if isinstance(values, list) and len(values) == 2:
            parts.append(f"{name}: {_format(values[0]) or '(none)'} → {_format(values[1]) or '(none)'}")
        else:
            parts.append(f"{name}: {_format(values)}")
    return "; ".join(parts)


def context(
    dataset: Dataset,
    *,
    generated_at: dt.datetime,
    generated_by: str,
    contents: list[dict[str, Any]],
    documents: int,
    documents_missing: list[str],
) -> dict[str, Any]:
    """What the summary template shows, from records already read (no further queries but labels)."""
    child = dataset.child
    members = {m.pk: m for m in dataset.records("people.familymember")}
    family = [
        {
            "link": link,
            "member": members.get(link.member_id),  # type: ignore[attr-defined]
            "facts": facts(members[link.member_id], skip=frozenset({"local_authority"}))  # type: ignore[attr-defined]
            if link.member_id in members  # type: ignore[attr-defined]
            else [],
        }
        for link in dataset.records("people.familylink")
    ]
    others = [item for item in dataset.collected if item.type.label not in SHOWN_IN_OWN_SECTION]
    others.sort(key=lambda item: item.type.label != PLANS)
    events: list[AuditEvent] = sorted(dataset.records("audit.auditevent"), key=lambda e: e.sequence)  # type: ignore[arg-type,attr-defined]
    return {
        "child": child,
        "today": today(),
        "generated_at": timezone.localtime(generated_at),
        "generated_by": generated_by,
        "contents": contents,
        "documents": documents,
        "documents_missing": documents_missing,
        # The caseload's next step is an internal code; the request timelines below say it in words.
        "child_facts": facts(child, skip=frozenset({"next_due_step"})),
        "setting": child.setting,
        "setting_facts": facts(child.setting, skip=frozenset({"local_authority"})) if child.setting else [],
        "family": family,
        "requests": _request_views(dataset),
        "contacts": dataset.records("cases.contactlogentry"),
        "key_workers": dataset.records("people.keyworkerassignment"),
        "sections": [Section(item.type.title, [facts(r) for r in item.records]) for item in others],
        **_access_log(events),
    }


@dataclass
class LogRow:
    """One line of the access log: an event, or a run of the same person's views on one day."""

    event: AuditEvent
    first: dt.datetime
    last: dt.datetime
    times: int = 1
    changes: str = ""


def _access_log(events: list[AuditEvent]) -> dict[str, Any]:
    """The access log for reading, oldest first.

    Every change and export has its own line. One person's views of the same page from the same
    address on one day share a line saying how many times and between which times: a child's
    record is viewed far more often than it is changed, and a PDF of tens of thousands of single
    views would be neither readable nor quick to produce. Every event, one by one, is still in
    audit_events.json. Only the newest MAX_LOG_ROWS lines are shown.
    """
    rows: list[LogRow] = []
    day: dt.date | None = None
    views_today: dict[tuple[Any, ...], LogRow] = {}
    for event in events:
        when = timezone.localtime(event.occurred_at)
        if when.date() != day:
            day, views_today = when.date(), {}
        key = (event.actor_id, event.actor_label, event.summary, event.ip_address)
        if event.action == Action.VIEW and key in views_today:
            row = views_today[key]
            row.times, row.last = row.times + 1, when
            continue
        row = LogRow(event=event, first=when, last=when, changes=_changes(event.changes))
        rows.append(row)
        if event.action == Action.VIEW:
            views_today[key] = row
    shown = rows[-MAX_LOG_ROWS:]
    return {"log": shown, "log_left_out": len(rows) - len(shown), "log_events": len(events)}


def _refuse_every_url() -> Any:
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a function

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            raise ValueError(f"SENDcase does not fetch {url} into a PDF")

        return refuse
    return URLFetcher(allowed_protocols=frozenset())


def render_pdf(summary_context: dict[str, Any]) -> bytes:
    """The summary as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string("audit/subject_access.html", summary_context)
    return HTML(string=html, base_url=None, url_fetcher=_refuse_every_url()).write_pdf()  # type: ignore[no-any-return]
