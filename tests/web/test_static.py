"""How the UI is served: versioned assets, cache headers, gzip, security headers, size."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.testclient import TestClient

from tests.support.external import require_program
from todo_chatbot.web import IMMUTABLE, STATIC_DIR, asset_version, mount_web

JS_TESTS = Path(__file__).parent / "js"

PAYLOAD_BUDGET = 100 * 1024


@pytest.fixture(scope="module")
def web_client() -> Iterator[TestClient]:
    app = FastAPI()

    @app.get("/api/v1/ping")
    def ping() -> dict[str, str]:
        return {"ok": "yes"}

    mount_web(app)
    app.add_middleware(GZipMiddleware, minimum_size=500)
    with TestClient(app) as client:
        yield client


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_the_page_is_revalidated_and_names_current_assets(web_client: TestClient) -> None:
    response = web_client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "__ASSET_VERSION__" not in response.text
    version = asset_version()
    urls = asset_urls(response.text)
    assert urls and all(url.startswith(f"/static/{version}/") for url in urls)

    again = web_client.get("/", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    assert web_client.head("/").status_code == 200


def test_assets_are_immutable_under_the_current_version(web_client: TestClient) -> None:
    version = asset_version()
    current = web_client.get(f"/static/{version}/js/app.js")
    assert current.status_code == 200
    assert current.headers["cache-control"] == IMMUTABLE
    assert "javascript" in current.headers["content-type"]
    assert current.headers["x-content-type-options"] == "nosniff"

    stale = web_client.get("/static/000000000000/js/app.js")
    assert stale.status_code == 200
    assert stale.headers["cache-control"] == "no-cache"

    assert web_client.get(f"/static/{version}/nope.js").status_code == 404
    assert web_client.get(f"/static/{version}/index.html").status_code == 404
    assert web_client.get(f"/static/{version}/../__init__.py").status_code == 404
    assert web_client.get("/api/v1/ping").json() == {"ok": "yes"}


def test_assets_are_sent_gzipped(web_client: TestClient) -> None:
    version = asset_version()
    for path in ("/", f"/static/{version}/app.css", f"/static/{version}/js/tasks.js"):
        response = web_client.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.headers.get("content-encoding") == "gzip", path


def test_the_whole_ui_is_under_100_kb_gzipped() -> None:
    files = [p for p in STATIC_DIR.rglob("*") if p.is_file()]
    total = sum(len(gzip.compress(p.read_bytes(), compresslevel=9)) for p in files)
    assert total < PAYLOAD_BUDGET, f"{total} bytes gzipped"


def test_every_module_the_page_loads_is_preloaded() -> None:
    html = (STATIC_DIR / "index.html").read_text()
    pattern = r'rel="modulepreload" href="/static/__ASSET_VERSION__/(js/[^"]+)"'
    preloaded = set(re.findall(pattern, html))
    modules = {p.relative_to(STATIC_DIR).as_posix() for p in (STATIC_DIR / "js").glob("*.js")}
    assert modules - preloaded == {"js/app.js", "js/prefetch.js"}
    assert '<script type="module" async src="/static/__ASSET_VERSION__/js/prefetch.js">' in html


def test_changing_an_asset_changes_the_version(tmp_path_factory: pytest.TempPathFactory) -> None:
    directory = tmp_path_factory.mktemp("static")
    (directory / "a.js").write_text("export const a = 1;\n")
    first = asset_version(directory)
    (directory / "a.js").write_text("export const a = 2;\n")
    assert asset_version(directory) != first


def test_every_module_parses() -> None:
    node = require_program("node", "the JavaScript checks need Node.js")
    for module in sorted((STATIC_DIR / "js").glob("*.js")):
        result = subprocess.run(
            [node, "--experimental-default-type=module", "--check", str(module)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{module.name}: {result.stderr}"


def test_javascript_units() -> None:
    node = require_program("node", "the JavaScript unit tests need Node.js")
    env = {**os.environ, "TZ": "America/New_York", "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    result = subprocess.run(
        [node, "--test", *sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
