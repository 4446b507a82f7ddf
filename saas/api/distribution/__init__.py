"""GraphQL of the distribution network: the workspace's staff (network, price lists, wallets:
queries, mutations, wallet) and the distributors' portal (portal: people only)."""
