"""factory_boy factories with Faker en_GB: synthetic people only."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from sendcase.accounts.models import Role, User
from sendcase.identifiers import make_upn
from sendcase.organisations.models import LocalAuthority, Locality, Organisation, OrganisationKind, Phase, SettingType
from sendcase.people.models import Child

factory.Faker._DEFAULT_LOCALE = "en_GB"


class LocalAuthorityFactory(DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{800 + n % 100:03d}")
    name = factory.LazyAttribute(lambda o: f"Council {o.code}")


class LocalityFactory(DjangoModelFactory):
    class Meta:
        model = Locality

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Locality {n}")


class SettingFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    kind = OrganisationKind.SETTING
    name = factory.Faker("company")
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    phase = Phase.PRIMARY
    setting_type = SettingType.MAINSTREAM


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@sendcase.example")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.CASE_OFFICER
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_between", start_date=dt.date(2010, 1, 1), end_date=dt.date(2020, 12, 31))
    sex = "F"
    ethnicity = "WBRI"
    upn = factory.Sequence(lambda n: make_upn(838, 2000 + n % 8000, 19, n % 1000))
    postcode = "DT1 1AA"
