"""The api's MCP client: every task change the assistant makes goes through these calls.

One short MCP session per chat turn, carrying a freshly signed identity token for the user.
The server is stateless, so any replica answers, and nothing lives between turns.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import anyio
import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, InitializeResult, TextContent
from starlette.types import ASGIApp

from todo_chatbot.security import PROBE_SUBJECT, identity_headers
from todo_chatbot.settings import Settings

log = logging.getLogger(__name__)

# The in-process server is reached through ASGI; this name only fills the Host header.
IN_PROCESS_URL = "http://localhost/mcp"


class ToolServerUnavailable(Exception):
    """The MCP server could not be reached, refused the connection, or did not answer in time."""


@dataclass(frozen=True)
class ToolOutcome:
    """One tool call's result: structured data on success, the server's message on failure."""

    tool: str
    ok: bool
    text: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_record(self) -> dict[str, Any]:
        """What a chat turn stores and returns as this call's `result`."""
        return dict(self.data) if self.ok else {"error": self.text}


def _error_text(tool: str, text: str) -> str:
    return text.removeprefix(f"Error executing tool {tool}: ")


class _OwnServerSession(ClientSession):
    """A session with our own MCP server, which validates every structured result against
    its output schema (pydantic) before sending it. Checking it again here with jsonschema
    costs more than the call itself, plus a tools/list round trip per session."""

    async def validate_tool_result(self, name: str, result: CallToolResult) -> None:
        return None


class ToolSession:
    """An open MCP session for one user."""

    def __init__(self, session: ClientSession) -> None:
        self._session = session

    async def ping(self) -> None:
        try:
            await self._session.send_ping()
        except Exception as exc:
            raise ToolServerUnavailable(f"ping: {exc}") from exc

    async def call(self, tool: str, args: dict[str, Any]) -> ToolOutcome:
        try:
            result = await self._session.call_tool(tool, args)
        except Exception as exc:  # transport failures surface as MCPError or httpx errors
            raise ToolServerUnavailable(f"{tool}: {exc}") from exc
        text = "\n".join(block.text for block in result.content if isinstance(block, TextContent))
        if result.is_error:
            return ToolOutcome(tool=tool, ok=False, text=_error_text(tool, text))
        data = result.structured_content if isinstance(result.structured_content, dict) else {}
        return ToolOutcome(tool=tool, ok=True, text=text, data=data)


class McpToolClient:
    """Connects to the MCP server at `url`, or to an ASGI app in this process."""

    def __init__(
        self,
        url: str,
        *,
        secret: str,
        token_ttl_seconds: int,
        timeout_seconds: float,
        asgi_app: ASGIApp | None = None,
    ) -> None:
        self.url = url
        self.timeout_seconds = timeout_seconds
        self._secret = secret
        self._token_ttl_seconds = token_ttl_seconds
        self._asgi_app = asgi_app
        # The server is stateless: every session would negotiate the same thing, so the
        # handshake is done once and its result adopted afterwards (no round trips).
        self._handshake: InitializeResult | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, secret: str, asgi_app: ASGIApp | None = None
    ) -> McpToolClient:
        url = IN_PROCESS_URL if asgi_app is not None else settings.mcp_server_url
        if not url:
            raise ValueError("MCP_SERVER_URL is not set and no in-process MCP server was given")
        return cls(
            url,
            secret=secret,
            token_ttl_seconds=settings.mcp_token_ttl_seconds,
            timeout_seconds=settings.mcp_timeout_seconds,
            asgi_app=asgi_app,
        )

    def identity_headers(self, user_id: int) -> dict[str, str]:
        return identity_headers(
            user_id=user_id, secret=self._secret, ttl_seconds=self._token_ttl_seconds
        )

    @cached_property
    def _tls(self) -> ssl.SSLContext:
        # Building a TLS context costs ~25 ms; clients are per turn, so they share one.
        return ssl.create_default_context()

    def http_client(
        self,
        headers: dict[str, str] | None = None,
        timeout: httpx2.Timeout | None = None,
        auth: httpx2.Auth | None = None,
    ) -> httpx2.AsyncClient:
        """A fresh HTTP client for one turn (also the Agents SDK's `httpx_client_factory`)."""
        options: dict[str, Any] = {
            "headers": headers,
            "timeout": timeout or httpx2.Timeout(self.timeout_seconds),
            "auth": auth,
        }
        if self._asgi_app is not None:
            return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=self._asgi_app), **options)
        return httpx2.AsyncClient(verify=self._tls, **options)

    @asynccontextmanager
    async def session(self, user_id: int) -> AsyncIterator[ToolSession]:
        """An MCP session acting as `user_id`; connection failures, refusals and timeouts
        raise ToolServerUnavailable (from here or from its calls)."""
        try:
            async with self._connected(user_id, handshake=self._handshake) as session:
                yield ToolSession(session)
        except ToolServerUnavailable:
            self._handshake = None  # the server may have changed; negotiate afresh
            raise

    @asynccontextmanager
    async def _connected(
        self, user_id: int, *, handshake: InitializeResult | None = None
    ) -> AsyncIterator[ClientSession]:
        try:
            async with (
                self.http_client(headers=self.identity_headers(user_id)) as http,
                streamable_http_client(self.url, http_client=http, terminate_on_close=False) as (
                    read,
                    write,
                ),
                _OwnServerSession(
                    read, write, read_timeout_seconds=self.timeout_seconds
                ) as session,
            ):
                if handshake is not None:
                    session.adopt(handshake)
                else:
                    try:
                        with anyio.fail_after(self.timeout_seconds):
                            self._handshake = await session.initialize()
                    except Exception as exc:  # refused (401), unreachable or too slow
                        raise ToolServerUnavailable(str(exc) or type(exc).__name__) from exc
                yield session
        except Exception as exc:
            # The transport's task groups wrap whatever ended the session in groups.
            leaves = _leaves(exc)
            if all(isinstance(leaf, _UNAVAILABLE) for leaf in leaves):
                log.warning("MCP server unavailable", extra={"url": self.url, "error": repr(exc)})
                first = leaves[0]
                if isinstance(first, ToolServerUnavailable):
                    raise first from None
                raise ToolServerUnavailable(str(first) or type(first).__name__) from exc
            if len(leaves) == 1:
                raise leaves[0] from None
            raise

    async def ping(self) -> None:
        """Readiness: the server answers an MCP ping and accepts our signed identity."""
        async with self._connected(PROBE_SUBJECT) as session:
            with anyio.fail_after(self.timeout_seconds):
                await session.send_ping()


_UNAVAILABLE = (ToolServerUnavailable, httpx2.HTTPError, OSError, TimeoutError)


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]
