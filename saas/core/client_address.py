"""The client's network address: the one function that throttling, audit and logs read it through.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only as far as it
was written by our own proxies (`SPARROW_TRUSTED_PROXIES`: addresses or networks, empty by
default). Reading the header right to left, each hop added by a trusted proxy is skipped; the
first address that is not a trusted proxy is the client. A header sent by a client that talks to
us directly is ignored, so rotating or forging it moves no throttle.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(value: str) -> tuple[Network, ...]:
    """`"10.0.0.5, 10.1.0.0/16, ::1"` → networks; a typo stops start-up rather than trusting all."""
    networks = []
    for item in value.replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"SPARROW_TRUSTED_PROXIES: {item!r} is not an IP address or network."
            ) from exc
    return tuple(networks)


@lru_cache(maxsize=1)
def _trusted(setting: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_trusted_proxies(",".join(setting))


def _is_trusted(address: str, trusted: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def _strip_port(hop: str) -> str:
    hop = hop.strip().strip('"')
    if hop.startswith("["):  # [2001:db8::1]:443
        return hop[1 : hop.index("]")] if "]" in hop else hop
    if hop.count(":") == 1:  # 203.0.113.9:5123
        return hop.split(":")[0]
    return hop


def address_from(meta: Mapping[str, Any], trusted: tuple[Network, ...]) -> str:
    """The client address from a request's META (or an ASGI scope turned into one)."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    if not trusted or not _is_trusted(remote, trusted):
        return remote
    hops = [_strip_port(hop) for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [hop for hop in hops if hop]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    # Every hop was one of our proxies: the left-most is the closest we know to the client.
    return hops[0] if hops else remote


def client_address(request: Any) -> str:
    """The address of the client that sent this Django request."""
    return address_from(request.META, _trusted(tuple(settings.SPARROW_TRUSTED_PROXIES)))
