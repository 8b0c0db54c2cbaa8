"""Letters keep an email address or a phone number on one line.

A line may break after a hyphen, so "mediation@dorset-mediation.example" could end one line of a
PDF letter with "mediation@dorset-" and start the next with "mediation.example": a parent copying
it by hand would write the wrong address. `unbroken` escapes the text and wraps each email
address and UK phone number in a span that letters style with `white-space: nowrap`
(class `sc-unbroken`); the words around them wrap as before.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# An email address, or a UK phone number: 0 or +44 and then 9 or 10 digits, spaces allowed
# between them ("01305 000000", "0300 123 4567", "+44 20 7946 0000").
_CONTACT = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w+])(?:\+44 ?|0)\d(?: ?\d){8,9}(?!\d)")


@register.filter(is_safe=True)
def unbroken(value: object) -> SafeString:
    """`value`, escaped, with each email address and phone number kept on one line."""
    text = str(value)
    parts: list[str] = []
    last = 0
    for found in _CONTACT.finditer(text):
        parts.append(escape(text[last : found.start()]))
        parts.append(f'<span class="sc-unbroken">{escape(found.group())}</span>')
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)
