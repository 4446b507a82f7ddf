"""Reads of finance for users: receivables, customer statements, invoices and receipts."""
