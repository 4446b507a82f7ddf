"""GraphQL surface of saas.accounts: the current user, colleagues, roles, sign-in."""
