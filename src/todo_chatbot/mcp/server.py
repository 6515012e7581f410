"""The MCP server and its streamable-HTTP ASGI app (stateless, JSON responses)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

from mcp.server import MCPServer
from mcp.server.auth.routes import create_protected_resource_routes
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver.context import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from mcp_types import CallToolResult, InputRequiredResult
from prometheus_client import Counter, Histogram
from pydantic import AnyHttpUrl, ValidationError
from starlette.routing import Route
from starlette.types import ASGIApp

from todo_chatbot.domain.errors import problems_of
from todo_chatbot.mcp.identity import MCP_SCOPE, SignedIdentityVerifier
from todo_chatbot.mcp.tools import TOOL_NAMES, TaskTools
from todo_chatbot.observability.logging import VERSION
from todo_chatbot.store.db import Database

MCP_PATH = "/mcp"
WELL_KNOWN_RESOURCE = "/.well-known/oauth-protected-resource"
# Without a public URL there is no OAuth metadata to point at; the SDK still wants an
# issuer URL, which then nothing fetches.
TOKEN_ISSUER = "http://todo-api"  # noqa: S105 - a URL, not a secret
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")

INSTRUCTIONS = (
    "Manage the signed-in user's todo list. Dates are YYYY-MM-DD (all-day) or ISO-8601 "
    "date-times with a UTC offset. Refer to tasks by id; use list_tasks to find ids."
)


TOOL_CALLS = Counter(
    "mcp_tool_calls_total", "MCP tool calls by tool and outcome", ["tool", "outcome"]
)
TOOL_LATENCY = Histogram(
    "mcp_tool_call_duration_seconds",
    "MCP tool call latency by tool",
    ["tool"],
    buckets=(0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)


class TodoMcpServer(MCPServer[Any]):
    """Counts and times tool calls, and reports bad arguments as one readable line per
    field instead of pydantic's dump."""

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        label = name if name in TOOL_NAMES else "unknown"  # bounded label values
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await super().call_tool(name, arguments, context)
            outcome = "ok"
            return result
        except ToolError as exc:
            cause = exc.__cause__
            if not isinstance(cause, ValidationError):
                raise
            problems = "; ".join(
                f"{problem.field}: {problem.message}"
                for problem in problems_of(cause, unknown="is not an argument of this tool")
            )
            raise ToolError(f"invalid arguments for {name}: {problems}") from cause
        finally:
            TOOL_CALLS.labels(label, outcome).inc()
            TOOL_LATENCY.labels(label).observe(time.perf_counter() - started)


def build_mcp_server(
    database: Database,
    *,
    secret: str | None,
    local_user_id: int | None = None,
    public_url: str | None = None,
) -> MCPServer[Any]:
    """With `secret`, every request must carry a bearer token (HTTP): an identity token
    signed with it, or a personal or OAuth token of scope `mcp`. `public_url` is the app
    that issues OAuth tokens; /mcp under it is this protected resource. Without `secret`,
    the server acts as `local_user_id` (stdio, one desktop user)."""
    if secret is None and local_user_id is None:
        raise ValueError("an MCP server needs a signing secret or a local user")
    auth: dict[str, Any] = {}
    if secret is not None:
        auth = {
            "token_verifier": SignedIdentityVerifier(secret, database),
            "auth": AuthSettings(
                issuer_url=public_url or TOKEN_ISSUER,
                resource_server_url=resource_url(public_url) if public_url else None,
                required_scopes=[MCP_SCOPE],
                # The verifier knows every token it accepts was made for this server.
                validate_token_resource=False,
            ),
        }
    server = TodoMcpServer(
        "todo-chatbot",
        title="Todo Chatbot",
        instructions=INSTRUCTIONS,
        version=VERSION,
        # The SDK calls logging.basicConfig at this level when nothing configured logging.
        log_level="WARNING",
        **auth,
    )
    TaskTools(database, local_user_id=local_user_id).register(server)
    return server


def resource_url(public_url: str) -> str:
    return public_url.rstrip("/") + MCP_PATH


def protected_resource_routes(public_url: str) -> list[Route]:
    """RFC 9728 metadata for /mcp (the SDK's handler), at the path-suffixed well-known URL
    the 401's `resource_metadata` names, and at the bare one older clients try."""
    [route] = create_protected_resource_routes(
        resource_url=AnyHttpUrl(resource_url(public_url)),
        authorization_servers=[AnyHttpUrl(public_url.rstrip("/"))],
        scopes_supported=[MCP_SCOPE],
        resource_name="Todo Chatbot tasks",
    )
    bare = Route(WELL_KNOWN_RESOURCE, endpoint=route.endpoint, methods=["GET", "OPTIONS"])
    return [route, bare]


def transport_security(allowed_hosts: Sequence[str]) -> TransportSecuritySettings:
    """DNS-rebinding protection that also admits the names the server is reached by in a
    cluster (e.g. the Service `todo-mcp`), with or without a port."""
    hosts: list[str] = []
    for host in (*LOCAL_HOSTS, *allowed_hosts):
        hosts += [host] if _has_port(host) else [host, f"{host}:*"]
    origins = [f"{scheme}://{host}" for host in hosts for scheme in ("http", "https")]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins
    )


def _has_port(host: str) -> bool:
    return "]:" in host if host.startswith("[") else ":" in host


@dataclass(frozen=True)
class McpHttpApp:
    """The `/mcp` endpoint as an ASGI app, plus the session manager that must be running
    (entered in the hosting app's lifespan) while it serves requests."""

    asgi: ASGIApp
    session_manager: StreamableHTTPSessionManager
    metadata_routes: list[Route]

    def running(self, *_app: object) -> AbstractAsyncContextManager[None]:
        return self.session_manager.run()


def build_mcp_http_app(
    database: Database,
    *,
    secret: str,
    allowed_hosts: Sequence[str] = (),
    public_url: str | None = None,
) -> McpHttpApp:
    server = build_mcp_server(database, secret=secret, public_url=public_url)
    asgi = server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        json_response=True,
        stateless_http=True,
        transport_security=transport_security(allowed_hosts),
    )
    routes = protected_resource_routes(public_url) if public_url else []
    return McpHttpApp(asgi=asgi, session_manager=server.session_manager, metadata_routes=routes)
