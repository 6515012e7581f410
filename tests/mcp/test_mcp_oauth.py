"""Remote MCP as real clients use it, against a real `todo serve`: the official client's
OAuth (discovery, dynamic registration, authorization code with PKCE through the sign-in
page, token), then tools as that user; personal access tokens, revoked at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import httpx2
import pytest
from mcp import ClientSession
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import (
    AuthorizationCodeResult,
    OAuthClientInformationFull,
    OAuthClientMetadata,
    OAuthToken,
)
from pydantic import AnyUrl

from tests.support.app import PASSWORD
from tests.support.mcp_client import data_of, mcp_session
from tests.support.todo_serve import Server, start_server, stop_server

REDIRECT_URI = "http://127.0.0.1:1/callback"  # never fetched: the test reads the redirect


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("mcp-oauth"), {})
    try:
        yield server
    finally:
        stop_server(server)


def _sign_up(server: Server, email: str) -> str:
    with server.client() as http:
        response = http.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
        assert response.status_code == 201, response.text
        return str(response.json()["access_token"])


class MemoryTokens:
    """The client's token storage (a desktop client keeps these on disk)."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client = client_info


class Browser:
    """What the person does in the browser the client opens: the sign-in page, then allow."""

    def __init__(self, server: Server, email: str, password: str = PASSWORD) -> None:
        self.server, self.email, self.password = server, email, password
        self.result: AuthorizationCodeResult | None = None
        self.page = ""

    async def open(self, authorization_url: str) -> None:
        async with httpx.AsyncClient(timeout=10) as browser:
            authorize = await browser.get(authorization_url)
            assert authorize.status_code in (302, 307), authorize.text
            page = await browser.get(authorize.headers["location"])
            assert page.status_code == 200 and "text/html" in page.headers["content-type"]
            self.page = page.text
            match = re.search(r'name="request" value="([^"]+)"', page.text)
            assert match is not None
            answer = await browser.post(
                f"{self.server.base_url}/oauth/consent",
                data={
                    "request": unescape(match.group(1)),
                    "email": self.email,
                    "password": self.password,
                    "decision": "allow",
                },
            )
        assert answer.status_code == 303, answer.text
        location = urlsplit(answer.headers["location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
        query = parse_qs(location.query)
        self.result = AuthorizationCodeResult(code=query["code"][0], state=query["state"][0])

    async def callback(self) -> AuthorizationCodeResult:
        assert self.result is not None
        return self.result


def _oauth(server: Server, browser: Browser, storage: MemoryTokens) -> OAuthClientProvider:
    return OAuthClientProvider(
        server_url=f"{server.base_url}/mcp",
        client_metadata=OAuthClientMetadata(
            client_name="A desktop MCP client",
            redirect_uris=[AnyUrl(REDIRECT_URI)],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        ),
        storage=storage,
        redirect_handler=browser.open,
        callback_handler=browser.callback,
    )


async def test_the_official_client_signs_in_with_oauth_and_acts_as_that_user(
    serve: Server,
) -> None:
    ada_login = _sign_up(serve, "ada.oauth@example.com")
    _sign_up(serve, "bob.oauth@example.com")
    browser, storage = Browser(serve, "ada.oauth@example.com"), MemoryTokens()
    url = f"{serve.base_url}/mcp"
    async with (
        httpx2.AsyncClient(auth=_oauth(serve, browser, storage), timeout=20) as http,
        streamable_http_client(url, http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        added = data_of(await session.call_tool("add_task", {"title": "From my desktop"}))
        listed = data_of(await session.call_tool("list_tasks", {}))
    assert "A desktop MCP client" in browser.page  # the sign-in page names the client
    assert [task["title"] for task in listed["items"]] == ["From my desktop"]
    assert storage.client is not None and storage.client.client_id
    assert storage.tokens is not None and storage.tokens.refresh_token
    # The task is Ada's, seen over REST; Bob sees nothing.
    with serve.client(ada_login) as rest:
        assert rest.get(f"/api/v1/tasks/{added['id']}").status_code == 200
    bob = _sign_up(serve, "bob2.oauth@example.com")
    with serve.client(bob) as rest:
        assert rest.get("/api/v1/tasks").json()["total"] == 0

    # The OAuth access token works as a bearer token for MCP, and stops when revoked.
    access = storage.tokens.access_token
    async with mcp_session(url, {"Authorization": f"Bearer {access}"}) as again:
        assert data_of(await again.call_tool("list_tasks", {}))["total"] == 1
    assert storage.client is not None
    with httpx.Client(base_url=serve.base_url) as http:
        # A public client has no secret; the SDK's revocation form still wants the field.
        form = {"token": access, "client_id": storage.client.client_id, "client_secret": ""}
        revoked = http.post("/revoke", data=form)
        assert revoked.status_code == 200, revoked.text
        assert _initialize(http, access).status_code == 401


def _initialize(http: httpx.Client, token: str) -> httpx.Response:
    return http.post(
        "/mcp",
        json={
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "probe", "version": "1"},
            },
        },
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json, text/event-stream",
        },
    )


def test_a_401_points_at_the_protected_resource_metadata(serve: Server) -> None:
    with httpx.Client(base_url=serve.base_url) as http:
        refused = _initialize(http, "nothing-valid")
        assert refused.status_code == 401
        challenge = refused.headers["www-authenticate"]
        match = re.search(r'resource_metadata="([^"]+)"', challenge)
        assert match is not None
        assert match.group(1) == f"{serve.base_url}/.well-known/oauth-protected-resource/mcp"
        for path in (
            "/.well-known/oauth-protected-resource/mcp",
            "/.well-known/oauth-protected-resource",
        ):
            metadata = http.get(path).json()
            assert metadata["resource"] == f"{serve.base_url}/mcp"
            [issuer] = metadata["authorization_servers"]
            assert issuer.rstrip("/") == serve.base_url
            assert metadata["scopes_supported"] == ["mcp"]
        server_metadata = http.get("/.well-known/oauth-authorization-server").json()
        assert server_metadata["issuer"].rstrip("/") == serve.base_url
        assert server_metadata["code_challenge_methods_supported"] == ["S256"]
        assert server_metadata["registration_endpoint"] == f"{serve.base_url}/register"


def test_a_wrong_password_on_the_sign_in_page_grants_nothing(serve: Server) -> None:
    _sign_up(serve, "carol.oauth@example.com")
    with httpx.Client(base_url=serve.base_url) as http:
        forged = http.post(
            "/oauth/consent",
            data={"request": "forged", "email": "carol.oauth@example.com", "password": PASSWORD},
        )
        assert forged.status_code == 400
        assert http.get("/oauth/consent", params={"request": "x"}).status_code == 400


async def test_personal_tokens_reach_mcp_by_scope_and_stop_when_revoked(serve: Server) -> None:
    login = _sign_up(serve, "dan.pat@example.com")
    url = f"{serve.base_url}/mcp"
    with serve.client(login) as rest:
        created = rest.post("/api/v1/tokens", json={"name": "Claude desktop", "scope": "mcp"})
        assert created.status_code == 201, created.text
        mcp_token = created.json()["token"]
        api_token = rest.post("/api/v1/tokens", json={"name": "script", "scope": "api"}).json()[
            "token"
        ]
        listed = rest.get("/api/v1/tokens").json()
        assert [(t["name"], t["scope"], t["revoked"]) for t in listed] == [
            ("Claude desktop", "mcp", False),
            ("script", "api", False),
        ]
        assert all("token" not in t for t in listed)  # shown once, never again

    async with mcp_session(url, {"Authorization": f"Bearer {mcp_token}"}) as session:
        data_of(await session.call_tool("add_task", {"title": "via PAT"}))
    with httpx.Client(base_url=serve.base_url) as http:
        # Each token works only where its scope says.
        assert _initialize(http, api_token).status_code == 401
        assert (
            http.get("/api/v1/tasks", headers={"Authorization": f"Bearer {mcp_token}"}).status_code
            == 401
        )
        with_api = http.get("/api/v1/tasks", headers={"Authorization": f"Bearer {api_token}"})
        assert [task["title"] for task in with_api.json()["items"]] == ["via PAT"]

        with serve.client(login) as rest:
            assert rest.delete(f"/api/v1/tokens/{created.json()['id']}").status_code == 204
            assert rest.get("/api/v1/tokens").json()[0]["revoked"] is True
        assert _initialize(http, mcp_token).status_code == 401  # at once, no cache


def test_tokens_are_stored_only_as_digests(serve: Server, tmp_path: Path) -> None:
    login = _sign_up(serve, "erin.pat@example.com")
    with serve.client(login) as rest:
        token = rest.post("/api/v1/tokens", json={"name": "x", "scope": "mcp"}).json()["token"]
    database = (serve.data_dir / "todo.db").read_bytes()
    wal = serve.data_dir / "todo.db-wal"
    stored = database + (wal.read_bytes() if wal.exists() else b"")
    assert token.encode() not in stored
    assert token.startswith("todo_pat_")
