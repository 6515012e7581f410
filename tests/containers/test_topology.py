"""The cluster's topology as containers from the one image, on one Docker network: the api,
the MCP server, relay, recurring, scheduler and notifier, over PostgreSQL and Kafka (the
chart's EVENT_BUS=kafka mode). A user chats a recurring task with a reminder into being, sees
the reminder arrive live, completes the task over REST and sees its next instance; then the
api container is deleted and started again, and nothing is lost (seed 004's Minikube story).

Times come from the api's clock (its Date header), never the test's: the containers keep the
real clock when the suite runs with the clock moved ahead."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import pytest

from tests.containers import topology
from tests.containers.topology import WORKERS, Backends
from tests.support.app import PASSWORD
from tests.support.docker import BuiltImage, Container, Docker, Network

pytestmark = [pytest.mark.containers, pytest.mark.timeout(1200)]

EMAIL = "gardener@example.com"
# The reminder is set for the first whole minute at least this far ahead of the api's clock,
# so the chat turn that sets it always lands before it.
REMINDER_LEAD = timedelta(seconds=20)
Event = tuple[str, dict[str, Any]]


@dataclass
class Stack:
    docker: Docker
    image: str
    network: Network
    backends: Backends
    containers: dict[str, Container] = field(default_factory=dict)
    starts: int = 0

    def start(self, name: str) -> Container:
        self.starts += 1
        container = topology.start(
            self.docker,
            self.image,
            name,
            network=self.network,
            backends=self.backends,
            container_name=f"topology-{name}-{self.starts}",
        )
        self.containers[name] = container
        return container

    def url(self, name: str) -> str:
        return self.containers[name].url(topology.process(name).port)

    def wait_ready(self, *names: str) -> None:
        for name in names:
            self.containers[name].wait_until_serving(
                f"{self.url(name)}/ready", timeout=topology.START_SECONDS
            )

    def delete(self, name: str) -> None:
        """Gone at once, as `kubectl delete pod --grace-period=0 --force` leaves it."""
        self.containers.pop(name).remove()


@pytest.fixture(scope="module")
def stack(
    docker: Docker, image: BuiltImage, network: Network, backends: Backends
) -> Iterator[Stack]:
    started = time.monotonic()
    code, output = topology.migrate(
        docker, image.tag, network=network, backends=backends, container_name="topology-migrate"
    )
    assert code == 0, output
    running = Stack(docker, image.tag, network, backends)
    try:
        for name in ("mcp", *WORKERS, "api"):
            running.start(name)
        running.wait_ready("mcp", *WORKERS, "api")
        print(f"\ntopology up in {time.monotonic() - started:.1f} s")
        yield running
    finally:
        for container in running.containers.values():
            container.remove()


@contextlib.asynccontextmanager
async def live_events(base_url: str, token: str) -> AsyncIterator[asyncio.Queue[Event]]:
    """The user's SSE stream, read in the background into a queue of (event, data)."""
    events: asyncio.Queue[Event] = asyncio.Queue()
    connected = asyncio.Event()

    async def read() -> None:
        timeout = httpx.Timeout(10, read=None)
        async with (
            httpx.AsyncClient(base_url=base_url, timeout=timeout) as client,
            client.stream(
                "GET", "/api/v1/events/stream", headers={"Authorization": f"Bearer {token}"}
            ) as response,
        ):
            assert response.status_code == 200
            kind, data = "", []
            async for line in response.aiter_lines():
                if line.startswith(": connected"):
                    connected.set()
                elif line.startswith("event:"):
                    kind = line.removeprefix("event:").strip()
                elif line.startswith("data:"):
                    data.append(line.removeprefix("data:").strip())
                elif not line and kind:
                    events.put_nowait((kind, json.loads("\n".join(data))))
                    kind, data = "", []

    reader = asyncio.create_task(read())
    try:
        await asyncio.wait_for(connected.wait(), 15)
        yield events
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
            await reader


async def next_event(
    events: asyncio.Queue[Event], kind: str, match: Callable[[dict[str, Any]], bool], timeout: float
) -> dict[str, Any]:
    """The first `kind` event whose data matches, within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no matching {kind!r} event within {timeout:.0f} s")
        with contextlib.suppress(TimeoutError):
            got, data = await asyncio.wait_for(events.get(), remaining)
            if got == kind and match(data):
                return data


def clock_of(response: httpx.Response) -> datetime:
    return parsedate_to_datetime(response.headers["date"])


def clock_time(moment: datetime) -> str:
    """ "1:50pm": a 12-hour time the rules engine cannot take for another hour."""
    return f"{moment:%I:%M%p}".lstrip("0").lower()


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def snapshot(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    """Everything the user has: tasks, conversations with their messages, notifications."""

    async def get(path: str, **params: Any) -> Any:
        response = await client.get(path, headers=headers, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    conversations = await get("/api/v1/conversations")
    items = conversations["items"] if isinstance(conversations, dict) else conversations
    return {
        "me": await get("/api/v1/auth/me"),
        "tasks": await get("/api/v1/tasks", status="all", sort="created", limit=200),
        "conversations": conversations,
        "messages": {
            item["id"]: await get(f"/api/v1/conversations/{item['id']}/messages") for item in items
        },
        "notifications": await get("/api/v1/notifications"),
    }


async def test_a_recurring_reminder_runs_through_every_service_and_survives_an_api_restart(
    stack: Stack,
) -> None:
    timings: dict[str, float] = {}
    mark = time.monotonic()

    def lap(step: str) -> None:
        nonlocal mark
        now = time.monotonic()
        timings[step] = now - mark
        mark = now

    async with httpx.AsyncClient(base_url=stack.url("api"), timeout=30) as api:
        registered = await api.post(
            "/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD}
        )
        assert registered.status_code == 201, registered.text
        token = registered.json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        server_now = clock_of(registered)
        at = (server_now + REMINDER_LEAD).replace(second=0, microsecond=0) + timedelta(minutes=1)
        lap("register")

        async with live_events(stack.url("api"), token) as events:
            chat = await api.post(
                "/api/v1/chat",
                headers=auth,
                json={
                    "message": f"remind me to water the plants every day at {clock_time(at)}",
                    "timezone": "UTC",
                },
            )
            assert chat.status_code == 200, chat.text
            turn = chat.json()
            (call,) = [c for c in turn["tool_calls"] if c["tool"] == "add_task"]
            task = call["result"]
            assert task["title"] == "water the plants"
            assert task["recurrence"] == "FREQ=DAILY"
            assert instant(task["due"]) == instant(task["remind_at"]) == at
            lap("chat adds the task")

            wait = (at - clock_of(chat)).total_seconds() + 60
            reminder = await next_event(
                events, "reminder", lambda data: data["task_id"] == task["id"], timeout=wait
            )
            assert reminder["title"] == "water the plants"
            assert instant(reminder["created_at"]) >= at, "not before its time"
            lap("reminder arrives on the stream")

            completed = await api.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
            assert completed.status_code == 200, completed.text
            assert completed.json()["completed"] is True
            created = await next_event(
                events,
                "task",
                lambda data: (
                    data["type"] == "created" and data["task"]["series_id"] == task["series_id"]
                ),
                timeout=30,
            )
            following = created["task"]
            assert following["id"] != task["id"]
            assert instant(following["due"]) == at + timedelta(days=1)
            assert instant(following["remind_at"]) == at + timedelta(days=1)
            pending = await api.get("/api/v1/tasks", headers=auth, params={"status": "pending"})
            assert [item["id"] for item in pending.json()["items"]] == [following["id"]]
            lap("completing it makes the next instance")

        before = await snapshot(api, auth)
        assert len(before["tasks"]["items"]) == 2
        assert [item["task_id"] for item in before["notifications"]["items"]] == [task["id"]]

    stack.delete("api")
    stack.start("api")
    stack.wait_ready("api")
    lap("api deleted and started again")

    async with httpx.AsyncClient(base_url=stack.url("api"), timeout=30) as api:
        login = await api.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert login.status_code == 200, login.text
        fresh = {"Authorization": f"Bearer {login.json()['access_token']}"}
        assert await snapshot(api, fresh) == before
        assert await snapshot(api, auth) == before, "tokens issued before the restart hold"

        turn_again = await api.post(
            "/api/v1/chat",
            headers=fresh,
            json={"message": "show my tasks", "conversation_id": turn["conversation_id"]},
        )
        assert turn_again.status_code == 200, turn_again.text
        history = await api.get(
            f"/api/v1/conversations/{turn['conversation_id']}/messages", headers=fresh
        )
        old = before["messages"][turn["conversation_id"]]
        assert _items(history.json())[: len(_items(old))] == _items(old)
        assert len(_items(history.json())) == len(_items(old)) + 2
        lap("nothing lost; the conversation goes on")

        async with live_events(stack.url("api"), login.json()["access_token"]) as events:
            seen = await _live_again(api, fresh, events, following["id"])
        assert seen["task"]["id"] == following["id"]
        lap("the new api streams live updates")

    print("\n" + "\n".join(f"{step}: {seconds:.1f} s" for step, seconds in timings.items()))


def _items(page: Any) -> list[Any]:
    return list(page["items"] if isinstance(page, dict) else page)


async def _live_again(
    api: httpx.AsyncClient, auth: dict[str, str], events: asyncio.Queue[Event], task_id: int
) -> dict[str, Any]:
    """Rename the task until the rename comes back on the stream: the new api's consumer
    may still be joining its group when the first change is published."""
    for attempt in range(15):
        title = f"water the plants ({attempt})"
        response = await api.patch(f"/api/v1/tasks/{task_id}", headers=auth, json={"title": title})
        assert response.status_code == 200, response.text
        with contextlib.suppress(AssertionError):
            return await next_event(
                events, "task", lambda data, title=title: data["task"]["title"] == title, 3
            )
    raise AssertionError("the restarted api streamed no task update within 45 s")
