"""Services of the sales domain: the only code that changes orders, quotations, invoices,
receipts and returns. One module per document family."""
