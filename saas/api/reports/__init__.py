"""GraphQL surface of reports."""
