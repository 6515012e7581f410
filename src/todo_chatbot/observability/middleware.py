"""ASGI middleware every HTTP process runs: request ids and access metrics."""

from __future__ import annotations

import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from todo_chatbot.observability.health import answer_health, is_health_check
from todo_chatbot.observability.logging import request_id_var
from todo_chatbot.observability.metrics import HTTP_LATENCY, HTTP_REQUESTS

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Tag each request with an id (echoed as X-Request-ID) and record its metrics.
    GET /health is answered here, without the rest of the stack."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        health = is_health_check(scope)
        try:
            await (answer_health if health else self.app)(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            label = "/health" if health else getattr(route, "path", None) or "unmatched"
            elapsed = time.perf_counter() - started
            labels = (label, scope.get("method", ""), str(status))
            HTTP_REQUESTS.labels(*labels).inc()
            HTTP_LATENCY.labels(*labels).observe(elapsed)
            request_id_var.reset(token)
