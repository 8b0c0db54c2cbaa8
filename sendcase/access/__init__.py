"""The one place that decides who may see or change a child's record.

Every view, command and API endpoint that touches a child's data reads it through here:
lists through `children_visible_to`, single records through the `*_get_for_user` helpers,
which raise Http404 when the person may not know the record exists and PermissionDenied when
they may see it but not change it. docs/access.md has the full table of rules.

- The council's SEND team (case officers, managers, administrators, analysts, read-only
  staff) see every child of their own council; only case officers, managers and
  administrators change anything, and only they record statutory steps, keep the team
  around the child and record consent to share.
- A professional, educational psychologist or connected system of a partner organisation sees
  the children it has a relationship with (sendcase/access/relationships.py):
  a) statutory advice asked of them by name, or (organisation administrators) of their
     organisation;
  b) a place on the team around the child as a named worker, while consent to share with
     their organisation is in force;
  c) for a school or setting: the children it educates now, and the children of open requests
     on which the council consulted it about a place. Its own pages (the reviews due next
     term) list only the children it educates (`children_educated_by`);
  d) for a locality team: the children of its council living in its locality.
  They read the record and add to the case discussion for the whole team; they never record
  statutory steps.
- Notes in the case discussion marked for the SEND team only are shown to nobody else.
- An organisation's own administrators, and the SEND administrators of the council whose
  directory lists it, add and remove its people and change its shared mailbox.
- Anyone else sees no child.
"""

from sendcase.access.advice import (
    advice_contributor_may_write,
    advice_get_for_contributor,
    advice_get_for_reader,
    advice_inbox_for,
    is_advice_contributor,
)
from sendcase.access.children import (
    advice_get_for_user,
    child_find_by_reference,
    child_get_for_user,
    children_educated_by,
    children_visible_to,
    consultation_get_for_user,
    request_get_for_user,
    require_casework,
    school_of,
    visible_child,
)
from sendcase.access.organisations import (
    can_administer_organisation,
    organisation_get_for_admin,
    organisations_administered_by,
    person_get_for_admin,
    require_organisation_admin,
)
from sendcase.access.relationships import relationship_of, relationships_for
from sendcase.access.teams import (
    can_manage_team,
    can_see_case_note,
    case_notes_visible_to,
    consent_get_for_user,
    consents_visible,
    membership_get_for_user,
    require_case_discussion,
    require_team_management,
    team_memberships_visible,
)

__all__ = [
    "advice_contributor_may_write",
    "advice_get_for_contributor",
    "advice_get_for_reader",
    "advice_get_for_user",
    "advice_inbox_for",
    "can_administer_organisation",
    "can_manage_team",
    "can_see_case_note",
    "case_notes_visible_to",
    "child_find_by_reference",
    "child_get_for_user",
    "children_educated_by",
    "children_visible_to",
    "consent_get_for_user",
    "consents_visible",
    "consultation_get_for_user",
    "is_advice_contributor",
    "membership_get_for_user",
    "organisation_get_for_admin",
    "organisations_administered_by",
    "person_get_for_admin",
    "relationship_of",
    "relationships_for",
    "request_get_for_user",
    "require_case_discussion",
    "require_casework",
    "require_organisation_admin",
    "require_team_management",
    "school_of",
    "team_memberships_visible",
    "visible_child",
]
