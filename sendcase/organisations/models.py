"""Councils, their localities, and the organisations that educate and support children."""

from __future__ import annotations

import uuid

from django.db import models


class ReferenceModel(models.Model):
    """Reference data: no author fields, so it can be loaded before any account exists."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LocalAuthority(ReferenceModel):
    code = models.CharField("DfE LA number", max_length=3, unique=True)
    name = models.CharField(max_length=120)
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    region = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name_plural = "local authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Locality(ReferenceModel):
    """A locality or family partnership zone within a council."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="localities")
    name = models.CharField(max_length=120)

    class Meta:
        verbose_name_plural = "localities"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["local_authority", "name"], name="locality_unique_name_per_la")]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    SETTING = "setting", "School or setting"
    HEALTH = "health", "Health provider"
    SOCIAL_CARE = "social_care", "Social care team"
    EP_SERVICE = "ep_service", "Educational psychology service"
    TRANSPORT = "transport", "Transport"
    LOCALITY_TEAM = "locality_team", "Locality team"
    SEND_TEAM = "send_team", "SEND team"
    OTHER = "other", "Other"


class SettingType(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream"
    SPECIAL = "special", "Special"
    INDEPENDENT = "independent", "Independent"
    ALTERNATIVE_PROVISION = "ap", "Alternative provision"
    POST_16 = "post16", "Post-16"
    EARLY_YEARS = "early_years", "Early years"


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    POST_16 = "post16", "16 plus"
    NOT_APPLICABLE = "na", "Not applicable"


class Organisation(ReferenceModel):
    """A school, setting or agency. `local_authority` is the council whose directory lists it."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=6, blank=True, db_index=True)
    laestab = models.CharField("LAESTAB", max_length=7, blank=True)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.NOT_APPLICABLE)
    setting_type = models.CharField(max_length=20, choices=SettingType.choices, blank=True)
    in_area = models.BooleanField("in the council's area", default=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL)
    postcode = models.CharField(max_length=8, blank=True)
    email = models.EmailField("shared mailbox", blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["local_authority", "kind", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_setting(self) -> bool:
        return self.kind == OrganisationKind.SETTING
