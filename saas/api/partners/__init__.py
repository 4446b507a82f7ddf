"""GraphQL of the partner integration: API keys (people only), webhooks, and the event feed."""
