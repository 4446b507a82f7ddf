"""Inventory: warehouses and bins, stock levels, the append-only stock ledger, valuation, operations."""
