"""The messages SENDcase can send, and the only values each may carry.

A message says what kind of update there is, the date that matters and the SENDcase reference,
and links back to SENDcase, where the reader signs in to see the rest. It never carries a
child's name or details: each template lists the fields it takes, and `notify` refuses any
other, so a caller cannot slip personal data into an email by accident.

Each template's body lives in templates/notifications/messages/<name>.txt. When messages are
sent through GOV.UK Notify, the Notify template with the id configured for <name> receives
the same fields as ((placeholders)); see docs/notifications.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from sendcase.notifications.models import Channel


@dataclass(frozen=True)
class MessageTemplate:
    name: str
    subject: str  # a Django template string, rendered with the same fields as the body
    fields: frozenset[str]
    channels: frozenset[str] = frozenset({Channel.EMAIL})
    # Fields an email may carry; left out, they are empty (a GOV.UK Notify email template still receives
    # them). A text message never takes them.
    optional: frozenset[str] = frozenset()

    def optional_for(self, channel: str) -> frozenset[str]:
        return self.optional if channel == Channel.EMAIL else frozenset()

    @property
    def body_template(self) -> str:
        return f"notifications/messages/{self.name}.txt"

    def body_template_for(self, channel: str) -> str:
        """A text message has its own, shorter body (<name>.sms.txt) when the template sends both."""
        if channel == Channel.SMS and Channel.EMAIL in self.channels:
            return f"notifications/messages/{self.name}.sms.txt"
        return self.body_template


_ADVICE_FIELDS = frozenset({"council", "contributor", "reference", "due_date", "link"})

TEMPLATES: dict[str, MessageTemplate] = {
    t.name: t
    for t in (
        MessageTemplate(
            "advice_requested",
            "Request for advice for an EHC needs assessment: {{ reference }}",
            _ADVICE_FIELDS,
        ),
        MessageTemplate(
            "advice_assigned",
            "Request for advice assigned to you: {{ reference }}",
            _ADVICE_FIELDS,
        ),
        MessageTemplate(
            "advice_reminder",
            "Reminder: advice due {{ when }}, {{ due_date }}: {{ reference }}",
            _ADVICE_FIELDS | {"when"},
        ),
        MessageTemplate(
            "advice_overdue",
            "Advice overdue since {{ due_date }}: {{ reference }}",
            _ADVICE_FIELDS,
        ),
        MessageTemplate(
            "advice_overdue_escalation",
            "Advice from your team is overdue: {{ reference }}",
            _ADVICE_FIELDS | {"assignee"},
        ),
        MessageTemplate(
            "advice_submitted",
            "Advice received: {{ reference }}",
            frozenset({"contributor", "reference", "received_date", "link"}),
        ),
    )
}


# Family notices (sendcase/notifications/family): one per kind of update, by email or text
# message. Each names the kind of update and its date, never the child or the decision itself;
# the family signs in to the family portal for that (or gets a letter, which may say more).
# The subject is a msgid: a council that writes to families in Welsh translates it like the body.
_FAMILY_FIELDS = frozenset({"council", "date", "reference", "link"})
_FAMILY_CHANNELS = frozenset({Channel.EMAIL, Channel.SMS})
# `interpreter`: for a family member whose language SENDcase cannot write the notice in, one line at
# the top of the email, in their language where SENDcase has one, saying how to get the message
# explained (family/interpreter.py). It names no child; empty for everyone else; never in a text message.
_FAMILY_OPTIONAL = frozenset({"interpreter"})

FAMILY_TEMPLATES = (
    MessageTemplate(
        "family_notice_request_received",
        gettext_noop("We have received the request for an assessment"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_assessment_decision",
        gettext_noop("A decision about the assessment has been made"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_advice_requested",
        gettext_noop("We have started gathering advice for the assessment"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_exception",
        gettext_noop("An update about the time limits for the assessment"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_plan_decision",
        gettext_noop("A decision about the plan has been made"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_draft_plan",
        gettext_noop("Your draft plan is ready: reply by {{ reply_by }}"),
        _FAMILY_FIELDS | {"reply_by"},
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_final_plan",
        gettext_noop("The final plan has been issued"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_request_withdrawn",
        gettext_noop("The request for an assessment has been closed"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_review_invitation",
        gettext_noop("You are invited to a review meeting on {{ date }}"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    # After the plan: annual reviews, ceasing, decision notices and appeals. None names the
    # decision: "a decision about the plan" may be to keep it, change it or end it.
    MessageTemplate(
        "family_notice_review_decision",
        gettext_noop("A decision after the annual review has been made"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_amendments_proposed",
        gettext_noop("We have sent you changes to the plan: reply by {{ reply_by }}"),
        _FAMILY_FIELDS | {"reply_by"},
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_amended_plan",
        gettext_noop("The amended plan has been issued"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_no_amendment",
        gettext_noop("A decision about changing the plan has been made"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_cease_proposed",
        gettext_noop("An update about the plan: we would like your views"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_cease_decision",
        gettext_noop("A decision about the plan has been made"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_decision_notice",
        gettext_noop("We have sent you a letter about a decision"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_mediation_certificate",
        gettext_noop("An update about your mediation certificate"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_tribunal_order",
        gettext_noop("An update after the tribunal's decision"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    # Moves between councils, a review meeting moved, the review report, and the plan ending.
    MessageTemplate(
        "family_notice_transferred_out",
        gettext_noop("An update about a move to another council"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_transferred_in",
        gettext_noop("We now look after the plan"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_review_moved",
        gettext_noop("The review meeting has moved to {{ date }}"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_review_report",
        gettext_noop("The report of the review meeting is ready"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
    MessageTemplate(
        "family_notice_plan_ended",
        gettext_noop("An update about the plan"),
        _FAMILY_FIELDS,
        _FAMILY_CHANNELS,
        _FAMILY_OPTIONAL,
    ),
)
TEMPLATES.update({t.name: t for t in FAMILY_TEMPLATES})


def template_get(name: str) -> MessageTemplate:
    try:
        return TEMPLATES[name]
    except KeyError:
        known = ", ".join(sorted(TEMPLATES))
        raise ValueError(f"No message template called {name!r}; SENDcase has: {known}") from None
