"""Bringing a child already in SENDcase up to date from an imported person.

Rare next to creating (an import into a council that already holds the children, or a file
that changed since the last import), so it goes record by record with the ORM. Requests are
matched on the date they were received, plans on their request or, without one, their start
date. A block the child's casework already gives back exactly as the file has it changes
nothing: SENDcase's finer detail (the day of each decision, advice, exceptions) is kept. Each
changed child gets its own audit event with the old and new values.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import models

from sendcase.audit.models import Action
from sendcase.audit.services import audit_change
from sendcase.cases.models import AssessmentRequest, Plan
from sendcase.cases.services.caseload import caseload_refresh
from sendcase.core.locking import bump_version
from sendcase.people.models import Child
from sendcase.sen2.derive import REASSESSMENT, ChildData, PersonBuilder
from sendcase.sen2.load import BlockValues, PersonValues
from sendcase.sen2.models import ImportedPerson, ImportedRequest
from sendcase.sen2.rows import CHILD_FIELDS, ChildRow
from sendcase.sen2.select import fill

if TYPE_CHECKING:
    from sendcase.sen2.store import Store


def _apply(instance: models.Model, values: dict[str, Any], changes: dict[str, list[Any]], prefix: str) -> bool:
    """Set `values` on `instance`; record what differed in `changes`. True if anything did."""
    differed = False
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            changes[f"{prefix}{name}"] = [_plain(old), _plain(value)]
            setattr(instance, name, value)
            differed = True
    return differed


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model | uuid.UUID):
        return str(getattr(value, "pk", value))
    return value.isoformat() if hasattr(value, "isoformat") else value


def _already_says(store: Store, data: ChildData, block: BlockValues) -> bool:
    """True if the child's casework already gives this block back exactly as the file has it."""
    request = plan = None
    if block.request is not None:
        received = block.request["received_on"]
        request = next((r for r in data.requests if r.received_on == received), None)
        if request is None:
            return False
        plan = next((p for p in data.plans if p.request_id == request.id), None)
    elif block.plan is not None:
        # A block with no request is a plan made without one, or a re-assessment's plan (SEN2
        # returns it as the child's continuing plan: sendcase.sen2.derive.PersonBuilder.blocks).
        reassessments = {r.id for r in data.requests if r.kind == REASSESSMENT}
        plan = next(
            (
                p
                for p in data.plans
                if (p.request_id is None or p.request_id in reassessments) and p.issued_on == block.plan["issued_on"]
            ),
            None,
        )
        if plan is None:
            return False
    kept = next((k for k in data.imported if k.request_id == (request.id if request else None)
                 and (request is not None or k.plan_id == (plan.id if plan else None))), None)  # fmt: skip
    exceptions = data.exceptions.get(request.id, []) if request is not None else []
    builder = PersonBuilder(store.coll, store.existing, replay=True)
    review = data.reviews.get(plan.id) if plan is not None else None
    xml = builder.block(data.child, request, plan, exceptions, kept, data.plans, review=review, pretty=False)
    return xml == block.xml


def _child_values(person: PersonValues) -> dict[str, Any]:
    values = dict(person.child)
    if person.needs is not None:
        values["primary_need"], values["secondary_need"] = person.needs
    return values


def update_batch(store: Store, pairs: list[tuple[uuid.UUID, PersonValues]]) -> tuple[int, int]:
    """Bring matched children up to date; (changed, unchanged). Reads the batch in a few queries."""
    by_id = {
        row[0]: ChildData(ChildRow._make(row))
        for row in Child.objects.filter(pk__in=[child_id for child_id, _ in pairs]).values_list(*CHILD_FIELDS)
    }
    fill(list(by_id.values()), store.coll.year)
    changed = 0
    for child_id, person in pairs:
        data = by_id[child_id]
        differs = any(getattr(data.child, name) != value for name, value in _child_values(person).items())
        blocks = [block for block in person.blocks if not _already_says(store, data, block)]
        if (differs or blocks) and _update_person(store, child_id, person, blocks):
            changed += 1
    # Remember what each person held, so the same file next time is recognised at once.
    keys = [person.key for _, person in pairs]
    ImportedPerson.objects.filter(local_authority=store.la, year=store.coll.year, person_key__in=keys).delete()
    ImportedPerson.objects.bulk_create(
        ImportedPerson(
            local_authority=store.la,
            child_id=child_id,
            year=store.coll.year,
            person_key=person.key,
            content_hash=person.content_hash,
        )
        for child_id, person in pairs
    )
    return changed, len(pairs) - changed


def _update_person(store: Store, child_id: uuid.UUID, person: PersonValues, todo: list[BlockValues]) -> bool:
    """Update one child and the blocks in `todo`; True if anything changed."""
    actor = store.actor
    child = Child.objects.select_for_update().get(pk=child_id)
    changes: dict[str, list[Any]] = {}
    # The child's current school stays as SENDcase has it: the return says where the plan named.
    child_changed = _apply(child, _child_values(person), changes, "")
    requests = list(AssessmentRequest.objects.filter(child=child))
    plans = list(Plan.objects.filter(child=child))
    made = []
    for n, block in enumerate(todo, start=1):
        request = None
        if block.request is not None:
            received = block.request["received_on"]
            request = next((r for r in requests if r.received_on == received), None)
            request = _save(AssessmentRequest, request, block.request, changes, f"request {n}.", actor, child)
            if request not in requests:
                requests.append(request)
        plan = None
        if block.plan is not None:
            reassessments = {r.id for r in requests if r.kind == REASSESSMENT}
            plan = next(
                (
                    p
                    for p in plans
                    if (request is not None and p.request_id == request.id)
                    or (
                        request is None
                        and (p.request_id is None or p.request_id in reassessments)
                        and p.issued_on == block.plan["issued_on"]
                    )
                ),
                None,
            )
            values = {**block.plan, "named_setting_id": store.settings.id_of(block.setting), "request": request}
            if request is None and plan is not None and plan.request_id is not None:
                # A re-assessment's plan stays the re-assessment's.
                del values["request"]
            plan = _save(Plan, plan, values, changes, f"plan {n}.", actor, child)
            if plan not in plans:
                plans.append(plan)
        made.append((request, plan))
    if child_changed:
        bump_version(child)
        child.modified_by = actor
        child.save()
    if made:
        # The kept blocks follow the records they were made into.
        ids = [r.id for r, _ in made if r is not None]
        plan_ids = [p.id for _, p in made if p is not None]
        ImportedRequest.objects.filter(models.Q(request_id__in=ids) | models.Q(plan_id__in=plan_ids)).delete()
        ImportedRequest.objects.bulk_create(store.kept_blocks(child, todo, made, plans))
    if not changes:
        return False
    caseload_refresh(child=child)
    audit_change(
        actor=actor,
        action=Action.UPDATE,
        instance=child,
        child=child,
        summary=f"Brought up to date from the SEN2 return {store.coll.year} import",
        changes=changes,
    )
    return True


def _save(
    model: type[Any],
    instance: Any,
    values: dict[str, Any],
    changes: dict[str, list[Any]],
    prefix: str,
    actor: Any,
    child: Child,
) -> Any:
    if instance is None:
        instance = model(id=uuid.uuid4(), child=child, created_by=actor, modified_by=actor, **values)
        instance.save(force_insert=True)
        changes[f"{prefix}created"] = [None, str(instance.pk)]
        return instance
    if _apply(instance, values, changes, prefix):
        bump_version(instance)
        instance.modified_by = actor
        instance.save()
    return instance
