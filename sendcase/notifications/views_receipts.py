"""The address GOV.UK Notify sends delivery receipts to: /notifications/notify/receipts/.

Set it in Notify (API integration, callbacks, "delivery receipts") with a bearer token, and give
SENDcase the same token in NOTIFY_CALLBACK_TOKEN (or NOTIFY_CALLBACK_TOKEN_FILE). Notify sends
`Authorization: Bearer <token>`; SENDcase compares it in constant time and answers 403 to
anything else, and to everything while the variable is unset. A receipt for a reference SENDcase
does not know is answered 200 and ignored, as Notify expects; Notify retries only on an error.
The payload's recipient address is never stored or logged. docs/notifications.md, "Delivery receipts".
"""

from __future__ import annotations

import hmac
import json
import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.env import env_str
from sendcase.notifications.receipts import delivery_receipt_record

logger = logging.getLogger(__name__)

CALLBACK_VARIABLE = "NOTIFY_CALLBACK_TOKEN"


def callback_token() -> str:
    """The bearer token Notify sends, from the environment; "" (every call refused) when unset."""
    return env_str(CALLBACK_VARIABLE, "").strip()


def _authorised(request: HttpRequest) -> bool:
    expected = callback_token()
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@csrf_exempt
@require_POST
def notify_receipt(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        return HttpResponseForbidden("Not a GOV.UK Notify callback for this SENDcase.")
    try:
        receipt = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("A delivery receipt is a JSON object.")
    if not isinstance(receipt, dict):
        return HttpResponseBadRequest("A delivery receipt is a JSON object.")
    result = delivery_receipt_record(reference=receipt.get("reference"), status=receipt.get("status"))
    logger.info("GOV.UK Notify delivery receipt %s: %s", receipt.get("id", ""), result)
    return HttpResponse(status=200)
