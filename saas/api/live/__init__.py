"""GraphQL subscriptions (live delivery): notifications and the unread count, served over WebSocket."""
