""" "Where we are" after a decision the family can appeal: mediation, the tribunal and its orders.

Every date comes from sendcase.appeals.selectors.notice_view, which reads the deadlines the appeals
services store and keep up to date, never worked out here:

- the last day to contact the mediation adviser (`DecisionNotice.mediation_contact_by`,
  reg 33: 2 months after the notice was sent);
- the last day for the tribunal to receive an appeal (`DecisionNotice.appeal_deadline_on`,
  Tribunal Procedure Rules 2008 r.20(1)(c): 2 months after the notice, or 1 month after a
  mediation certificate if later; the appeals service moves it when a certificate is recorded);
- each duty under a tribunal order and its deadline (`TribunalOrderStep.due_on`, reg 44(2)).

Whether a certificate is needed depends on what the appeal is about (none for an appeal only
about the school named, s.55 CFA [SECONDARY]), so the mediation sentence says "in most cases".
The reasons a letter gives are never repeated here: the letter is on "Letters from the council".
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from sendcase import timescales
from sendcase.appeals.models import AppealOutcome, DecisionAbout, DecisionNotice, TribunalAppeal
from sendcase.appeals.selectors import NoticeView, OrderView
from sendcase.portal.timeline import (
    DONE,
    NEXT,
    Entry,
    StageTimeline,
    council_step,
    family_date,
    family_deadline,
    split_entries,
)
from sendcase.timescales import TribunalOrderKind


def decision_words(notice: DecisionNotice) -> str:
    """What the decision was about, as families read it."""
    words = {
        DecisionAbout.REFUSE_ASSESS: _("not to carry out an EHC needs assessment"),
        DecisionAbout.NOT_ISSUE: _("not to issue an EHC plan"),
        DecisionAbout.PLAN_CONTENTS: _("about what the EHC plan says"),
        DecisionAbout.CEASE: _("to stop keeping (cease) the EHC plan"),
        DecisionAbout.NOT_AMEND: _("not to change (amend) the EHC plan"),
    }
    return words.get(notice.about, _("that you can appeal against"))


def _order_words(kind: TribunalOrderKind) -> str:
    return {
        TribunalOrderKind.DISMISS_CEASE: _("the tribunal dismissed the appeal against ending the plan."),
        TribunalOrderKind.ASSESS: _("the tribunal ordered the council to carry out an EHC needs assessment."),
        TribunalOrderKind.MAKE_PLAN: _("the tribunal ordered the council to make an EHC plan."),
        TribunalOrderKind.AMEND_CONTENT: _(
            "the tribunal ordered the council to change what the plan says about needs or help."
        ),
        TribunalOrderKind.AMEND_SCHOOL_ONLY: _(
            "the tribunal ordered the council to change the school or college named in the plan."
        ),
    }[kind]


def _order_step_texts(step: str) -> tuple[str, str, str]:
    """(title, done text, due text) for one duty under a tribunal order."""
    texts = {
        "cease": (
            _("Ending the plan"),
            _("The council ended the plan on %(date)s."),
            _("The council may end the plan from %(date)s."),
        ),
        "notify_assessment": (
            _("Telling you about the assessment"),
            _("The council told you on %(date)s that it will carry out the assessment."),
            _("The council must tell you by %(date)s that it will carry out the assessment."),
        ),
        "decision_not_to_issue": (
            _("If the council decides not to issue a plan"),
            _("The council told you on %(date)s that it will not issue an EHC plan."),
            _("If the council decides not to issue an EHC plan, it must tell you by %(date)s."),
        ),
        "final_plan": (
            _("The final EHC plan"),
            _("The council issued the final EHC plan on %(date)s."),
            _("The council must send you the final EHC plan by %(date)s."),
        ),
        "draft_plan": (
            _("The draft EHC plan"),
            _("The council sent you the draft plan on %(date)s."),
            _("The council must send you the draft plan by %(date)s."),
        ),
        "amended_plan": (
            _("The amended plan"),
            _("The council issued the amended plan on %(date)s."),
            _("The council must send you the amended plan by %(date)s."),
        ),
    }
    return texts[step]


def _order_entries(order_view: OrderView) -> list[Entry | None]:
    order = order_view.order
    text = _("On %(date)s %(order)s") % {"date": family_date(order.made_on), "order": _order_words(order.order_kind)}
    entries: list[Entry | None] = [
        Entry(
            code=f"order-{order.pk}",
            title=_("What the tribunal ordered"),
            text=text,
            state=DONE,
            when=order.made_on,
            law=order_view.rule.regulation,
        )
    ]
    for step_view in order_view.steps:
        if step_view.step.not_needed:
            continue  # the other branch of reg 44(2)(b), once the council has done one of them
        title, done, due = _order_step_texts(step_view.step.step)
        entries.append(
            council_step(
                f"order-step-{step_view.step.pk}",
                title,
                step_view.status,
                done=lambda day, text=done: text % {"date": day},  # type: ignore[misc]
                due=lambda day, text=due: text % {"date": day},  # type: ignore[misc]
            )
        )
    return entries


_OUTCOMES = {
    AppealOutcome.DISMISSED: lambda: _("The tribunal agreed with the council's decision."),
    AppealOutcome.ALLOWED: lambda: _("The tribunal agreed with you, in whole or in part."),
    AppealOutcome.WITHDRAWN: lambda: _("The appeal was withdrawn."),
    AppealOutcome.CONCEDED: lambda: _("The council accepted your appeal before the tribunal decided."),
}


def _appeal_entries(appeal: TribunalAppeal, orders: list[OrderView], *, today: dt.date) -> list[Entry | None]:
    entries: list[Entry | None] = [
        Entry(
            code=f"appeal-{appeal.pk}",
            title=_("Your appeal to the tribunal"),
            text=_("The tribunal received your appeal on %(date)s.") % {"date": family_date(appeal.lodged_on)},
            state=DONE,
            when=appeal.lodged_on,
            law=timescales.APPEAL.regulation,
        )
    ]
    if appeal.hearing_on:
        held = appeal.hearing_on < today or not appeal.is_open
        text = _("The tribunal hearing was on %(date)s.") if held else _("The tribunal hearing is on %(date)s.")
        entries.append(
            Entry(
                code=f"hearing-{appeal.pk}",
                title=_("The tribunal hearing"),
                text=text % {"date": family_date(appeal.hearing_on)},
                state=DONE if held else NEXT,
                when=appeal.hearing_on,
            )
        )
    if appeal.concluded_on:
        outcome = _OUTCOMES.get(appeal.outcome)  # type: ignore[call-overload]
        text = _("The appeal ended on %(date)s.") % {"date": family_date(appeal.concluded_on)}
        entries.append(
            Entry(
                code=f"appeal-end-{appeal.pk}",
                title=_("The end of the appeal"),
                text=f"{text} {outcome()}" if outcome else text,
                state=DONE,
                when=appeal.concluded_on,
            )
        )
    for order_view in orders:
        entries.extend(_order_entries(order_view))
    return entries


def _mediation_entries(view: NoticeView) -> list[Entry | None]:
    notice, mediation = view.notice, view.mediation
    if mediation is None:
        if view.appeals:
            return []  # an appeal without a certificate: about the school named only, or the tribunal accepted it
        return [
            family_deadline(
                f"mediation-{notice.pk}",
                _("Mediation"),
                view.mediation_clock,
                open_text=_(
                    "If you disagree, contact the mediation adviser by %(date)s. In most cases you need a mediation "
                    "certificate from them before you can appeal, even if you do not want mediation."
                ),
                ended_text=_("The time to contact the mediation adviser ended on %(date)s."),
            )
        ]
    entries: list[Entry | None] = [
        Entry(
            code=f"mediation-{notice.pk}",
            title=_("Mediation"),
            text=_("You contacted the mediation adviser on %(date)s.")
            % {"date": family_date(mediation.contacted_adviser_on)},
            state=DONE,
            when=mediation.contacted_adviser_on,
            law=timescales.MEDIATION_CONTACT.regulation,
        )
    ]
    if mediation.mediation_held_on:
        entries.append(
            Entry(
                code=f"mediation-held-{notice.pk}",
                title=_("Mediation"),
                text=_("Mediation took place on %(date)s.") % {"date": family_date(mediation.mediation_held_on)},
                state=DONE,
                when=mediation.mediation_held_on,
            )
        )
    if mediation.certificate_issued_on:
        entries.append(
            Entry(
                code=f"certificate-{notice.pk}",
                title=_("Your mediation certificate"),
                text=_("The mediation adviser issued your mediation certificate on %(date)s.")
                % {"date": family_date(mediation.certificate_issued_on)},
                state=DONE,
                when=mediation.certificate_issued_on,
            )
        )
    return entries


def notice_timeline(view: NoticeView, *, today: dt.date) -> StageTimeline:
    """A decision the family can appeal, with the mediation and appeal dates stored on its notice."""
    notice = view.notice
    sent = {"date": family_date(notice.sent_on), "decision": decision_words(notice)}
    entries: list[Entry | None] = [
        Entry(
            code=f"notice-{notice.pk}",
            title=_("The decision letter"),
            text=_(
                "On %(date)s the council sent you its decision %(decision)s. The letter explains why, and what you "
                "can do if you disagree."
            )
            % sent,
            state=DONE,
            when=notice.sent_on,
            law=notice.regulation,
        )
    ]
    entries.extend(_mediation_entries(view))
    if not view.appeals:
        entries.append(
            family_deadline(
                f"appeal-by-{notice.pk}",
                _("Appealing to the tribunal"),
                view.appeal_clock,
                open_text=_(
                    "If you disagree, you can appeal to the tribunal. It must receive your appeal by %(date)s."
                ),
                ended_text=_("The time to appeal to the tribunal ended on %(date)s."),
            )
        )
    for appeal_view in view.appeals:
        entries.extend(_appeal_entries(appeal_view.appeal, appeal_view.orders, today=today))
    happened, upcoming = split_entries(entries)
    return StageTimeline(
        anchor=f"notice-{notice.pk}",
        heading=_("The council's decision %(decision)s, sent on %(date)s") % sent,
        happened=happened,
        upcoming=upcoming,
    )
