"""The local database and its local user: the one bootstrap every console command shares
(migrate an embedded SQLite file, open the database, make sure the local user exists)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import Conflict, InvalidInput, NotFound
from todo_chatbot.services.auth import ensure_local_user
from todo_chatbot.settings import Settings
from todo_chatbot.store.db import Database
from todo_chatbot.store.migrate import run_migrations, sqlite_is_current

T = TypeVar("T")
LOCAL_USER_ENV = "TODO_USER"
DEFAULT_LOCAL_USER = "local@localhost"


def local_user_email() -> str:
    return os.environ.get(LOCAL_USER_ENV, DEFAULT_LOCAL_USER)


def migrate_embedded(settings: Settings) -> None:
    """An embedded SQLite file is brought up to date on first use; a server's database is
    migrated by `todo migrate` (a Job in the cluster)."""
    if not settings.is_sqlite:
        return
    url = settings.async_database_url
    database = make_url(url).database
    if database and database != ":memory:" and sqlite_is_current(Path(database)):
        return
    run_migrations(url)


async def local_user_id(database: Database) -> int:
    async with database.transaction() as session:
        return (await ensure_local_user(session, email=local_user_email())).id


@asynccontextmanager
async def local_database(settings: Settings) -> AsyncIterator[tuple[Database, int]]:
    """The configured database, migrated if embedded, and the local user's id."""
    migrate_embedded(settings)
    database = Database.for_settings(settings)
    try:
        yield database, await local_user_id(database)
    finally:
        await database.dispose()


def run_local(action: Callable[[AsyncSession, int], Awaitable[T]]) -> T:
    """Run `action(session, user_id)` in one transaction on the local database, as the local
    user, and turn domain errors into exits."""

    async def main() -> T:
        async with (
            local_database(Settings()) as (database, user_id),
            database.transaction() as session,
        ):
            return await action(session, user_id)

    try:
        return asyncio.run(main())
    except InvalidInput as exc:
        for problem in exc.problems:
            typer.secho(f"error: {problem.field} {problem.message}", err=True, fg="red")
        raise typer.Exit(2) from None
    except (NotFound, Conflict) as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        raise typer.Exit(1) from None
