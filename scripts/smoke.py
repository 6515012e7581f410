#!/usr/bin/env python3
"""Smoke test of a running Todo Chatbot: health, sign-up (or sign-in), a task, a chat turn,
and a recurring task whose completion brings its next instance. Exits 0 when every step
passes, 1 on the first failure (CD rolls the release back then).

    python3 scripts/smoke.py https://todo.example.com [--timeout 60]

Only the standard library, so any runner with Python 3.11+ can run it. SMOKE_EMAIL and
SMOKE_PASSWORD sign in as an existing account instead of signing up a new one each run.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta
from typing import Any


class SmokeFailure(Exception):
    pass


class Client:
    def __init__(self, base_url: str, timeout: float) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise SmokeFailure(f"not an http(s) URL: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.token: str | None = None

    def call(self, method: str, path: str, body: object = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)  # noqa: S310 - http(s) only
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise SmokeFailure(f"{method} {path}: {error}") from error
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")

    def expect(self, status: int, method: str, path: str, body: object = None) -> Any:
        got, answer = self.call(method, path, body)
        if got != status:
            raise SmokeFailure(f"{method} {path}: expected {status}, got {got}: {answer}")
        return answer


def sign_in(client: Client) -> str:
    email, password = os.environ.get("SMOKE_EMAIL"), os.environ.get("SMOKE_PASSWORD")
    if email and password:
        answer = client.expect(
            200, "POST", "/api/v1/auth/login", {"email": email, "password": password}
        )
    else:
        email = f"smoke-{secrets.token_hex(6)}@example.com"
        answer = client.expect(
            201,
            "POST",
            "/api/v1/auth/register",
            {"email": email, "password": secrets.token_urlsafe(18)},
        )
    client.token = answer["access_token"]
    return email


def next_instance(client: Client, title: str, deadline: float) -> dict[str, Any]:
    query = f"/api/v1/tasks?status=pending&q={urllib.parse.quote(title)}"
    while True:
        items = client.expect(200, "GET", query)["items"]
        if items:
            return dict(items[0])
        if time.monotonic() > deadline:
            raise SmokeFailure(f"no next instance of {title!r} appeared")
        time.sleep(0.5)


def run(base_url: str, timeout: float) -> None:
    client = Client(base_url, timeout=min(timeout, 15))  # per request
    deadline = time.monotonic() + timeout
    while client.call("GET", "/ready")[0] != 200:  # a fresh rollout may still be warming up
        if time.monotonic() > deadline:
            raise SmokeFailure("/ready did not answer 200")
        time.sleep(1)
    client.expect(200, "GET", "/health")
    step("ready")

    email = sign_in(client)
    step(f"signed in as {email}")

    created: list[int] = []
    task = client.expect(201, "POST", "/api/v1/tasks", {"title": "smoke check"})
    created.append(task["id"])
    step(f"added task {task['id']}")

    chat = client.expect(200, "POST", "/api/v1/chat", {"message": "add smoke chat tomorrow"})
    calls = [call["tool"] for call in chat["tool_calls"]]
    if "add_task" not in calls:
        raise SmokeFailure(f"the assistant did not add a task: {chat}")
    for call in chat["tool_calls"]:
        result = call.get("result")
        if call["tool"] == "add_task" and isinstance(result, dict) and "id" in result:
            created.append(result["id"])
    step(f"chat answered: {chat['response']!r}")

    title = f"smoke recurring {secrets.token_hex(4)}"
    due = date.today() + timedelta(days=1)
    body = {"title": title, "due": due.isoformat(), "recurrence": "FREQ=DAILY"}
    recurring = client.expect(201, "POST", "/api/v1/tasks", body)
    created.append(recurring["id"])
    client.expect(200, "POST", f"/api/v1/tasks/{recurring['id']}/complete")
    following = next_instance(client, title, deadline)
    created.append(following["id"])
    expected_due = (due + timedelta(days=1)).isoformat()
    if following["due"] != expected_due:
        raise SmokeFailure(f"next instance due {following['due']}, expected {expected_due}")
    step(f"completed recurring task {recurring['id']}; next instance {following['id']}")

    for task_id in created:
        client.call("DELETE", f"/api/v1/tasks/{task_id}")


def step(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="where the app answers, e.g. https://todo.example.com")
    parser.add_argument("--timeout", type=float, default=90, help="seconds for the whole test")
    args = parser.parse_args()
    try:
        run(args.base_url, args.timeout)
    except SmokeFailure as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr, flush=True)
        return 1
    step("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
