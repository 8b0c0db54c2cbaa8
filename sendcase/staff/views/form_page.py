"""The one shape of a form page about a child's record, for every app's staff pages.

A view fetches the record through `sendcase.access` (with `for_write=True`, so the access module
alone decides who may change it; `child_form_view` does so for the child in the URL), builds its
GOV.UK form, and hands both to `form_page`, which does the rest the same way on every page:

- GET, or a POST the form itself rejects: the page, with the GOV.UK error summary;
- a valid POST calls the ONE service that records the change (the service audits it);
- a refused change is shown on the form: ValidationFailed field by field, EditConflict
  ("Someone else changed ...") above the fields; either way what the person typed stays in the form;
- a saved change: the success message, and a redirect (post/redirect/get), usually to the case page.

Pages recorded from a table of steps (the EHC steps, the annual review steps) describe each step
with a `StepForm`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendcase import access
from sendcase.core.errors import ServiceError
from sendcase.people.models import Child
from sendcase.staff.views.base import View, apply_service_error, staff_view

Saved = TypeVar("Saved")


def child_form_view(view: View) -> View:
    """A staff page that changes a child's record: the URL's `child_id` arrives as `child`.

    The child is fetched for writing through `sendcase.access` before the view runs, so someone who
    may only read the record (or not see it at all) is refused there, on GET as well as POST.
    """

    @staff_view
    @wraps(view)
    def wrapper(request: HttpRequest, child_id: object, **kwargs: Any) -> HttpResponse:
        child = access.child_get_for_user(request.user, child_id, for_write=True)  # type: ignore[arg-type]
        return view(request, child, **kwargs)

    return wrapper


def case_page_url(child: Child, panel: str = "") -> str:
    """The child's case page, at one of its panels (`#reviews`, `#appeals`, `#team` ...) if given."""
    url = reverse("staff:child", kwargs={"child_id": child.pk})
    return f"{url}#{panel}" if panel else url


def form_page(
    request: HttpRequest,
    *,
    form: Any,
    save: Callable[[dict[str, Any]], Saved],
    success: str | Callable[[Saved], str],
    back: str | Callable[[Saved], str],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """Show `form`; on a valid POST call `save` (one service) with its cleaned data, then go `back`.

    `success` and `back` may depend on what `save` returned (e.g. a deadline it worked out).
    `context` is what the template needs besides the form.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(back(saved) if callable(back) else back)
    return render(request, template, {"form": form, **context})


@dataclass(frozen=True)
class StepForm:
    """One recordable step of a table of steps: its page title, its form, the one service it calls.

    `save(user, record, cleaned_data)` calls the service; `needs_la` gives the form the council's
    own settings and officers to choose from; `form_kwargs` are any other arguments of the form.
    """

    title: str
    form: type[Any]
    save: Callable[[Any, Any, dict[str, Any]], Any]
    success: str = "Saved"
    needs_la: bool = False
    form_kwargs: Mapping[str, Any] = field(default_factory=dict)

    def bind(self, request: HttpRequest, *, child: Child, initial: Mapping[str, Any]) -> Any:
        """The step's form, bound to what was posted if anything was."""
        la = {"la_id": child.local_authority_id} if self.needs_la else {}
        return self.form(request.POST or None, initial=dict(initial), **la, **self.form_kwargs)


def saved_by(
    service: Callable[..., Saved], record: str, *fields: str, versioned: bool = True
) -> Callable[[Any, Any, dict[str, Any]], Saved]:
    """A `StepForm.save` that calls `service` with the record as the argument named `record`.

    Each of `fields` is passed from the form under its own name; a `versioned` step also passes the
    version of the record the person saw, so the service refuses a stale save (EditConflict).
    """

    def save(user: Any, obj: Any, data: dict[str, Any]) -> Saved:
        version = {"expected_version": data.get("version")} if versioned else {}
        return service(actor=user, **{record: obj}, **{name: data.get(name) for name in fields}, **version)

    return save
