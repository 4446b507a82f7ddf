"""POST /billing/stripe/webhook/ on the public host: Stripe's events in.

Stripe signs the raw body, not a session: the view is CSRF-exempt and reads no cookie. A body
whose signature is missing, wrong or too old is refused with 400 and stored nowhere; a valid
event is stored by id and queued (tenants/billing/stripe_events.py) and answered 200 at once,
whether new or a redelivery, so Stripe stops retrying it.
"""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tenants.billing.stripe_api import InvalidSignature, event_verify
from tenants.billing.stripe_events import event_receive

logger = logging.getLogger(__name__)


def _refused(code: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"field": None, "code": code, "message": message}]}, status=400)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    body = request.body
    try:
        event_verify(body, request.headers.get("Stripe-Signature"))
    except InvalidSignature as error:
        logger.warning("stripe webhook refused: %s", error)
        return _refused("signature_invalid", _("The Stripe signature of this request is not valid."))
    try:
        event = json.loads(body)
        valid = (
            isinstance(event, dict)
            and isinstance(event.get("id"), str)
            and isinstance(event.get("type"), str)
        )
    except ValueError:
        valid = False
    if not valid:
        return _refused("payload_invalid", _("This is not a Stripe event."))
    stored = event_receive(event)
    return JsonResponse({"received": True, "duplicate": not stored})
