"""Forms families fill in. Every label, hint and message is translatable (docs/portal.md)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sendcase.organisations.models import LocalAuthority, Organisation
from sendcase.portal.models import PLAN_SECTIONS, Answer, MeetingFormat, ParentsSee
from sendcase.staff.govuk_forms import DateField, DateInputWidget, GovUKFormMixin


class FamilyDateWidget(DateInputWidget):
    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], (_("Day"), _("Month"), _("Year")), strict=True):
            sub["label"] = label
        return context


class FamilyDateField(DateField):
    """The GOV.UK three-box date, with its messages in the family's language."""

    widget = FamilyDateWidget

    def compress(self, data_list: list[str]) -> dt.date | None:
        try:
            return super().compress(data_list)
        except ValidationError as exc:
            raise ValidationError(_("Enter a real date of birth, like 27 3 2010")) from exc

    def clean(self, value: Any) -> Any:
        if not value or not any(value):
            if self.required:
                raise ValidationError(_("Enter the date of birth"))
            return None
        return self.compress(list(value))


class SignInForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter your email address"), "invalid": _("Enter a real email address")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )


class CodeForm(GovUKFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Enter the code we emailed you"),
        help_text=_("The code is 6 numbers. It works once, for 10 minutes."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-5",
            }
        ),
        error_messages={"required": _("Enter the code we emailed you")},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not code.isdigit() or len(code) != 6:
            raise ValidationError(_("The code must be 6 numbers, like 123456"))
        return code


class AcceptInvitationForm(GovUKFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Create a password"),
        help_text=_("Use 12 characters or more. A few unrelated words together make a strong password."),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type your password again"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ForgottenPasswordForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The email address you sign in with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter your email address"), "invalid": _("Enter a real email address")},
    )


class NewPasswordForm(AcceptInvitationForm):
    """Choosing a new password from a forgotten-password link: the invitation's two boxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("New password")
        self.fields["password_again"].label = _("Type your new password again")


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current_password", "password", "password_again"]


RELATIONSHIP_CHOICES = [
    ("parent", _("I am their parent")),
    ("carer", _("I am their carer or guardian")),
    ("young_person", _("I am the young person (16 to 25)")),
]


class AccountRequestForm(GovUKFormMixin, forms.Form):
    local_authority = forms.ModelChoiceField(
        label=_("Your council"),
        queryset=LocalAuthority.objects.none(),
        empty_label=_("Select your council"),
        required=False,
    )
    name = forms.CharField(label=_("Your full name"), max_length=200, required=False)
    email = forms.CharField(
        label=_("Your email address"),
        help_text=_("We will send your invitation to this address."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    relationship = forms.ChoiceField(
        label=_("Who are you?"), choices=RELATIONSHIP_CHOICES, widget=forms.RadioSelect, required=False
    )
    child_first_name = forms.CharField(label=_("The child or young person's first name"), required=False)
    child_last_name = forms.CharField(label=_("The child or young person's last name"), required=False)
    child_date_of_birth = FamilyDateField(
        label=_("The child or young person's date of birth"),
        help_text=_("For example, 27 3 2010"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        councils = LocalAuthority.objects.order_by("name")
        self.fields["local_authority"].queryset = councils  # type: ignore[attr-defined]
        self.single_council = councils.first() if councils.count() == 1 else None
        if self.single_council is not None:
            del self.fields["local_authority"]


class ViewsForm(GovUKFormMixin, forms.Form):
    child_views = forms.CharField(
        label=_("The child or young person's views"),
        help_text=_("What they like, what they find hard, what helps them and what matters to them, in their words."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    family_views = forms.CharField(
        label=_("Your family's views"),
        help_text=_("What you want the council to know about your child and your family."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    aspirations = forms.CharField(
        label=_("Hopes and goals for the future"),
        help_text=_("What they would like to do or achieve, now and when they are older."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentForm(GovUKFormMixin, forms.Form):
    documents = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A PDF, Word (.docx), JPEG or PNG file."),
        required=False,
    )
    description = forms.CharField(
        label=_("What is this document? (optional)"),
        help_text=_("For example, a letter from the paediatrician."),
        max_length=200,
        required=False,
    )


class DraftResponseForm(GovUKFormMixin, forms.Form):
    """One fieldset per section of the plan (A to K): agree or disagree, and why."""

    preferred_setting = forms.ModelChoiceField(
        label=_("The school or college you would like named in the plan (optional)"),
        help_text=_("You have the right to ask for a particular school or college."),
        queryset=Organisation.objects.none(),
        empty_label=_("No preference"),
        required=False,
    )
    meeting_requested = forms.BooleanField(
        label=_("I would like a meeting with an officer about the draft plan"), required=False
    )
    other_comments = forms.CharField(
        label=_("Anything else you want to tell the council (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, settings_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_setting"].queryset = settings_queryset  # type: ignore[attr-defined]
        for code, label in PLAN_SECTIONS:
            self.fields[f"answer_{code}"] = forms.ChoiceField(
                label=_("Section %(label)s") % {"label": label},
                choices=Answer.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{code}"] = forms.CharField(
                label=_("Your comments on section %(code)s") % {"code": code},
                help_text=_("If you disagree, say what should change and why."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        # GovUKFormMixin styled the fields made in super().__init__; style the new ones too.
        for name in self.fields:
            if name.startswith("comment_"):
                self.fields[name].widget.attrs.setdefault("class", "govuk-textarea")
        self.order_fields(
            [name for code, _label in PLAN_SECTIONS for name in (f"answer_{code}", f"comment_{code}")]
            + ["preferred_setting", "meeting_requested", "other_comments", "version"]
        )

    def sections(self) -> list[tuple[str, Any, Any]]:
        return [(code, self[f"answer_{code}"], self[f"comment_{code}"]) for code, _label in PLAN_SECTIONS]

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            code: (data.get(f"answer_{code}") or "", data.get(f"comment_{code}") or "")
            for code, _label in PLAN_SECTIONS
        }


class ReviewForm(GovUKFormMixin, forms.Form):
    meeting_format = forms.ChoiceField(
        label=_("How would you like the review meeting to be held?"),
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    access_needs = forms.CharField(
        label=_("Do you or your child need anything to take part? (optional)"),
        help_text=_("For example, an interpreter, step-free access, a quiet room or a break during the meeting."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    views = forms.CharField(
        label=_("Your views for the review (optional)"),
        help_text=_("What has gone well, what has not, and what you would like to change in the plan."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class MessageForm(GovUKFormMixin, forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), required=False)


class SharingForm(GovUKFormMixin, forms.Form):
    parents_see = forms.ChoiceField(
        label=_("What can your parents see in the family portal?"),
        help_text=_("You are over school leaving age, so you decide. You can change this at any time."),
        choices=ParentsSee.choices,
        widget=forms.RadioSelect,
        required=False,
    )
