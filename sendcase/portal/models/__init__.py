"""The family portal's records: accounts (models/accounts.py) and what families send (models/participation.py)."""

from sendcase.portal.models.accounts import (
    FamilyAccount,
    FamilyAccountRequest,
    FamilyAuditEvent,
    FamilyInvitation,
    FamilySignInCode,
    LinkPurpose,
    ParentsSee,
    RequestStatus,
)
from sendcase.portal.models.participation import (
    PLAN_SECTIONS,
    Answer,
    DraftResponse,
    FamilyDocument,
    FamilyViews,
    MeetingFormat,
    Message,
    MessageThread,
    ReviewPreference,
    SectionResponse,
    Status,
)

__all__ = [
    "PLAN_SECTIONS",
    "Answer",
    "DraftResponse",
    "FamilyAccount",
    "FamilyAccountRequest",
    "FamilyAuditEvent",
    "FamilyDocument",
    "FamilyInvitation",
    "FamilySignInCode",
    "FamilyViews",
    "LinkPurpose",
    "MeetingFormat",
    "Message",
    "MessageThread",
    "ParentsSee",
    "RequestStatus",
    "ReviewPreference",
    "SectionResponse",
    "Status",
]
