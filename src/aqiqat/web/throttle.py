"""Password guessing is slowed down: failed log-ins are counted per user name and per client address.

Per user name, a growing delay (back-off), never a lock: the first FREE_FAILURES failures within WINDOW_S
seconds cost nothing; after them, the next try for that name must wait FIRST_DELAY_S seconds after the last
failure, doubling with each further failure up to MAX_DELAY_S. A guesser gets about one try a minute per name,
and an anonymous client failing on purpose for every name cannot lock anybody out: the owner of a name waits
at most MAX_DELAY_S. A try made too early is refused (429) before the password is checked, so it teaches
nothing. Per address (the client, or what a trusted proxy says it is), ADDRESS_LIMIT failures within WINDOW_S
refuse that address until the oldest leaves the window. A success clears its name's count. Kept in memory by
each worker process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from aqiqat.api.errors import AqiqatError

FREE_FAILURES = 5
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 60.0
ADDRESS_LIMIT = 100  # many people may share one address (an office, a VPN)
WINDOW_S = 300.0
MAX_KEYS = 50_000  # oldest forgotten first: a flood of made-up names cannot fill the memory


class TooManyAttempts(AqiqatError):
    status = 429


def name_delay(failures: int) -> float:
    """Seconds a name must wait after its last failure, with `failures` failures in the window."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(FIRST_DELAY_S * 2 ** (failures - FREE_FAILURES), MAX_DELAY_S)


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures: OrderedDict[str, deque[float]] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def name_key(username: str) -> str:
        return "user:" + username.strip().lower()

    def keys(self, username: str, address: str | None) -> list[str]:
        return [self.name_key(username)] + (["addr:" + address] if address else [])

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
        """Raise TooManyAttempts if this name must still wait, or this address has used up its failures."""
        now = self.clock()
        with self.lock:
            times = self._recent(self.name_key(username), now)
            if times:
                wait = times[-1] + name_delay(len(times)) - now
                if wait > 0:
                    raise TooManyAttempts(f"too many failed log-ins for this name: try again in {math.ceil(wait)} s")
            if address:
                times = self._recent("addr:" + address, now)
                if len(times) >= ADDRESS_LIMIT:
                    wait = math.ceil(times[0] + WINDOW_S - now)
                    raise TooManyAttempts(f"too many failed log-ins from this address: try again in {wait} s")

    def failed(self, username: str, address: str | None) -> None:
        now = self.clock()
        with self.lock:
            for key in self.keys(username, address):
                times = self._recent(key, now)
                times.append(now)
                self.failures[key] = times
                self.failures.move_to_end(key)
            while len(self.failures) > MAX_KEYS:
                self.failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        with self.lock:
            self.failures.pop(self.name_key(username), None)
