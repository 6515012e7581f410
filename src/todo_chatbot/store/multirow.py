"""Several rows in one INSERT: one statement (one round trip) whatever the row count.

SQLAlchemy compiles a multi-row `insert().values([...])` again on every call (it does not
cache those), so the statement is a typed text INSERT, built once per row count and
compiled once. Column defaults are not applied: callers give every value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, TextClause, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession


@cache
def _statement(table: Table, columns: tuple[str, ...], count: int) -> TextClause:
    names = ", ".join(f'"{name}"' for name in columns)
    rows = ", ".join(
        "(" + ", ".join(f":{name}_{n}" for name in columns) + ")" for n in range(count)
    )
    binds = [
        bindparam(f"{name}_{n}", type_=table.c[name].type) for n in range(count) for name in columns
    ]
    # Names come from the Table, every value is a bound parameter.
    statement = f'INSERT INTO "{table.name}" ({names}) VALUES {rows}'  # noqa: S608
    return text(statement).bindparams(*binds)


async def insert_rows(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert `rows` (each with the same keys, every column that has a value) at once."""
    if not rows:
        return
    columns = tuple(rows[0])
    values = {f"{name}_{n}": row[name] for n, row in enumerate(rows) for name in columns}
    await session.execute(_statement(table, columns, len(rows)), values)
