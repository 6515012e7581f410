"""Sign-in throttling: failed password attempts counted per account and per client address
in a moving window; past the limit the answer is 429 with Retry-After, before any hashing.

The counts live in this process (`limits`' memory storage): each api replica throttles on
its own, which bounds an attacker to (replicas times limit) per window."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from todo_chatbot.api.errors import ApiError
from todo_chatbot.settings import Settings


class LoginThrottle:
    def __init__(self, *, per_account: int, per_address: int, window_seconds: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._account = RateLimitItemPerSecond(per_account, window_seconds, namespace="account")
        self._address = RateLimitItemPerSecond(per_address, window_seconds, namespace="address")

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginThrottle:
        return cls(
            per_account=settings.login_attempts_per_account,
            per_address=settings.login_attempts_per_address,
            window_seconds=settings.login_window_seconds,
        )

    def check(self, *, account: str | None, address: str) -> None:
        """Refuse (429) an attempt for an account or from an address that used up its tries."""
        for item, key in self._keys(account, address):
            if not self._limiter.test(item, key):
                reset = self._limiter.get_window_stats(item, key).reset_time
                retry_after = max(1, math.ceil(reset - time.time()))
                raise ApiError(
                    429,
                    "too_many_requests",
                    f"too many attempts; try again in {retry_after} s",
                    headers={"Retry-After": str(retry_after)},
                )

    def failed(self, *, account: str | None, address: str) -> None:
        for item, key in self._keys(account, address):
            self._limiter.hit(item, key)

    def succeeded(self, *, account: str) -> None:
        self._limiter.clear(self._account, account)

    def _keys(self, account: str | None, address: str) -> list[tuple[RateLimitItem, str]]:
        keys: list[tuple[RateLimitItem, str]] = [(self._address, address)]
        if account is not None:
            keys.append((self._account, account))
        return keys
