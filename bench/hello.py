"""The floor every API figure is compared with: a bare Starlette app answering a constant,
served by the same uvicorn with the same worker count (`bench.api` starts it)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/health", hello)])
