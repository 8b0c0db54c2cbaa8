"""The `national` scale: every English council, about 700,000 plans, for benchmarks.

Council sizes follow the DfE caseload of January 2025 (shared/data/dfe-ehcp-statistics-2025,
Open Government Licence), scaled up to 700,000 plans; LA numbers and regions are the real ones
so that UPNs and LAESTABs look right, but every name, school, person and case is synthetic.
There is one year of request history (about 150,000 requests, England's yearly number), and
council 838 is the demo council with the fixed sign-ins, which the benchmarks use.

Councils are generated and written one at a time, each in its own transaction, so memory stays
flat (the largest council is about 25,000 children) and an interrupted run leaves whole councils.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from faker import Faker

from sendcase.demo import reference
from sendcase.demo.council import CouncilSpec, demo_council, scaled_settings
from sendcase.demo.generator import CouncilTotals, seed_council
from sendcase.demo.ids import NhsNumbers
from sendcase.demo.organisations import place_name
from sendcase.demo.writer import RowWriter

TARGET_PLANS = 700_000
TARGET_REQUESTS_A_YEAR = 150_000
_ENGLAND_PLANS_2025 = 638_745

# (DfE LA number, region, EHC plans in January 2025) for the 153 councils in the DfE release.
COUNCILS: tuple[tuple[str, str, int], ...] = (
    ("201", "L", 26),
    ("202", "L", 1607),
    ("203", "L", 3244),
    ("204", "L", 3681),
    ("205", "L", 1779),
    ("206", "L", 2119),
    ("207", "L", 819),
    ("208", "L", 3316),
    ("209", "L", 3696),
    ("210", "L", 3552),
    ("211", "L", 4555),
    ("212", "L", 3175),
    ("213", "L", 1429),
    ("301", "L", 3063),
    ("302", "L", 4320),
    ("303", "L", 3267),
    ("304", "L", 3791),
    ("305", "L", 4395),
    ("306", "L", 5232),
    ("307", "L", 4040),
    ("308", "L", 4970),
    ("309", "L", 2954),
    ("310", "L", 2689),
    ("311", "L", 3005),
    ("312", "L", 3469),
    ("313", "L", 3382),
    ("314", "L", 1958),
    ("315", "L", 2730),
    ("316", "L", 1199),
    ("317", "L", 3391),
    ("318", "L", 2018),
    ("319", "L", 2582),
    ("320", "L", 3663),
    ("330", "WM", 12094),
    ("331", "WM", 3477),
    ("332", "WM", 3805),
    ("333", "WM", 4064),
    ("334", "WM", 2503),
    ("335", "WM", 4743),
    ("336", "WM", 3148),
    ("340", "NW", 2789),
    ("341", "NW", 6814),
    ("342", "NW", 2179),
    ("343", "NW", 3736),
    ("344", "NW", 4858),
    ("350", "NW", 3604),
    ("351", "NW", 2804),
    ("352", "NW", 8875),
    ("353", "NW", 3652),
    ("354", "NW", 2970),
    ("355", "NW", 3387),
    ("356", "NW", 3506),
    ("357", "NW", 3473),
    ("358", "NW", 3143),
    ("359", "NW", 3579),
    ("370", "YH", 3044),
    ("371", "YH", 3142),
    ("372", "YH", 3623),
    ("373", "YH", 5952),
    ("380", "YH", 7493),
    ("381", "YH", 2556),
    ("382", "YH", 4475),
    ("383", "YH", 6093),
    ("384", "YH", 3857),
    ("390", "NE", 1923),
    ("391", "NE", 3095),
    ("392", "NE", 2298),
    ("393", "NE", 1776),
    ("394", "NE", 3000),
    ("420", "SW", 17),
    ("800", "SW", 2469),
    ("801", "SW", 4931),
    ("802", "SW", 2644),
    ("803", "SW", 3236),
    ("805", "NE", 966),
    ("806", "NE", 2019),
    ("807", "NE", 1492),
    ("808", "NE", 2442),
    ("810", "YH", 3245),
    ("811", "YH", 3695),
    ("812", "YH", 1983),
    ("813", "YH", 1664),
    ("815", "YH", 5486),
    ("816", "YH", 1556),
    ("821", "EE", 2723),
    ("822", "EE", 2170),
    ("823", "EE", 4035),
    ("825", "SE", 7217),
    ("826", "SE", 2982),
    ("830", "EM", 7625),
    ("831", "EM", 3735),
    ("838", "SW", 4333),
    ("839", "SW", 4432),
    ("840", "NE", 5390),
    ("841", "NE", 1122),
    ("845", "SE", 4939),
    ("846", "SE", 2800),
    ("850", "SE", 17784),
    ("851", "SE", 2310),
    ("852", "SE", 2785),
    ("855", "EM", 7196),
    ("856", "EM", 4057),
    ("857", "EM", 376),
    ("860", "WM", 8461),
    ("861", "WM", 3405),
    ("865", "SW", 6383),
    ("866", "SW", 2772),
    ("867", "SE", 1654),
    ("868", "SE", 1342),
    ("869", "SE", 1685),
    ("870", "SE", 1966),
    ("871", "SE", 2192),
    ("872", "SE", 2206),
    ("873", "EE", 8007),
    ("874", "EE", 2908),
    ("876", "NW", 1712),
    ("877", "NW", 2309),
    ("878", "SW", 9848),
    ("879", "SW", 3081),
    ("880", "SW", 1643),
    ("881", "EE", 14240),
    ("882", "EE", 1992),
    ("883", "EE", 2508),
    ("884", "WM", 1717),
    ("885", "WM", 6970),
    ("886", "SE", 20635),
    ("887", "SE", 3041),
    ("888", "NW", 12317),
    ("889", "NW", 1522),
    ("890", "NW", 1661),
    ("891", "EM", 5422),
    ("892", "EM", 1909),
    ("893", "WM", 3016),
    ("894", "WM", 2439),
    ("895", "NW", 4871),
    ("896", "NW", 3808),
    ("908", "SW", 4949),
    ("916", "SW", 6412),
    ("919", "EE", 12920),
    ("921", "SE", 1799),
    ("925", "EM", 8420),
    ("926", "EE", 12147),
    ("929", "NE", 3873),
    ("931", "SE", 7307),
    ("933", "SW", 5725),
    ("935", "EE", 8837),
    ("936", "SE", 16069),
    ("937", "WM", 6868),
    ("938", "SE", 9301),
    ("940", "EM", 4551),
    ("941", "EM", 4153),
    ("942", "NW", 2893),
    ("943", "NW", 2377),
)


def national_councils(*, seed: int) -> Iterator[CouncilSpec]:
    """The specification of every council, in LA number order, the demo council among them."""
    rng = random.Random(f"{seed}:national")
    used_names: set[str] = {reference.DEMO_LA_NAME}
    scale = TARGET_PLANS / _ENGLAND_PLANS_2025
    requests_per_plan = TARGET_REQUESTS_A_YEAR / TARGET_PLANS
    for code, region, plans_2025 in COUNCILS:
        plans = max(20, round(plans_2025 * scale))
        if code == reference.DEMO_LA_CODE:
            demo = demo_council()
            yield CouncilSpec(
                code=demo.code,
                name=demo.name,
                region=demo.region,
                localities=demo.localities,
                active_plans=plans,
                requests_per_month=plans * requests_per_plan / 12,
                history_months=12,
                settings=scaled_settings(plans),
                officers=max(1, round(plans * 1.15 / 200)),
                managers=2,
                eps=max(2, plans // 700),
                fixed_signins=True,
            )
            continue
        place = place_name(rng, used_names)
        localities: dict[str, tuple[str, ...]] = {}
        for _ in range(min(8, max(2, round(plans / 600)))):
            first = place_name(rng, used_names)
            name = f"{first} and {place_name(rng, used_names)}" if rng.random() < 0.3 else first
            localities[name] = ()
        officers = max(1, round(plans * 1.15 / 200))
        yield CouncilSpec(
            code=code,
            name=f"{place} Council (demo)",
            region=reference.REGION_NAMES[region],
            localities=localities,
            active_plans=plans,
            requests_per_month=plans * requests_per_plan / 12,
            history_months=12,
            settings=scaled_settings(plans),
            officers=officers,
            managers=max(1, officers // 7),
            eps=max(1, plans // 700),
            timely_share=min(0.95, max(0.05, rng.gauss(0.47, 0.2))),
            decision_timely_share=min(0.99, max(0.5, rng.gauss(0.85, 0.1))),
        )


def seed_national(
    *,
    seed: int,
    today: dt.date,
    password_hash: str,
    atomic: Callable[[], AbstractContextManager[object]],
    progress: Callable[[str], None],
    batch_size: int = 10_000,
) -> list[CouncilTotals]:
    """Generate and write every council, one transaction each, reporting progress."""
    fake = Faker("en_GB")
    nhs = NhsNumbers()
    writer = RowWriter(batch_size=batch_size)
    totals: list[CouncilTotals] = []
    started = time.perf_counter()
    for spec in national_councils(seed=seed):
        with atomic():
            result = seed_council(
                spec, seed=seed, today=today, fake=fake, nhs=nhs, password_hash=password_hash, writer=writer
            )
        totals.append(result)
        plans = sum(t.active_plans for t in totals)
        progress(
            f"LA {spec.code} {spec.name}: {result.active_plans:,} plans, {result.requests:,} requests "
            f"({len(totals)}/{len(COUNCILS)} councils, {plans:,} plans, {time.perf_counter() - started:,.0f} s)"
        )
    return totals
