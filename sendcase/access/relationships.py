"""Why a person outside the council's SEND team may see a child: their relationships to the child.

Each relationship is a `Source`: the records that make it (an advice request, a team membership
with consent, a school place, a consultation, a locality), the path from those records to the
child, and how to say it in words. `children_visible_to` is the union of every source's child
ids and `relationship_of` reads the same sources for one child, so the list a person sees and the
reason shown on the case page can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet

from sendcase import timescales
from sendcase.accounts.models import Role
from sendcase.cases.models import AdviceRequest, Outcome, SettingConsultation
from sendcase.core.clock import today
from sendcase.organisations.models import OrganisationKind
from sendcase.people.models import Child
from sendcase.teams.models import Consent, TeamMembership, consent_in_force_on, membership_active_on

if TYPE_CHECKING:
    from sendcase.accounts.models import User

# Roles outside the SEND team that may hold a relationship with a child.
PARTNER_ROLES = frozenset({Role.PROFESSIONAL, Role.EDUCATIONAL_PSYCHOLOGIST, Role.SYSTEM})


@dataclass(frozen=True)
class Source:
    """One kind of relationship: the records that make it and the path from them to the child."""

    code: str
    rows: QuerySet[Any]
    child_field: str
    label: Callable[[Any], str]

    def child_ids(self, *, only: object = None) -> QuerySet[Any]:
        """The ids of the children this relationship reaches (only `only`'s, if given)."""
        rows = self.rows if only is None else self.rows.filter(**{self.child_field: only})
        # No ordering: the ids are only ever a subquery, and SQLite refuses ORDER BY inside a UNION.
        return rows.order_by().values(self.child_field)

    def for_children(self, ids: Iterable[object]) -> QuerySet[Any]:
        return self.rows.filter(**{f"{self.child_field}__in": list(ids)})


def _date(day: dt.date) -> str:
    return timescales.format_date(day)


def _advice_label(advice: AdviceRequest) -> str:
    return f"Advice asked of you ({advice.get_contributor_display()}, requested {_date(advice.requested_on)})"


def _organisation_advice_label(advice: AdviceRequest) -> str:
    return (
        f"Advice asked of {advice.organisation} ({advice.get_contributor_display()}, "
        f"requested {_date(advice.requested_on)})"
    )


def _team_label(membership: TeamMembership) -> str:
    return (
        f"Team around the child: {membership.get_role_on_team_display()} since "
        f"{_date(membership.started_on)}, with consent to share"
    )


def _consultation_label(consultation: SettingConsultation) -> str:
    return f"{consultation.setting} consulted about a place (sent {_date(consultation.sent_on)})"


def partner_sources(user: User, *, on: dt.date | None = None) -> list[Source]:
    """Every relationship `user` (not in the SEND team) may hold, as of `on` (default today)."""
    if not user.is_authenticated or not user.is_active or user.role not in PARTNER_ROLES:
        return []
    day = on or today()
    sources = [
        # a) Statutory advice asked of them by name (regs 6 and 8): the existing EP route.
        Source(
            "advice",
            AdviceRequest.objects.filter(assigned_to=user).select_related("request"),
            "request__child_id",
            _advice_label,
        )
    ]
    organisation = user.organisation
    if organisation is None:
        return sources
    if user.is_organisation_admin:
        # a) The organisation's inbox: advice addressed to it, not yet given to a named worker.
        sources.append(
            Source(
                "organisation_advice",
                AdviceRequest.objects.filter(organisation=organisation).select_related("request", "organisation"),
                "request__child_id",
                _organisation_advice_label,
            )
        )
    # b) On the team around the child as a named worker, while the family's consent to share
    # with their organisation is in force.
    consent = Consent.objects.filter(consent_in_force_on(day), child=OuterRef("child_id"), organisation=organisation)
    sources.append(
        Source(
            "team",
            TeamMembership.objects.filter(membership_active_on(day), person=user, organisation=organisation).filter(
                Exists(consent)
            ),
            "child_id",
            _team_label,
        )
    )
    if organisation.kind == OrganisationKind.SETTING:
        # c) The school or setting that educates the child now, or is consulted about a place.
        sources.append(
            Source(
                "setting",
                Child.objects.filter(setting=organisation).select_related("setting"),
                "pk",
                lambda child: f"Attends {child.setting}",
            )
        )
        sources.append(
            Source(
                "consultation",
                SettingConsultation.objects.filter(setting=organisation, request__outcome=Outcome.OPEN).select_related(
                    "setting"
                ),
                "request__child_id",
                _consultation_label,
            )
        )
    if organisation.kind == OrganisationKind.LOCALITY_TEAM and organisation.locality_id is not None:
        # d) The council's locality (family partnership zone) team: the children of its locality.
        sources.append(
            Source(
                "locality",
                Child.objects.filter(
                    local_authority_id=organisation.local_authority_id, locality_id=organisation.locality_id
                ).select_related("locality"),
                "pk",
                lambda child: f"Lives in the {child.locality} locality",
            )
        )
    return sources


def partner_child_ids(sources: list[Source], *, only: object = None) -> QuerySet[Any] | None:
    """One subquery of the ids of every child reached through `sources` (None when there are none).

    A UNION of small id lists, joined to the children's primary key, rather than OR-ed joins
    with DISTINCT: the database reads only the rows each relationship points at, however many
    children the instance holds. `only` narrows every arm to one child, so checking a single
    record is a handful of index lookups even for a locality team with thousands of children.
    """
    if not sources:
        return None
    first, *rest = (source.child_ids(only=only) for source in sources)
    return first.union(*rest) if rest else first


def send_team_label(user: User, child: Child) -> str:
    if child.key_worker_id == user.pk:
        return f"Your caseload ({child.local_authority} SEND team)"
    return f"{child.local_authority} SEND team"


def relationships_for(user: User, children: Iterable[Child], *, on: dt.date | None = None) -> dict[object, str]:
    """Why `user` may see each of `children`, keyed by child id (children with no reason left out).

    One query per kind of relationship, whatever the number of children.
    """
    children = list(children)
    if not children or not user.is_authenticated or not user.is_active:
        return {}
    if user.is_send_team:
        return {c.pk: send_team_label(user, c) for c in children if c.local_authority_id == user.local_authority_id}
    reasons: dict[object, list[str]] = {}
    ids = [c.pk for c in children]
    for source in partner_sources(user, on=on):
        for row in source.for_children(ids):
            child_id = _resolve(row, source.child_field)
            label = source.label(row)
            if label not in reasons.setdefault(child_id, []):
                reasons[child_id].append(label)
    return {child_id: "; ".join(labels) for child_id, labels in reasons.items()}


def _resolve(row: Any, path: str) -> Any:
    for part in path.split("__"):
        row = getattr(row, part)
    return row


def relationship_of(user: User, child: Child) -> str | None:
    """Why `user` may see `child`, in words for the case page and the access record; None if they may not."""
    return relationships_for(user, [child]).get(child.pk)
