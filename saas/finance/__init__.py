"""Finance: money against sales orders — invoices, receipts, refunds, prepayments, receivables,
customer statements, and the money side of a customer return (its settlement).

Direction: finance depends on sales (orders, returns), never the reverse. The seam between the
two is the order's own money columns, not a callback: SalesOrder carries received_amount,
invoiced_amount and returned_amount, finance moves the first two only through
`saas.sales.services.documents.add_to_order` on orders it has locked, and sales reads them where
it needs to know about money (an order with money against it is not cancelled, a revision may
not drop its total below it, `SalesOrder.balance_due`). That is the simplest design that keeps
`sales ← finance`: sales already keeps the totals in the same transaction as every receipt and
invoice, so it never has to ask finance anything, and no import from sales to finance (lazy or
registered) exists.
"""
