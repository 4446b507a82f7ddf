"""GraphQL surface of the home dashboard: the signed-in user's to-do counts."""
