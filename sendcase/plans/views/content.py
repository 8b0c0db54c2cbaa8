"""The plan's working content: reading it, editing a section, recording progress on an outcome."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase.core.clock import today
from sendcase.core.errors import EditConflict, ServiceError
from sendcase.plans import forms, selectors, services
from sendcase.plans.display import section_views, visible_fields
from sendcase.plans.owners import PlanOwner
from sendcase.plans.sections import Section, section_get
from sendcase.plans.views.common import can_edit, owner_for, plan_for
from sendcase.staff.forms import VersionedForm
from sendcase.staff.govuk_forms import DateField
from sendcase.staff.views.base import apply_service_error, staff_view

# Blank rows offered under a list section's items; "Add another" offers one more each time.
BLANK_ROWS = 1


def _plan_url(owner: PlanOwner, anchor: str = "") -> str:
    url = reverse(owner.url_name("plan"), kwargs=owner.url_kwargs)
    return f"{url}#{anchor}" if anchor else url


@staff_view
def plan_detail(
    request: HttpRequest, child_id: str, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    child, owner = owner_for(
        request, child_id, plan_id=plan_id, request_id=request_id, viewed="EHC plan content viewed"
    )
    page = selectors.plan_page(owner)
    return render(
        request,
        "plans/plan.html",
        {
            "child": child,
            "owner": owner,
            "plan": owner.plan,
            "page": page,
            "sections": section_views(page.draft.content),
            # A plan no longer maintained (or a request closed) keeps its content as it was.
            "can_edit": can_edit(request, child, owner),
        },
    )


def _anchor(form: django_forms.Form, name: str) -> str:
    field = form.fields[name]
    multiple = isinstance(field, DateField) or isinstance(
        field.widget, django_forms.RadioSelect | django_forms.CheckboxSelectMultiple
    )
    return form[name].auto_id + ("_0" if multiple else "")


def _row_errors(section: Section, rows: Any) -> list[tuple[str, str]]:
    """(anchor, message) for every problem in the rows, each naming its section and item."""
    items: list[tuple[str, str]] = [("", str(e)) for e in rows.non_form_errors()]
    for n, form in enumerate(rows.forms, 1):
        for name, messages_ in form.errors.items():
            anchor = f"row-{n}" if name == "__all__" else _anchor(form, name)
            for message in messages_:
                text = str(message)
                if not text.startswith("Section "):
                    text = f"Section {section.letter}, {section.item} {n}: {text[0].lower()}{text[1:]}"
                items.append((anchor, text))
    return items


def _row_initial(section: Section, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item.get("id", ""),
        **{f.name: forms.to_initial(f, item.get(f.name)) for f in visible_fields(section)},
    }


def _apply_list_errors(error: ServiceError, section: Section, meta: Any, kept: list[Any]) -> None:
    if isinstance(error, EditConflict) or not error.field_errors:
        meta.add_error(None, error.message)
        return
    for key, message in error.field_errors.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(kept):
            form = kept[int(parts[1])]
            form.add_error(parts[2] if parts[2] in form.fields and parts[2] != "id" else None, message)
        else:
            meta.add_error(None, message)


def _list_section(request: HttpRequest, child: Any, owner: PlanOwner, draft: Any, section: Section) -> HttpResponse:
    rows_class = forms.row_formset(
        section, la_id=child.local_authority_id, outcomes=forms.outcome_choices(draft.content)
    )
    stored = (draft.content.get(section.code) or section.empty())["items"]
    meta = VersionedForm(request.POST or None, initial={"version": draft.version})
    if request.method != "POST":
        initial = [_row_initial(section, item) for item in stored]
        if section.code == "k" and not initial:
            initial = [_row_initial(section, row) for row in selectors.received_advice(owner)]
        rows = rows_class(initial=initial + [{}] * BLANK_ROWS, prefix="rows")
    else:
        rows = rows_class(request.POST, prefix="rows")
        if "add" in request.POST and rows.management_form.is_valid():
            # "Add another" is a round trip: nothing is saved or checked, one more blank row is shown,
            # and the version the person first saw is carried forward unchanged.
            rows = rows_class(initial=[forms.raw_initial(f) for f in rows.forms] + [{}], prefix="rows")
            meta = VersionedForm(initial={"version": request.POST.get("version")})
        elif meta.is_valid() and rows.is_valid():
            kept = [f for f in rows.forms if not f.cleaned_data.get("DELETE") and not f.is_blank()]
            try:
                services.plan_content_update(
                    actor=request.user,  # type: ignore[arg-type]
                    **owner.key,
                    section=section.code,
                    data={"items": [f.item_data() for f in kept]},
                    version=meta.cleaned_data.get("version"),
                )
            except ServiceError as error:
                _apply_list_errors(error, section, meta, kept)
            else:
                messages.success(request, f"{section.heading} saved")
                return redirect(_plan_url(owner, f"section-{section.code}"))
    errors = (meta.error_list if meta.is_bound else []) + (_row_errors(section, rows) if rows.is_bound else [])
    return render(
        request,
        "plans/section_form.html",
        {
            "child": child,
            "owner": owner,
            "plan": owner.plan,
            "section": section,
            "meta": meta,
            "rows": rows,
            "errors": errors,
        },
    )


def _field_section(request: HttpRequest, child: Any, owner: PlanOwner, draft: Any, section: Section) -> HttpResponse:
    stored = draft.content.get(section.code) or section.empty()
    initial: dict[str, Any] = {f.name: forms.to_initial(f, stored.get(f.name)) for f in section.fields}
    if section.code == "i" and not any(stored.values()) and owner.plan is not None:
        initial.update(forms.placement_initial(owner.plan))
    form = forms.SectionForm(
        request.POST or None,
        initial={"version": draft.version, **initial},
        section=section,
        la_id=child.local_authority_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_content_update(
                actor=request.user,  # type: ignore[arg-type]
                **owner.key,
                section=section.code,
                data=form.section_data(),
                version=form.cleaned_data.get("version"),
            )
        except ServiceError as error:
            field_errors = {key.split(".")[-1]: message for key, message in error.field_errors.items()}
            apply_service_error(form, ServiceError(error.message, field_errors=field_errors))
        else:
            messages.success(request, f"{section.heading} saved")
            return redirect(_plan_url(owner, f"section-{section.code}"))
    return render(
        request,
        "plans/section_form.html",
        {
            "child": child,
            "owner": owner,
            "plan": owner.plan,
            "section": section,
            "meta": form,
            "errors": form.error_list if form.is_bound else [],
        },
    )


@staff_view
def section_edit(
    request: HttpRequest, child_id: str, section: str, plan_id: str | None = None, request_id: str | None = None
) -> HttpResponse:
    spec = section_get(section)
    if spec is None:
        raise Http404("There is no such section of a plan.")
    child, owner = owner_for(
        request,
        child_id,
        plan_id=plan_id,
        request_id=request_id,
        for_write=True,
        viewed=f"EHC plan {spec.heading} opened to edit",
    )
    draft = selectors.draft_content(owner)
    if spec.is_list:
        return _list_section(request, child, owner, draft, spec)
    return _field_section(request, child, owner, draft, spec)


@staff_view
def progress_new(request: HttpRequest, child_id: str, plan_id: str, outcome_id: str) -> HttpResponse:
    child, plan = plan_for(
        request, child_id, plan_id, for_write=True, viewed="EHC plan outcome opened to record progress"
    )
    outcome = selectors.outcome_get(plan, str(outcome_id))
    form = forms.ProgressForm(request.POST or None, initial={"recorded_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.outcome_progress_record(
                actor=request.user,  # type: ignore[arg-type]
                plan=plan,
                outcome_id=outcome_id,
                recorded_on=d["recorded_on"],
                rating=d["rating"],
                note=d.get("note", ""),
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Progress recorded")
            return redirect(_plan_url(PlanOwner.of(plan=plan), f"outcome-{outcome_id}"))
    history = selectors.progress_by_outcome(plan).get(str(outcome_id), [])
    return render(
        request,
        "plans/progress_form.html",
        {
            "child": child,
            "owner": PlanOwner.of(plan=plan),
            "plan": plan,
            "outcome": outcome,
            "form": form,
            "history": history,
        },
    )
