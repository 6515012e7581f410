"""`/docs`: Swagger UI served from the app itself, so it works offline under a strict CSP.

The JS and CSS come from the pinned `fastapi-offline` wheel (a swagger-ui-dist build); the
page starts Swagger UI from an external script, so the CSP needs no inline script and
names no other host.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from todo_chatbot.web import PAGE_HEADERS

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
SWAGGER_DIST = Path(fastapi_offline.__file__).parent / "static"
# One day: the files change only with the pinned package, and /docs is revalidated.
ASSET_CACHE = "public, max-age=86400"

_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
}

# Reads the schema's address from the page, so the page may live under a root path.
_INIT_SCRIPT = """\
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
  });
});
"""

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API docs</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""


def mount_docs(app: FastAPI) -> None:
    """Serve `/docs` and its assets. The app must be built with `docs_url=None`."""

    async def docs_page(request: Request) -> Response:
        root = request.scope.get("root_path", "")
        body = _PAGE.format(
            title=escape(app.title),
            assets=escape(root + ASSETS_PATH),
            openapi_url=escape(root + (app.openapi_url or "/openapi.json")),
        )
        headers = {**PAGE_HEADERS, "Cache-Control": "no-cache"}
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    async def init_script() -> Response:
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        return Response(_INIT_SCRIPT, media_type="text/javascript; charset=utf-8", headers=headers)

    app.add_api_route(DOCS_PATH, docs_page, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route(
        f"{ASSETS_PATH}/swagger-init.js",
        init_script,
        methods=["GET", "HEAD"],
        include_in_schema=False,
    )
    for name, media_type in _ASSETS.items():
        app.add_api_route(
            f"{ASSETS_PATH}/{name}",
            _file_route(SWAGGER_DIST / name, media_type),
            methods=["GET", "HEAD"],
            include_in_schema=False,
        )


def _file_route(path: Path, media_type: str) -> Callable[[], Awaitable[FileResponse]]:
    async def serve() -> FileResponse:
        headers = {"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"}
        return FileResponse(path, media_type=media_type, headers=headers)

    return serve
