"""Every write the family portal makes goes through these services (validated first, one transaction, audited)."""

from sendcase.portal.services.account_requests import (
    account_request_confirm,
    account_request_create,
    account_request_decline,
    account_request_match,
)
from sendcase.portal.services.draft_response import draft_response_save, draft_response_send
from sendcase.portal.services.invitations import (
    family_invite,
    invitation_accept,
    invitation_find,
    young_person_invite,
)
from sendcase.portal.services.messages import (
    message_send_from_family,
    message_send_from_staff,
    message_start_from_staff,
    thread_read_by_family,
    thread_read_by_staff,
)
from sendcase.portal.services.participation import (
    document_upload,
    review_preference_send,
    sharing_set,
    views_save,
)
from sendcase.portal.services.passwords import (
    password_change,
    password_reset_complete,
    password_reset_find,
    password_reset_request,
)
from sendcase.portal.services.sign_in import code_send, code_verify, password_check, sign_in_record

__all__ = [
    "account_request_confirm",
    "account_request_create",
    "account_request_decline",
    "account_request_match",
    "code_send",
    "code_verify",
    "document_upload",
    "draft_response_save",
    "draft_response_send",
    "family_invite",
    "invitation_accept",
    "invitation_find",
    "message_send_from_family",
    "message_send_from_staff",
    "message_start_from_staff",
    "password_change",
    "password_check",
    "password_reset_complete",
    "password_reset_find",
    "password_reset_request",
    "review_preference_send",
    "sharing_set",
    "sign_in_record",
    "thread_read_by_family",
    "thread_read_by_staff",
    "views_save",
    "young_person_invite",
]
