"""Sign-in throttle: failures per (account, client), per client, per account; atomic and bounded.

Why three tables:

* **(account, client)** — the real brake. After ``pair.free`` failures one client must wait
  before trying that account again; the wait doubles with each further failure, up to
  ``pair.max_seconds``. Only that client is slowed, so a stranger failing against a known
  account name cannot lock its owner out: the owner signs in from their own address.
* **client** — one address trying many account names is slowed across all accounts after
  ``client.free`` failures, so it cannot spray guesses over a list of names.
* **account** — a gentle ceiling against many addresses guessing one account: after
  ``account.free`` failures from anyone, each attempt on that account is *delayed* (never refused)
  by at most ``account.max_seconds``. It never locks anyone out, it only makes guessing slower.

Atomicity: ``begin`` checks the waits and counts the attempt as a failure in one locked step,
*before* the slow bcrypt check; ``succeeded`` takes the count back. So N parallel attempts for
one (account, client) cannot all reach the password check: at most ``pair.free`` do before the
first wait. An attempt that is refused is not counted and costs no bcrypt work.

Bounded memory: every table keeps at most ``max_keys`` keys, forgets a key ``window_seconds``
after its last failure, and evicts the least recently failed keys first when full. Eviction only
ever forgives (a flooded table forgets old failures), and filling it needs attempts that the
client table already slows down. Names and addresses longer than 64 characters are keyed by
their SHA-256 so a long user name cannot make an entry large.
"""

from __future__ import annotations

import hashlib
import ipaddress
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

_MAX_EXPONENT = 30  # 2**30 × any base is far past every cap; keeps the float maths finite
_MAX_KEY_CHARS = 64


@dataclass(frozen=True)
class Limit:
    """``free`` failures cost nothing; then ``base_seconds`` doubling per failure, up to the cap."""

    free: int
    base_seconds: float
    max_seconds: float

    def delay(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return min(self.base_seconds * 2 ** min(failures - self.free, _MAX_EXPONENT), self.max_seconds)


class _Failures:
    """Failure count and time of the last failure per key, oldest failure first. Not locked."""

    def __init__(self, limit: Limit, window_seconds: float, max_keys: int):
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
        self._entries: OrderedDict[Hashable, tuple[int, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def _live(self, key: Hashable, now: float) -> tuple[int, float]:
        count, last = self._entries.get(key, (0, 0.0))
        if count and now - last > self.window:
            del self._entries[key]
            return 0, 0.0
        return count, last

    def wait(self, key: Hashable, now: float) -> float:
        """Seconds until ``key`` may try again (0 when it may try now)."""
        count, last = self._live(key, now)
        return max(0.0, last + self.limit.delay(count) - now) if count else 0.0

    def delay(self, key: Hashable, now: float) -> float:
        """The slowdown owed by ``key`` regardless of how long ago it last failed."""
        return self.limit.delay(self._live(key, now)[0])

    def add(self, key: Hashable, now: float) -> None:
        count, _ = self._live(key, now)
        self._entries[key] = (count + 1, now)
        self._entries.move_to_end(key)
        self._prune(now)

    def restamp(self, key: Hashable, now: float) -> None:
        """Start the wait from ``now``: the failure became known only after the password check."""
        if key in self._entries:
            self._entries[key] = (self._entries[key][0], now)
            self._entries.move_to_end(key)

    def refund(self, key: Hashable) -> None:
        count, last = self._entries.get(key, (0, 0.0))
        if count > 1:
            self._entries[key] = (count - 1, last)
        else:
            self._entries.pop(key, None)

    def clear(self, key: Hashable) -> None:
        self._entries.pop(key, None)

    def _prune(self, now: float) -> None:
        entries = self._entries
        while entries:
            key, (_, last) = next(iter(entries.items()))
            if now - last <= self.window and len(entries) <= self.max_keys:
                break
            del entries[key]


@dataclass(frozen=True)
class Attempt:
    """The answer of ``Throttle.begin``: refused when ``wait`` > 0, else sleep ``delay`` first."""

    wait: float = 0.0
    delay: float = 0.0


def _key(text: str) -> str:
    if len(text) <= _MAX_KEY_CHARS:
        return text
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Throttle:
    """Failed sign-ins per (account, client), per client and per account (see the module doc)."""

    pair: Limit = Limit(free=3, base_seconds=1.0, max_seconds=60.0)
    client: Limit = Limit(free=20, base_seconds=1.0, max_seconds=60.0)
    account: Limit = Limit(free=10, base_seconds=0.25, max_seconds=3.0)
    window_seconds: float = 900.0
    max_keys: int = 10_000
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.window_seconds < max(self.pair.max_seconds, self.client.max_seconds):
            raise ValueError("window_seconds must be at least the longest wait, or waits end early")
        self._pairs = _Failures(self.pair, self.window_seconds, self.max_keys)
        self._clients = _Failures(self.client, self.window_seconds, self.max_keys)
        self._accounts = _Failures(self.account, self.window_seconds, self.max_keys)

    def begin(self, account: str, client: str, now: float | None = None) -> Attempt:
        """Check the waits and, when none applies, count this attempt as a failure — atomically."""
        now = time.monotonic() if now is None else now
        account, client = _key(account), _key(client)
        with self._lock:
            wait = max(self._pairs.wait((account, client), now), self._clients.wait(client, now))
            if wait > 0:
                return Attempt(wait=wait)
            delay = self._accounts.delay(account, now)
            self._pairs.add((account, client), now)
            self._clients.add(client, now)
            self._accounts.add(account, now)
            return Attempt(delay=delay)

    def failed(self, account: str, client: str, now: float | None = None) -> None:
        """The attempt counted by ``begin`` failed: its wait runs from now, not from ``begin``."""
        now = time.monotonic() if now is None else now
        account, client = _key(account), _key(client)
        with self._lock:
            self._pairs.restamp((account, client), now)
            self._clients.restamp(client, now)

    def succeeded(self, account: str, client: str) -> None:
        """Forgive this client's failures on this account and take back the attempt ``begin`` counted."""
        account, client = _key(account), _key(client)
        with self._lock:
            self._pairs.clear((account, client))
            self._clients.refund(client)
            self._accounts.refund(account)

    def wait_needed(self, account: str, client: str, now: float | None = None) -> float:
        """Seconds this client must wait before trying this account (for display and tests)."""
        now = time.monotonic() if now is None else now
        account, client = _key(account), _key(client)
        with self._lock:
            return max(self._pairs.wait((account, client), now), self._clients.wait(client, now))

    def sizes(self) -> tuple[int, int, int]:
        """Keys held in the (account, client), client and account tables."""
        with self._lock:
            return len(self._pairs), len(self._clients), len(self._accounts)


def client_address(
    peer: str | None, forwarded_for: Iterable[str] = (), trusted_proxies: Iterable[str] = ()
) -> str | None:
    """The requester's IP address, or None when it cannot be known (then key by session instead).

    ``peer`` is the TCP peer (Streamlit's ``st.context.ip_address``, None for loopback).
    ``X-Forwarded-For`` is believed only when the peer is this machine or a configured trusted
    proxy: then the right-most hop that is not itself trusted is the requester, because proxies
    append the address they saw and anything further left may be forged by the client. A direct
    client's own ``X-Forwarded-For`` is ignored, so it cannot pick a fresh identity per attempt.
    """
    networks = []
    for entry in trusted_proxies:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            continue

    def trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return ip.is_loopback or any(ip in net for net in networks)

    if peer is not None:
        try:
            peer_ip = ipaddress.ip_address(peer)
        except ValueError:
            return None  # not an address (a socket path, say): the session is safer than a guess
        if not trusted(peer_ip):
            return str(peer_ip)
    hops = [hop.strip() for value in forwarded_for for hop in str(value).split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ip = ipaddress.ip_address(hop)
        except ValueError:
            break  # an unparsable hop: nothing left of it can be trusted
        if not trusted(ip):
            return str(ip)
    return str(peer_ip) if peer is not None else None
