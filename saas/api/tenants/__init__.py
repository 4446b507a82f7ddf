"""GraphQL surface of the current workspace (the tenant)."""
