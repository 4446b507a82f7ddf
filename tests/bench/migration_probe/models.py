"""The probe's one model: what a typical new migration creates."""

from __future__ import annotations

from django.db import models


class Probe(models.Model):
    note = models.CharField(max_length=20, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "migration_probe"

    def __str__(self) -> str:
        return self.note
