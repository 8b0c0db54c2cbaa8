"""A version of an EHC plan as an A4 PDF, rendered by WeasyPrint from a Django template.

The template embeds its CSS and loads nothing from outside (no fonts, images or stylesheets
by URL), so a PDF renders the same on a server with no network and cannot leak a request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from sendcase.core.clock import today
from sendcase.plans.display import section_views
from sendcase.plans.owners import PlanOwner, version_owner

if TYPE_CHECKING:
    from sendcase.plans.models import PlanVersion


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"A plan PDF loads nothing from outside: {url}")


def plan_version_html(version: PlanVersion, *, owner: PlanOwner | None = None) -> str:
    owner = owner or version_owner(version)
    child = owner.child
    return render_to_string(
        "plans/pdf.html",
        {
            "version": version,
            "plan": owner.plan,
            "owner": owner,
            "child": child,
            "council": child.local_authority.name,
            "sections": section_views(version.content),
            "printed_on": today(),
        },
    )


def plan_version_pdf(version: PlanVersion, *, owner: PlanOwner | None = None) -> bytes:
    """The PDF of one plan version: header with the council and the child, page numbers, sections A to K.

    `owner` is the plan or request already fetched (with its child and council), if the caller has it.
    """
    from weasyprint import HTML  # imported here: it loads its native libraries on first use

    return HTML(string=plan_version_html(version, owner=owner), url_fetcher=_refuse_fetch).write_pdf()


def pdf_filename(version: PlanVersion, *, owner: PlanOwner | None = None) -> str:
    owner = owner or version_owner(version)
    draft = "draft-" if owner.is_request else ""
    return f"EHC-plan-{draft}{owner.child.reference}-version-{version.number}.pdf"
