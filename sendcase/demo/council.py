"""What one synthetic council looks like: its size, places, schools, staff and pace of work."""

from __future__ import annotations

from dataclasses import dataclass

from sendcase.demo import reference

# Schools and settings of a council with about 2,800 plans (Dorset's size in the seed papers).
DORSET_SETTINGS: dict[str, int] = {
    "primary": 100,
    "secondary": 25,
    "special": 10,
    "independent": 5,
    "ap": 3,
    "post16": 4,
    "early_years": 3,
}


@dataclass(frozen=True)
class CouncilSpec:
    """The parameters one council is generated from. Counts are targets, not exact."""

    code: str
    name: str
    region: str
    # Locality (family partnership zone) name -> postcode districts addresses are drawn from.
    # An empty tuple means "any Faker en_GB postcode".
    localities: dict[str, tuple[str, ...]]
    active_plans: int
    requests_per_month: float
    history_months: int
    settings: dict[str, int]
    officers: int
    managers: int
    eps: int
    # Share of new plans issued within 20 weeks: about half in England (46% in 2024).
    timely_share: float = 0.5
    # Share of decisions whether to assess made within 6 weeks (85% in England in 2024).
    decision_timely_share: float = 0.8
    # The fixed demo sign-ins (officer@, manager@, ep@, analyst@) belong to this council.
    fixed_signins: bool = False


def demo_council(*, fraction: float = 1.0) -> CouncilSpec:
    """The `la` scale: a council the size of Dorset (about 2,800 plans, 50 requests a month).

    `fraction` shrinks the children and requests (not the schools or staff) for fast tests.
    """
    return CouncilSpec(
        code=reference.DEMO_LA_CODE,
        name=reference.DEMO_LA_NAME,
        region=reference.DEMO_LA_REGION,
        localities=dict(reference.DEMO_LOCALITIES),
        active_plans=max(20, round(2800 * fraction)),
        requests_per_month=max(2.0, 50 * fraction),
        history_months=36,
        settings=dict(DORSET_SETTINGS),
        officers=14,
        managers=2,
        eps=4,
        timely_share=0.5,
        fixed_signins=True,
    )


def scaled_settings(active_plans: int) -> dict[str, int]:
    """Schools for a council with `active_plans` plans, at least one of each kind.

    Bigger councils have more plans per school, so schools grow more slowly than plans; the
    largest council stays under 1,000 settings, which its URN block (LA number + 3 digits) needs.
    """
    factor = (active_plans / 2800) ** 0.75
    counts = {kind: max(1, round(count * factor)) for kind, count in DORSET_SETTINGS.items()}
    total = sum(counts.values())
    if total > 900:
        counts = {kind: max(1, count * 900 // total) for kind, count in counts.items()}
    return counts
