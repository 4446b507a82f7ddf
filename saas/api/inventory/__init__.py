"""GraphQL surface of saas.inventory."""
