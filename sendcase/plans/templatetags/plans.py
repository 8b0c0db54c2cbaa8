"""The plan panel on the case page, and small helpers for the plan templates."""

from __future__ import annotations

from typing import Any

from django import template

from sendcase.plans.models import PlanDraftContent, PlanVersion, VersionKind

register = template.Library()


@register.filter
def lookup(mapping: dict[str, Any] | None, key: Any) -> Any:
    """`mapping[key]`, or None: templates cannot index a dictionary by a variable."""
    return (mapping or {}).get(str(key))


@register.inclusion_tag("plans/_panel_links.html")
def plan_panel(plan: Any, can_edit: bool) -> dict[str, Any]:
    """The plan's content on the case page: the version in force and where to read, compare and print it."""
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number").only("number", "kind", "issued_on"))
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
