"""Rules for workspace slugs: the <slug> in <slug>.<base-domain>."""

from __future__ import annotations

import re

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$")

# Host labels that are ours, or that users would mistake for ours.
RESERVED_SLUGS = frozenset(
    {
        "www",
        "api",
        "admin",
        "app",
        "public",
        "static",
        "media",
        "assets",
        "cdn",
        "mail",
        "smtp",
        "imap",
        "pop",
        "ftp",
        "ws",
        "wss",
        "graphql",
        "help",
        "support",
        "status",
        "docs",
        "blog",
        "billing",
        "pay",
        "login",
        "signup",
        "register",
        "account",
        "accounts",
        "dashboard",
        "dev",
        "test",
        "staging",
        "demo",
        "sparrow",
        "root",
        "system",
        "template",
        "pool",
        "healthz",
    }
)


def slug_problem(slug: str) -> str | None:
    """The stable error code for a bad slug, or None when the shape is fine."""
    if not 3 <= len(slug) <= 30:
        return "slug_length"
    if not SLUG_PATTERN.match(slug) or "--" in slug:
        return "slug_format"
    if slug in RESERVED_SLUGS:
        return "slug_reserved"
    return None


def schema_name_for(slug: str) -> str:
    """t_<slug> with hyphens as underscores: slugs have no underscores, so this is one-to-one."""
    return "t_" + slug.replace("-", "_")
