"""Forms the SEND team uses for the family portal, from the case page (English, like every staff page)."""

from __future__ import annotations

from typing import Any

from django import forms

from sendcase.staff.govuk_forms import GovUKFormMixin


class InviteForm(GovUKFormMixin, forms.Form):
    email = forms.CharField(
        label="Email address to send the invitation to",
        help_text="The invitation link works once, for 7 days. It is sent to this address only.",
        required=False,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )


class ConfirmRequestForm(GovUKFormMixin, forms.Form):
    who = forms.ChoiceField(label="Who asked for the account?", widget=forms.RadioSelect, required=False)
    reason = forms.CharField(
        label="If you decline the request, why?",
        help_text="Kept on the record. SENDcase does not send this to the person who asked.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = [*choices, ("decline", "Decline the request")]  # type: ignore[attr-defined]


class MatchRequestForm(GovUKFormMixin, forms.Form):
    reference = forms.CharField(
        label="The child's SENDcase reference or UPN", help_text="For example, SC-4F7K2QX", required=False
    )


class ReplyForm(GovUKFormMixin, forms.Form):
    body = forms.CharField(
        label="Your reply",
        help_text="The family is emailed only that they have a new message in SENDcase; they sign in to read it.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class StartMessageForm(GovUKFormMixin, forms.Form):
    body = forms.CharField(
        label="Your message",
        help_text="The family is emailed only that they have a new message in SENDcase; they sign in to read it.",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )


class SwitchOffForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you switching this account off?",
        help_text="Kept on the record. SENDcase does not send it to the family.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SwitchOnForm(GovUKFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
