from django.urls import path

from sendcase.accounts import oidc, views, views_people

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("second-factor/set-up/", views.second_factor_set_up, name="second-factor-set-up"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    # Single sign-on: 404 unless SENDCASE_OIDC_CLIENT_ID is set.
    path("oidc/start/", oidc.start, name="oidc-start"),
    path("oidc/callback/", oidc.callback, name="oidc-callback"),
    path("people/", views_people.people, name="people"),
    path("people/<int:person_id>/reset-second-factor/", views_people.reset_second_factor, name="reset-second-factor"),
]
