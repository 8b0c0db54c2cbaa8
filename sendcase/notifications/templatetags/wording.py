"""The plain-English check on a staff form whose text a family reads, before it is saved or sent.

    {% load wording %}
    <form method="post">... the fields ...
      {% check_wording form %}                  the check of what the text boxes hold, and a
                                                "Check the wording" button (views_check.py)
      {% check_wording meta rows %}             several forms, or a formset
      {% check_wording form letter=True %}      the text goes into a letter with a "Words we use" box
      <button>Save</button>
    </form>

Only text boxes (Textarea widgets) are checked: that is where staff write to families. The report
is the plain-English checker's (sendcase.plainenglish), the same as on the letter page. Without
JavaScript, "Check the wording" posts what was typed to the check page, which shows the report
and sends it on, unchanged or corrected, to the form's own page: nothing is saved until then.
"""

from __future__ import annotations

from typing import Any

from django import forms, template

from sendcase.notifications.views_check import report_for

register = template.Library()


def _text_boxes(*sources: Any) -> list[forms.BoundField]:
    found: list[forms.BoundField] = []
    for source in sources:
        if not source:
            continue
        for form in source if hasattr(source, "management_form") else [source]:
            found.extend(field for field in form if isinstance(field.field.widget, forms.Textarea))
    return found


@register.inclusion_tag("notifications/_check_wording.html", takes_context=True)
def check_wording(context: dict[str, Any], *sources: Any, letter: bool = False, submit: str = "Save") -> dict[str, Any]:
    boxes = _text_boxes(*sources)
    text = "\n\n".join(str(box.value() or "").strip() for box in boxes if str(box.value() or "").strip())
    request = context.get("request")
    return {
        "report": report_for(text, letter=letter) if text else None,
        "boxes": [(box.html_name, box.label) for box in boxes],
        "next": request.get_full_path() if request is not None else "",
        "letter": letter,
        "submit": submit,
    }
