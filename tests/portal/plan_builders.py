"""Draft plans and proposed amendments held in SENDcase, for families to read and answer in the portal.

TODAY is 2 June 2025 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt

from sendcase.cases.models import Plan
from sendcase.plans.models import PlanDraftContent
from sendcase.plans.services import plan_content_update, plan_version_issue
from sendcase.reviews import services as reviews
from tests.plans.builders import complete_content, write_content

D = dt.date
TODAY = D(2025, 6, 2)
FAMILY_ROLE = "Mum will read with Amelia for ten minutes every evening, supported by the SENCo."
NEED = "Reading age two years below her age."
NEW_ASPIRATIONS = "To be a vet or a zookeeper."
REWORDED_OUTCOME = "Amelia will read a chapter book aloud to her class with confidence"


def draft_version(officer, request, setting, *, issued_on=dt.date(2025, 5, 30)):
    """The draft plan of `request` written in full and frozen as its draft version 1, sent on `issued_on`."""
    write_content(officer, None, complete_content(setting, TODAY), request=request)
    return plan_version_issue(actor=officer, request=request, kind="draft", issued_on=issued_on)


def plan_with_proposals(officer, child, setting, *, sent_on=dt.date(2025, 5, 26)):
    """A plan issued on 10 June 2024 (version 1), reviewed on 20 May 2025, amendments proposed on `sent_on`.

    The proposals (version 2, a draft) change the aspirations and reword outcome 1. Sent on
    26 May 2025, the family has until 9 June 2025 to comment (reg 22(2)).
    """
    plan = Plan.objects.create(child=child, issued_on=D(2024, 6, 10), named_setting=setting)
    write_content(officer, plan, complete_content(setting, TODAY))
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=plan.issued_on)
    draft = PlanDraftContent.objects.get(plan=plan)
    a = dict(draft.content["a"], aspirations=NEW_ASPIRATIONS)
    draft = plan_content_update(actor=officer, plan=plan, section="a", data=a, version=draft.version)
    outcomes = [dict(draft.content["e"]["items"][0], outcome=REWORDED_OUTCOME), *draft.content["e"]["items"][1:]]
    plan_content_update(actor=officer, plan=plan, section="e", data={"items": outcomes}, version=None)
    review = reviews.review_schedule(actor=officer, plan=plan, meeting_on=D(2025, 5, 20), meeting_format="online")
    review = reviews.review_invitations_send(actor=officer, review=review, sent_on=D(2025, 5, 1), expected_version=None)
    review = reviews.review_meeting_record(actor=officer, review=review, held_on=D(2025, 5, 20), expected_version=None)
    review = reviews.review_decision_record(
        actor=officer, review=review, decision="amend", sent_on=D(2025, 5, 22), expected_version=None
    )
    return reviews.review_amendments_send(actor=officer, review=review, sent_on=sent_on, expected_version=None)
