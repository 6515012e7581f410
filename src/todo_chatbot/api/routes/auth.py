from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request

from todo_chatbot.api.deps import SessionDep, SettingsDep, UserIdDep
from todo_chatbot.api.schemas import LoginIn, RegisterIn, TokenOut
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
    user = await auth.register(session, email=body.email, password=body.password, name=body.name)
    return _token_for(request, settings, user)


@router.post("/login")
async def login(
    body: LoginIn, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenOut:
    user = await auth.authenticate(session, email=body.email, password=body.password)
    return _token_for(request, settings, user)


@router.get("/me")
async def me(session: SessionDep, user_id: UserIdDep) -> UserOut:
    return await auth.get_user(session, user_id=user_id)
