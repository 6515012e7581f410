"""`todo login --server URL`, `todo logout` and `todo token create|list|revoke`.

Login exchanges the password for a personal access token of scope `api` and keeps it in
`~/.config/todo-chatbot/credentials.json` (0600), as `gh auth login` does; `todo chat` and
the task commands then talk to that server as that account."""

from __future__ import annotations

import socket
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from todo_chatbot.cli.remote import (
    call,
    credentials_path,
    error_message,
    fail,
    server_session,
    store_login,
)

if TYPE_CHECKING:
    pass

token_app = typer.Typer(help="Personal access tokens on the server you are logged in to.")


def ask_password(what: str = "Password") -> str:
    """A password from the terminal; without one, a clear failure instead of getpass's
    warning and an echoing prompt."""
    if not sys.stdin.isatty():
        raise fail(
            "no terminal to ask for a password: set TODO_PASSWORD, or pass a token "
            "(--token / TODO_TOKEN, or `todo login --with-token` reading it from stdin)",
            2,
        )
    return str(typer.prompt(what, hide_input=True))


def login(
    server: Annotated[str, typer.Option(envvar="TODO_SERVER", help="The server's URL")],
    email: Annotated[str | None, typer.Option(envvar="TODO_EMAIL")] = None,
    password: Annotated[str | None, typer.Option(envvar="TODO_PASSWORD", hidden=True)] = None,
    with_token: Annotated[
        bool, typer.Option("--with-token", help="Read a token (scope api) from stdin")
    ] = False,
) -> None:
    """Sign in to a server and keep a token for it (0600) for `todo chat` and `todo token`."""
    server = server.rstrip("/")
    import httpx

    with httpx.Client(base_url=server, timeout=30) as http:
        if with_token:
            token = sys.stdin.readline().strip()
        else:
            if email is None:
                if not sys.stdin.isatty():
                    raise fail("no terminal to ask for an email: pass --email", 2)
                email = str(typer.prompt("Email"))
            password = password or ask_password()
            signed_in = http.post("/api/v1/auth/login", json={"email": email, "password": password})
            if signed_in.status_code != 200:
                raise fail(error_message(signed_in))
            created = http.post(
                "/api/v1/tokens",
                json={"name": f"todo CLI on {socket.gethostname()}"[:100], "scope": "api"},
                headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"},
            )
            if created.status_code != 201:
                raise fail(error_message(created))
            token = str(created.json()["token"])
        me = http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        if me.status_code != 200:
            raise fail(f"the server refused the token: {error_message(me)}")
    path = store_login({"server": server, "token": token, "email": str(me.json()["email"])})
    typer.echo(f"Logged in to {server} as {me.json()['email']} (token in {path})")


def logout() -> None:
    """Forget the stored token (revoke it with `todo token revoke` or in the web UI)."""
    credentials_path().unlink(missing_ok=True)
    typer.echo("Logged out.")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option(help="What the token is for")],
    scope: Annotated[str, typer.Option(help="mcp (MCP clients) or api (REST)")] = "mcp",
    expires_in_days: Annotated[int | None, typer.Option(help="Default: until revoked")] = None,
) -> None:
    """Make a token; it is printed once and stored only hashed on the server."""
    with server_session() as http:
        body = {"name": name, "scope": scope, "expires_in_days": expires_in_days}
        created = call(http, "POST", "/api/v1/tokens", 201, json=body)
    typer.echo(f"Created token {created['id']} ({created['scope']}): {created['token']}", err=True)
    typer.echo(created["token"])


@token_app.command("list")
def token_list() -> None:
    """Your personal access tokens (never the tokens themselves)."""
    with server_session() as http:
        for token in call(http, "GET", "/api/v1/tokens", 200):
            state = "revoked" if token["revoked"] else "active"
            typer.echo(f"{token['id']}\t{token['scope']}\t{state}\t{token['name']}")


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke a token: it stops working at once."""
    with server_session() as http:
        call(http, "DELETE", f"/api/v1/tokens/{token_id}", 204)
    typer.echo(f"Revoked token {token_id}")


def register(app: typer.Typer) -> None:
    app.command()(login)
    app.command()(logout)
    app.add_typer(token_app, name="token")
