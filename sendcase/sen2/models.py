"""What a SEN2 return carries that SENDcase's casework records do not.

Casework (children, requests, plans) stays in the people and cases apps. A SEN2 file also holds
items SENDcase does not otherwise model: the header answers (DMO, DCO, DSCO), mediation and
tribunal flags, personal budgets, second placements, SEN unit and resourced provision flags,
review and phase-transfer dates. An import keeps here each imported <Requests> block that the
casework made from it would not give back exactly, as it came and with a fingerprint of that
casework, so that exporting the same year again gives back the same content and items SENDcase
does not model are not lost (docs/sen2.md, "Import").
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from sendcase.core.models import BaseModel


class OfficerInPost(models.TextChoices):
    # Header DMO/DCO/DSCO. The meaning of R is [UNCONFIRMED] (sen2-return.md A.4), so it is
    # offered as the code only, without a guessed label.
    YES = "Y", "Yes"
    NO = "N", "No"
    R = "R", "R (code R in the DfE specification)"


class ReturnSettings(BaseModel):
    """A council's answers for the header of one year's return, and its file serial number."""

    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("collection year")
    dmo = models.CharField("designated medical officer in post", max_length=1, choices=OfficerInPost.choices)
    dco = models.CharField("designated clinical officer in post", max_length=1, choices=OfficerInPost.choices)
    # 2025 header item; its meaning ("designated social care officer") is [UNCONFIRMED].
    dsco = models.CharField(
        "designated social care officer in post", max_length=1, blank=True, choices=OfficerInPost.choices
    )
    serial_no = models.CharField("serial number", max_length=10, default="001")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["local_authority", "year"], name="sen2_settings_one_per_year")]

    def __str__(self) -> str:
        return f"SEN2 {self.year} header answers"


class ImportedPerson(models.Model):
    """Which child a person in an imported SEN2 file became, so a second import finds them again.

    `person_key` is the key SENDcase gave the person ("UPN:...", "ULN:..." or name and date of
    birth), and `content_hash` the SHA-256 of the person's canonical XML in the last file, so that
    importing the same file again changes nothing.
    """

    id = models.BigAutoField(primary_key=True)
    # No index of their own: sen2_person_key_unique starts with the council and
    # sen2_person_child_idx with the child, and every index is paid for on each row an import writes.
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    person_key = models.CharField(max_length=260)
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "year", "person_key"], name="sen2_person_key_unique")
        ]
        indexes = [models.Index(fields=["child", "year"], name="sen2_person_child_idx")]

    def __str__(self) -> str:
        return f"{self.person_key} ({self.year})"


class ImportedRequest(models.Model):
    """An imported <Requests> block the casework would not give back exactly, kept as it came.

    `basis` fingerprints the casework values the block was turned into (sendcase.sen2.basis).
    While they are unchanged, an export of the same year writes the block back as it came; once
    the case has moved on, the export works the block out from the casework again and takes from
    here only the items casework does not hold.
    """

    id = models.BigAutoField(primary_key=True)
    # Indexed by sen2_block_child_idx alone: a second index on the same column only costs writes.
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+", db_index=False)
    request = models.OneToOneField(
        "cases.AssessmentRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    plan = models.OneToOneField("cases.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    xml = models.TextField("the <Requests> element as imported")
    basis = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(request__isnull=False) | Q(plan__isnull=False), name="sen2_block_has_casework"
            )
        ]
        indexes = [models.Index(fields=["child"], name="sen2_block_child_idx")]

    def __str__(self) -> str:
        return f"SEN2 {self.year} request block of child {self.child_id}"
