"""Forms for editing plan sections. They parse what was typed; sendcase/plans/validation.py judges it.

Every field is optional at this layer, so the service's checks (which name the section and item,
"Section E, outcome 2: add how progress will be measured") are the ones a person sees.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory

from sendcase.cases.models import Plan
from sendcase.organisations.models import Organisation, OrganisationKind
from sendcase.plans.display import visible_fields
from sendcase.plans.models import ProgressRating, VersionKind
from sendcase.plans.sections import Field, Section
from sendcase.plans.validation import MAX_ITEMS
from sendcase.staff.forms import VersionedForm
from sendcase.staff.govuk_forms import DateField, GovUKFormMixin

YES_NO = (("yes", "Yes"), ("no", "No"))
# How the date boxes' own messages name each date ("The start date must be a real date").
DATE_NAMES = {
    "by_when": "date it should be achieved by",
    "start_on": "start date",
    "end_on": "end date",
    "date": "date of the advice",
}


def _form_field(spec: Field, *, la_id: object, outcomes: list[tuple[str, str]]) -> forms.Field:
    hint = spec.hint
    if spec.kind == "long":
        return forms.CharField(
            label=spec.label,
            help_text=hint,
            required=False,
            widget=forms.Textarea({"rows": 4, "class": "govuk-textarea"}),
        )
    if spec.kind in ("text", "money"):
        width = "govuk-input--width-10" if spec.kind == "money" else ""
        return forms.CharField(
            label=spec.label,
            help_text=hint,
            required=False,
            widget=forms.TextInput({"class": f"govuk-input {width}".strip()}),
        )
    if spec.kind == "date":
        return DateField(
            label=spec.label,
            help_text=hint or "For example, 27 3 2026",
            what=DATE_NAMES.get(spec.name, spec.label.lower()),
            required=False,
        )
    if spec.kind == "choice":
        return forms.ChoiceField(
            label=spec.label,
            help_text=hint,
            required=False,
            choices=[("", "Choose"), *spec.choices],
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
    if spec.kind == "bool":
        return forms.ChoiceField(label=spec.label, required=False, choices=YES_NO, widget=forms.RadioSelect)
    if spec.kind == "links":
        return forms.MultipleChoiceField(
            label=spec.label, required=False, choices=outcomes, widget=forms.CheckboxSelectMultiple
        )
    if spec.kind == "setting":
        return forms.ModelChoiceField(
            queryset=Organisation.objects.filter(local_authority_id=la_id, kind=OrganisationKind.SETTING).order_by(
                "name"
            ),
            label=spec.label,
            required=False,
            empty_label="Select a school or setting",
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
    raise ValueError(spec.kind)


def to_initial(spec: Field, value: Any) -> Any:
    """A stored value as a form shows it."""
    if spec.kind == "date":
        return dt.date.fromisoformat(value) if value else None
    if spec.kind == "bool":
        return "yes" if value else ("" if value is None else "no")
    return value


def to_data(spec: Field, value: Any) -> Any:
    """A parsed form value as the service takes it."""
    if spec.kind == "bool":
        return value == "yes"
    if spec.kind == "setting":
        return str(value.pk) if value else ""
    if spec.kind == "links":
        return list(value or [])
    return value if value is not None else ""


class SectionForm(VersionedForm):
    """The fields of a section that is not a list (A, I, J)."""

    def __init__(self, *args: Any, section: Section, la_id: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for spec in section.fields:
            self.fields[spec.name] = _form_field(spec, la_id=la_id, outcomes=[])

    def section_data(self) -> dict[str, Any]:
        return {spec.name: to_data(spec, self.cleaned_data.get(spec.name)) for spec in self.section.fields}


class RowForm(GovUKFormMixin, forms.Form):
    """One item of a list section (a need, an outcome, a row of provision, a piece of advice)."""

    id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, section: Section, la_id: object, outcomes: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.section = section
        for spec in visible_fields(section):
            self.fields[spec.name] = _form_field(spec, la_id=la_id, outcomes=outcomes)

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(spec.name) for spec in visible_fields(self.section))

    def item_data(self) -> dict[str, Any]:
        item = {spec.name: to_data(spec, self.cleaned_data.get(spec.name)) for spec in visible_fields(self.section)}
        return {"id": self.cleaned_data.get("id", ""), **item}


def row_formset(section: Section, *, la_id: object, outcomes: list[tuple[str, str]]) -> type[forms.BaseFormSet]:
    formset = formset_factory(RowForm, extra=0, can_delete=True, max_num=MAX_ITEMS, absolute_max=MAX_ITEMS)

    class Rows(formset):  # type: ignore[misc, valid-type]
        def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
            return {"section": section, "la_id": la_id, "outcomes": outcomes}

        def add_fields(self, form: forms.Form, index: int | None) -> None:
            super().add_fields(form, index)
            if "DELETE" in form.fields:
                form.fields["DELETE"].label = f"Remove this {section.item}"

    return Rows


def raw_initial(form: forms.Form) -> dict[str, Any]:
    """What a submitted row held, as the initial values of an unsubmitted row (for 'add another')."""
    return {name: form[name].value() for name in form.fields if name != "DELETE"}


class IssueVersionForm(VersionedForm):
    kind = forms.ChoiceField(label="What is this version?", choices=VersionKind.choices, widget=forms.RadioSelect)
    issued_on = DateField(label="Date issued", what="date the version was issued", help_text="For example, 27 3 2025")

    def __init__(self, *args: Any, kinds: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            # Only the kinds this page can issue; anything else posted is "not one of the choices".
            self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class ProgressForm(GovUKFormMixin, forms.Form):
    rating = forms.ChoiceField(label="Progress", choices=ProgressRating.choices, widget=forms.RadioSelect)
    recorded_on = DateField(label="Date", what="date of the progress", help_text="For example, 27 3 2025")
    note = forms.CharField(
        label="What has been achieved, and how we know (optional)",
        required=False,
        widget=forms.Textarea({"rows": 4}),
    )


def outcome_choices(content: dict[str, Any]) -> list[tuple[str, str]]:
    items = (content.get("e") or {}).get("items", [])
    return [(item["id"], f"Outcome {n}: {item.get('outcome', '')[:120]}") for n, item in enumerate(items, 1)]


def placement_initial(plan: Plan) -> dict[str, Any]:
    """Section I as the plan record has it, for a section nobody has written yet."""
    setting = plan.named_setting
    types = {
        "mainstream": "mainstream",
        "special": "special",
        "independent": "independent_special",
        "ap": "ap",
        "post16": "post16",
        "early_years": "early_years",
    }
    if setting is None:
        return {"setting_type": "otherwise" if plan.sen_setting == "OLA" else ""}
    return {"setting_id": setting, "setting_type": types.get(setting.setting_type, "")}
