from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request

from todo_chatbot.api.deps import SessionDep, SettingsDep, UserIdDep, client_address
from todo_chatbot.api.schemas import LoginIn, RegisterIn, TokenOut
from todo_chatbot.api.throttle import LoginThrottle
from todo_chatbot.domain.errors import Unauthorized
from todo_chatbot.security import issue_token
from todo_chatbot.services import auth
from todo_chatbot.services.views import UserOut

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def _token_for(request: Request, settings: SettingsDep, user: UserOut) -> TokenOut:
    token = issue_token(
        subject=user.id,
        secret=request.app.state.signing_secret,
        ttl=timedelta(minutes=settings.jwt_ttl_minutes),
    )
    return TokenOut(access_token=token, user=user)


@router.post("/register", status_code=201)
async def register(
    body: RegisterIn, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenOut:
    # An address that used up its sign-in attempts does not get to hash passwords here.
    request.app.state.login_throttle.check(account=None, address=client_address(request))
    user = await auth.register(session, email=body.email, password=body.password, name=body.name)
    return _token_for(request, settings, user)


@router.post("/login")
async def login(
    body: LoginIn, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenOut:
    user = await authenticate_throttled(request, session, email=body.email, password=body.password)
    return _token_for(request, settings, user)


async def authenticate_throttled(
    request: Request, session: SessionDep, *, email: str, password: str
) -> UserOut:
    """A password check, refused with 429 once the account or the caller's address has
    used up its failed attempts (the sign-in form of the OAuth flow uses it too)."""
    throttle: LoginThrottle = request.app.state.login_throttle
    account, address = auth.normalise_email(email), client_address(request)
    throttle.check(account=account, address=address)
    try:
        user = await auth.authenticate(session, email=email, password=password)
    except Unauthorized:
        throttle.failed(account=account, address=address)
        raise
    throttle.succeeded(account=account)
    return user


@router.get("/me")
async def me(session: SessionDep, user_id: UserIdDep) -> UserOut:
    return await auth.get_user(session, user_id=user_id)
