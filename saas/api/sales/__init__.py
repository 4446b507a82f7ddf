"""GraphQL surface of sales."""
