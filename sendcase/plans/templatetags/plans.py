"""The plan panel on the case page, and small helpers for the plan templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from sendcase.plans.models import PlanDraftContent, VersionKind
from sendcase.plans.owners import PlanOwner

register = template.Library()


@register.simple_tag
def owner_url(owner: PlanOwner, name: str, *args: Any) -> str:
    """The plan page `name` ("section-edit", "version", ...) of a plan, or of a request's draft plan."""
    return reverse(owner.url_name(name), args=[*owner.url_kwargs.values(), *args])


@register.filter
def lookup(mapping: dict[str, Any] | None, key: Any) -> Any:
    """`mapping[key]`, or None: templates cannot index a dictionary by a variable."""
    return (mapping or {}).get(str(key))


@register.inclusion_tag("plans/_panel_links.html")
def plan_panel(plan: Any, can_edit: bool) -> dict[str, Any]:
    """The plan's content on the case page: the version in force and where to read, compare and print it."""
    versions = list(PlanOwner.of(plan=plan).versions().order_by("number").only("number", "kind", "issued_on"))
    finals = [v for v in versions if v.kind != VersionKind.DRAFT]
    return {
        "plan": plan,
        "versions": versions,
        "current": finals[-1] if finals else None,
        "latest": versions[-1] if versions else None,
        "has_draft": PlanDraftContent.objects.filter(plan=plan).exists(),
        "can_edit": can_edit and plan.status == "active",
    }


@register.filter
def iso_date(value: str | None) -> str:
    """A date stored in plan content (ISO 8601) as GOV.UK writes dates: 2 June 2025."""
    import datetime as dt

    from sendcase.timescales import format_date

    return format_date(dt.date.fromisoformat(value)) if value else ""


@register.inclusion_tag("plans/_request_panel.html")
def request_plan_panel(request: Any, can_edit: bool) -> dict[str, Any]:
    """The draft plan of a request on the case page, once the council has decided to issue a plan."""
    owner = PlanOwner.of(request=request)
    versions = list(owner.versions().order_by("number").only("number", "kind", "issued_on"))
    return {
        "request": request,
        "owner": owner,
        "shown": request.issue_decision == "issue" and (request.is_open or bool(versions)),
        "versions": versions,
        "latest": versions[-1] if versions else None,
        "has_draft": PlanDraftContent.objects.filter(request=request).exists(),
        "can_edit": can_edit and request.is_open,
    }
