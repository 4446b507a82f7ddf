"""Sales reports: read-only statistics over the sales tables, for the API, exports and print pages.

Every report starts from the order visibility rule (saas.sales.selectors.visibility), so a rep's
report counts only the rep's own orders, in lists, totals, exports and print pages alike. A
report needs `reports.view` and the right to see order money; profit and costs also `cost.view`.

Definitions (shared by every report, the GraphQL API and the exports):

- Sales are orders in SOLD_STATUSES (approved and beyond), dated by `order_date`, which is the
  day of the order in the workspace's time zone: an order at 23:30 on 31 October, Beijing time,
  belongs to October. Periods ("this month", a default date range) use the workspace's today.
- Order amount is `total_amount`: goods after discounts, tax included, as SMEs record it.
- Revenue for profit is recognised on shipment: each line contributes
  amount × shipped_quantity / base_quantity, less the line amounts of received returns
  (status received or settled). Cost of goods sold is cost_amount − returned_cost_amount.
  Order profit = revenue − cost of goods − expense_amount; both sides tax included.
  By product, profit is gross (revenue − cost): expenses belong to orders, not to products.
- Arrears: Σ(total − returned − received) over a visible customer's visible sold orders, with
  the date of the oldest order still owing. The finance reports do detailed ageing.
- Returns count the ones accepted (approved, received, settled), dated by `return_date`.

Amounts are in the workspace currency; each report runs a fixed, small number of SQL queries
whatever the amount of data.
"""
