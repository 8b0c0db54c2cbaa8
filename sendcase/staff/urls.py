from django.urls import path

from sendcase.staff.views import audit, caseload, cases, inbox, subject_access

app_name = "staff"
urlpatterns = [
    path("", caseload.home, name="home"),
    path("caseload/", caseload.caseload, name="caseload"),
    path("team/", caseload.team, name="team"),
    path("search/", caseload.search, name="search"),
    path("audit/", audit.audit_search, name="audit"),
    path("advice/", inbox.advice_inbox, name="advice-inbox"),
    path("advice/<uuid:advice_id>/", inbox.advice_detail, name="advice-detail"),
    path("advice/<uuid:advice_id>/assign/", inbox.advice_assign, name="advice-assign"),
    path("advice/<uuid:advice_id>/delay/", inbox.advice_delay, name="advice-delay"),
    path("advice/<uuid:advice_id>/documents/<uuid:document_id>/", inbox.advice_document, name="advice-document"),
    path("requests/new/", cases.request_new, name="request-new"),
    path("children/new/", cases.child_new, name="child-new"),
    path("children/<uuid:child_id>/", cases.child_detail, name="child"),
    path("children/<uuid:child_id>/change/", cases.child_edit, name="child-edit"),
    path("children/<uuid:child_id>/family/new/", cases.family_new, name="family-new"),
    path("children/<uuid:child_id>/key-worker/", cases.reassign, name="reassign"),
    path("children/<uuid:child_id>/transfer-in/", cases.transfer_in, name="transfer-in"),
    path(
        "children/<uuid:child_id>/plans/<uuid:plan_id>/transfer-out/",
        cases.plan_transfer_out,
        name="plan-transfer-out",
    ),
    path("children/<uuid:child_id>/contacts/new/", cases.contact_new, name="contact-new"),
    path("children/<uuid:child_id>/subject-access/", subject_access.subject_access, name="subject-access"),
    path("children/<uuid:child_id>/requests/new/", cases.request_new, name="child-request-new"),
    path("children/<uuid:child_id>/requests/<uuid:request_id>/<slug:step>/", cases.request_step, name="request-step"),
    path(
        "children/<uuid:child_id>/requests/<uuid:request_id>/advice/<uuid:advice_id>/<slug:step>/",
        cases.advice_step,
        name="advice-step",
    ),
    path(
        "children/<uuid:child_id>/requests/<uuid:request_id>/consultations/<uuid:consultation_id>/",
        cases.consultation_response,
        name="consultation-response",
    ),
]
