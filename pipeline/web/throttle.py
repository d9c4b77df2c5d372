"""Wrong guesses slowed per client: the staff password and the units' links share this.

Each client address has its own record of recent failures, so one client's mistakes never
slow or lock out another. The first `free` failures within `window` seconds cost nothing;
each further one doubles the delay before the next answer (from `base` seconds up to
`max_delay`), and past `limit` failures within the window the client is refused (429) until
the window has passed. A success clears the client's record.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable


class Throttle:
    def __init__(
        self,
        free: int = 3,
        limit: int = 10,
        window: float = 60.0,
        base: float = 0.5,
        max_delay: float = 8.0,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ):
        self.free, self.limit, self.window = free, limit, window
        self.base, self.max_delay, self.clock = base, max_delay, clock
        self.max_clients = max_clients
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.get(client)
        if times is None:
            return deque()
        while times and now - times[0] > self.window:
            times.popleft()
        if not times:
            del self._failures[client]
        return times

    def failures(self, client: str) -> int:
        with self._lock:
            return len(self._recent(client, self.clock()))

    def blocked(self, client: str) -> bool:
        """Too many failures within the window: answer 429 without checking anything."""
        return self.failures(client) >= self.limit

    def delay(self, client: str) -> float:
        """Seconds to wait before answering this client's attempt."""
        over = self.failures(client) - self.free
        return 0.0 if over < 0 else min(self.max_delay, self.base * (2**over))

    def retry_after(self, client: str) -> int:
        """Whole seconds until the oldest failure leaves the window (for Retry-After)."""
        with self._lock:
            times = self._recent(client, now := self.clock())
            return max(1, int(self.window - (now - times[0])) + 1) if times else 1

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            if client not in self._failures and len(self._failures) >= self.max_clients:
                # Forget the clients whose failures are all outside the window, then the oldest.
                for other in list(self._failures):
                    self._recent(other, now)
                if len(self._failures) >= self.max_clients:
                    oldest = min(self._failures, key=lambda c: self._failures[c][-1])
                    del self._failures[oldest]
            self._failures.setdefault(client, deque()).append(now)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
