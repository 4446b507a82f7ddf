"""GraphQL surface of finance."""
