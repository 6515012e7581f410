"""The API application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from todo_chatbot.agent.tool_client import McpToolClient
from todo_chatbot.api.docs import mount_docs
from todo_chatbot.api.errors import install_error_handlers, responses
from todo_chatbot.api.middleware import DeclaredBodyLimitMiddleware
from todo_chatbot.api.oauth import TodoAuthorizationServer
from todo_chatbot.api.routes import (
    auth,
    chat,
    compat,
    notifications,
    oauth,
    preferences,
    tasks,
    tokens,
)
from todo_chatbot.api.throttle import LoginThrottle
from todo_chatbot.observability import health
from todo_chatbot.observability.logging import VERSION
from todo_chatbot.observability.middleware import RequestContextMiddleware
from todo_chatbot.observability.tracing import instrument_app
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.web import mount_web

# Started with the app and stopped with it (e.g. in-process workers in `todo serve`).
BackgroundService = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    background: list[BackgroundService] | None = None,
) -> FastAPI:
    settings = settings or Settings()
    database = database or Database.for_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for service in background or []:
                await stack.enter_async_context(service(app))
            try:
                yield
            finally:
                await stack.aclose()
                await database.dispose()

    app = FastAPI(
        title="Todo Chatbot",
        version=VERSION,
        summary="Tasks by REST, CLI, web UI or chat; recurring tasks and reminders.",
        lifespan=lifespan,
        docs_url=None,  # served by mount_docs from the app's own files, not a CDN
        redoc_url=None,  # ReDoc needs inline styles, which the CSP refuses
    )
    app.state.settings = settings
    app.state.database = database
    app.state.signing_secret = settings.signing_secret()
    app.state.login_throttle = LoginThrottle.from_settings(settings)
    authorization_server = TodoAuthorizationServer(
        database, secret=app.state.signing_secret, issuer_url=settings.issuer_url
    )
    app.state.authorization_server = authorization_server
    app.state.readiness_checks = {"database": database.ping}
    if settings.mcp_server_url:  # else `todo serve` attaches its in-process MCP server
        tool_client = McpToolClient.from_settings(settings, secret=app.state.signing_secret)
        app.state.tool_client = tool_client
        app.state.readiness_checks["mcp"] = tool_client.ping

    install_error_handlers(app)
    app.include_router(health.router)
    # 503 on every route that reads or writes: the database may be down for a moment.
    app.include_router(auth.router, responses=responses(401, 409, 413, 422, 429, 503))
    app.include_router(tasks.router, responses=responses(503))
    app.include_router(preferences.router, responses=responses(401, 404, 422, 503))
    app.include_router(compat.router, responses=responses(503))
    app.include_router(chat.router, responses=responses(401, 403, 404, 413, 422, 503))
    app.include_router(notifications.router, responses=responses(401, 404, 422, 503))
    app.include_router(tokens.router, responses=responses(401, 404, 413, 422, 503))
    app.include_router(oauth.router)
    mount_docs(app)
    app.router.routes.extend(authorization_server.routes())  # the MCP SDK's OAuth endpoints
    mount_web(app)  # last: the UI's routes must not shadow the API's

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_body_bytes)
    app.add_middleware(DeclaredBodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    instrument_app(app, service=settings.service_name)
    return app
