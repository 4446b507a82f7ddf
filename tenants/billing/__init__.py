"""Subscription billing (public schema): plans, each workspace's billing account, invoices, audit."""
