"""Services of the distribution domain: the only code that changes the network, price lists,
wallets and portal orders. One module per family:

network (levels, distributors, their people), prices (price lists, settings), wallet (the
ledger's one door and finance's records), ordering (the portal's order).
"""
