"""`todo mcp`: the MCP server over streamable HTTP (its own process) or stdio."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Annotated

import typer

from todo_chatbot.cli.local import local_user_email
from todo_chatbot.settings import Settings


def mcp(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "0.0.0.0",  # noqa: S104 - containers listen on all interfaces
    port: Annotated[int, typer.Option(help="TCP port")] = 8001,
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Speak MCP on stdin/stdout as the local user ($TODO_USER)"),
    ] = False,
) -> None:
    """Run the MCP server over streamable HTTP at /mcp, or --stdio for desktop clients."""
    settings = Settings()
    if stdio:
        serve_stdio(settings, email=local_user_email())
        return
    import uvicorn

    from todo_chatbot.mcp.app import create_mcp_app
    from todo_chatbot.observability.logging import configure_logging

    configure_logging(service="todo-mcp", pod=settings.pod_name, level=settings.log_level)
    uvicorn.run(create_mcp_app(settings), host=host, port=port, log_config=None, proxy_headers=True)


def serve_stdio(settings: Settings, *, email: str) -> None:
    """Stdout carries the protocol, so logs go to stderr; acts as one local user."""
    from todo_chatbot.mcp.server import build_mcp_server
    from todo_chatbot.services.auth import ensure_local_user
    from todo_chatbot.store.db import Database
    from todo_chatbot.store.migrate import run_migrations

    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, force=True)
    if settings.is_sqlite:
        run_migrations(settings.async_database_url)

    async def main() -> None:
        database = Database(settings.async_database_url)
        try:
            async with database.transaction() as session:
                user = await ensure_local_user(session, email=email)
            server = build_mcp_server(database, secret=None, local_user_id=user.id)
            await server.run_stdio_async()
        finally:
            await database.dispose()

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    app.command()(mcp)
