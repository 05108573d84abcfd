"""Failed sign-ins, counted per client and per person, so one guesser cannot lock out every analyst
(plain Python, no Streamlit).

A key is ``client:<address>`` (the browser's address; an IPv6 address counts by its /64, what one
household or office gets) or ``person:<name>`` (only when analysts have personal passwords: a
shared password names nobody, so it is counted per client only). After ``max_failures`` wrong
passwords a key is locked for ``lock_seconds``; every further lock of the same key doubles, up
to ``max_lock_seconds``. A success clears the keys it was tried under. The counts live in the
server process: N processes behind a load balancer give a client N times the budget unless the
balancer keeps a client on one process (``ip_hash``).

``client_key`` finds the client's address: the connection's peer, or, when the peer is a trusted
proxy (``OGP_TRUSTED_PROXIES``), the last address in ``X-Forwarded-For`` that no trusted proxy
added. A header from anyone else is ignored, so a client cannot pick its own key.
"""

from __future__ import annotations

import ipaddress
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MAX_FAILURES = 5
LOCK_SECONDS = 300
MAX_LOCK_SECONDS = 3600
MAX_KEYS = 10_000  # keys kept at most; the oldest unlocked ones are forgotten first
TRUSTED_PROXIES_ENV = "OGP_TRUSTED_PROXIES"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class _Count:
    failures: int = 0
    strikes: int = 0  # locks so far: the next one lasts lock_seconds * 2**strikes
    locked_until: float = 0.0
    last_failure: float = 0.0


class Throttle:
    """Thread-safe (every browser session is a thread); checks are serialised, so parallel sessions
    cannot slip extra guesses past the limit."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS,
                 max_lock_seconds: float = MAX_LOCK_SECONDS, max_keys: int = MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self.max_lock_seconds = max_lock_seconds
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: dict[str, _Count] = {}

    def seconds_left(self, *keys: str) -> float:
        """How long the longest lock among ``keys`` lasts (0 when none is locked)."""
        with self._lock:
            now = self._clock()
            counts = [self._counts[k] for k in keys if k in self._counts]
            return max([0.0] + [c.locked_until - now for c in counts])

    def locked(self, *keys: str) -> bool:
        return self.seconds_left(*keys) > 0

    def attempts_left(self, *keys: str) -> int:
        """Wrong passwords left before the first of ``keys`` locks."""
        with self._lock:
            counts = [self._counts[k] for k in keys if k in self._counts]
            return min([self.max_failures] + [self.max_failures - c.failures for c in counts])

    def attempt(self, check: Callable[[], bool], *keys: str) -> bool:
        """Run ``check`` unless a key is locked; count a failure under every key. False when locked or
        wrong (``seconds_left`` tells which)."""
        with self._lock:
            now = self._clock()
            if any(self._counts[k].locked_until > now for k in keys if k in self._counts):
                return False
            if check():
                for key in keys:
                    self._counts.pop(key, None)
                return True
            self._forget_old(now)
            for key in keys:
                count = self._counts.setdefault(key, _Count())
                count.failures += 1
                count.last_failure = now
                if count.failures >= self.max_failures:
                    count.locked_until = now + min(self.lock_seconds * 2 ** count.strikes, self.max_lock_seconds)
                    count.strikes += 1
                    count.failures = 0
            return False

    def _forget_old(self, now: float) -> None:
        """Bound the memory: drop keys quiet for longer than the longest lock, then, if still too many,
        the unlocked keys with the oldest failure."""
        if len(self._counts) < self.max_keys:
            return
        for key in [k for k, c in self._counts.items()
                    if c.locked_until <= now and now - c.last_failure > self.max_lock_seconds]:
            del self._counts[key]
        unlocked = sorted((c.last_failure, k) for k, c in self._counts.items() if c.locked_until <= now)
        for _, key in unlocked[:max(0, len(self._counts) - self.max_keys + 1)]:
            del self._counts[key]


# ---- who is the client -----------------------------------------------------


def trusted_proxies(value: str | None = None) -> tuple[Network, ...]:
    """The proxies whose ``X-Forwarded-For`` is believed: ``$OGP_TRUSTED_PROXIES``, comma-separated
    addresses or networks (``127.0.0.1``, ``10.0.0.0/8``). Empty by default."""
    value = os.environ.get(TRUSTED_PROXIES_ENV, "") if value is None else value
    networks = []
    for item in value.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise SystemExit(f"{TRUSTED_PROXIES_ENV}: {item.strip()!r} is not an address or network") from None
    return tuple(networks)


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


def client_key(peer: str | None, forwarded_for: Iterable[str] = (), trusted: tuple[Network, ...] = ()) -> str:
    """``client:<address>`` for the connection. ``peer`` None means loopback (what Streamlit's
    ``st.context.ip_address`` returns for 127.0.0.1 and ::1)."""
    current = _address(peer) if peer is not None else ipaddress.ip_address("127.0.0.1")
    if current is None:
        return f"client:{peer}"
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    while hops and any(current in net for net in trusted if net.version == current.version):
        hop = _address(hops.pop())
        if hop is None:  # a trusted proxy passed on something that is no address: stop at the proxy
            break
        current = hop
    if isinstance(current, ipaddress.IPv6Address):
        return f"client:{ipaddress.ip_network(f'{current}/64', strict=False)}"
    return f"client:{current}"


def person_key(name: str) -> str:
    return f"person:{name.strip().casefold()}"
