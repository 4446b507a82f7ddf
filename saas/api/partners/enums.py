"""The GraphQL enums of the partner integration, from the models' choices (saas/api/choices.py)."""

from __future__ import annotations

from saas.accounts.actors import ActorKind
from saas.api.choices import ChoiceEnum
from saas.partners import models


class WebhookDeliveryStatus(
    ChoiceEnum,
    choices=models.WebhookDelivery.Status,
    describe={
        "pending": "Not delivered yet: being sent, or waiting for its next retry.",
        "succeeded": "The receiver answered 2xx.",
        "failed": "Every retry failed (about 28 hours); redeliver or replay to send it again.",
    },
):
    """Where a webhook delivery is."""


class WebhookEndpointState(
    ChoiceEnum,
    choices=models.WebhookEndpoint.State,
    describe={
        "enabled": "Deliveries are sent.",
        "disabled": "Switched off by a person: nothing is sent or held.",
        "failing": "Switched off by the circuit breaker after repeated failures: deliveries are held "
        "and the endpoint is probed again.",
    },
):
    """Whether an endpoint receives deliveries."""


class EventActorKind(
    ChoiceEnum,
    choices=list(ActorKind),
    describe={
        "user": "A person of the workspace.",
        "api_client": "A partner's API key.",
        "system": "A job of Sparrow itself.",
    },
):
    """Who caused an event."""
