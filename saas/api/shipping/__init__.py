"""GraphQL surface of shipping."""
