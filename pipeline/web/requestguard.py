"""Which requests the page answers at all: the Host, the Origin and the client's address.

DNS rebinding: a page on a domain the attacker controls can make that domain resolve to
127.0.0.1 and then read and post to this server as if it were the same site. Its requests
carry the attacker's domain in `Host` (and in `Origin`), so the server answers only the
names it is really reached by:

- the loopback names (`localhost`, `127.0.0.1`, `::1`);
- the configured `HOST` when it is a name or an address, and, when it listens on every
  address (`0.0.0.0`, `::`), the machine's own names and addresses;
- the names listed in `VANBAN_HOSTS` (comma separated: the names staff type on the LAN);
- the host of `VANBAN_PUBLIC_URL`, the address users open when a reverse proxy sits in
  front of the page.

Anything else is answered 400. A form's `Origin` must be one of these hosts with the
scheme and port the page is served on (`http` and the listening port, or the scheme and
port of `VANBAN_PUBLIC_URL`): a form from `https://127.0.0.1:8000` is not from the
`http://127.0.0.1:8000` page.

`X-Forwarded-For`, `-Host` and `-Proto` are believed only from the address in
`VANBAN_TRUSTED_PROXY` (the reverse proxy); from anyone else they are ignored, so a client
cannot choose the address its wrong passwords are counted against.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..vietnamese import without_marks

HOSTS_VARIABLE = "VANBAN_HOSTS"
PUBLIC_URL_VARIABLE = "VANBAN_PUBLIC_URL"
PROXY_VARIABLE = "VANBAN_TRUSTED_PROXY"
LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARD = ("0.0.0.0", "::", "")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _norm(host: str) -> str:
    """A host name or address as compared: lower case, no brackets, no final dot."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        return host


def split_host(value: str) -> tuple[str, int | None] | None:
    """`Host` header -> (host, port); None when it is not a host at all."""
    value = value.strip()
    if not value or any(c in value for c in "/\\@?# \t"):
        return None
    if value.startswith("["):
        host, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    elif value.count(":") > 1:
        return None  # a bare IPv6 address must be in brackets
    else:
        host, _, port = value.partition(":")
    if port and not port.isdigit():
        return None
    return _norm(host), int(port) if port else None


def split_origin(value: str) -> tuple[str, str, int] | None:
    """`Origin` -> (scheme, host, port with the scheme's default filled in)."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, _norm(parts.hostname), port or DEFAULT_PORTS[parts.scheme]


def own_addresses() -> set[str]:
    """This machine's names and addresses, as far as the standard library can tell."""
    found = set()
    for name in {socket.gethostname(), socket.getfqdn()}:
        if not name:
            continue
        found.add(_norm(name))
        try:
            for info in socket.getaddrinfo(name, None):
                found.add(_norm(info[4][0]))
        except OSError:
            pass
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:  # the address a connection out would use (nothing is sent)
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found.add(_norm(udp.getsockname()[0]))
        except OSError:
            pass
    return found


@dataclass
class Policy:
    """The hosts and origins one server answers, and the proxy it believes."""

    hosts: set[str]
    origins: set[tuple[str, str, int]]
    proxies: set[str] = field(default_factory=set)

    @classmethod
    def for_server(cls, host: str = "127.0.0.1", port: int = 8000, environ: dict | None = None) -> "Policy":
        environ = os.environ if environ is None else environ
        hosts = {_norm(h) for h in LOOPBACK}
        if _norm(host) in WILDCARD or host.strip() in WILDCARD:
            hosts |= own_addresses()
        else:
            hosts.add(_norm(host))
        hosts |= {_norm(h) for h in environ.get(HOSTS_VARIABLE, "").replace(";", ",").split(",") if h.strip()}
        origins = {("http", h, port) for h in hosts}
        public = environ.get(PUBLIC_URL_VARIABLE, "").strip()
        if public:
            origin = split_origin(public)
            if origin is None:
                raise ValueError(f"{PUBLIC_URL_VARIABLE}={public}")
            hosts.add(origin[1])
            origins.add(origin)
        proxies = {_norm(p) for p in environ.get(PROXY_VARIABLE, "").split(",") if p.strip()}
        return cls(hosts, origins, proxies)

    # ------------------------------------------------------------------ one request

    def forwarded(self, scope, headers: dict[str, str]) -> dict[str, str]:
        """The request as the user sent it: client address, host and scheme, believing
        the forwarded headers only when the request comes from the trusted proxy."""
        client = _norm((scope.get("client") or ("", 0))[0] or "")
        seen = {"client": client, "host": headers.get("host", ""), "scheme": scope.get("scheme", "http")}
        if client and client in self.proxies:
            chain = [a.strip() for a in headers.get("x-forwarded-for", "").split(",") if a.strip()]
            if chain:
                seen["client"] = _norm(chain[-1])  # the address the proxy itself saw
            if headers.get("x-forwarded-host"):
                seen["host"] = headers["x-forwarded-host"].split(",")[-1].strip()
            if headers.get("x-forwarded-proto") in DEFAULT_PORTS:
                seen["scheme"] = headers["x-forwarded-proto"]
        return seen

    def host_allowed(self, host_header: str) -> bool:
        parsed = split_host(host_header)
        return parsed is not None and parsed[0] in self.hosts

    def origin_allowed(self, origin: str) -> bool:
        parsed = split_origin(origin)
        return parsed is not None and parsed in self.origins


def same_origin(origin: str, scheme: str, host_header: str) -> bool:
    """Without a policy (an app made for tests): the Origin names exactly this page,
    scheme included."""
    given, own = split_origin(origin), split_host(host_header)
    if given is None or own is None or scheme not in DEFAULT_PORTS:
        return False
    return given == (scheme, own[0], own[1] or DEFAULT_PORTS[scheme])


def content_disposition(kind: str, filename: str) -> str:
    """RFC 6266: an ASCII fallback and the real name as `filename*=UTF-8''…`."""
    from urllib.parse import quote

    ascii_name = "".join(c for c in without_marks(filename) if c.isascii())
    ascii_name = "".join(c if c.isalnum() or c in "-_.() " else "_" for c in ascii_name)
    ascii_name = ascii_name.strip() or "tep"
    header = f'{kind}; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
