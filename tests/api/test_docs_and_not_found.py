"""`/docs` needs no other origin, and a browser gets an HTML page for an unknown path."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from todo_chatbot.api.errors import prefers_html

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON_NOT_FOUND = {"error": {"code": "not_found", "message": "Not Found", "details": []}}


@pytest.fixture
def backend() -> str:
    return "sqlite"  # nothing here touches the database's dialect


class _References(HTMLParser):
    """Every address a page loads: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("src"):
                self.scripts.append(str(values["src"]))
            else:
                self._in_script = True
        elif tag == "link" and values.get("href"):
            self.styles.append(str(values["href"]))

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _same_origin(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


async def test_docs_load_only_same_origin_assets_and_they_are_served(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    refs = _References()
    refs.feed(page.text)
    assert refs.scripts and refs.styles
    assert refs.inline_scripts == 0
    assert all(_same_origin(url) for url in refs.scripts + refs.styles), refs.scripts
    assert "http://" not in page.text and "https://" not in page.text

    bundle, *_ = (url for url in refs.scripts if url.endswith("swagger-ui-bundle.js"))
    script = await client.get(bundle)
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in script.text
    for url in refs.scripts[1:]:
        extra = await client.get(url)
        assert extra.status_code == 200
        assert extra.headers["content-type"].startswith("text/javascript")
    [stylesheet] = refs.styles
    css = await client.get(stylesheet)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ".swagger-ui" in css.text

    schema_url = re.search(r'data-openapi-url="([^"]+)"', page.text)
    assert schema_url is not None and schema_url.group(1) == "/openapi.json"


async def test_docs_csp_is_strict_and_names_no_other_host(client: httpx.AsyncClient) -> None:
    policy = (await client.get("/docs")).headers["content-security-policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    sources = [source for values in directives.values() for source in values]
    assert all(s.startswith("'") or s == "data:" for s in sources), sources
    assert "http" not in policy and "cdn" not in policy.lower()


async def test_redoc_from_a_cdn_is_gone(client: httpx.AsyncClient) -> None:
    assert (await client.get("/redoc")).status_code == 404


async def test_a_browser_gets_an_html_404_with_a_link_home(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/page", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<a href="/">' in response.text
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize("accept", [None, "application/json", "*/*", "application/json, */*"])
async def test_api_clients_keep_the_json_404(client: httpx.AsyncClient, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    if accept is None:
        client.headers.pop("accept", None)
    response = await client.get("/no/such/page", headers=headers)
    assert response.status_code == 404
    assert response.json() == JSON_NOT_FOUND


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/nothing", "/api"])
async def test_api_paths_keep_the_json_404_even_for_a_browser(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 404
    assert response.json() == JSON_NOT_FOUND


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER_ACCEPT, True),
        ("text/html", True),
        ("text/*", True),
        ("application/json;q=0.5, text/html", True),
        ("text/html;q=0.5, application/json", False),
        ("text/html, application/json", False),
        ("*/*", False),
        ("", False),
        (None, False),
        ("text/html;q=0", False),
        ("text/plain, */*;q=0.1", False),
    ],
)
def test_prefers_html(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html
