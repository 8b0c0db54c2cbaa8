"""The team around the child, consent, the case discussion, professionals' home and organisation accounts."""

from django.urls import path

from sendcase.teams.views import case, home, organisation

app_name = "teams"

_organisation_pages = [
    ("", organisation.organisation_home, ""),
    ("people/new/", organisation.person_new, "person-new"),
    ("people/<int:person_id>/remove/", organisation.person_remove, "person-remove"),
    ("people/<int:person_id>/administrator/", organisation.person_admin, "person-admin"),
    ("mailbox/", organisation.mailbox, "mailbox"),
]

urlpatterns = [
    path("children/", home.my_children, name="children"),
    path("children/<uuid:child_id>/team/new/", case.team_member_new, name="team-member-new"),
    path("children/<uuid:child_id>/team/<uuid:membership_id>/end/", case.team_member_end, name="team-member-end"),
    path("children/<uuid:child_id>/consent/new/", case.consent_new, name="consent-new"),
    path(
        "children/<uuid:child_id>/consent/<uuid:consent_id>/withdraw/", case.consent_withdraw, name="consent-withdraw"
    ),
    path("children/<uuid:child_id>/discussion/", case.discussion, name="discussion"),
    path("set-password/<uidb64>/<token>/", home.SetPasswordView.as_view(), name="set-password"),
    path("organisations/", organisation.organisation_list, name="organisations"),
    # The same pages twice: an organisation administrator's own at /organisation/, and any
    # organisation of the council for its SEND administrators at /organisations/<id>/.
    *(
        path(f"organisation/{route}", view, name=f"own-{name}" if name else "own-organisation")
        for route, view, name in _organisation_pages
    ),
    *(
        path(f"organisations/<uuid:organisation_id>/{route}", view, name=name or "organisation")
        for route, view, name in _organisation_pages
    ),
]
