"""Finding every kind of record SENDcase holds about a child, from the models themselves.

A subject access export must not forget a table because it was added after the export was
written. So nothing here lists the case-work models: every installed model whose foreign keys
(one-to-one and many-to-many too) lead, directly or through other records, to people.Child is a
record type about the child, and its rows are found by following those keys. A plan's content,
a team membership, a consent, a case note or a SEN2 return row joins the export the day its
model is installed.

One kind of record is followed the other way: the family members (people.FamilyMember) that the
child's records point at, such as the parents and carers on the child's family links. Records
that hang only off a family member and not off the child (for example messages to a parent about
a brother or sister) are the family member's own data, not the child's, so they are not walked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from sendcase.people.models import Child, FamilyMember

# Models whose rows are exported when the child's records point at them (see the module docstring).
FOLLOWED_MODELS: tuple[type[models.Model], ...] = (FamilyMember,)

# A relation path longer than this is a modelling mistake, not a record about the child.
MAX_DEPTH = 6


@dataclass(frozen=True)
class RecordType:
    """One kind of record about the child: its model, its file in the export, how its rows are found."""

    model: type[models.Model]
    filename: str
    # Lookups from this model to the child ("child", "request__child", ...); empty for the child itself.
    paths: tuple[str, ...] = ()
    # For followed models: (record type label, field name) pairs pointing at rows of this model.
    followed_from: tuple[tuple[str, str], ...] = field(default=())

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


def relation_fields(model: type[models.Model]) -> Iterator[models.Field]:  # type: ignore[type-arg]
    """The model's own foreign keys, one-to-ones and many-to-manys (not the reverse ones)."""
    for f in model._meta.get_fields():
        if f.is_relation and not f.auto_created and f.related_model is not None and (f.concrete or f.many_to_many):
            yield f  # type: ignore[misc]


def _not_walked_through() -> frozenset[type[models.Model]]:
    # A staff or family account is a person in their own right: a record that merely names its
    # author is not about every child linked to that account, so paths never pass through one.
    return frozenset({get_user_model(), *FOLLOWED_MODELS})


def _paths_to_child(
    model: type[models.Model], seen: frozenset[type[models.Model]], barriers: frozenset[type[models.Model]]
) -> list[str]:
    if len(seen) > MAX_DEPTH:
        return []
    paths: list[str] = []
    for f in relation_fields(model):
        target = f.related_model
        if target is Child:
            paths.append(f.name)
        elif target not in seen and target not in barriers:
            paths.extend(f"{f.name}__{rest}" for rest in _paths_to_child(target, seen | {target}, barriers))  # type: ignore[arg-type,operator]
    return paths


def relation_paths(model: type[models.Model]) -> list[str]:
    """Every lookup from `model` to the child along foreign keys, without going round in circles."""
    return sorted(set(_paths_to_child(model, frozenset({model}), _not_walked_through())))


def _filename(model: type[models.Model]) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(model._meta.verbose_name_plural).lower()).strip("_")


def record_types(candidates: Iterable[type[models.Model]] | None = None) -> list[RecordType]:
    """Every kind of record about a child, the child first, then the others by model label.

    `candidates` defaults to every installed model.
    """
    candidates = sorted(apps.get_models() if candidates is None else candidates, key=lambda m: m._meta.label_lower)
    linked = {model: relation_paths(model) for model in candidates if model is not Child}
    linked = {model: paths for model, paths in linked.items() if paths}
    found: list[tuple[type[models.Model], tuple[str, ...], tuple[tuple[str, str], ...]]] = []
    # The child's family next to the child, then everything else by model label.
    for target in FOLLOWED_MODELS:
        pointers = tuple(
            (model._meta.label_lower, f.name)
            for model in linked
            for f in relation_fields(model)
            if f.related_model is target
        )
        if pointers or target in linked:
            found.append((target, tuple(linked.get(target, ())), pointers))
    found += [(model, tuple(paths), ()) for model, paths in linked.items() if model not in FOLLOWED_MODELS]

    # Two apps may name their records alike ("notes"): then both files take their app's name.
    names = [_filename(m) for m in (Child, *(m for m, _, _ in found))]
    clashes = {name for name in names if names.count(name) > 1}

    def filename(model: type[models.Model]) -> str:
        name = _filename(model)
        return f"{model._meta.app_label}_{name}.json" if name in clashes else f"{name}.json"

    types = [RecordType(Child, filename(Child))]
    types += [RecordType(m, filename(m), paths=paths, followed_from=pointers) for m, paths, pointers in found]
    return types
