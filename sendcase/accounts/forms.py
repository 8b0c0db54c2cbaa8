from __future__ import annotations

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from sendcase.staff.govuk_forms import GovUKFormMixin


class SignInForm(GovUKFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your SENDcase administrator.",
    }


class CodeForm(GovUKFormMixin, forms.Form):
    """The 6-digit code an authenticator app shows (GOV.UK 'security code' pattern)."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows for SENDcase. It changes every 30 seconds.",
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-5",
            }
        ),
    )

    def clean_code(self) -> str:
        # People copy codes with spaces ("123 456") or dashes; only the digits matter.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Enter the code from your authenticator app")
        if not code.isdigit():
            raise forms.ValidationError("The code must be numbers only, like 123456")
        if len(code) != 6:
            raise forms.ValidationError("The code must be 6 numbers")
        return code

    def __init__(self, *args: object, label: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].error_messages["required"] = "Enter the code from your authenticator app"
        if label:
            self.fields["code"].label = label
