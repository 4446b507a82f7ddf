"""Billing in GraphQL: the owner pays for the workspace."""
