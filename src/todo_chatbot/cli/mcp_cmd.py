"""`todo mcp`: the MCP server over streamable HTTP (its own process) or stdio."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
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
    from todo_chatbot.settings import Settings

    settings = Settings()
    if stdio:
        serve_stdio(settings)
        return
    import uvicorn

    from todo_chatbot import heap
    from todo_chatbot.cli.draining import DrainingHttpProtocol
    from todo_chatbot.mcp.app import create_mcp_app
    from todo_chatbot.observability.logging import configure_logging

    configure_logging(service="todo-mcp", pod=settings.pod_name, level=settings.log_level)
    app = create_mcp_app(settings)
    heap.settle()
    uvicorn.run(
        app, host=host, port=port, log_config=None, proxy_headers=True, http=DrainingHttpProtocol
    )


def serve_stdio(settings: Settings) -> None:
    """Stdout carries the protocol, so logs go to stderr; acts as one local user."""
    from todo_chatbot.cli.local import local_database
    from todo_chatbot.mcp.server import build_mcp_server
    from todo_chatbot.observability.logging import configure_console_logging

    configure_console_logging(settings.log_level)

    async def main() -> None:
        async with local_database(settings) as (database, user_id):
            server = build_mcp_server(database, secret=None, local_user_id=user_id)
            await server.run_stdio_async()

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    app.command()(mcp)
