"""The server `todo login` chose: its stored credentials, and REST calls to it that turn
refusals into the same messages and exit codes as the local commands."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import httpx


def credentials_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "todo-chatbot" / "credentials.json"


def stored_login() -> dict[str, str] | None:
    path = credentials_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and {"server", "token"} <= data.keys():
        return {key: str(value) for key, value in data.items()}
    return None


def store_login(login: dict[str, str]) -> Path:
    path = credentials_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # recreate, so the mode is 0600 whatever was there
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(login, handle)
    return path


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg="red")
    return typer.Exit(code)


def error_message(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}"


def server_session() -> httpx.Client:
    login = stored_login()
    if login is None:
        raise fail("not logged in: run `todo login --server URL` first", 2)
    import httpx

    return httpx.Client(
        base_url=login["server"],
        headers={"Authorization": f"Bearer {login['token']}"},
        timeout=30,
    )


def call(http: httpx.Client, method: str, path: str, expect: int, **request: Any) -> Any:
    """One request; its JSON body, or an exit as the local commands exit: 2 for bad input
    (each field named) or a refused login, 1 for a missing task or a conflict."""
    import httpx

    try:
        response = http.request(method, path, **request)
    except httpx.HTTPError as exc:
        raise fail(f"cannot reach {http.base_url}: {exc}") from None
    if response.status_code == expect:
        return response.json() if response.content else None
    if response.status_code == 401:
        message = error_message(response)
        raise fail(f"the server refused the stored token ({message}): run `todo login` again", 2)
    if response.status_code == 422:
        for problem in _details(response):
            typer.secho(f"error: {problem['field']} {problem['message']}", err=True, fg="red")
        raise typer.Exit(2)
    raise fail(error_message(response))


def _details(response: httpx.Response) -> list[dict[str, str]]:
    try:
        details = response.json()["error"]["details"]
    except (ValueError, KeyError, TypeError):
        details = None
    if isinstance(details, list) and details:
        return [{"field": str(d.get("field")), "message": str(d.get("message"))} for d in details]
    return [{"field": "request", "message": error_message(response)}]
