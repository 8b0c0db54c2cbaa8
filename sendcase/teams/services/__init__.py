"""Writes for the team around the child, consent, the case discussion and organisation accounts."""

from sendcase.teams.services.discussion import case_note_add
from sendcase.teams.services.organisation import (
    PersonAdded,
    PersonRemoved,
    organisation_admin_set,
    organisation_mailbox_update,
    organisation_person_add,
    organisation_person_remove,
    set_password_path,
)
from sendcase.teams.services.team import consent_record, consent_withdraw, team_member_add, team_member_end

__all__ = [
    "PersonAdded",
    "PersonRemoved",
    "case_note_add",
    "consent_record",
    "consent_withdraw",
    "organisation_admin_set",
    "organisation_mailbox_update",
    "organisation_person_add",
    "organisation_person_remove",
    "set_password_path",
    "team_member_add",
    "team_member_end",
]
