"""An email address or phone number in a letter stays on one line, whatever the line length."""

from __future__ import annotations

from django.template import Context, Template

from sendcase.notifications.letters import pdf_from_html
from tests.pdf import pdf_text

EMAIL = "mediation@dorset-mediation.example"


def _letter(filtered: bool) -> str:
    """One paragraph a line length: the address lands at every place in a line in one of them."""
    value = "{{ line|unbroken }}" if filtered else "{{ line }}"
    source = (
        "{% load letter_tags %}<html><head><style>body { font: 11pt Arial, sans-serif; width: 120mm; }"
        " .sc-unbroken { white-space: nowrap; }</style></head><body>"
        "{% for line in lines %}<p>" + value + "</p>{% endfor %}</body></html>"
    )
    lines = [f"{'word ' * n}{n}: write to {EMAIL} or phone 01305 000000." for n in range(40)]
    return Template(source).render(Context({"lines": lines}))


def test_the_address_and_the_number_are_never_split_across_lines():
    text = pdf_text(pdf_from_html(_letter(filtered=True)))
    for n in range(40):
        assert f"{n}: write to {EMAIL} or phone 01305 000000." in text


def test_without_the_filter_a_line_does_break_inside_the_address():
    # The check above can fail: unwrapped, some line ends after "dorset-" or inside the number.
    text = pdf_text(pdf_from_html(_letter(filtered=False)))
    whole = sum(f"{n}: write to {EMAIL} or phone 01305 000000." in text for n in range(40))
    assert whole < 40


def test_the_text_around_them_is_escaped_and_other_numbers_left_alone():
    rendered = Template("{% load letter_tags %}{{ value|unbroken }}").render(
        Context({"value": "<b>Call</b> +44 20 7946 0000 or o'neil@school-one.example by 2 August 2025, ref SC-7K2M9QX"})
    )
    assert rendered == (
        '&lt;b&gt;Call&lt;/b&gt; <span class="sc-unbroken">+44 20 7946 0000</span> or '
        '<span class="sc-unbroken">o&#x27;neil@school-one.example</span> by 2 August 2025, ref SC-7K2M9QX'
    )
