"""Password guessing is slowed down: failed log-ins are counted per user name and per client address.

After USER_LIMIT failures for one user name, or ADDRESS_LIMIT from one address, within WINDOW_S seconds,
further log-ins for that name or from that address (page form, API session, HTTP Basic) are refused with
429 until the oldest failure leaves the window, even with the right password: a guesser learns nothing. A
successful log-in clears its user name's count. Kept in memory by each worker process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from aqiqat.api.errors import AqiqatError

USER_LIMIT = 10
ADDRESS_LIMIT = 100  # many people may share one address (an office, a VPN)
WINDOW_S = 300.0
MAX_KEYS = 50_000  # oldest forgotten first: a flood of made-up names cannot fill the memory


class TooManyAttempts(AqiqatError):
    status = 429


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures: OrderedDict[str, deque[float]] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def keys(username: str, address: str | None) -> list[tuple[str, int]]:
        keys = [("user:" + username.strip().lower(), USER_LIMIT)]
        if address:
            keys.append(("addr:" + address, ADDRESS_LIMIT))
        return keys

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        if not times:
            del self.failures[key]
        return times

    def check(self, username: str, address: str | None) -> None:
        """Raise TooManyAttempts if this user name or address has used up its failures."""
        now = self.clock()
        with self.lock:
            for key, limit in self.keys(username, address):
                times = self._recent(key, now)
                if len(times) >= limit:
                    wait = math.ceil(times[0] + WINDOW_S - now)
                    raise TooManyAttempts(f"too many failed log-ins: try again in {wait} s")

    def failed(self, username: str, address: str | None) -> None:
        now = self.clock()
        with self.lock:
            for key, _ in self.keys(username, address):
                times = self._recent(key, now)
                times.append(now)
                self.failures[key] = times
                self.failures.move_to_end(key)
            while len(self.failures) > MAX_KEYS:
                self.failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        with self.lock:
            self.failures.pop(self.keys(username, None)[0][0], None)
