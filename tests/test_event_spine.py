"""The event spine: typed events round-trip through JSON, `emit` logs in the change's transaction
and queues one fan-out job, a rolled-back change emits nothing, the log refuses rewrites, and a
consumer acts once per event however often its job runs."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, get_args, get_origin, get_type_hints

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import tenant_context
from procrastinate.contrib.django.models import ProcrastinateJob

from saas.accounts.actors import actor_stamp
from saas.core import event_delivery
from saas.core.domain_events import _optional, catalogue, emit, envelope, event_of
from saas.core.event_delivery import ConsumersFailed, consumer_register, consumer_unregister, deliver, fan_out
from saas.core.events_doc import EVENTS_FILE, events_markdown
from saas.core.models import LoggedEvent, ProcessedEvent
from saas.customers.events import CustomerCreated
from saas.sales import services
from tests.fixtures.events import deliver_events, logged, queued_fan_outs
from tests.fixtures.jobs import run_job

EXPECTED = {
    "customer.created",
    "purchase_order.received",
    "receipt.recorded",
    "return.approved",
    "return.received",
    "return.requested",
    "sales_order.approved",
    "sales_order.cancelled",
    "sales_order.completed",
    "sales_order.created",
    "sales_order.rejected",
    "sales_order.submitted",
    "shipment.shipped",
    "shipment.signed",
    "stock.increased",
    "stock.low",
    "user.deactivated",
    "user.invited",
}


def sample(annotation: Any, *, none: bool = False) -> Any:
    inner, optional = _optional(annotation)
    if optional and none:
        return None
    if get_origin(inner) is tuple:
        return (sample(get_args(inner)[0], none=none), sample(get_args(inner)[0], none=not none))
    if dataclasses.is_dataclass(inner):
        hints = get_type_hints(inner)
        return inner(**{f.name: sample(hints[f.name], none=none) for f in dataclasses.fields(inner)})
    return {
        str: "订单 SO-2026-000123",
        int: 42,
        bool: True,
        Decimal: Decimal("1234.50"),
        date: date(2026, 5, 4),
        datetime: datetime(2026, 5, 4, 1, 30, tzinfo=UTC),
    }[inner]


def test_the_catalogue_holds_every_event_the_issue_names_each_a_frozen_versioned_dataclass():
    events = catalogue()
    assert set(events) >= EXPECTED
    for name, cls in events.items():
        assert cls.event_name == name and cls.event_version >= 1 and cls.object_type
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("with_nulls", [False, True])
def test_every_event_round_trips_through_json(name, with_nulls):
    cls = catalogue()[name]
    hints = get_type_hints(cls)
    event = cls(**{f.name: sample(hints[f.name], none=with_nulls) for f in dataclasses.fields(cls)})
    text = json.dumps(event.to_json())
    assert cls.from_json(json.loads(text)) == event
    assert all("_" not in key for key in json.loads(text))  # camelCase like the GraphQL API


def test_the_events_file_is_current():
    assert EVENTS_FILE.read_text() == events_markdown(), (
        "graphql/EVENTS.md is stale: run `sparrow events-doc`"
    )


def test_emit_logs_the_event_with_its_actor_and_queues_one_fan_out_in_the_same_transaction(selling):
    order = selling.order([(selling.shirt, "1")])
    before = set(queued_fan_outs())
    services.order_submit(actor=selling.rep, order=order)

    [record] = logged("sales_order.submitted")
    assert (record.actor_kind, record.actor_user_id, record.actor_label) == (
        "user",
        selling.rep.pk,
        selling.rep.full_name,
    )
    assert (record.object_type, record.object_id) == ("sales_order", order.pk)
    event = event_of(record)
    assert (event.id, event.number, event.rep_id) == (str(order.pk), order.number, str(selling.rep.pk))
    [job] = set(queued_fan_outs()) - before
    queued = ProcrastinateJob.objects.get(id=job)
    assert queued.args["event_id"] == record.pk and queued.queue_name == "events"
    assert queued.args["tenant_schema"] == selling.room.workspace.tenant.schema_name
    assert envelope(record)["type"] == "sales_order.submitted" and envelope(record)["id"] == str(record.pk)


def test_a_rolled_back_change_emits_nothing(selling):
    order = selling.order([(selling.shirt, "1")])
    events_before, jobs_before = len(logged()), set(queued_fan_outs())

    with pytest.raises(RuntimeError), transaction.atomic():
        services.order_submit(actor=selling.rep, order=order)
        assert logged("sales_order.submitted")
        raise RuntimeError("something later in the same change failed")

    assert len(logged()) == events_before and logged("sales_order.submitted") == []
    assert set(queued_fan_outs()) == jobs_before


def test_event_ids_increase_and_belong_to_one_workspace(alpha, beta):
    stamp = actor_stamp(alpha.users["owner"])
    with tenant_context(alpha.tenant):
        first = emit(
            CustomerCreated(id="1", code="CU-1", name="甲", kind="company", phone="", owner_id=""),
            by=stamp,
        )
        second = emit(
            CustomerCreated(id="2", code="CU-2", name="乙", kind="company", phone="", owner_id=""),
            by=stamp,
        )
        assert second.pk > first.pk
    with tenant_context(beta.tenant):
        assert not LoggedEvent.objects.filter(name="customer.created", object_id__in=[1, 2]).exists()


@pytest.mark.parametrize("statement", ["UPDATE core_event_log SET name = 'x'", "DELETE FROM core_event_log"])
def test_the_database_refuses_to_rewrite_the_log(in_alpha, statement):
    emit(
        CustomerCreated(id="1", code="CU-1", name="甲", kind="company", phone="", owner_id=""),
        by=actor_stamp(in_alpha.users["owner"]),
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert logged("customer.created")


@pytest.fixture
def probes():
    """Two consumers of customer.created: one counts, one fails until told otherwise."""
    calls: list[tuple[str, int]] = []
    failing = {"on": True}

    def counting(record: LoggedEvent) -> None:
        calls.append(("counting", record.pk))

    def flaky(record: LoggedEvent) -> None:
        calls.append(("flaky", record.pk))
        if failing["on"]:
            raise RuntimeError("down for now")

    consumer_register("probe_counting", counting, events={"customer.created"})
    consumer_register("probe_flaky", flaky, events={"customer.created"})
    yield calls, failing
    consumer_unregister("probe_counting")
    consumer_unregister("probe_flaky")


def test_a_consumer_acts_once_per_event_however_often_the_job_runs(in_alpha, probes):
    calls, failing = probes
    record = emit(
        CustomerCreated(id="9", code="CU-9", name="丙", kind="company", phone="", owner_id=""),
        by=actor_stamp(in_alpha.users["owner"]),
    )
    [job] = [
        job for job in queued_fan_outs() if ProcrastinateJob.objects.get(id=job).args["event_id"] == record.pk
    ]

    # The first run: one consumer acts, the other fails, so the job fails (and is retried)
    with pytest.raises(ConsumersFailed) as failed:
        run_job(job)
    assert failed.value.names == ["probe_flaky"]
    assert calls == [("counting", record.pk), ("flaky", record.pk)]
    assert fan_out.task.retry_strategy is not None

    # The retry runs only the one that failed; a third run changes nothing
    failing["on"] = False
    run_job(job)
    run_job(job)
    assert calls == [("counting", record.pk), ("flaky", record.pk), ("flaky", record.pk)]
    marks = set(ProcessedEvent.objects.filter(event_id=record.pk).values_list("consumer", flat=True))
    assert {"probe_counting", "probe_flaky"} <= marks


def test_the_fan_out_of_an_event_not_in_this_log_does_nothing(in_alpha):
    assert deliver(10**12) == []


def test_the_existing_side_effects_are_consumers():
    names = [consumer.name for consumer in event_delivery.consumers()]
    for name in ("invitation_email", "session_revoke", "reservation_retry", "inbox", "email", "live"):
        assert name in names
    assert names.index("inbox") < names.index("live")  # live pushes the rows the inbox wrote


def test_deliver_events_helper_runs_nested_fan_outs(selling):
    # An approval reserves stock; delivering it runs every queued job, including new ones.
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    services.order_approve(actor=selling.manager, order=order)
    assert deliver_events() >= 1
    assert queued_fan_outs() == [] or all(job for job in queued_fan_outs())
