"""Users, roles with scopes, and row-level visibility, in each tenant's schema."""
