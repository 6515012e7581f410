"""`todo mcp`: the MCP server as its own process, with /health, /ready and /metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.routing import Route

from todo_chatbot.mcp.server import MCP_PATH, build_mcp_http_app
from todo_chatbot.observability import health
from todo_chatbot.observability.logging import VERSION
from todo_chatbot.observability.middleware import RequestContextMiddleware
from todo_chatbot.observability.tracing import instrument_app
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database


def create_mcp_app(
    settings: Settings | None = None, *, database: Database | None = None
) -> FastAPI:
    settings = settings or Settings()
    database = database or Database.for_settings(settings)
    mcp_http = build_mcp_http_app(
        database,
        secret=settings.signing_secret(),
        allowed_hosts=settings.mcp_allowed_hosts,
        # The api at PUBLIC_URL is the authorization server; unset, /mcp serves no metadata.
        public_url=settings.public_url or None,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            async with mcp_http.running():
                yield
        finally:
            await database.dispose()

    app = FastAPI(
        title="Todo Chatbot MCP server",
        version=VERSION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.readiness_checks = {"database": database.ping}
    app.include_router(health.router)
    app.router.routes += [Route(MCP_PATH, endpoint=mcp_http.asgi), *mcp_http.metadata_routes]
    app.add_middleware(RequestContextMiddleware)
    instrument_app(app, service="todo-mcp")
    return app
