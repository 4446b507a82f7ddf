"""Reads of sales documents for users; every one starts from the visibility rules in `visibility`."""
