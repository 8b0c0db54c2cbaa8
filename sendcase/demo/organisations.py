"""A synthetic council's directory: its localities, schools and settings, and partner agencies."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from faker import Faker

from sendcase import identifiers
from sendcase.demo import reference
from sendcase.demo.council import CouncilSpec
from sendcase.demo.ids import new_uuid
from sendcase.organisations.models import (
    LocalAuthority,
    Locality,
    Organisation,
    OrganisationKind,
    Phase,
    SettingType,
)

# kind -> (setting type, phase, first establishment number). Establishment number ranges follow
# the usual LAESTAB convention (2xxx primary, 4xxx secondary, 6xxx independent, 7xxx special),
# which identifiers.validate_laestab deliberately does not check.
_SETTING_KINDS: dict[str, tuple[str, str, int]] = {
    "primary": (SettingType.MAINSTREAM, Phase.PRIMARY, 2001),
    "secondary": (SettingType.MAINSTREAM, Phase.SECONDARY, 4001),
    "special": (SettingType.SPECIAL, Phase.ALL_THROUGH, 7001),
    "independent": (SettingType.INDEPENDENT, Phase.ALL_THROUGH, 6001),
    "ap": (SettingType.ALTERNATIVE_PROVISION, Phase.SECONDARY, 1101),
    "post16": (SettingType.POST_16, Phase.POST_16, 0),
    "early_years": (SettingType.EARLY_YEARS, Phase.NURSERY, 1001),
}


_PRIMARY_NAMES = ("Primary School", "CE VC Primary School", "Community Primary School", "Primary Academy")


@dataclass
class Directory:
    """Everything a council's children and requests point at, already saved."""

    la: LocalAuthority
    localities: list[Locality]
    districts: dict[object, tuple[str, ...]]  # locality pk -> postcode districts
    settings: dict[str, list[Organisation]] = field(default_factory=lambda: defaultdict(list))
    local_settings: dict[tuple[object, str], list[Organisation]] = field(default_factory=lambda: defaultdict(list))
    kind_of: dict[object, str] = field(default_factory=dict)  # setting pk -> "primary", "special", ...
    ep_service: Organisation | None = None
    health: list[Organisation] = field(default_factory=list)
    social_care: Organisation | None = None
    transport: Organisation | None = None

    @property
    def short_name(self) -> str:
        return self.la.name.split(" Council")[0]

    def all_organisations(self) -> list[Organisation]:
        agencies = [self.ep_service, *self.health, self.social_care, self.transport]
        return [org for orgs in self.settings.values() for org in orgs] + [a for a in agencies if a]


def place_name(rng: random.Random, used: set[str]) -> str:
    """A made-up English place name such as "Langcombe", never repeated within `used`."""
    for _ in range(1000):
        name = rng.choice(reference.PLACE_STARTS) + rng.choice(reference.PLACE_ENDS)
        if rng.random() < 0.15:
            name = f"{rng.choice(('Great', 'Little', 'Upper', 'Lower'))} {name}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("Ran out of synthetic place names")  # pragma: no cover


def postcode(fake: Faker, rng: random.Random, districts: tuple[str, ...]) -> str:
    """A Faker en_GB postcode, moved into one of `districts` when the council has some."""
    while True:
        generated = fake.postcode()
        candidate = f"{rng.choice(districts)} {generated[-3:]}" if districts else generated
        if identifiers.is_valid_postcode(candidate):
            return identifiers.validate_postcode(candidate)


def _setting_name(rng: random.Random, kind: str, place: str) -> str:
    if kind == "primary":
        if rng.random() < 0.15:
            return f"St {rng.choice(reference.SAINTS)}'s Catholic Primary School, {place}"
        return f"{place} {rng.choice(_PRIMARY_NAMES)}"
    if kind == "secondary":
        return rng.choice((f"{place} Academy", f"{place} School", f"The {place} School", f"{place} Upper School"))
    if kind == "special":
        return f"{place} {rng.choice(('School', 'Park School', 'Hill School', 'Special School'))}"
    if kind == "independent":
        return f"{place} {rng.choice(('House School', 'Specialist College', 'Court School'))} (independent)"
    if kind == "ap":
        return f"{place} Learning Centre"
    if kind == "post16":
        return f"{place} College"
    return f"{place} {rng.choice(('Pre-school', 'Nursery', 'Children’s Centre Nursery'))}"


def build_directory(spec: CouncilSpec, *, rng: random.Random, fake: Faker) -> tuple[Directory, list[object]]:
    """The council, its localities and organisations, as unsaved objects to write first."""
    la = LocalAuthority(id=new_uuid(rng), code=spec.code, name=spec.name, region=spec.region)
    rows: list[object] = [la]
    localities = []
    districts: dict[object, tuple[str, ...]] = {}
    for name, codes in spec.localities.items():
        locality = Locality(id=new_uuid(rng), local_authority=la, name=name)
        localities.append(locality)
        districts[locality.pk] = codes
    rows.extend(localities)
    directory = Directory(la=la, localities=localities, districts=districts)

    used_places: set[str] = set()
    urn_slots = rng.sample(range(1000), k=min(1000, sum(spec.settings.values()) + 10))
    la_number = int(spec.code)
    out_of_area = 0
    for kind, count in spec.settings.items():
        setting_type, phase, first_estab = _SETTING_KINDS[kind]
        for i in range(count):
            # Independent special schools are often out of county: about half here.
            in_area = not (kind == "independent" and i % 2 == 0)
            locality = localities[i % len(localities)] if in_area else None
            place = place_name(rng, used_places)
            estab_la = la_number if in_area else int(reference.NEIGHBOUR_LA_CODES[out_of_area % 6])
            out_of_area += 0 if in_area else 1
            org = Organisation(
                id=new_uuid(rng),
                local_authority=la,
                kind=OrganisationKind.SETTING,
                name=_setting_name(rng, kind, place),
                urn=f"{la_number:03d}{urn_slots.pop():03d}",
                # FE colleges have a UKPRN and no LAESTAB; every school has a LAESTAB.
                laestab="" if kind == "post16" else f"{estab_la:03d}{first_estab + i:04d}",
                ukprn=f"1{la_number:03d}{i + 1:04d}" if kind == "post16" else "",
                phase=phase,
                setting_type=setting_type,
                in_area=in_area,
                locality=locality,
                postcode=postcode(fake, rng, districts[locality.pk] if locality else ()),
            )
            directory.settings[kind].append(org)
            directory.kind_of[org.pk] = kind
            if locality is not None:
                directory.local_settings[(locality.pk, kind)].append(org)

    short = directory.short_name

    def agency(kind: str, name: str) -> Organisation:
        return Organisation(
            id=new_uuid(rng),
            local_authority=la,
            kind=kind,
            name=name,
            postcode=postcode(fake, rng, districts[localities[0].pk]),
        )

    directory.ep_service = agency(OrganisationKind.EP_SERVICE, f"{short} Educational Psychology Service")
    directory.health = [
        agency(OrganisationKind.HEALTH, f"{short} Community Paediatrics (demo NHS trust)"),
        agency(OrganisationKind.HEALTH, f"{short} Children’s Therapies (demo NHS trust)"),
    ]
    directory.social_care = agency(OrganisationKind.SOCIAL_CARE, f"{short} Children’s Social Care")
    directory.transport = agency(OrganisationKind.TRANSPORT, f"{short} SEND Travel Team")
    rows.extend(directory.all_organisations())
    return directory, rows
