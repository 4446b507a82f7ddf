"""Billing in GraphQL: the owner's billing query (plan, status, usage, limits, invoices) and paying."""
