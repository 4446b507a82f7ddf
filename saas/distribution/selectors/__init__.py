"""Reads of the distribution domain, always through the actor: the network, price lists and
wallets for the workspace's staff (network, wallet), one distributor's own for the portal
(portal), and the credit a distributor has in use (credit)."""
