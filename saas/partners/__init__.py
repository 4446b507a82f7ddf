"""Partners: API keys, webhook endpoints and their deliveries, and the event feed.

Partners (ERPs, shops, carriers, BI tools) integrate through GraphQL with a scoped API key and
hear of changes through Standard Webhooks fed from the event log (saas/core/domain_events.py).
It sits beside notifications in the domain chain: it reads every domain's events, and nothing
below it imports it.
"""
