"""App config for saas.finance: invoices, receipts, refunds and receivables of each tenant."""

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "saas.finance"
    label = "finance"
