"""WebSocket side of the ASGI app: tenant by Host, session auth in the tenant's schema, live events."""
