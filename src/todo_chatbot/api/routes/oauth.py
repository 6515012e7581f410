"""The sign-in page of the OAuth flow: an MCP client sent the browser here from
`/authorize`; signing in grants that client a code for this account's tasks."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from mcp.server.auth.provider import construct_redirect_uri

from todo_chatbot.api.deps import SessionDep
from todo_chatbot.api.errors import ApiError
from todo_chatbot.api.oauth import CONSENT_PATH, TodoAuthorizationServer
from todo_chatbot.api.routes.auth import authenticate_throttled
from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.services import oauth
from todo_chatbot.web import PAGE_HEADERS

router = APIRouter(include_in_schema=False)


def _server(request: Request) -> TodoAuthorizationServer:
    server: TodoAuthorizationServer = request.app.state.authorization_server
    return server


def _pending(request: Request, token: str) -> dict[str, Any]:
    try:
        return _server(request).consent_request(token)
    except Unauthorized:
        raise ApiError(400, "bad_request", "this sign-in link is invalid or has expired") from None


def _page(claims: dict[str, Any], token: str, *, problem: str = "", status: int = 200) -> Response:
    client = escape(str(claims.get("client_name", "An application")))
    redirect = urlsplit(str(claims["details"]["redirect_uri"]))
    notice = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to allow access · Todo Chatbot</title></head>
<body><main>
<h1>Allow {client} to use your tasks?</h1>
<p>Sign in to let <strong>{client}</strong> read and change your tasks through the MCP
tools. You can revoke it at any time under Access tokens.</p>
{notice}
<form method="post" action="{CONSENT_PATH}">
<input type="hidden" name="request" value="{escape(token)}">
<p><label>Email <input name="email" type="email" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password"
required></label></p>
<p><button name="decision" value="allow">Sign in and allow</button>
<button name="decision" value="deny" formnovalidate>Deny</button></p>
</form></main></body></html>"""
    # The form posts here, then the answer redirects to the client: allow that origin.
    target = f"{redirect.scheme}://{redirect.netloc}" if redirect.netloc else ""
    policy = PAGE_HEADERS["Content-Security-Policy"].replace(
        "form-action 'self'", f"form-action 'self' {target}".rstrip()
    )
    headers = {**PAGE_HEADERS, "Content-Security-Policy": policy, "Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


@router.get(CONSENT_PATH)
async def consent_page(request: Request) -> Response:
    token = request.query_params.get("request", "")
    return _page(_pending(request, token), token)


@router.post(CONSENT_PATH)
async def consent(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    token = str(form.get("request", ""))
    claims = _pending(request, token)
    details = claims["details"]
    redirect_uri, state = str(details["redirect_uri"]), details.get("state")
    if form.get("decision") == "deny":
        denied = construct_redirect_uri(redirect_uri, error="access_denied", state=state)
        return RedirectResponse(denied, status_code=303)
    try:
        user = await authenticate_throttled(
            request,
            session,
            email=str(form.get("email", "")),
            password=str(form.get("password", "")),
        )
    except Unauthorized:
        return _page(claims, token, problem="Wrong email or password.", status=401)
    code = await oauth.grant_code(
        session,
        user_id=user.id,
        client_id=str(claims["client_id"]),
        details={**details, "scopes": details.get("scopes") or ["mcp"]},
    )
    return RedirectResponse(construct_redirect_uri(redirect_uri, code=code, state=state), 303)
