"""The outbox page: the council's SEND administrators read what SENDcase sent; nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendcase.accounts.models import Role
from sendcase.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUTBOX = reverse("notifications:outbox")
FIELDS = {
    "council": "Dorset Council",
    "contributor": "health",
    "reference": "SC-ABC1234",
    "due_date": "24 June 2025",
    "link": "https://sendcase.example/advice/1/",
}


def test_administrators_read_their_councils_messages(client_for, la, other_la, child, outsider):
    # A fixed name: the page shows who is signed in, and a random one could be the child's.
    admin = UserFactory(local_authority=la, role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    notify(to="gp@nhs.example", template="advice_requested", personalisation=FIELDS, about_child=child)
    notify(
        to="elsewhere@nhs.example",
        template="advice_requested",
        personalisation=FIELDS | {"reference": "SC-ZZZ9999"},
        local_authority=other_la,
    )
    response = client_for(admin).get(OUTBOX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "gp@nhs.example" in html and "Advice due by: 24 June 2025" in html
    assert "SC-ZZZ9999" not in html
    # The child the message is about is kept for the audit trail, never shown here.
    assert child.first_name not in html


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.TEAM_MANAGER, Role.READ_ONLY, Role.PROFESSIONAL])
def test_nobody_else_can_open_the_outbox(client_for, la, role):
    assert client_for(UserFactory(local_authority=la, role=role)).get(OUTBOX).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(OUTBOX)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
