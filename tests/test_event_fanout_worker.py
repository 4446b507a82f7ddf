"""A real worker is SIGKILLed in the middle of an event's fan-out: after recovery every consumer's
effect exists exactly once (the invitation e-mail, the inbox row, the notification e-mail, the
live message), and only the consumer that was cut off runs again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import override_settings
from django_tenants.utils import tenant_context

from saas.accounts import services as accounts
from saas.accounts.models import Role, User
from saas.core.models import LoggedEvent, ProcessedEvent
from saas.notifications.models import Notification, NotificationPreference
from tests.fixtures.parallel import scratch_workspace
from tests.fixtures.worker import WorkerProcess, wait_for

pytestmark = pytest.mark.live

QUEUE = "events_kill_test"  # a queue of its own: no other worker of the session takes these jobs


@pytest.fixture
def setting(world, django_db_blocker, tmp_path: Path) -> Iterator[tuple[object, Path, Path]]:
    """A committed workspace of its own with an admin who wants invitations by e-mail too."""
    probe_dir, mail_dir = tmp_path / "probe", tmp_path / "mail"
    probe_dir.mkdir()
    mail_dir.mkdir()
    with django_db_blocker.unblock():
        tenant, owner = scratch_workspace(django_db_blocker, "fanout")
        with tenant_context(tenant):
            admin = User.objects.create_user(email="admin@fanout.test", password=None, full_name="管理员")
            admin.roles.set(Role.objects.filter(code="admin"))
            NotificationPreference.objects.create(user=admin, kind="user.invited", in_app=True, email=True)
        yield (tenant, owner), probe_dir, mail_dir
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM procrastinate_jobs WHERE queue_name = %s", [QUEUE])
        connections.close_all()


def _mails(mail_dir: Path, address: str) -> int:
    return sum(address in path.read_text(errors="replace") for path in mail_dir.iterdir())


def _job_status(event_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status FROM procrastinate_jobs WHERE queue_name = %s AND (args->>'event_id')::bigint = %s",
            [QUEUE, event_id],
        )
        return str(cursor.fetchone()[0])


def test_a_worker_killed_mid_fan_out_leaves_each_consumers_effect_exactly_once(setting, django_db_blocker):
    (tenant, owner), probe_dir, mail_dir = setting
    worker = WorkerProcess(
        "event-worker",
        queues=[QUEUE, "system"],
        imports=["tests.fixtures.event_probes"],
        env={
            "SPARROW_EVENT_PROBE_DIR": str(probe_dir),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_dir),
        },
    )
    with django_db_blocker.unblock(), override_settings(SPARROW_EVENTS_QUEUE=QUEUE):
        try:
            # Given a worker, and an invitation whose event fans out to six consumers
            worker.start()
            with tenant_context(tenant):
                accounts.user_invite(
                    actor=owner, email="new@fanout.test", full_name="新同事", role_codes=["sales"]
                )
                event = LoggedEvent.objects.get(name="user.invited")

            # When the worker is killed while the probe consumer holds the fan-out (the invitation
            # e-mail and the inbox have acted; the e-mail and live consumers have not)
            wait_for("the fan-out to reach the probe", (probe_dir / "starts").exists)
            with tenant_context(tenant):
                acted = set(
                    ProcessedEvent.objects.filter(event_id=event.pk).values_list("consumer", flat=True)
                )
            assert acted == {"invitation_email", "inbox"}
            worker.kill()
            assert _job_status(event.pk) == "doing"

            # And another worker starts (the probe lets go from now on)
            (probe_dir / "release").touch()
            worker.start()
            wait_for("the recovered job to succeed", lambda: _job_status(event.pk) == "succeeded")
        finally:
            worker.stop()

        # Then the probe ran twice (it was cut off), and every effect exists exactly once
        assert (probe_dir / "starts").read_text().split() == [str(event.pk), str(event.pk)]
        with tenant_context(tenant):
            marks = list(ProcessedEvent.objects.filter(event_id=event.pk).values_list("consumer", flat=True))
            rows = list(
                Notification.objects.filter(event_id=event.pk).values_list("user__email", "pk", "user_id")
            )
        # (partners marks every event: a person's event has no feed place and no webhook)
        assert sorted(marks) == ["email", "inbox", "invitation_email", "live", "partners", "probe_block"]
        assert [email for email, _pk, _user in rows] == ["admin@fanout.test"]
        assert _mails(mail_dir, "To: new@fanout.test") == 1  # the invitation
        assert _mails(mail_dir, "To: admin@fanout.test") == 1  # the notification by e-mail
        sent = [json.loads(line) for line in (probe_dir / "live.log").read_text().splitlines()]
        assert [message["message"]["notification"]["id"] for message in sent] == [rows[0][1]]
        assert sent[0]["group"] == f"t.{tenant.schema_name}.user.{rows[0][2]}"
