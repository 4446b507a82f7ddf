"""Which webhook URLs Sparrow may call: the rules against server-side request forgery.

A webhook URL is typed by a partner, and our servers call it, so a URL must not turn Sparrow into
a proxy into its own network: loopback, private and link-local networks, the cloud metadata
service (which hands out credentials) and every other address that is not on the public internet
are refused. A host name is resolved and refused if ANY of its addresses is: the check runs when
the endpoint is saved (`check_url`) and again before each delivery (`resolve_safe`), and the
deliverer connects to an address this module returned, so a name that resolves to a public
address at save time and to 127.0.0.1 later (DNS rebinding) still reaches no private address.

In development (`SPARROW_WEBHOOKS_ALLOW_PRIVATE`) private addresses are allowed so a receiver on
the same machine works; the cloud metadata service is refused even then.

The URL is parsed with httpx, the library that sends the request, so the host checked here is
the host the request goes to (two URL parsers that disagree are a classic way around such checks).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

import httpx
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

FIELD = "url"
MAX_URL_LENGTH = 2000

# Cloud metadata services: refused even where private addresses are allowed. AWS/GCP/Azure/
# OpenStack share 169.254.169.254; AWS's IPv6 one is fd00:ec2::254; Alibaba Cloud uses
# 100.100.100.200 and Tencent Cloud 169.254.0.23 (metadata.tencentyun.com).
METADATA_ADDRESSES: frozenset[Address] = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.0.23")
)
METADATA_HOSTS = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata.tencentyun.com", "instance-data.ec2.internal"}
)

# Not on the public internet (IANA special-purpose registries), beyond what the stdlib flags say,
# so the rule does not move with the Python version.
_FORBIDDEN_V4 = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",  # "this network", includes the unspecified address
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT: the provider's internal network
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes the broadcast address
    )
)
_FORBIDDEN_V6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "::/8",  # unspecified, loopback, IPv4-compatible (mapped addresses are unwrapped first)
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard
        "2001::/23",  # IETF protocol assignments, Teredo
        "2001:db8::/32",  # documentation
        "fc00::/7",  # unique local (ULA)
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)
# IPv6 forms that carry an IPv4 address the packet may end up at: judge that IPv4 address.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

# A host name as DNS spells it after IDNA: letters, digits, hyphens, underscores, dots.
_HOST_NAME = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$")


@dataclass(frozen=True)
class Target:
    """Where a webhook URL points: what the deliverer connects to and names in Host and SNI."""

    url: httpx.URL
    scheme: str  # "http" or "https"
    host: str  # ASCII (IDNA), lower case, without brackets or a trailing dot
    port: int
    ip: Address | None  # the host itself when the URL names an IP address


def lookup(host: str, port: int) -> list[str]:
    """The addresses DNS gives for host, as text; tests replace this function (no network there).

    Raises OSError (socket.gaierror) when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def _invalid(message: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, field=FIELD)


def _not_a_url() -> InvalidInput:
    return _invalid(_("Enter a full web address starting with https://."), "url_invalid")


def _forbidden() -> InvalidInput:
    return _invalid(
        _("This address is on a private or reserved network; webhooks go to public internet addresses only."),
        "url_forbidden_address",
    )


def _unresolvable() -> InvalidInput:
    return _invalid(_("This host name could not be found; check the address."), "url_unresolvable")


def _unwrap(ip: Address) -> Address:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def is_forbidden(ip: Address, *, allow_private: bool) -> bool:
    """Whether a webhook may not be sent to this address."""
    if ip in METADATA_ADDRESSES or _unwrap(ip) in METADATA_ADDRESSES:
        return True
    if allow_private:
        return False
    ip = _unwrap(ip)
    networks: tuple[ipaddress.IPv4Network, ...] | tuple[ipaddress.IPv6Network, ...]
    networks = _FORBIDDEN_V4 if isinstance(ip, ipaddress.IPv4Address) else _FORBIDDEN_V6
    if any(ip in network for network in networks):
        return True
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_url(url: str, *, allow_private: bool) -> Target:
    """The URL's target, or InvalidInput (`url_invalid`, `url_not_https`); resolves nothing."""
    if not isinstance(url, str) or not url:
        raise _not_a_url()
    if len(url) > MAX_URL_LENGTH:
        raise _invalid(
            _("A web address can have at most %(n)d characters.") % {"n": MAX_URL_LENGTH}, "url_invalid"
        )
    # Whitespace, control characters and backslashes are read differently by different parsers.
    if any(ord(ch) <= 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in url):
        raise _not_a_url()
    try:
        parsed = httpx.URL(url)
        raw_host = parsed.raw_host.decode("ascii")
        port = parsed.port
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise _not_a_url() from exc
    if parsed.scheme not in ("http", "https") or not raw_host:
        raise _not_a_url()
    if parsed.userinfo:  # a secret in the URL would show wherever the URL is shown
        raise _invalid(_("Leave the user name and password out of the web address."), "url_invalid")
    if port is not None and not 0 < port < 65536:
        raise _not_a_url()
    if parsed.scheme == "http" and not allow_private:
        raise _invalid(_("Webhook addresses must use https://."), "url_not_https")
    try:
        ip: Address | None = ipaddress.ip_address(raw_host)
    except ValueError:
        ip = None
    host = raw_host if ip is not None else raw_host.lower().rstrip(".")
    if ip is None and not _HOST_NAME.match(host):
        raise _not_a_url()
    default_port = 443 if parsed.scheme == "https" else 80
    return Target(url=parsed, scheme=parsed.scheme, host=host, port=port or default_port, ip=ip)


def resolve_safe(host: str, port: int, *, allow_private: bool) -> list[Address]:
    """The host's addresses, every one allowed; InvalidInput (`url_forbidden_address`,
    `url_unresolvable`) otherwise. Call it right before connecting, and connect to one of these."""
    host = host.strip("[]")
    try:
        literal: Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        if is_forbidden(literal, allow_private=allow_private):
            raise _forbidden()
        return [literal]
    name = host.lower().rstrip(".")
    if name in METADATA_HOSTS:
        raise _forbidden()
    try:
        found = lookup(name, port)
    except (OSError, UnicodeError) as exc:
        raise _unresolvable() from exc
    addresses: list[Address] = []
    for text in found:
        try:
            ip = ipaddress.ip_address(text)
        except ValueError as exc:  # e.g. a scoped link-local "fe80::1%eth0": never public
            raise _forbidden() from exc
        if is_forbidden(ip, allow_private=allow_private):
            raise _forbidden()
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise _unresolvable()
    return addresses


def check_url(url: str, *, allow_private: bool) -> None:
    """Whether a partner may register this webhook URL; InvalidInput on field `url` if not."""
    target = parse_url(url, allow_private=allow_private)
    resolve_safe(target.host, target.port, allow_private=allow_private)
