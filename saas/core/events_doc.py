"""The event catalogue as the partner-facing text `graphql/EVENTS.md` (`sparrow events-doc`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from saas.core.domain_events import DomainEvent, catalogue, nested_types, payload_fields

EVENTS_FILE = Path(__file__).resolve().parents[2] / "graphql" / "EVENTS.md"

INTRO = """\
# Sparrow's domain events

Generated from the catalogue in code (`saas/<domain>/events.py`) by `sparrow events-doc`; a test
fails when this file is stale. Do not edit it by hand.

Every event is appended to the workspace's event log in the same transaction as the change it
reports, and then delivered to consumers (notifications, e-mail, live delivery, partner
webhooks) by a job, at least once; each delivery names the event's `id`, which increases per
workspace: use it to drop a repeat and as a cursor.

A partner webhook's body (Standard Webhooks; the event's id is the `webhook-id` header):

```json
{
  "type": "sales_order.approved",
  "version": 1,
  "timestamp": "2026-05-04T09:30:00+08:00",
  "data": { "...": "the payload below" }
}
```

The event feed (GraphQL `events(after, types, limit)`) gives each event as `id`, `type`,
`version`, `occurredAt`, `actor { kind id label }` and `data`. `actor.kind` is `USER` (a person;
`id` is theirs), `API_CLIENT` (a partner key) or `SYSTEM` (a job); `id` is null for the last two.
Ids in payloads are the GraphQL API's ids. Statuses and other choices are the lowercase values
the GraphQL enums spell in capitals (`"pending_review"` is `PENDING_REVIEW`). Decimals are
strings (`"12.50"`), dates ISO 8601. A payload only ever gains fields within a version; a change
of meaning is a new version. Events about people (`user.*`) stay inside the workspace: they
are neither sent to webhooks nor listed in the feed.
"""


def _table(cls: Any) -> list[str]:
    lines = ["| Field | Type | Description |", "|---|---|---|"]
    lines += [f"| `{name}` | `{kind}` | {doc} |" for name, kind, doc in payload_fields(cls)]
    return lines


def _summary(cls: type[DomainEvent]) -> str:
    doc = (cls.__doc__ or "").strip()
    return " ".join(doc.split())


def events_markdown() -> str:
    events = catalogue()
    out = [INTRO, "## Catalogue", "", "| Event | Version | About |", "|---|---|---|"]
    out += [
        f"| [`{name}`](#{name.replace('.', '')}) | {cls.event_version} | `{cls.object_type}` |"
        for name, cls in events.items()
    ]
    nested: list[Any] = []
    for name, cls in events.items():
        out += ["", f"## {name}", "", f"Version {cls.event_version}. {_summary(cls)}", ""]
        out += _table(cls)
        nested += [item for item in nested_types(cls) if item not in nested]
    for item in nested:
        doc = " ".join((item.__doc__ or "").split())
        out += ["", f"### {item.__name__}", "", doc, ""] + _table(item)
    assert all(dataclasses.is_dataclass(item) for item in nested)
    return "\n".join(out) + "\n"
