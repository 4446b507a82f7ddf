"""What a person keeps of the desktop tables: the columns they chose per list, and their saved
views (a named filter, sort and columns). On the server, so both follow them to any device."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

# The lists that are tables on a desktop, by the name the app and the API give them.
LIST_NAMES = frozenset(
    {"orders", "customers", "products", "purchase-orders", "receipts", "shipments", "returns"}
)
MAX_COLUMNS = 30
MAX_VIEWS_PER_LIST = 50


class ListColumns(models.Model):
    """The columns one person shows in one list, in their order."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(max_length=40)
    columns = ArrayField(models.CharField(max_length=40), default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name"], name="listcolumns_user_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.list_name}: {', '.join(self.columns)}"


class SavedView(models.Model):
    """A named view of one list: its filters and sort as the list's URL query, and its columns."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(max_length=40)
    name = models.CharField(max_length=60)
    query = models.CharField(max_length=1000, blank=True)
    columns = ArrayField(models.CharField(max_length=40), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "list_name", "name"], name="savedview_user_list_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.list_name}: {self.name}"
