"""Steps the whole-process walks add for moves between councils: a request closed as the child moved away."""

from __future__ import annotations

import datetime as dt

from sendcase.cases import services
from sendcase.notifications.models import OutboxMessage

# Wiltshire's DfE number; the other_la fixture names it "Wiltshire Council (test)".
TO_LA = "865"


def move_away(*, officer, child, moved_on: dt.date) -> list[OutboxMessage]:
    """A new request, closed because the child moved to LA 865 before it finished; the notices that wrote."""
    request = services.request_create(actor=officer, child=child, received_on=moved_on, source="parent")
    services.request_transfer_out(
        actor=officer, request=request, moved_on=moved_on, to_la=TO_LA, expected_version=request.version
    )
    return list(OutboxMessage.objects.filter(child=child, notice="transferred_out").order_by("created_at"))
