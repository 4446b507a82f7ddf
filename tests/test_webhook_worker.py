"""A real worker is SIGKILLed while a webhook POST is in flight: another worker delivers the event
again with the same webhook-id, so nothing is lost (at least once; the repeat is counted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import standardwebhooks
from django.db import connection, connections
from django.test import override_settings
from django_tenants.utils import tenant_context

from saas.core.models import LoggedEvent
from saas.customers.services.customers import customer_create
from saas.partners.models import WebhookAttempt, WebhookDelivery
from saas.partners.services.endpoints import endpoint_create
from tests.fixtures.parallel import scratch_workspace
from tests.fixtures.partners import WEBHOOK_TASKS, Receiver
from tests.fixtures.worker import DEADLINE, WorkerProcess, wait_for

pytestmark = pytest.mark.live

EVENTS_QUEUE = "events_webhook_test"  # the fan-out on a queue of its own, served only here


@pytest.fixture
def partner(world: Any, django_db_blocker: Any) -> Iterator[tuple[Any, Any]]:
    """A committed workspace of its own: (tenant, owner); its jobs are removed afterwards."""
    with django_db_blocker.unblock():
        tenant, owner = scratch_workspace(django_db_blocker, "hooks")
        yield tenant, owner
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM procrastinate_jobs WHERE queue_name = %s OR args->>'tenant_schema' = %s",
                [EVENTS_QUEUE, tenant.schema_name],
            )
        connections.close_all()


def _drain_jobs(schema: str) -> list[tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, status FROM procrastinate_jobs WHERE task_name = %s AND args->>'tenant_schema' = %s "
            "ORDER BY id",
            [WEBHOOK_TASKS["drain"], schema],
        )
        return [(int(row[0]), str(row[1])) for row in cursor.fetchall()]


def test_a_worker_killed_mid_delivery_loses_nothing_and_the_repeat_keeps_its_webhook_id(
    partner, django_db_blocker
):
    tenant, owner = partner
    receiver = Receiver(stall_first=True).start()
    # A dead worker is noticed within seconds (SPARROW_JOBS_STALLED_SECONDS=2).
    worker = WorkerProcess(
        "webhook-worker",
        queues=["webhooks", EVENTS_QUEUE, "system"],
        env={
            "SPARROW_WEBHOOKS_ALLOW_PRIVATE": "true",
            # Longer than the kill takes: the stalled POST must be cut by the kill, not a timeout.
            "SPARROW_WEBHOOKS_TIMEOUT_SECONDS": "10",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        },
    )
    with django_db_blocker.unblock(), override_settings(SPARROW_EVENTS_QUEUE=EVENTS_QUEUE):
        try:
            # Given an endpoint, a worker, and a new customer whose event it subscribes to
            with tenant_context(tenant):
                endpoint = endpoint_create(actor=owner, url=receiver.url(), events=["customer.created"])
            worker.start()
            with tenant_context(tenant):
                customer_create(actor=owner, name="杭州新客户")
                event = LoggedEvent.objects.get(name="customer.created")

            # When the worker's POST is in flight (the receiver holds it) and the worker is killed
            assert receiver.stalled.wait(DEADLINE), "the delivery never reached the receiver"
            with tenant_context(tenant):
                delivery = WebhookDelivery.objects.get(endpoint=endpoint)
                assert (delivery.status, delivery.attempts) == ("pending", 0)
            [(job_id, status)] = _drain_jobs(tenant.schema_name)
            assert status == "doing"  # the drainer sending it
            worker.kill()
            receiver.release.set()  # its answer goes to a closed connection

            # And another worker starts
            worker.start()
            wait_for("the delivery to succeed", lambda: _status(tenant, delivery.pk) == "succeeded")
            # (the killed drainer's job is recovered, takes back the delivery it had leased and
            # sends it again)
            wait_for(
                "the job to finish", lambda: dict(_drain_jobs(tenant.schema_name))[job_id] == "succeeded"
            )
        finally:
            worker.stop()
            receiver.stop()

        # Then the event arrived: twice (the cut-off POST and the recovered one), each time with
        # the event's id as webhook-id and a valid signature; the log holds the one that counted
        assert receiver.ids() == [str(event.pk), str(event.pk)]
        for request in receiver.requests:
            assert standardwebhooks.Webhook(endpoint.secret).verify(request.body, request.headers)[
                "type"
            ] == ("customer.created")
        duplicates = len(receiver.requests) - len(set(receiver.ids()))
        assert duplicates == 1
        with tenant_context(tenant):
            delivery.refresh_from_db()
            assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)
            attempts = list(
                WebhookAttempt.objects.filter(delivery=delivery).values_list("number", "succeeded")
            )
        assert attempts == [(1, True)]
        # The killed drainer's job finished after recovery (and any drainer queued meanwhile)
        jobs = _drain_jobs(tenant.schema_name)
        assert jobs[0] == (job_id, "succeeded") and {status for _id, status in jobs} == {"succeeded"}


def _status(tenant: Any, delivery_id: int) -> str:
    with tenant_context(tenant):
        return str(WebhookDelivery.objects.values_list("status", flat=True).get(pk=delivery_id))
