"""Check the wording before you send it: the plain-English check of text staff typed for a family.

Staff write to families in several forms: a decision's reasons, the decision on ceasing a plan, a
reply to a family's message, the plan's own text. A form's "Check the wording" button
(templatetags/wording.py) posts what was typed here instead of to its own page. This page saves
nothing and reads no record: it shows the checker's report on the text, lets the officer change
it, and sends everything on to the form's own page when they press the form's button, exactly
as if they had pressed it there. The check warns and never blocks.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sendcase.plainenglish import Report, check_plain_english, glossary
from sendcase.staff.views.base import staff_view

PREFIX = "_check"


def report_for(text: str, *, letter: bool) -> Report:
    """The check as the letter page makes it: a letter's "Words we use" box explains the glossary's terms."""
    words = [term.term for term in glossary().terms_in(text)] if letter else []
    return check_plain_english(text, words_we_use=words)


def _same_site(request: HttpRequest, url: str) -> bool:
    return (
        url.startswith("/")
        and not url.startswith("//")
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    )


@require_POST
@staff_view
def wording_check(request: HttpRequest) -> HttpResponse:
    back = request.POST.get(f"{PREFIX}_next", "")
    if not _same_site(request, back):
        return HttpResponseBadRequest("The form to go back to is not on SENDcase.")
    letter = request.POST.get(f"{PREFIX}_letter") == "1"
    names = list(dict.fromkeys(name for name in request.POST.getlist(PREFIX) if name and not name.startswith("_")))
    boxes = [
        {
            "name": name,
            "label": request.POST.get(f"{PREFIX}_label_{name}", "") or "What you wrote",
            "text": request.POST.get(name, ""),
        }
        for name in names
    ]
    text = "\n\n".join(box["text"].strip() for box in boxes if box["text"].strip())
    carried: list[tuple[str, str]] = [
        (key, value)
        for key, values in request.POST.lists()
        if key != "csrfmiddlewaretoken" and key not in names and not key.startswith(PREFIX)
        for value in values
    ]
    context: dict[str, Any] = {
        "boxes": boxes,
        "report": report_for(text, letter=letter) if text else None,
        "carried": carried,
        "back": back,
        "submit": request.POST.get(f"{PREFIX}_submit", "") or "Save",
        "letter": letter,
        "names": names,
    }
    response = render(request, "notifications/check_wording.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
