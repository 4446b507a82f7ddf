"""Procurement (采购): suppliers, purchase orders, receiving with inspection, returns, payables."""
