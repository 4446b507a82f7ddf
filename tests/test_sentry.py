"""Sentry: tagged with the tenant, without personal data or secrets."""

from __future__ import annotations

import json
from typing import Any

import sentry_sdk
from sentry_sdk.transport import Transport

from saas.observability import sentry_init
from tests.fixtures.tenants import client_for, graphql


class CapturingTransport(Transport):
    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__(options)
        self.events: list[dict[str, Any]] = []

    def capture_envelope(self, envelope: Any) -> None:
        for item in envelope.items:
            if item.type == "event":
                self.events.append(json.loads(item.payload.get_bytes()))


def test_resolver_crash_is_reported_with_tenant_tag_and_no_personal_data(alpha, monkeypatch):
    transport = CapturingTransport()
    sentry_init(dsn="https://public@sentry.example/1", environment="test", transport=transport)
    try:
        from saas.accounts import selectors

        def explode(**kwargs):
            password = "hunter2-secret"  # a local that must not travel  # noqa: F841
            raise RuntimeError("role list failed")

        monkeypatch.setattr(selectors, "role_list", explode)
        client = client_for(alpha, alpha.users["owner"])
        result = graphql(
            client, "query { roles { code } }", {"password": "hunter2-secret", "email": "owner@alpha.test"}
        )
        assert result["errors"][0]["extensions"]["code"] == "internal_error"
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)

    assert transport.events, "the crash was not reported"
    event = transport.events[-1]
    assert event["tags"]["tenant"] == "alpha"
    text = json.dumps(event, ensure_ascii=False)
    assert "hunter2-secret" not in text
    assert "owner@alpha.test" not in text
    assert "sessionid" not in text and "csrftoken" not in text
    assert "user" not in event or not event["user"]
