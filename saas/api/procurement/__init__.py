"""GraphQL surface of saas.procurement: suppliers, purchase orders, receiving, returns, payables,
replenishment."""
