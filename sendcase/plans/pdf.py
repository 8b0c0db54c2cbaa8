"""A version of an EHC plan as an A4 PDF, rendered by WeasyPrint from a Django template.

The template embeds its CSS and loads nothing from outside (no fonts, images or stylesheets
by URL), so a PDF renders the same on a server with no network and cannot leak a request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from sendcase.core.clock import today
from sendcase.plans.display import section_views

if TYPE_CHECKING:
    from sendcase.plans.models import PlanVersion


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"A plan PDF loads nothing from outside: {url}")


def plan_version_html(version: PlanVersion) -> str:
    plan = version.plan
    child = plan.child
    return render_to_string(
        "plans/pdf.html",
        {
            "version": version,
            "plan": plan,
            "child": child,
            "council": child.local_authority.name,
            "sections": section_views(version.content),
            "printed_on": today(),
        },
    )


def plan_version_pdf(version: PlanVersion) -> bytes:
    """The PDF of one plan version: header with the council and the child, page numbers, sections A to K."""
    from weasyprint import HTML  # imported here: it loads its native libraries on first use

    return HTML(string=plan_version_html(version), url_fetcher=_refuse_fetch).write_pdf()


def pdf_filename(version: PlanVersion) -> str:
    return f"EHC-plan-{version.plan.child.reference}-version-{version.number}.pdf"
