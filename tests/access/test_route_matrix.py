"""Every route of SENDcase has an access rule, tested with the assigned worker, a colleague and an outsider.

The routes come from the URLconf, so a new page or API endpoint without a row in `RULES` fails
`test_every_route_has_an_access_rule` until someone decides who may reach it. Each rule names a
trio of people (who is "assigned" to the record, a colleague of theirs, an outsider) and what each
must get: "ok" (the page or record), or "denied" (403 or 404, and none of the child's data).
Outsiders who swap in ids of records they may not see always get "denied".

Reads of a child's record by the people allowed them must leave an access event in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from sendcase.accounts.models import Role
from sendcase.api.tokens import api_token_create
from sendcase.appeals import services as appeals
from sendcase.audit.models import AuditEvent
from sendcase.cases import services
from sendcase.cases.services.advice import advice_submit
from sendcase.notifications.models import OutboxMessage
from sendcase.organisations.models import OrganisationKind
from sendcase.plans.services import plan_version_issue
from sendcase.scorecard.services import snapshot_take
from tests.factories import ChildFactory, UserFactory
from tests.notifications.family_builders import add_letter_parent
from tests.plans.builders import complete_content, write_content
from tests.teams.builders import on_team, organisation, partner

pytestmark = pytest.mark.django_db

OK, DENIED = "ok", "denied"


@dataclass(frozen=True)
class Rule:
    """Who is assigned, colleague and outsider for a route, and what each must get."""

    trio: str
    assigned: str = OK
    colleague: str = OK
    outsider: str = DENIED
    reads_child: bool = False  # a successful GET shows the child's record, so it must be audited


PUBLIC = None  # reachable before signing in: sign-in, second factor, SSO, set-password links

# The SEND team's child pages: the key worker and any colleague of the same council see and work
# on the case; an officer of another council gets 404.
CHILD = Rule("send", reads_child=True)
CHILD_FORM = Rule("send")
# Only team managers and administrators of the council (information governance, performance).
MANAGERS = Rule("manager", colleague=DENIED)
ADMINS = Rule("admin", colleague=DENIED)
# Contributors' own advice requests: the person asked, not their colleagues, not other councils.
CONTRIBUTOR = Rule("contributor", colleague=DENIED, reads_child=True)
CONTRIBUTOR_FORM = Rule("contributor", colleague=DENIED)
# An organisation's administrators manage its people; its other members do not.
ORG_ADMIN = Rule("org-admin", colleague=DENIED)
# Council-wide lists every member of the SEND team may open.
SEND_LIST = Rule("send")
# Pages for partners: what their relationships let them see.
PARTNER = Rule("partner", colleague=OK)
# The API, with tokens acting as the person: the same rules as the pages.
API_CHILD = Rule("api", reads_child=True)
API_LIST = Rule("api", outsider=OK)

RULES: dict[str, Rule | None] = {
    "accounts:sign-in": PUBLIC,
    "accounts:sign-in-code": PUBLIC,
    "accounts:second-factor-set-up": PUBLIC,
    "accounts:sign-out": PUBLIC,
    "accounts:oidc-start": PUBLIC,
    "accounts:oidc-callback": PUBLIC,
    "teams:set-password": PUBLIC,
    "accounts:people": ADMINS,
    "accounts:reset-second-factor": ADMINS,
    "api:children": API_LIST,
    "api:child": API_CHILD,
    "api:cases": API_LIST,
    "api:requests": API_LIST,
    "api:request": API_CHILD,
    "api:advice-list": API_LIST,
    "api:advice": API_CHILD,
    "api:plans": API_LIST,
    "api:plan": API_CHILD,
    "api:events": API_LIST,
    # The OpenAPI description holds no records: systems' developers read it before they hold a token.
    "api:schema": PUBLIC,
    "sen2:home": Rule("analyst", colleague=DENIED),
    "sen2:download": Rule("analyst", colleague=DENIED),
    "sen2:issues": Rule("analyst", colleague=OK),
    "statistics:page": MANAGERS,
    "statistics:csv": MANAGERS,
    "statistics:xlsx": MANAGERS,
    # The scheduled jobs serve the whole server: every council's managers see the same list, no child.
    "core:schedule": MANAGERS,
    "scorecard:scorecard": MANAGERS,
    "scorecard:download": MANAGERS,
    "scorecard:overdue": MANAGERS,
    "scorecard:snapshot": MANAGERS,
    "scorecard:snapshot-download": MANAGERS,
    "notifications:outbox": ADMINS,
    "teams:children": PARTNER,
    "teams:team-member-new": CHILD_FORM,
    "teams:team-member-end": CHILD_FORM,
    "teams:consent-new": CHILD_FORM,
    "teams:consent-withdraw": CHILD_FORM,
    "teams:discussion": CHILD,
    "teams:organisations": ADMINS,
    "teams:own-organisation": ORG_ADMIN,
    "teams:own-person-new": ORG_ADMIN,
    "teams:own-person-remove": ORG_ADMIN,
    "teams:own-person-admin": ORG_ADMIN,
    "teams:own-mailbox": ORG_ADMIN,
    "teams:organisation": ADMINS,
    "teams:person-new": ADMINS,
    "teams:person-remove": ADMINS,
    "teams:person-admin": ADMINS,
    "teams:mailbox": ADMINS,
    "staff:home": SEND_LIST,
    "staff:caseload": SEND_LIST,
    "staff:team": MANAGERS,
    "staff:search": SEND_LIST,
    "staff:audit": MANAGERS,
    "staff:advice-inbox": Rule("contributor", outsider=DENIED),
    "staff:advice-detail": CONTRIBUTOR,
    "staff:advice-assign": Rule("org-admin", colleague=DENIED),
    "staff:advice-delay": CONTRIBUTOR_FORM,
    "staff:advice-document": CONTRIBUTOR_FORM,
    "staff:request-new": SEND_LIST,
    "staff:child-new": SEND_LIST,
    "staff:child": CHILD,
    "staff:child-edit": CHILD_FORM,
    "staff:family-new": CHILD_FORM,
    "staff:reassign": CHILD_FORM,
    "staff:transfer-in": CHILD_FORM,
    "staff:plan-transfer-out": CHILD_FORM,
    "staff:contact-new": CHILD_FORM,
    "staff:subject-access": MANAGERS,
    "staff:child-request-new": CHILD_FORM,
    "staff:request-step": CHILD_FORM,
    "staff:advice-step": CHILD_FORM,
    "staff:consultation-response": CHILD_FORM,
    "plans:plan": CHILD,
    "plans:versions": CHILD,
    "plans:version": CHILD,
    "plans:compare": CHILD,
    "plans:version-pdf": CHILD_FORM,  # an export, audited as one
    "plans:section-edit": CHILD_FORM,
    "plans:version-issue": CHILD_FORM,
    "plans:progress-new": CHILD_FORM,
    # The draft plan of a request, before its plan exists (the same pages, docs/plans.md).
    "plans:request-plan": CHILD,
    "plans:request-versions": CHILD,
    "plans:request-version": CHILD,
    "plans:request-compare": CHILD,
    "plans:request-version-pdf": CHILD_FORM,
    "plans:request-section-edit": CHILD_FORM,
    "plans:request-version-issue": CHILD_FORM,
    "appeals:overview": MANAGERS,
    "appeals:notice-new": CHILD_FORM,
    "appeals:letter": CHILD,
    "appeals:letter-pdf": CHILD_FORM,  # an export, audited as one
    "appeals:mediation": CHILD_FORM,
    "appeals:certificate": CHILD_FORM,
    "appeals:appeal-new": CHILD_FORM,
    "appeals:appeal-update": CHILD_FORM,
    "appeals:order-new": CHILD_FORM,
    "appeals:order-step": CHILD_FORM,
    "appeals:cease-new": CHILD_FORM,
    "appeals:cease-consultation": CHILD_FORM,
    "appeals:cease-decision": CHILD_FORM,
    "appeals:cease-finalise": CHILD_FORM,
    "notifications:family-tasks": SEND_LIST,
    "notifications:letter": CHILD,
    "notifications:letter-pdf": CHILD_FORM,
    "notifications:letter-send": CHILD_FORM,
    "notifications:call-done": CHILD_FORM,
    "notifications:letter-details": ADMINS,
    "notifications:young-person": CHILD_FORM,
    # Shows back what the person typed, before they save it; reads and writes no record.
    "notifications:check-wording": SEND_LIST,
    # GOV.UK Notify's delivery receipts: no sign-in, a bearer token (tests/notifications/test_delivery_receipts.py).
    "notifications:notify-receipts": PUBLIC,
    "reviews:home": SEND_LIST,
    "reviews:school-list": SEND_LIST,
    # A school's own list: its staff see the children it educates; other partners are refused.
    "reviews:school-reviews": Rule("school", colleague=OK, reads_child=True),
    "reviews:phase-transfers": MANAGERS,
    "reviews:performance": MANAGERS,
    "reviews:review-new": CHILD_FORM,
    "reviews:review-step": CHILD_FORM,
    # The family portal has its own sign-in and access rules (families, not staff), and its staff
    # pages act on records this world does not build (family accounts, invitations, threads):
    # tests/portal/test_access.py enumerates every family route for another family, and
    # tests/portal/test_invitations.py, test_participation.py, test_account_requests.py,
    # test_messages.py and test_account_status.py try the staff pages as the officer, read-only
    # staff and an officer of another council.
    **dict.fromkeys(
        [
            *(
                f"portal:{name}"
                for name in (
                    "home",
                    "sign-in",
                    "sign-in-code",
                    "sign-in-code-resend",
                    "sign-out",
                    "signed-out",
                    "invitation",
                    "request-account",
                    "request-account-sent",
                    "forgotten-password",
                    "forgotten-password-sent",
                    "new-password",
                    "change-password",
                    "language",
                    "one-login-start",
                    "one-login-callback",
                    "timeline",
                    "views",
                    "documents",
                    "review",
                    "messages",
                    "sharing",
                    "letters",
                    "response",
                    "response-check",
                    "draft-plan",
                    "draft-plan-pdf",
                    "proposed-changes",
                    "proposed-changes-pdf",
                    "amendments-response",
                    "amendments-response-check",
                )
            ),
            *(
                f"portal_staff:{name}"
                for name in (
                    "account-requests",
                    "account-request",
                    "invite",
                    "invite-young-person",
                    "thread",
                    "document",
                    "account-message",
                    "account-switch",
                )
            ),
        ]
    ),
}


def _routes() -> list[tuple[str, list[str]]]:
    found = []

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, namespace + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                found.append((namespace + p.name, list(p.pattern.converters)))

    walk(get_resolver().url_patterns)
    return found


ROUTES = _routes()
GUARDED = [(name, params) for name, params in ROUTES if RULES.get(name) is not None]


def test_every_route_has_an_access_rule():
    missing = sorted(name for name, _ in ROUTES if name not in RULES)
    assert not missing, f"routes without an access rule in tests/access/test_route_matrix.py: {missing}"
    stale = sorted(set(RULES) - {name for name, _ in ROUTES})
    assert not stale, f"rules for routes that no longer exist: {stale}"


@dataclass
class World:
    """Two councils; a child with a request, advice, a consultation, a team and a plan."""

    people: dict[str, object]
    child: object
    other_child: object
    ids: dict[str, object]
    planned: object  # a child with a plan and its content

    def child_of(self, name: str):
        """The child whose record the route shows."""
        return self.planned if _of_the_planned_child(name) else self.child


def _of_the_planned_child(name: str) -> bool:
    # A request's draft plan is the requested child's; every other plan and appeal page the planned child's.
    if name == "staff:plan-transfer-out":
        return True
    return name.startswith(("plans:", "appeals:")) and not name.startswith("plans:request-")


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "report.pdf", b"%PDF-1.4\n%synthetic\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


@pytest.fixture
def world(
    la, other_la, officer, colleague, manager, outsider, child, setting, today, django_capture_on_commit_callbacks
) -> World:
    people = {
        "officer": officer,
        "colleague": colleague,
        "manager": manager,
        "outsider": outsider,
        "administrator": UserFactory(local_authority=la, role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin"),
        "analyst": UserFactory(local_authority=la, role=Role.ANALYST, first_name="Ana", last_name="Analyst"),
        "other-manager": UserFactory(
            local_authority=other_la, role=Role.TEAM_MANAGER, first_name="Oscar", last_name="Other"
        ),
        "other-administrator": UserFactory(
            local_authority=other_la, role=Role.ADMINISTRATOR, first_name="Olga", last_name="Other"
        ),
        "other-analyst": UserFactory(local_authority=other_la, role=Role.ANALYST, first_name="Omar", last_name="Other"),
    }
    ep_service = organisation(la, OrganisationKind.EP_SERVICE, "Educational Psychology Service")
    people["ep"] = partner(ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, first_name="Esme", last_name="Partner")
    people["ep-colleague"] = partner(
        ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, first_name="Evan", last_name="Partner"
    )
    people["ep-admin"] = partner(
        ep_service, role=Role.EDUCATIONAL_PSYCHOLOGIST, admin=True, first_name="Ezra", last_name="Partner"
    )
    other_org = organisation(other_la, OrganisationKind.EP_SERVICE, "Another Psychology Service")
    people["other-org-admin"] = partner(
        other_org, role=Role.EDUCATIONAL_PSYCHOLOGIST, admin=True, first_name="Orla", last_name="Other"
    )
    # Staff of the school the children attend.
    people["senco"] = partner(setting, first_name="Sian", last_name="Senco")
    people["school-colleague"] = partner(setting, first_name="Stan", last_name="Teacher")
    health = organisation(la, OrganisationKind.HEALTH, "Community Paediatrics")
    people["paediatrician"] = partner(health, first_name="Pia", last_name="Partner")
    people["health-colleague"] = partner(health, first_name="Hal", last_name="Partner")

    # A parent with no internet: the steps below post them letters, written once each step commits,
    # which the officer checks before they go.
    add_letter_parent(officer, child)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            actor=officer, child=child, received_on=today - dt.timedelta(weeks=8), source="parent"
        )
    request = services.assess_decision_record(
        actor=officer,
        request=request,
        decision="assess",
        decided_on=today - dt.timedelta(weeks=4),
        expected_version=request.version,
    )
    advice = services.advice_request_add(
        actor=officer,
        request=request,
        contributor="ep",
        organisation=ep_service,
        assigned_to=people["ep"],
        requested_on=today - dt.timedelta(weeks=3),
    )
    advice = advice_submit(
        actor=people["ep"],
        advice=advice,
        needs="Needs support with reading.",
        documents=[_pdf()],
        expected_version=advice.version,
    )
    # A second advice request, still open, for the inbox and assignment pages.
    open_advice = services.advice_request_add(
        actor=officer,
        request=request,
        contributor="ep",
        organisation=ep_service,
        assigned_to=people["ep"],
        requested_on=today - dt.timedelta(weeks=1),
    )
    request.refresh_from_db()
    request = services.issue_decision_record(
        actor=officer,
        request=request,
        decision="issue",
        decided_on=today - dt.timedelta(days=3),
        expected_version=request.version,
    )
    request = services.draft_plan_serve(
        actor=officer, request=request, served_on=today - dt.timedelta(days=2), expected_version=request.version
    )
    # The draft plan it served, written and frozen in SENDcase, for the draft plan pages.
    write_content(officer, None, complete_content(setting, today), request=request)
    plan_version_issue(actor=officer, request=request, kind="draft", issued_on=today - dt.timedelta(days=2))
    # One more, addressed to the service's inbox, for its administrator to assign.
    inbox_advice = services.advice_request_add(
        actor=officer,
        request=request,
        contributor="ep",
        organisation=ep_service,
        requested_on=today - dt.timedelta(days=2),
    )
    consultation = services.consultation_add(actor=officer, request=request, setting=setting, sent_on=today)
    membership, consent = on_team(
        child,
        officer,
        people["paediatrician"],
        started_on=today - dt.timedelta(days=30),
        consent_on=today - dt.timedelta(days=30),
    )
    # A child with a plan, for the plan endpoints.
    planned = ChildFactory(local_authority=la, setting=setting)
    services.key_worker_assign(actor=officer, child=planned, officer=officer, expected_version=None)
    plan = services.transfer_in_record(
        actor=officer,
        child=planned,
        from_la="865",
        plan_issued_on=today - dt.timedelta(days=400),
        transferred_on=today - dt.timedelta(days=30),
        named_setting=setting,
    )
    write_content(officer, plan, complete_content(setting, today))
    plan_version_issue(actor=officer, plan=plan, kind="issued", issued_on=today)
    # A decision about the plan's contents, appealed, with a Tribunal order; and a proposal to cease.
    notice = appeals.decision_notice_send(
        actor=officer,
        child=planned,
        about="plan_contents",
        decided_on=today - dt.timedelta(days=60),
        sent_on=today - dt.timedelta(days=59),
        reasons="Section F sets out the support.",
        mediation_adviser="Dorset Mediation Service, 01305 000000",
        plan=plan,
    )
    appeals.mediation_record(actor=officer, notice=notice, contacted_adviser_on=today - dt.timedelta(days=50))
    appeal = appeals.tribunal_appeal_lodge(
        actor=officer, notice=notice, lodged_on=today - dt.timedelta(days=40), grounds="needs_provision"
    )
    order = appeals.tribunal_order_record(
        actor=officer, appeal=appeal, kind="amend_content", made_on=today - dt.timedelta(days=5)
    )
    proposal = appeals.cease_propose(actor=officer, plan=plan, reason="2", proposed_on=today - dt.timedelta(days=3))
    letter = OutboxMessage.objects.filter(child=child, channel="letter").first()
    snapshot, _ = snapshot_take(actor=None, local_authority=la, today=today)
    other_child = ChildFactory(local_authority=other_la)
    ids = {
        "child_id": child.pk,
        "request_id": request.pk,
        "advice_id": open_advice.pk,
        "submitted_advice_id": advice.pk,
        "inbox_advice_id": inbox_advice.pk,
        "document_id": advice.documents.first().pk,
        "consultation_id": consultation.pk,
        "membership_id": membership.pk,
        "consent_id": consent.pk,
        "organisation_id": ep_service.pk,
        "snapshot_id": snapshot.pk,
        "plan": plan,
        "notice_id": notice.pk,
        "appeal_id": appeal.pk,
        "order_step_id": order.steps.first().pk,
        "proposal_id": proposal.pk,
        "message_id": letter.pk,
    }
    return World(people=people, child=child, other_child=other_child, ids=ids, planned=planned)


TRIOS = {
    "send": ("officer", "colleague", "outsider"),
    "manager": ("manager", "officer", "other-manager"),
    "admin": ("administrator", "officer", "other-administrator"),
    "analyst": ("analyst", "officer", "other-analyst"),
    "contributor": ("ep", "ep-colleague", "outsider"),
    "org-admin": ("ep-admin", "ep-colleague", "other-org-admin"),
    "partner": ("paediatrician", "health-colleague", "outsider"),
    "school": ("senco", "school-colleague", "paediatrician"),
    "api": ("officer", "colleague", "outsider"),
}

API_OBJECTS = {"api:child": "child", "api:request": "request", "api:advice": "advice", "api:plan": "plan"}


def _kwargs(name: str, params: list[str], world: World) -> dict[str, object]:
    ids = world.ids
    values: dict[str, object] = {
        "child_id": ids["child_id"],
        "request_id": ids["request_id"],
        "advice_id": {
            "staff:advice-document": ids["submitted_advice_id"],
            "staff:advice-assign": ids["inbox_advice_id"],
        }.get(name, ids["advice_id"]),
        "document_id": ids["document_id"],
        "consultation_id": ids["consultation_id"],
        "membership_id": ids["membership_id"],
        "consent_id": ids["consent_id"],
        "organisation_id": ids["organisation_id"],
        "snapshot_id": ids["snapshot_id"],
        "person_id": world.people["ep-colleague"].pk if name.startswith("teams:") else world.people["colleague"].pk,
        "step": "received" if name == "staff:advice-step" else "exception",
        "slug": "summary",
        "fmt": "csv",
        "measure": "requests",
        "plan_id": ids["plan"].pk,
        "notice_id": ids["notice_id"],
        "appeal_id": ids["appeal_id"],
        "order_step_id": ids["order_step_id"],
        "proposal_id": ids["proposal_id"],
        "message_id": ids["message_id"],
        "section": "a",
        "number": 1,
        "outcome_id": "0b5b6c3e-4a0e-4c47-9f55-1f8a5c2d0e11",
    }
    if _of_the_planned_child(name):
        values["child_id"] = world.planned.pk
    if name in API_OBJECTS:
        target = API_OBJECTS[name]
        values["pk"] = {
            "child": ids["child_id"],
            "request": ids["request_id"],
            "advice": ids["advice_id"],
            "plan": ids["plan"].pk,
        }[target]
    return {p: values[p] for p in params}


def _client(kind: str, user, client_for):
    if kind == "api":
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_create(actor=None, user=user, name='MIS')[1]}")
        return client
    return client_for(user)


def _names_a_record(params: list[str]) -> bool:
    return any(p.endswith("_id") or p == "pk" for p in params)


def _denied(response, child) -> bool:
    body = response.content.decode(errors="replace")
    return response.status_code in (403, 404) and child.last_name not in body


@pytest.mark.parametrize(("name", "params"), GUARDED, ids=[name for name, _ in GUARDED])
def test_the_assigned_worker_a_colleague_and_an_outsider(name, params, world, client_for):
    rule = RULES[name]
    url = reverse(name, kwargs=_kwargs(name, params, world))
    child = world.child_of(name)
    for role, who in zip(("assigned", "colleague", "outsider"), TRIOS[rule.trio], strict=True):
        user = world.people[who]
        client = _client(rule.trio, user, client_for)
        expected = getattr(rule, role)
        response = client.get(url)
        if expected == OK:
            assert response.status_code < 400 or response.status_code == 405, f"{who} GET {url}: {response.status_code}"
            if response.status_code == 302:
                assert reverse("accounts:sign-in") not in response["Location"], f"{who} sent to sign in from {url}"
            if rule.reads_child and response.status_code == 200 and role == "assigned":
                assert AuditEvent.objects.filter(actor=user, action="view").exists(), f"no access event for {url}"
        elif role == "outsider" and not _names_a_record(params):
            # A page about no record in particular: the outsider may reach their own version of it
            # (their council's caseload, statistics...), but never this child.
            assert response.status_code < 500, f"{who} GET {url}: {response.status_code}"
            assert child.last_name not in response.content.decode(errors="replace"), f"{who} saw the child at {url}"
        else:
            before = AuditEvent.objects.filter(actor=user).exclude(action="view").count()
            assert _denied(response, child) or response.status_code == 405, f"{who} GET {url}: {response.status_code}"
            post = client.post(url, {})
            # A page that only answers GET may refuse POST as not allowed; everything else is denied.
            post_refused = post.status_code == 405 and response.status_code != 405
            assert _denied(post, child) or post_refused, f"{who} POST {url}: {post.status_code}"
            assert AuditEvent.objects.filter(actor=user).exclude(action="view").count() == before, (
                f"{who} wrote via {url}"
            )


@pytest.mark.parametrize(("name", "params"), GUARDED, ids=[name for name, _ in GUARDED])
def test_signed_out_visitors_see_nothing(name, params, world, client):
    url = reverse(name, kwargs=_kwargs(name, params, world))
    response = client.get(url)
    if response.status_code == 405:  # answers POST only: try that
        response = client.post(url, {})
    if name.startswith("api:"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
