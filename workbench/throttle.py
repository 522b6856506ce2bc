"""Counting password guesses so a burst of parallel ones cannot outrun the limit.

An attempt is counted *before* its password is checked, under one lock, against every key
it falls under (the account, the address): argon2 takes ~50 ms per check, and a limit that
is read before the check and written after it lets every request of a burst through the
read while the first ones are still hashing. A successful check takes its own attempt
back, so only failures stay on the count.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable


class Throttle:
    """At most ``limits[kind]`` counted attempts per key of that kind within ``window``
    seconds (per process: the workbench serves from one process).

    :param limits: attempts allowed per key kind, e.g. ``{"account": 5, "address": 30}``
    :param window: seconds an attempt stays on the count
    :param max_keys: keys kept before the oldest are forgotten (a flood of names)
    """

    def __init__(self, limits: dict[str, int], window: float, max_keys: int = 10_000) -> None:
        self.limits = dict(limits)
        self.window = window
        self.max_keys = max_keys
        self.attempts: dict[tuple[str, Hashable], deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def _prune(self, key: tuple[str, Hashable], now: float) -> deque:
        times = self.attempts[key]
        cutoff = now - self.window
        while times and times[0] < cutoff:
            times.popleft()
        return times

    def acquire(self, keys: Iterable[tuple[str, Hashable]]) -> tuple[int, float | None]:
        """Count one attempt against every key, or none when any key is at its limit.

        :param keys: ``(kind, value)`` pairs; ``kind`` names a limit
        :returns: ``(0, stamp)`` when the attempt may go ahead (``stamp`` identifies it for
            :meth:`release`), else ``(seconds to wait, None)``
        """
        keys = list(keys)
        with self.lock:
            now = time.monotonic()
            wait = 0.0
            for key in keys:
                times = self._prune(key, now)
                if len(times) >= self.limits[key[0]]:
                    wait = max(wait, times[0] + self.window - now)
            if wait:
                return int(wait) + 1, None
            if len(self.attempts) > self.max_keys:
                self._forget_oldest()
            for key in keys:
                self.attempts[key].append(now)
            return 0, now

    def release(self, keys: Iterable[tuple[str, Hashable]], stamp: float,
                clear: Iterable[tuple[str, Hashable]] = ()) -> None:
        """Take back a counted attempt that succeeded.

        :param stamp: what :meth:`acquire` returned for it
        :param clear: keys whose whole count ends too (the account, once its owner is in)
        """
        with self.lock:
            for key in keys:
                times = self.attempts.get(key)
                if times is not None and stamp in times:
                    times.remove(stamp)
            for key in clear:
                self.attempts.pop(key, None)

    def _forget_oldest(self) -> None:
        """Drop the emptiest half of the keys: bounded memory without letting one flood
        of made-up names wipe every count (which ``clear()`` would)."""
        now = time.monotonic()
        for key in list(self.attempts):
            if not self._prune(key, now):
                del self.attempts[key]
        if len(self.attempts) > self.max_keys:
            by_last = sorted(self.attempts, key=lambda k: self.attempts[k][-1])
            for key in by_last[: len(by_last) // 2]:
                del self.attempts[key]

    def clear(self) -> None:
        with self.lock:
            self.attempts.clear()
