"""Synthetic children and their families: Faker en_GB names, valid identifiers, varied needs."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from faker import Faker

from sendcase.demo import reference
from sendcase.demo.ids import CouncilIdentifiers, NhsNumbers, new_uuid
from sendcase.demo.organisations import Directory, postcode
from sendcase.organisations.models import Locality, Organisation
from sendcase.people.models import Channel, Child, FamilyLink, FamilyMember, Relationship

K = TypeVar("K")


class Picker:
    """random.choices over a weights mapping, with the cumulative weights worked out once."""

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.keys = list(weights)
        total = 0.0
        self.cumulative = []
        for key in self.keys:
            total += weights[key]
            self.cumulative.append(total)

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.keys, cum_weights=self.cumulative)[0]


_NEED = Picker(reference.PRIMARY_NEED_WEIGHTS)
_NEED_YOUNG = Picker(reference.PRIMARY_NEED_WEIGHTS_UNDER_7)
_SEX = Picker(reference.SEX_WEIGHTS)
_ETHNICITY = Picker(reference.ETHNICITY_WEIGHTS)
_SPECIAL_NEEDS = frozenset({"SLD", "PMLD", "MSI"})


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def born_aged(rng: random.Random, ages: range, on: dt.date) -> dt.date:
    """A date of birth that makes someone an age in `ages` on `on`."""
    years = rng.choice(ages)
    latest = _years_before(on, years)
    return latest - dt.timedelta(days=rng.randint(0, 364))


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


class PeopleMaker:
    """Makes one council's children and families, appending every row to `rows`."""

    def __init__(
        self,
        *,
        rng: random.Random,
        fake: Faker,
        ids: CouncilIdentifiers,
        nhs: NhsNumbers,
        directory: Directory,
        today: dt.date,
        rows: list[object],
    ) -> None:
        self.rng, self.fake, self.ids, self.nhs = rng, fake, ids, nhs
        self.directory, self.today, self.rows = directory, today, rows
        self.children = 0
        self.main_contacts: dict[object, str] = {}  # child pk -> "Name (relationship)"

    # Settings -------------------------------------------------------------------------------

    def _pick(self, kind: str, locality: Locality | None) -> Organisation | None:
        local = self.directory.local_settings.get((locality.pk, kind)) if locality else None
        pool = local if local and self.rng.random() < 0.85 else self.directory.settings.get(kind)
        return self.rng.choice(pool) if pool else None

    def setting_for(self, age: int, need: str, locality: Locality | None) -> tuple[Organisation | None, str]:
        """(school or setting, SEN2 setting code when there is none) for a child of `age` with `need`."""
        r = self.rng.random()
        special = 0.65 if need in _SPECIAL_NEEDS else (0.22 if need in ("ASD", "SEMH") else 0.1)
        if age < 4:
            return (self._pick("early_years", locality), "") if r < 0.5 else (None, "EYP")
        if age <= 15 and r < 0.01:
            return None, "EHE"
        if age <= 10:
            kinds = [("special", special), ("independent", 0.03), ("ap", 0.01)]
            default = "primary"
        elif age <= 15:
            kinds = [("special", special + 0.08), ("independent", 0.06), ("ap", 0.05 if need == "SEMH" else 0.02)]
            default = "secondary"
        elif age <= 19:
            if r < 0.06:
                return None, "NEET"
            kinds = [("special", special), ("independent", 0.04), ("secondary", 0.15)]
            default = "post16"
        else:
            if r < 0.18:
                return None, "NEET"
            if r < 0.24:
                return None, "OTH"
            kinds = [("independent", 0.12)]
            default = "post16"
        r = self.rng.random()
        for kind, share in kinds:
            if r < share:
                return self._pick(kind, locality), ""
            r -= share
        return self._pick(default, locality), ""

    # Children -------------------------------------------------------------------------------

    def child(self, *, born: dt.date, age_now: int, looked_after_share: float = 0.04) -> tuple[Child, str]:
        """A new child or young person with 1-2 family members, living in one of the localities.

        Returns the child and, when they have no school or setting, the SEN2 setting code
        that says why (EYP, EHE, NEET, OTH).
        """
        rng, fake = self.rng, self.fake
        n = self.children
        self.children += 1
        sex = _SEX(rng)
        first = fake.first_name_female() if sex == "F" else fake.first_name_male() if sex == "M" else fake.first_name()
        need = (_NEED_YOUNG if age_now < 7 else _NEED)(rng)
        secondary = _NEED(rng) if rng.random() < 0.4 else ""
        locality = rng.choice(self.directory.localities)
        setting, sen_setting = self.setting_for(age_now, need, locality)
        has_upn = age_now >= 5 and rng.random() < 0.97
        child = Child(
            id=new_uuid(rng),
            local_authority=self.directory.la,
            reference=self.ids.reference(n),
            first_name=first,
            last_name=fake.last_name(),
            date_of_birth=born,
            sex=sex,
            ethnicity=_ETHNICITY(rng),
            upn=self.ids.upn(n, born) if has_upn else "",
            upn_unknown="" if has_upn else ("UN1" if age_now < 6 else rng.choice(("UN2", "UN3", "UN8"))),
            uln=self.ids.uln(n) if age_now >= 14 and rng.random() < 0.85 else "",
            nhs_number=self.nhs.take() if rng.random() < 0.85 else "",
            primary_need=need,
            secondary_need=secondary if secondary != need else "",
            setting=setting,
            locality=locality,
            looked_after=rng.random() < looked_after_share,
        )
        if child.uln:
            # UPNunknown is the reason a child has neither a UPN nor a ULN (SEN2-R022, R023).
            # Cleared here rather than not drawn, so the random draws, and with them every other
            # value of the demo data, stay as they were.
            child.upn_unknown = ""
        self.rows.append(child)
        self._family(child)
        return child, sen_setting

    def _family(self, child: Child) -> None:
        rng = self.rng
        if child.looked_after:
            relationships = [(Relationship.FOSTER_CARER, False)]
            if rng.random() < 0.5:
                relationships.append((Relationship.MOTHER, True))
        else:
            main = rng.choices(
                (Relationship.MOTHER, Relationship.FATHER, Relationship.GRANDPARENT, Relationship.STEP_PARENT),
                cum_weights=(75, 90, 95, 100),
            )[0]
            relationships = [(main, main != Relationship.STEP_PARENT)]
            if rng.random() < 0.55:
                second = Relationship.FATHER if main == Relationship.MOTHER else Relationship.MOTHER
                relationships.append((second, True))
        districts = self.directory.districts.get(child.locality.pk if child.locality else None, ())
        home = self._address(districts, child.locality)
        child.address, child.postcode = home
        for i, (relationship, responsible) in enumerate(relationships):
            # A foster carer lives elsewhere, and so do some second parents.
            moved_out = relationship == Relationship.FOSTER_CARER or (i > 0 and rng.random() < 0.4)
            address, code = self._address(districts, child.locality) if moved_out else home
            member = self._member(child, relationship, address, code)
            self.rows.append(member)
            if i == 0:
                self.main_contacts[child.pk] = f"{member.first_name} {member.last_name} ({relationship.label.lower()})"
            self.rows.append(
                FamilyLink(
                    id=new_uuid(rng),
                    child=child,
                    member=member,
                    relationship=relationship,
                    parental_responsibility=responsible,
                    main_contact=i == 0,
                )
            )

    def _address(self, districts: tuple[str, ...], locality: Locality | None) -> tuple[str, str]:
        town = locality.name if districts and locality else self.fake.city()
        street = f"{self.rng.randint(1, 140)} {self.fake.street_name()}"
        return f"{street}\n{town}", postcode(self.fake, self.rng, districts)

    def _member(self, child: Child, relationship: str, address: str, code: str) -> FamilyMember:
        rng, fake = self.rng, self.fake
        female = relationship == Relationship.MOTHER or (relationship != Relationship.FATHER and rng.random() < 0.7)
        first = fake.first_name_female() if female else fake.first_name_male()
        last = (
            child.last_name
            if relationship in (Relationship.MOTHER, Relationship.FATHER) and rng.random() < 0.8
            else fake.last_name()
        )
        title = rng.choice(("Mrs", "Ms", "Miss")) if female else "Mr"
        no_internet = rng.random() < 0.06
        if no_internet:
            channel = Channel.POST if rng.random() < 0.8 else Channel.PHONE
        else:
            channel = rng.choices(
                (Channel.EMAIL, Channel.SMS, Channel.POST, Channel.PHONE), cum_weights=(62, 80, 90, 100)
            )[0]
        language, interpreter = "English", False
        if rng.random() < 0.06:
            language = rng.choice(reference.LANGUAGES)
            interpreter = language == "British Sign Language" or rng.random() < 0.5
        stem = ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (first, last))
        return FamilyMember(
            id=new_uuid(rng),
            local_authority=self.directory.la,
            title=title,
            first_name=first,
            last_name=last,
            # example.com and Ofcom's drama numbers (07700 900xxx, 01632 960xxx) reach nobody.
            email=f"{stem}{rng.randint(1, 99)}@example.com"
            if not no_internet and (channel == Channel.EMAIL or rng.random() < 0.5)
            else "",
            mobile=f"07700 900{rng.randint(0, 999):03d}" if channel == Channel.SMS or rng.random() < 0.6 else "",
            phone=f"01632 960{rng.randint(0, 999):03d}" if channel == Channel.PHONE or no_internet else "",
            address=address,
            postcode=code,
            preferred_channel=channel,
            language=language,
            needs_interpreter=interpreter,
            no_internet=no_internet,
        )
