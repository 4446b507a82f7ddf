"""Descriptions of the partner integration's arguments (keys, webhooks, the event feed)."""

from __future__ import annotations

TEXT: dict[str, str] = {
    "Mutation.apiKeyRotate(graceHours)": "How long the old secret keeps working, 0-168 hours (default 24).",
    "Mutation.webhookEndpointReplay(since)": "The start of the range (inclusive), with a time zone.",
    "Mutation.webhookEndpointReplay(until)": "The end of the range (exclusive), with a time zone.",
    "Query.events(types)": "Only these event names (graphql/EVENTS.md); default: every one you may read.",
    "Query.events(after)": "An event id: the endCursor of the page before, or a delivery's webhook-id.",
    "Query.events(limit)": "Events per page, 1-100.",
}
