"""Services of the finance domain: the only code that records or voids invoices, receipts and
refunds and settles returns in money. One module per document family: invoices, receipts (and
refunds), settlements (of returns); receivables holds what they share."""
