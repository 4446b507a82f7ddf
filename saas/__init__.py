"""Sparrow: the order-management cloud for small and micro businesses."""
