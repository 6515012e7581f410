"""`todo chat`: a terminal chat with the assistant, against a server (`--server URL`, after
logging in) or the local database (the embedded app in this process, as the local user).
Both speak the same HTTP chat API, so they behave the same."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from todo_chatbot.cli.login_cmd import ask_password
from todo_chatbot.cli.remote import fail, stored_login

if TYPE_CHECKING:
    import httpx

QUIT = {"/quit", "/exit", "/q"}


def local_offset() -> str:
    offset = datetime.now().astimezone().strftime("%z") or "+0000"
    return f"{offset[:3]}:{offset[3:]}"


@asynccontextmanager
async def remote_client(
    server: str, *, token: str | None, email: str | None, password: str | None
) -> AsyncIterator[httpx.AsyncClient]:
    import httpx

    async with httpx.AsyncClient(base_url=server.rstrip("/"), timeout=60) as http:
        if token is None:
            if email is None:
                if not sys.stdin.isatty():
                    raise fail("no terminal to ask for an email: pass --email or --token", 2)
                email = str(typer.prompt("Email"))
            password = password or ask_password()
            response = await http.post(
                "/api/v1/auth/login", json={"email": email, "password": password}
            )
            if response.status_code != 200:
                raise fail(f"login: {_error_message(response)}")
            token = str(response.json()["access_token"])
        http.headers["Authorization"] = f"Bearer {token}"
        yield http


@asynccontextmanager
async def embedded_client() -> AsyncIterator[httpx.AsyncClient]:
    """The whole embedded app in this process, signed in as the local user."""
    from todo_chatbot.cli.local import local_user_id, migrate_embedded
    from todo_chatbot.embedded import build_embedded_app
    from todo_chatbot.security import issue_token
    from todo_chatbot.settings import Settings

    settings = Settings()
    migrate_embedded(settings)
    app = build_embedded_app(settings)
    async with app.router.lifespan_context(app):
        user_id = await local_user_id(app.state.database)
        token = issue_token(
            subject=user_id, secret=app.state.signing_secret, ttl=timedelta(hours=12)
        )
        import httpx

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://localhost",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ) as http:
            yield http


def _error_message(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}"


class Conversation:
    def __init__(self, http: httpx.AsyncClient, *, conversation_id: int | None, tz: str) -> None:
        self.http = http
        self.conversation_id = conversation_id
        self.tz = tz

    async def say(self, message: str) -> str:
        body: dict[str, Any] = {"message": message, "timezone": self.tz}
        if self.conversation_id is not None:
            body["conversation_id"] = self.conversation_id
        response = await self.http.post("/api/v1/chat", json=body)
        if response.status_code != 200:
            raise RuntimeError(_error_message(response))
        data = response.json()
        self.conversation_id = int(data["conversation_id"])
        return str(data["response"])


async def _repl(conversation: Conversation, first: str | None) -> None:
    if first is not None:
        if not await _answer(conversation, first):
            raise typer.Exit(1)
        return
    typer.echo("Chat with your todo assistant. /quit to leave.", err=True)
    while True:
        try:
            line = (await asyncio.to_thread(input, "you> ")).strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line in QUIT:
            break
        if line:
            await _answer(conversation, line)


async def _answer(conversation: Conversation, message: str) -> bool:
    try:
        typer.echo(await conversation.say(message))
    except RuntimeError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        return False
    return True


def chat(
    server: Annotated[
        str | None, typer.Option(envvar="TODO_SERVER", help="Server URL; default: local database")
    ] = None,
    email: Annotated[str | None, typer.Option(envvar="TODO_EMAIL")] = None,
    password: Annotated[str | None, typer.Option(envvar="TODO_PASSWORD", hidden=True)] = None,
    token: Annotated[str | None, typer.Option(envvar="TODO_TOKEN", help="Bearer token")] = None,
    conversation: Annotated[int | None, typer.Option(help="Continue this conversation")] = None,
    timezone: Annotated[
        str | None, typer.Option(help="IANA name or ±HH:MM; default: this machine's offset")
    ] = None,
    message: Annotated[
        str | None, typer.Option("--message", "-m", help="Send one message and exit")
    ] = None,
) -> None:
    """Chat with the assistant in the terminal."""
    import os

    from todo_chatbot.observability.logging import configure_console_logging

    # Between answers only warnings and errors, never the libraries' INFO lines.
    configure_console_logging(os.environ.get("LOG_LEVEL", "WARNING"))

    stored = stored_login() if server is None and token is None else None
    if stored is not None:  # `todo login` chose the server and the account
        server, token = stored["server"], stored["token"]

    async def main() -> None:
        client = (
            remote_client(server, token=token, email=email, password=password)
            if server
            else embedded_client()
        )
        async with client as http:
            talk = Conversation(http, conversation_id=conversation, tz=timezone or local_offset())
            await _repl(talk, message)

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    app.command()(chat)
