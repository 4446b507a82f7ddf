"""GraphQL surface of saas.catalog."""
