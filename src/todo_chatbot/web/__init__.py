"""The browser UI: static HTML, CSS and ES modules served by the api at `/`.

Assets live under `/static/<version>/...`, where the version is a hash of their content,
so they can be cached for a year; the page at `/` is revalidated on every load (ETag) and
names the current version, so a deploy is picked up on the next reload.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.responses import Response as StarletteResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).parent / "static"
VERSION_PLACEHOLDER = "__ASSET_VERSION__"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def asset_version(directory: Path = STATIC_DIR) -> str:
    """A short hash of every asset's path and bytes; changes whenever any asset does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def _page() -> tuple[bytes, str, str]:
    version = asset_version()
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    body = html.replace(VERSION_PLACEHOLDER, version).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    return body, etag, version


class VersionedStaticFiles(StaticFiles):
    """Serves `<version>/<file>`: immutable when the version is current, else revalidated."""

    def __init__(self, directory: Path, version: str) -> None:
        super().__init__(directory=directory)
        self.version = version

    async def get_response(self, path: str, scope: Scope) -> StarletteResponse:
        head, sep, rest = Path(path).as_posix().partition("/")
        if not sep or not rest or rest == "index.html":
            return Response(status_code=404, headers={"Cache-Control": REVALIDATE})
        response = await super().get_response(rest, scope)
        response.headers["Cache-Control"] = IMMUTABLE if head == self.version else REVALIDATE
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def _etag_matches(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match", "")
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(",") if tag)


def mount_web(app: FastAPI) -> None:
    """Serve the UI at `/` and its assets under `/static/`. Call after the API routes."""
    _, _, version = _page()

    async def index(request: Request) -> Response:
        body, etag, _ = _page()
        headers = {**PAGE_HEADERS, "Cache-Control": REVALIDATE, "ETag": etag}
        if _etag_matches(request, etag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    app.add_api_route("/", index, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount("/static", VersionedStaticFiles(STATIC_DIR, version), name="web-static")
