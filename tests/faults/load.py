"""A write load against `todo api`: concurrent clients creating tasks, each answer kept
(status, latency, title), so a test can count what was acknowledged and what failed."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import httpx

from tests.support.app import PASSWORD


@dataclass
class Answer:
    started: float
    seconds: float
    status: int | None  # None: no HTTP answer (the error names why)
    title: str
    retry_after: str | None = None
    error: str | None = None


@dataclass
class Load:
    base_url: str
    token: str
    clients: int = 8
    answers: list[Answer] = field(default_factory=list)
    in_flight: int = 0
    stopping: bool = False  # set: no client starts another request
    _titles: itertools.count[int] = field(default_factory=itertools.count)

    async def run(self) -> None:
        async with httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=15,
            limits=httpx.Limits(max_connections=self.clients),
        ) as http:
            await asyncio.gather(*(self._client(http) for _ in range(self.clients)))

    async def _client(self, http: httpx.AsyncClient) -> None:
        while not self.stopping:
            answer = await self._one(http, f"load-{next(self._titles)}")
            self.answers.append(answer)
            if answer.status != 201:
                await asyncio.sleep(0.05)  # a polite client waits before it tries again

    async def _one(self, http: httpx.AsyncClient, title: str) -> Answer:
        started = time.monotonic()
        self.in_flight += 1
        try:
            response = await http.post("/api/v1/tasks", json={"title": title})
        except httpx.HTTPError as exc:
            return Answer(started, time.monotonic() - started, None, title, error=repr(exc))
        finally:
            self.in_flight -= 1
        retry_after = response.headers.get("Retry-After")
        return Answer(started, time.monotonic() - started, response.status_code, title, retry_after)

    def acknowledged(self) -> set[str]:
        return {a.title for a in self.answers if a.status == 201}


def register(base_url: str, email: str) -> str:
    response = httpx.post(
        f"{base_url}/api/v1/auth/register",
        json={"email": email, "password": PASSWORD},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["access_token"])
