"""Pages for letters and calls to families: preview and check a letter, send it, record a call.

Only the SEND team of the child's council reaches them (sendcase.notifications.selectors, through
sendcase.access); anyone else gets a 404. Opening a letter is audited as a view of the child's
record, downloading its PDF as an export.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendcase.accounts.models import Role
from sendcase.audit.models import Action
from sendcase.audit.services import audit_view
from sendcase.core.errors import ServiceError
from sendcase.notifications.family.actions import (
    council_contact_save,
    letter_send,
    phone_task_done,
    young_person_contact_save,
)
from sendcase.notifications.letters import letter_body, letter_pdf, pdf_filename
from sendcase.notifications.models import Channel, CouncilContact, Status, YoungPersonContact
from sendcase.notifications.selectors import family_message_get_for_user, family_tasks_for
from sendcase.people.models import Child
from sendcase.plainenglish import check_plain_english
from sendcase.staff.govuk_forms import GovUKFormMixin
from sendcase.staff.views.base import apply_service_error, send_team_view
from sendcase.staff.views.form_page import case_page_url, child_form_view, form_page


class CallForm(GovUKFormMixin, forms.Form):
    note = forms.CharField(
        label="What was said (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="It goes in the contact log with the call.",
    )


def _letter_page(request: HttpRequest, message: Any, form: Any = None, send_error: str = "") -> HttpResponse:
    letter = message.letter
    report = check_plain_english(letter.text, words_we_use=letter.words_we_use)
    return render(
        request,
        "notifications/letter_preview.html",
        {
            "message": message,
            "child": message.child,
            "letter": letter,
            "letter_body": letter_body(letter.html),
            "recipient_lines": message.recipient.splitlines() if message.channel == Channel.LETTER else [],
            "report": report,
            "can_act": request.user.can_do_casework,  # type: ignore[union-attr]
            "form": form or CallForm(),
            "send_error": send_error,
        },
    )


@send_team_view
def letter_preview(request: HttpRequest, message_id: str) -> HttpResponse:
    """The letter (or what to say on the call) with its plain-English check, before it goes."""
    message = family_message_get_for_user(request.user, message_id)  # type: ignore[arg-type]
    if not hasattr(message, "letter"):
        raise Http404("This message has no letter.")
    audit_view(actor=request.user, child=message.child, what=f"Letter to the family viewed: {message.subject}")  # type: ignore[arg-type]
    return _letter_page(request, message)


@send_team_view
def letter_pdf_download(request: HttpRequest, message_id: str) -> HttpResponse:
    message = family_message_get_for_user(request.user, message_id)  # type: ignore[arg-type]
    if not hasattr(message, "letter"):
        raise Http404("This message has no letter.")
    pdf = letter_pdf(message.letter)
    audit_view(
        actor=request.user,  # type: ignore[arg-type]
        child=message.child,
        what=f"Letter to the family downloaded as PDF: {message.subject}",
        action=Action.EXPORT,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(message.letter)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@send_team_view
def letter_send_view(request: HttpRequest, message_id: str) -> HttpResponse:
    message = family_message_get_for_user(request.user, message_id)  # type: ignore[arg-type]
    try:
        letter_send(actor=request.user, message=message)  # type: ignore[arg-type]
    except ServiceError as error:
        return _letter_page(request, message, send_error=error.field_errors.get("send", error.message))
    messages.success(request, "The letter has been sent")
    return redirect("notifications:letter", message_id=message.pk)


@require_POST
@send_team_view
def call_done_view(request: HttpRequest, message_id: str) -> HttpResponse:
    message = family_message_get_for_user(request.user, message_id)  # type: ignore[arg-type]
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            phone_task_done(actor=request.user, message=message, note=form.cleaned_data["note"])  # type: ignore[arg-type]
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The call is recorded in the contact log")
            return redirect("notifications:letter", message_id=message.pk)
    return _letter_page(request, message, form)


@send_team_view
def family_tasks(request: HttpRequest) -> HttpResponse:
    """Letters waiting to be checked and calls to make, oldest first."""
    user: Any = request.user
    if not user.can_do_casework:
        raise PermissionDenied("This page is for the council's case officers and managers.")
    tasks = list(family_tasks_for(user)[:500])
    return render(
        request,
        "notifications/family_tasks.html",
        {
            "letters": [m for m in tasks if m.status == Status.HELD],
            "calls": [m for m in tasks if m.status == Status.TO_DO],
            "everyone": user.role != Role.CASE_OFFICER,
        },
    )


class ContactForm(GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = CouncilContact
        fields = [
            "team_name",
            "address",
            "phone",
            "email",
            "website",
            "mediation_name",
            "mediation_phone",
            "mediation_email",
            "support_name",
            "support_phone",
            "support_website",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "address": "One line per line of the address, the postcode last.",
            "mediation_name": "Decision letters tell families how to reach the mediation adviser (reg 32).",
            "support_name": "For example the council's SENDIASS.",
        }


@send_team_view
def letter_details(request: HttpRequest) -> HttpResponse:
    """The council's address and contacts printed on every letter to families: administrators keep them."""
    user: Any = request.user
    if user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("The council's SEND administrators keep the letter details.")
    existing = CouncilContact.objects.filter(local_authority_id=user.local_authority_id).first()
    form = ContactForm(
        request.POST or None, instance=existing or CouncilContact(local_authority_id=user.local_authority_id)
    )
    if request.method == "POST" and form.is_valid():
        council_contact_save(actor=user, contact=form.save(commit=False), fields=list(form.Meta.fields))
        messages.success(request, "The letter details have been saved")
        return redirect("notifications:letter-details")
    return render(request, "notifications/letter_details.html", {"form": form})


class YoungPersonContactForm(GovUKFormMixin, forms.Form):
    language = forms.CharField(
        label="Language they would like us to write in",
        max_length=40,
        help_text="For example English, Polish or Welsh. Notices SENDcase cannot write in it go in English, "
        "with a line on how to get them explained, and a call for you to make with an interpreter.",
    )
    needs_interpreter = forms.BooleanField(label="They need an interpreter", required=False)
    phone = forms.CharField(
        label="Phone number (optional)",
        required=False,
        max_length=20,
        help_text="For a call with an interpreter. Their notices themselves go to their family portal email.",
    )


@child_form_view
def young_person_contact(request: HttpRequest, child: Child) -> HttpResponse:
    """How a young person who holds their own family portal account wants their notices: language, interpreter."""
    existing = YoungPersonContact.objects.filter(child=child).first() or YoungPersonContact(child=child)
    initial = {"language": existing.language, "needs_interpreter": existing.needs_interpreter, "phone": existing.phone}
    return form_page(
        request,
        form=YoungPersonContactForm(request.POST or None, initial=initial),
        save=lambda d: young_person_contact_save(
            actor=request.user,  # type: ignore[arg-type]
            child=child,
            language=d["language"],
            needs_interpreter=d["needs_interpreter"],
            phone=d["phone"],
        ),
        success=f"Saved how we write to {child.known_as or child.first_name}",
        back=case_page_url(child, "family-messages"),
        template="staff/step_form.html",
        context={"title": f"How we write to {child.full_name}", "child": child},
    )
