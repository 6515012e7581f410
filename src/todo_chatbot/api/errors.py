"""Every error leaves as {"error": {"code", "message", "details"}}; only a browser asking for
a page that does not exist (outside /api) gets a small HTML 404 with a link home."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from todo_chatbot.domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    Unauthorized,
    Unavailable,
    problem_of,
)
from todo_chatbot.store.db import is_unavailable
from todo_chatbot.web import PAGE_HEADERS

log = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    503: "unavailable",
}


class FieldDetail(BaseModel):
    field: str
    message: str


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[FieldDetail]


class ErrorBody(BaseModel):
    """Every error answer: `{"error": {"code", "message", "details"}}`."""

    error: ErrorInfo


_DESCRIPTIONS = {
    401: "No valid token: send `Authorization: Bearer <token>`",
    403: "Not yours (a path user id that is not the caller's)",
    404: "No such resource for this user (another user's task is 404 too)",
    409: "Conflicts with the current state, e.g. changed by someone else meanwhile",
    413: "The body is larger than the limit",
    422: "Invalid input; `details` names every bad field",
    429: "Too many attempts; see Retry-After",
    503: "A service this request needs is unavailable",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route answers."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}


def error_response(
    status: int,
    code: str,
    message: str,
    details: Any = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def unavailable_response(message: str) -> JSONResponse:
    """503 with Retry-After: the request was not carried out and may simply be sent again."""
    retry_after = str(Unavailable.retry_after_seconds)
    return error_response(503, "unavailable", message, None, {"Retry-After": retry_after})


class ApiError(Exception):
    """An HTTP-level refusal raised by route code (e.g. 403 on a compat route)."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers


def validation_details(exc: RequestValidationError) -> list[dict[str, str]]:
    details = []
    for error in exc.errors():
        problem = problem_of(error, unknown="is not an accepted field")
        details.append({"field": problem.field, "message": problem.message})
    return details


# The name of a route that only answers 405, for a path another route would swallow.
NOT_ALLOWED = "method_not_allowed"


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the API documents at this path: Starlette's 405 names none, and a path
    such as /api/v1/tasks has one route per method. Of the templates that match, the most
    literal wins: /api/v1/tasks/parse is not /api/v1/tasks/{task_id}, and /api/v1/tasks/7
    is not /api/{user_id}/tasks/{task_id}."""
    paths: dict[str, dict[str, Any]] = app.openapi()["paths"]
    matching = [t for t in paths if compile_path(t)[0].match(path)]
    if not matching:
        return []
    best = max(map(_literal_segments, matching))
    templates = [t for t in matching if _literal_segments(t) == best]
    return sorted({method.upper() for t in templates for method in paths[t]})


def _literal_segments(template: str) -> int:
    return sum(1 for segment in template.split("/") if segment and "{" not in segment)


def _quality(accept: str, media_type: str) -> float:
    """The q the Accept header gives `media_type`, from its most specific matching range."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for item in accept.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        name = name.lower()
        specificity = {media_type: 2, f"{kind}/*": 1, "*/*": 0}.get(name)
        if specificity is None or specificity < best[0]:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = (specificity, q)
    return best[1]


def prefers_html(accept: str | None) -> bool:
    """Whether a client would rather read HTML than JSON (a browser); ties go to JSON."""
    if not accept:
        return False
    return _quality(accept, "text/html") > _quality(accept, "application/json")


def _is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


_NOT_FOUND_PAGE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Page not found - Todo Chatbot</title></head>
<body>
<main>
<h1>Page not found</h1>
<p>There is no page at this address.</p>
<p><a href="{home}">Back to your tasks</a></p>
</main>
</body>
</html>
"""


def not_found_page(root_path: str = "") -> HTMLResponse:
    body = _NOT_FOUND_PAGE.format(home=escape(root_path + "/"))
    return HTMLResponse(
        body, status_code=404, headers={**PAGE_HEADERS, "Cache-Control": "no-cache"}
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = validation_details(exc)
        fields = ", ".join(sorted({d["field"] for d in details}))
        return error_response(422, "validation_error", f"invalid input: {fields}", details)

    @app.exception_handler(InvalidInput)
    async def _invalid(_request: Request, exc: InvalidInput) -> JSONResponse:
        details = [{"field": p.field, "message": p.message} for p in exc.problems]
        return error_response(422, exc.code, f"invalid input: {exc}", details)

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return error_response(404, exc.code, str(exc))

    @app.exception_handler(Unauthorized)
    async def _unauthorized(_request: Request, exc: Unauthorized) -> JSONResponse:
        return error_response(
            401,
            exc.code,
            str(exc) or "authentication required",
            None,
            {"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(Conflict)
    async def _conflict(_request: Request, exc: Conflict) -> JSONResponse:
        return error_response(409, exc.code, str(exc))

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> JSONResponse:
        message = "changed by another request meanwhile; read it again and retry"
        return error_response(409, "conflict", message)

    @app.exception_handler(Unavailable)
    async def _unavailable(_request: Request, exc: Unavailable) -> JSONResponse:
        return unavailable_response(str(exc))

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        return error_response(400, exc.code, str(exc))

    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, None, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if (
            exc.status_code == 404
            and not _is_api_path(request.url.path)
            and prefers_html(request.headers.get("accept"))
        ):
            return not_found_page(request.scope.get("root_path", ""))
        if exc.status_code == 400:  # FastAPI's "error parsing the body" (e.g. bad UTF-8)
            details = [{"field": "body", "message": "is not valid JSON"}]
            return error_response(422, "validation_error", "invalid input: body", details)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = str(exc.detail) if exc.detail else code.replace("_", " ")
        return error_response(exc.status_code, code, message, None, headers)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        if is_unavailable(exc):  # the database went away outside a transaction block
            log.warning("database unavailable: %s", type(exc).__name__)
            return unavailable_response("the database is unavailable; retry shortly")
        log.exception("unhandled error", exc_info=exc)
        # The server drops the connection after a 500; say so, so a client opens a new
        # one instead of reusing a connection that is about to be reset.
        return error_response(
            500,
            "internal_error",
            "something went wrong on our side",
            headers={"Connection": "close"},
        )
