"""Accounts: register, log in, look up."""

from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import Conflict, FieldProblem, InvalidInput, NotFound, Unauthorized
from todo_chatbot.security import dummy_hash, hash_password, verify_password
from todo_chatbot.services.views import UserOut
from todo_chatbot.store.models import User
from todo_chatbot.store.repositories import users as repo

PASSWORD_MIN = 8
PASSWORD_MAX = 256
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check(email: str, password: str, name: str) -> None:
    problems = []
    if not _EMAIL.match(email) or len(email) > 320:
        problems.append(FieldProblem("email", "is not a valid email address"))
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        problems.append(
            FieldProblem("password", f"must be {PASSWORD_MIN}-{PASSWORD_MAX} characters")
        )
    if len(name) > 200:
        problems.append(FieldProblem("name", "must be at most 200 characters"))
    if problems:
        raise InvalidInput(problems)


async def register(session: AsyncSession, *, email: str, password: str, name: str = "") -> UserOut:
    email = normalise_email(email)
    name = " ".join(name.split())
    _check(email, password, name)
    if await repo.get_by_email(session, email) is not None:
        raise Conflict("an account with this email already exists")
    try:
        async with session.begin_nested():
            user = await repo.add(
                session, User(email=email, name=name, password_hash=hash_password(password))
            )
    except IntegrityError:
        raise Conflict("an account with this email already exists") from None
    return UserOut.of(user)


async def authenticate(session: AsyncSession, *, email: str, password: str) -> UserOut:
    user = await repo.get_by_email(session, normalise_email(email))
    if user is None:
        verify_password(password, dummy_hash())
        raise Unauthorized("wrong email or password")
    if not verify_password(password, user.password_hash):
        raise Unauthorized("wrong email or password")
    return UserOut.of(user)


async def get_user(session: AsyncSession, *, user_id: int) -> UserOut:
    user = await repo.get(session, user_id)
    if user is None:
        raise NotFound("user", user_id)
    return UserOut.of(user)


async def ensure_local_user(session: AsyncSession, *, email: str) -> UserOut:
    """The account CLI commands act as when they work on the local database directly."""
    user = await repo.get_by_email(session, normalise_email(email))
    if user is None:
        user = await repo.add(
            session,
            # "!" is no argon2 hash, so this account can never log in over HTTP.
            User(email=normalise_email(email), name="Local user", password_hash="!"),  # noqa: S106
        )
    return UserOut.of(user)
