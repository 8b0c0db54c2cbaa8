"""The demo council's plans with content: complete, valid, two versions, and the demo officer's first."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sendcase.accounts.models import User
from sendcase.plans.models import OutcomeProgress, PlanDraftContent, PlanVersion
from sendcase.plans.validation import content_hash, content_problems

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_handful_of_plans_full_content_and_two_versions():
    call_command("seed_demo", "--scale", "la", "--fraction", "0.1", stdout=io.StringIO())
    versions = list(
        PlanVersion.objects.filter(plan__isnull=False).select_related("plan__child").order_by("plan", "number")
    )
    plans = {v.plan for v in versions}
    assert len(plans) == 6
    assert sorted(v.number for v in versions) == sorted([1, 2] * 6)
    for version in versions:
        assert content_problems(version.content, on=version.issued_on, final=True) == {}
        assert version.sha256 == content_hash(version.content)
        assert version.kind == ("issued" if version.number == 1 else "amended")
    for plan in plans:
        latest = max((v for v in versions if v.plan == plan), key=lambda v: v.number)
        assert PlanDraftContent.objects.get(plan=plan).content == latest.content
        assert OutcomeProgress.objects.filter(plan=plan).count() == len(latest.content["e"]["items"])
    demo_officer = User.objects.get(email__startswith="officer@")
    assert any(plan.child.key_worker_id == demo_officer.pk for plan in plans)


def test_the_demo_gives_a_few_served_draft_plans_a_draft_version_for_the_family():
    call_command("seed_demo", "--scale", "la", "--fraction", "0.1", stdout=io.StringIO())
    drafts = list(PlanVersion.objects.filter(request__isnull=False).select_related("request"))
    assert 1 <= len(drafts) <= 3
    for version in drafts:
        assert (version.number, version.kind, version.plan) == (1, "draft", None)
        assert version.issued_on == version.request.draft_served_on
        assert content_problems(version.content, on=version.issued_on, final=False) == {}
        assert PlanDraftContent.objects.get(request=version.request).content == version.content
