"""Plan content for a handful of the demo council's plans: sections A to K, two versions, progress.

And the draft plans of a few open requests whose draft was served, as the draft version the
family reads and answers in the portal (the demo officer's first).

Called by the `la` scale demo (sendcase/demo/generator.py) once the plans are written. It writes
in bulk, as the rest of the demo does, from its own random stream so the other rows of the demo
stay as they were. Every section is put through the same checks as a person's edits
(sendcase/plans/validation.py), so the demo never holds content SENDcase would refuse.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sendcase.cases.models import AssessmentRequest, Outcome
from sendcase.demo.ids import new_uuid
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion, ProgressRating, VersionKind
from sendcase.plans.owners import PlanOwner
from sendcase.plans.sections import SECTIONS
from sendcase.plans.selectors import received_advice
from sendcase.plans.validation import Context, content_hash, outcome_ids, section_clean

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.cases.models import Plan

# (area of need, need, outcome, how we will know, provision: what, how often, by whom)
_THEMES: tuple[tuple[str, str, str, str, tuple[str, str, str]], ...] = (
    (
        "communication",
        "{name} finds it hard to follow spoken instructions of more than two steps and to join in group talk.",
        "{name} will follow three-step instructions in class without an adult repeating them",
        "Class teacher's observation checklist, reviewed each half term",
        (
            "Speech and language therapy programme",
            "Twice a week, 30 minutes",
            "Teaching assistant, set by a speech and language therapist",
        ),
    ),
    (
        "cognition",
        "{name}'s reading and spelling are about two years behind most children of the same age.",
        "{name} will read a book of their choice aloud to a small group",
        "Reading age measured each term; reading record signed by {name}",
        (
            "Precision teaching of reading and spelling",
            "Four times a week, 15 minutes",
            "Teaching assistant trained by the SENCo",
        ),
    ),
    (
        "semh",
        "{name} becomes anxious at times of change and can leave the classroom when upset.",
        "{name} will stay in class for whole lessons, using their calm plan when worried",
        "Behaviour log and {name}'s own weekly self-rating",
        (
            "Emotional literacy support sessions and a calm space",
            "Weekly, 45 minutes",
            "Emotional literacy support assistant",
        ),
    ),
    (
        "sensory_physical",
        "{name} has low muscle tone and tires quickly when writing or moving around the school.",
        "{name} will write a full page using a laptop and move between lessons independently",
        "Occupational therapy review and teacher's work samples",
        (
            "Fine motor programme and use of a laptop for written work",
            "Daily, 20 minutes",
            "Teaching assistant, advised by an occupational therapist",
        ),
    ),
)
_FAMILY_ROLES = (
    "{parent} will read with {name} for ten minutes each evening and share the home-school diary. "
    "The SENCo will meet {parent} each half term, and SENDIASS will support {parent} at review meetings."
)


def _items(code: str, rows: list[dict[str, Any]], context: Context, rng: random.Random) -> dict[str, Any]:
    # Ids from the demo's own random stream, so the same seed gives the same items.
    rows = [dict(row, id=row.get("id") or str(new_uuid(rng))) for row in rows]
    return section_clean(code, {"items": rows}, context=context)


def _content(plan: Any, rng: random.Random, on: dt.date, advice: list[dict[str, Any]]) -> dict[str, Any]:
    """Valid content for `plan` (or a request's draft plan), with outcomes due a year or two after `on`."""
    child = plan.child
    name = child.known_as or child.first_name
    themes = rng.sample(_THEMES, k=2)
    context = Context(on=on)
    needs = [{"area": t[0], "text": t[1].format(name=name)} for t in themes]
    outcomes = [
        {
            "id": str(new_uuid(rng)),
            "area": t[0],
            "outcome": t[2].format(name=name),
            "measure": t[3].format(name=name),
            "by_when": on + dt.timedelta(days=rng.choice((365, 548, 730))),
            "steps": f"First steps agreed with {name} at the planning meeting\nReviewed with the family each term",
        }
        for t in themes
    ]
    content: dict[str, Any] = {s.code: s.empty() for s in SECTIONS}
    content["a"] = section_clean(
        "a",
        {
            "child_views": "I like Lego, drawing and being with my friends. I want people to give me time to answer.",
            "family_views": f"We want {name} to be happy at school and to feel they belong.",
            "aspirations": f"{name} would like to work with animals.",
            "family_roles": _FAMILY_ROLES.format(parent="Mum", name=name),
            "young_person_role": f"{name} will tell an adult they trust when they need a break.",
        },
        context=context,
    )
    content["b"] = _items("b", needs, context, rng)
    content["c"] = _items("c", [{"text": "Seen by the community paediatrician once a year."}], context, rng)
    content["e"] = _items("e", outcomes, context, rng)
    context.outcome_ids = outcome_ids(content)
    content["f"] = _items(
        "f",
        [
            {
                "outcomes": [o["id"]],
                "what": t[4][0],
                "how_often": t[4][1],
                "by_whom": t[4][2],
                "duration": "Until the next annual review",
                "group_size": rng.choice(("1:1", "Small group of 4")),
            }
            for o, t in zip(outcomes, themes, strict=True)
        ],
        context,
        rng,
    )
    content["g"] = _items(
        "g",
        [
            {
                "what": "Annual review by the community paediatrician",
                "how_often": "Once a year",
                "by_whom": "Community paediatrics",
                "duration": "While the plan is maintained",
            }
        ],
        context,
        rng,
    )
    if isinstance(plan, AssessmentRequest):
        pass  # a draft plan leaves the school to be named once the family has asked for one
    elif plan.named_setting:
        placement = {"setting_id": str(plan.named_setting.pk), "setting_type": "mainstream"}
        content["i"] = section_clean(
            "i", placement, context=Context(on=on, settings={placement["setting_id"]: plan.named_setting.name})
        )
    else:
        content["i"] = section_clean(
            "i", {"setting_name": "Arrangements made by the council", "setting_type": "otherwise"}, context=context
        )
    rows = [dict(a, date=min(a["date"], on)) for a in advice] or [
        {
            "contributor": "Educational psychology",
            "date": on - dt.timedelta(days=40),
            "title": "Educational psychology advice",
        },
        {"contributor": "School or setting", "date": on - dt.timedelta(days=35), "title": "SENCo's report"},
    ]
    content["k"] = _items("k", rows, context, rng)
    return content


def _amend(content: dict[str, Any], rng: random.Random, on: dt.date, name: str) -> dict[str, Any]:
    """The content after an annual review: one outcome achieved and replaced, one reworded."""
    amended = copy.deepcopy(content)
    outcomes = amended["e"]["items"]
    kept = dict(
        outcomes[1], outcome=outcomes[1]["outcome"] + ", including on school trips", by_when=on + dt.timedelta(days=365)
    )
    added = {
        "id": str(new_uuid(rng)),
        "area": "pfa_community",
        "outcome": f"{name} will join an after-school club of their choice",
        "measure": f"Club register and what {name} tells us at the next review",
        "by_when": on + dt.timedelta(days=365),
        "steps": "",
    }
    context = Context(on=on)
    amended["e"] = _items("e", [kept, added], context, rng)
    context.outcome_ids = outcome_ids(amended)
    provision = [
        dict(p, outcomes=[i for i in p["outcomes"] if i in context.outcome_ids]) for p in amended["f"]["items"]
    ]
    provision[-1]["how_often"] = "Three times a week, 30 minutes"
    amended["f"] = _items("f", provision, context, rng)
    amended["a"] = dict(amended["a"], aspirations=amended["a"]["aspirations"] + " They are also keen on football.")
    return amended


def seed_plan_content(
    *, plans: Sequence[Plan], officer: User | None, rng: random.Random, today: dt.date, how_many: int = 6
) -> int:
    """Give up to `how_many` of `plans` full content and two versions (issued, then amended).

    The plans of `officer`'s caseload come first, so the demo officer meets them on their caseload.
    """
    officer_id = officer.pk if officer else None
    chosen = sorted(plans, key=lambda p: (p.child.key_worker_id != officer_id, str(p.pk)))[:how_many]
    drafts, versions, progress = [], [], []
    for plan in chosen:
        first_on = plan.issued_on
        second_on = max(first_on, min(today, plan.last_review_on or first_on + dt.timedelta(days=180)))
        first = _content(plan, rng, first_on, received_advice(plan))
        second = _amend(first, rng, second_on, plan.child.known_as or plan.child.first_name)
        for number, kind, on, content in (
            (1, VersionKind.ISSUED, first_on, first),
            (2, VersionKind.AMENDED, second_on, second),
        ):
            versions.append(
                PlanVersion(
                    id=new_uuid(rng),
                    plan=plan,
                    number=number,
                    kind=kind,
                    issued_on=on,
                    content=content,
                    sha256=content_hash(content),
                    created_by=officer,
                    modified_by=officer,
                )
            )
        drafts.append(
            PlanDraftContent(
                id=new_uuid(rng), plan=plan, content=copy.deepcopy(second), created_by=officer, modified_by=officer
            )
        )
        for outcome in second["e"]["items"]:
            progress.append(
                OutcomeProgress(
                    id=new_uuid(rng),
                    plan=plan,
                    outcome_id=outcome["id"],
                    recorded_on=second_on,
                    rating=rng.choice((ProgressRating.NOT_STARTED, ProgressRating.SOME, ProgressRating.GOOD)),
                    note="Discussed at the annual review.",
                    recorded_by=officer,
                    created_by=officer,
                    modified_by=officer,
                )
            )
    PlanVersion.objects.bulk_create(versions)
    PlanDraftContent.objects.bulk_create(drafts)
    OutcomeProgress.objects.bulk_create(progress)
    seed_draft_plans(plans=plans, officer=officer, rng=rng)
    return len(chosen)


def seed_draft_plans(*, plans: Sequence[Plan], officer: User | None, rng: random.Random, how_many: int = 3) -> int:
    """Give up to `how_many` open requests of the plans' council, whose draft was served, a draft version.

    The content is as a person would have written it on the day the draft was served, frozen as
    draft version 1 of the request (reg 13(1)), with the working content the same.
    """
    if not plans:
        return 0
    officer_id = officer.pk if officer else None
    requests = AssessmentRequest.objects.filter(
        child__local_authority_id=plans[0].child.local_authority_id,
        outcome=Outcome.OPEN,
        draft_served_on__isnull=False,
    ).select_related("child")
    chosen = sorted(requests, key=lambda r: (r.child.key_worker_id != officer_id, -r.draft_served_on.toordinal()))
    drafts, versions = [], []
    for request in chosen[:how_many]:
        on: dt.date = request.draft_served_on  # type: ignore[assignment]
        content = _content(request, rng, on, received_advice(PlanOwner.of(request=request)))
        versions.append(
            PlanVersion(
                id=new_uuid(rng),
                request=request,
                number=1,
                kind=VersionKind.DRAFT,
                issued_on=on,
                content=content,
                sha256=content_hash(content),
                created_by=officer,
                modified_by=officer,
            )
        )
        drafts.append(
            PlanDraftContent(
                id=new_uuid(rng),
                request=request,
                content=copy.deepcopy(content),
                created_by=officer,
                modified_by=officer,
            )
        )
    PlanVersion.objects.bulk_create(versions)
    PlanDraftContent.objects.bulk_create(drafts)
    return len(versions)
