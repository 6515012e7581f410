"""`todo serve`: every component in one process — API, web UI, MCP server and workers —
on SQLite with the in-memory event bus, so a laptop needs nothing else."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Route

from todo_chatbot.agent.tool_client import McpToolClient
from todo_chatbot.api.app import BackgroundService, create_app
from todo_chatbot.mcp.server import MCP_PATH, build_mcp_http_app
from todo_chatbot.settings import Settings
from todo_chatbot.workers.background import in_process_workers


def build_embedded_app(settings: Settings) -> FastAPI:
    background: list[BackgroundService] = []
    app = create_app(settings, background=background)
    _mount_mcp_server(app, settings, background)
    background.append(in_process_workers)  # relay, recurring, scheduler, notifier
    return app


def _mount_mcp_server(
    app: FastAPI, settings: Settings, background: list[BackgroundService]
) -> None:
    """Serve MCP at /mcp (for desktop clients too) and let the chat use it in-process."""
    secret: str = app.state.signing_secret
    mcp_http = build_mcp_http_app(
        app.state.database,
        secret=secret,
        allowed_hosts=settings.mcp_allowed_hosts,
        public_url=settings.issuer_url,
    )
    app.router.routes[0:0] = [Route(MCP_PATH, endpoint=mcp_http.asgi), *mcp_http.metadata_routes]
    background.append(mcp_http.running)  # its session manager runs for the app's lifetime
    if settings.mcp_server_url:
        return  # the chat is pointed at another MCP server on purpose; keep that client
    app.state.tool_client = McpToolClient.from_settings(
        settings, secret=secret, asgi_app=mcp_http.asgi
    )
