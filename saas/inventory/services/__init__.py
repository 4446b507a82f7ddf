"""The only code that changes stock: the ledger core and the operations built on it."""
