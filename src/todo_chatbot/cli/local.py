"""Run a service call against the local database, as the local user, from a sync command."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import Conflict, InvalidInput, NotFound
from todo_chatbot.services.auth import ensure_local_user
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations

T = TypeVar("T")
LOCAL_USER_ENV = "TODO_USER"
DEFAULT_LOCAL_USER = "local@localhost"


def local_user_email() -> str:
    return os.environ.get(LOCAL_USER_ENV, DEFAULT_LOCAL_USER)


def run_local(action: Callable[[AsyncSession, int], Awaitable[T]]) -> T:
    """Open the configured database (migrating an embedded SQLite file first), run
    `action(session, user_id)` in one transaction, and turn domain errors into exits."""
    settings = Settings()
    if settings.is_sqlite:
        run_migrations(settings.async_database_url)

    async def main() -> T:
        database = Database(settings.async_database_url)
        try:
            async with database.transaction() as session:
                user = await ensure_local_user(session, email=local_user_email())
                return await action(session, user.id)
        finally:
            await database.dispose()

    try:
        return asyncio.run(main())
    except InvalidInput as exc:
        for problem in exc.problems:
            typer.secho(f"error: {problem.field} {problem.message}", err=True, fg="red")
        raise typer.Exit(2) from None
    except (NotFound, Conflict) as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        raise typer.Exit(1) from None
