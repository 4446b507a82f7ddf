"""GraphQL surface of customers."""
