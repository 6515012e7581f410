"""ASGI middleware of the API: the declared body size."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from todo_chatbot.api.errors import error_response


class DeclaredBodyLimitMiddleware:
    """Answer 413 in the API's error shape when Content-Length already exceeds the limit.

    Bodies without a length (chunked) are cut off while they stream by Starlette's
    RequestBodyLimitMiddleware, whose 413 reaches the API's error handlers."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = dict(scope["headers"]).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_bytes:
                response = error_response(
                    413, "payload_too_large", f"request body is over {self.max_bytes} bytes"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
