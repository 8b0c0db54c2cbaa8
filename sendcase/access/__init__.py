"""The one place that decides who may see or change a child's record.

Every view, command and API endpoint that touches a child's data reads it through here:
lists through `children_visible_to`, single records through the `*_get_for_user` helpers,
which raise Http404 when the person may not know the record exists and PermissionDenied when
they may see it but not change it.

Today's rules (multi-agency relationships extend them):
- the council's SEND team (case officers, managers, administrators, analysts, read-only
  staff) see every child of their own council; only case officers, managers and
  administrators change anything;
- an educational psychologist sees the children whose advice has been asked of them;
- anyone else sees no child.
"""

from sendcase.access.children import (
    advice_get_for_user,
    child_find_by_reference,
    child_get_for_user,
    children_visible_to,
    consultation_get_for_user,
    request_get_for_user,
    require_casework,
)

__all__ = [
    "advice_get_for_user",
    "child_find_by_reference",
    "child_get_for_user",
    "children_visible_to",
    "consultation_get_for_user",
    "request_get_for_user",
    "require_casework",
]
