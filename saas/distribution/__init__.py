"""Distribution (分销): a brand's network of distributors ordering at their own price tiers.

The network is a tree of distributors (省代 → 市代 → 零售商; levels are rows), each tied one to
one to a customer record, so its orders, receivables and statements are the sales and finance
domains' own. People of the distributor role belong to exactly one distributor
(`DistributorMember`). Price lists per level and per distributor are dated versions, priced by
`pricing.price_lines`; the wallet is an append-only ledger of what the workspace owes each
distributor (Sparrow records money, it never moves it); orders placed in the portal are sales
orders submitted into the workspace's normal review queue.

Direction: distribution sits beside fieldsales and partners, above sales and finance, and is
asked by none of them: it reads and writes through their services and selectors only.
"""
