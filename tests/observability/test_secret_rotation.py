"""Rotated database credentials without a restart: a running `todo api` reads DATABASE_URL
from a Kubernetes-style secret volume; the password changes and the files are swapped under
it; its new connections sign in with the new password."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.observability.helpers import running_todo, todo_env
from tests.support.app import PASSWORD, TEST_SECRET
from tests.support.databases import TEMPLATE_DB, admin
from tests.support.postgres import PostgresServer
from tests.support.secret_volume import mount
from todo_chatbot.store.db import RotatingCredentials

pytestmark = pytest.mark.postgres

ROLE = "todo_rotating"
DATABASE = "todo_rotation"


async def _run(url: str, *statements: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="module")
def password_server(pg_template: PostgresServer) -> Iterator[PostgresServer]:
    """The session's server, with a role that must sign in with a password (the server
    trusts everyone else) owning a migrated database."""
    first = secrets.token_urlsafe(16)
    admin(pg_template, f"CREATE ROLE {ROLE} LOGIN PASSWORD '{first}'")
    admin(pg_template, f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE_DB}")
    asyncio.run(
        _run(
            pg_template.sync_url(DATABASE),
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}",
        )
    )

    async def hba_file() -> str:
        connection = await asyncpg.connect(pg_template.sync_url())
        try:
            return str(await connection.fetchval("SHOW hba_file"))
        finally:
            await connection.close()

    hba = Path(asyncio.run(hba_file()))
    original = hba.read_text()
    hba.write_text(f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n" + original)
    admin(pg_template, "SELECT pg_reload_conf()")
    pg_template.rotation_password = first  # type: ignore[attr-defined]
    try:
        yield pg_template
    finally:
        hba.write_text(original)
        admin(pg_template, "SELECT pg_reload_conf()")


def role_url(server: PostgresServer, password: str) -> str:
    return f"postgresql://{ROLE}:{password}@127.0.0.1:{server.port}/{DATABASE}"


def register(base_url: str) -> int:
    email = f"{secrets.token_hex(4)}@example.com"
    response = httpx.post(
        f"{base_url}/api/v1/auth/register",
        json={"email": email, "password": PASSWORD},
        timeout=30,
    )
    return response.status_code


def files(server: PostgresServer, password: str) -> dict[str, str]:
    return {"database_url": role_url(server, password), "jwt_secret": TEST_SECRET}


def test_new_connections_use_rotated_credentials_without_a_restart(
    password_server: PostgresServer, tmp_path: Path
) -> None:
    first: str = password_server.rotation_password  # type: ignore[attr-defined]
    second = secrets.token_urlsafe(16)
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    mount(
        secrets_dir, {"database_url": role_url(password_server, first), "jwt_secret": TEST_SECRET}
    )
    env = todo_env(SECRETS_DIR=str(secrets_dir), APP_ENV="production", DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    env.pop("JWT_SECRET", None)

    with running_todo("api", env=env) as api:
        assert register(api.base_url) == 201
        pid_before = api.process.pid

        admin(password_server, f"ALTER ROLE {ROLE} PASSWORD '{second}'")
        mount(
            secrets_dir,
            {"database_url": role_url(password_server, second), "jwt_secret": TEST_SECRET},
        )
        # The old password is gone, and so are the connections opened with it.
        admin(
            password_server,
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{ROLE}'",
        )

        assert register(api.base_url) == 201
        assert httpx.get(f"{api.base_url}/ready").json()["checks"]["database"] == "ok"
        assert api.process.pid == pid_before and api.process.poll() is None

    with pytest.raises(asyncpg.InvalidPasswordError):
        asyncio.run(_run(role_url(password_server, first)))


def test_an_unchanged_file_is_read_once(tmp_path: Path) -> None:
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    mount(secrets_dir, {"database_url": "postgres://a:one@db.internal:5432/todo"})
    credentials = RotatingCredentials(secrets_dir / "database_url")
    first = credentials.current()
    assert first is not None and (first.username, first.password) == ("a", "one")
    assert credentials.current() is first  # no change: the same parsed value
    mount(secrets_dir, {"database_url": "postgres://b:two@db.internal:5432/todo"})
    second = credentials.current()
    assert second is not None and (second.username, second.password) == ("b", "two")


def test_a_file_for_another_database_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    mount(secrets_dir, {"database_url": "postgres://a:one@db.internal:5432/todo"})
    monkeypatch.setenv("SECRETS_DIR", str(secrets_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert RotatingCredentials.for_url("postgresql+asyncpg://a:one@db.internal:5432/todo")
    assert RotatingCredentials.for_url("postgresql+asyncpg://a:one@elsewhere:5432/todo") is None
    monkeypatch.setenv("DATABASE_URL", "postgres://a:one@db.internal:5432/todo")
    assert RotatingCredentials.for_url("postgresql+asyncpg://a:one@db.internal:5432/todo") is None
