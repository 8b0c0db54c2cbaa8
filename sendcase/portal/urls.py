"""The family portal, mounted at /family/ (config/urls.py). Staff pages for it are in staff_urls.py."""

from django.urls import path

from sendcase.portal.views import auth, child, passwords, plan, response

app_name = "portal"
urlpatterns = [
    path("", child.home, name="home"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-in/code/", auth.sign_in_code, name="sign-in-code"),
    path("sign-in/code/new/", auth.sign_in_code_resend, name="sign-in-code-resend"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("signed-out/", auth.signed_out, name="signed-out"),
    path("invitation/<str:token>/", auth.invitation, name="invitation"),
    path("request-an-account/", auth.request_account, name="request-account"),
    path("request-an-account/sent/", auth.request_account_sent, name="request-account-sent"),
    path("forgotten-password/", passwords.forgotten_password, name="forgotten-password"),
    path("forgotten-password/sent/", passwords.forgotten_password_sent, name="forgotten-password-sent"),
    path("new-password/<str:token>/", passwords.new_password, name="new-password"),
    path("account/password/", passwords.change_password, name="change-password"),
    path("language/", auth.language, name="language"),
    # GOV.UK One Login: 404 unless SENDCASE_FAMILY_OIDC_CLIENT_ID is set.
    path("one-login/start/", auth.one_login_start, name="one-login-start"),
    path("one-login/callback/", auth.one_login_callback, name="one-login-callback"),
    # Every page about a child reads it through sendcase.portal.access (404 for anyone else's child).
    path("children/<uuid:child_id>/", child.timeline, name="timeline"),
    path("children/<uuid:child_id>/letters/", child.letters, name="letters"),
    path("children/<uuid:child_id>/views/", child.views, name="views"),
    path("children/<uuid:child_id>/documents/", child.documents, name="documents"),
    path("children/<uuid:child_id>/review/", child.review, name="review"),
    path("children/<uuid:child_id>/messages/", child.messages_page, name="messages"),
    path("children/<uuid:child_id>/who-can-see/", child.sharing, name="sharing"),
    path("children/<uuid:child_id>/requests/<uuid:request_id>/response/", response.response_form, name="response"),
    path(
        "children/<uuid:child_id>/requests/<uuid:request_id>/response/check/",
        response.response_check,
        name="response-check",
    ),
    # The draft plan (reg 13(1)) and proposed amendments after a review (reg 22(2)), to read and answer.
    path("children/<uuid:child_id>/requests/<uuid:request_id>/draft-plan/", plan.draft_plan, name="draft-plan"),
    path(
        "children/<uuid:child_id>/requests/<uuid:request_id>/draft-plan/pdf/",
        plan.draft_plan_pdf,
        name="draft-plan-pdf",
    ),
    path(
        "children/<uuid:child_id>/reviews/<uuid:review_id>/proposed-changes/",
        plan.proposed_changes,
        name="proposed-changes",
    ),
    path(
        "children/<uuid:child_id>/reviews/<uuid:review_id>/proposed-changes/pdf/",
        plan.proposed_plan_pdf,
        name="proposed-changes-pdf",
    ),
    path(
        "children/<uuid:child_id>/reviews/<uuid:review_id>/response/",
        response.response_form,
        name="amendments-response",
    ),
    path(
        "children/<uuid:child_id>/reviews/<uuid:review_id>/response/check/",
        response.response_check,
        name="amendments-response-check",
    ),
]
