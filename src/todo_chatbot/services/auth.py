"""Accounts: register, log in, look up."""

from __future__ import annotations

import unicodedata
from functools import cache

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import Conflict, FieldProblem, InvalidInput, NotFound, Unauthorized
from todo_chatbot.security import dummy_hash, hash_password_off_loop, verify_password_off_loop
from todo_chatbot.services.views import UserOut
from todo_chatbot.store.models import User
from todo_chatbot.store.repositories import users as repo

PASSWORD_MIN = 8
PASSWORD_MAX = 256
# Refused as passwords: the most common ones, from zxcvbn's ranked list.
COMMON_PASSWORDS = 10_000


def normalise_email(email: str) -> str:
    return email.strip().lower()


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # ~0.3 s: only when someone signs up

    return frozenset(FREQUENCY_LISTS["passwords"][:COMMON_PASSWORDS])


def email_problem(email: str) -> str | None:
    """Why an address cannot be an account's email (syntax only: no DNS lookups)."""
    if len(email) > 320:
        return "must be at most 320 characters"
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"is not a valid email address: {exc}"
    return None


def password_problem(password: str) -> str | None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return f"must be {PASSWORD_MIN}-{PASSWORD_MAX} characters"
    if any(unicodedata.category(char).startswith("C") for char in password):
        return "must not contain control characters"
    if not password.strip():
        return "must not be only whitespace"
    if password.lower() in _common_passwords():
        return "is one of the most common passwords; choose another"
    return None


def _check(email: str, password: str, name: str) -> None:
    problems = []
    if (email_error := email_problem(email)) is not None:
        problems.append(FieldProblem("email", email_error))
    if (password_error := password_problem(password)) is not None:
        problems.append(FieldProblem("password", password_error))
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
    hashed = await hash_password_off_loop(password)
    try:
        async with session.begin_nested():
            user = await repo.add(session, User(email=email, name=name, password_hash=hashed))
    except IntegrityError:
        raise Conflict("an account with this email already exists") from None
    return UserOut.of(user)


async def authenticate(session: AsyncSession, *, email: str, password: str) -> UserOut:
    user = await repo.get_by_email(session, normalise_email(email))
    if user is None:
        await verify_password_off_loop(password, await dummy_hash())
        raise Unauthorized("wrong email or password")
    if not await verify_password_off_loop(password, user.password_hash):
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
