from __future__ import annotations

import stat
from pathlib import Path

import pytest

from todo_chatbot.settings import AppEnv, InsecureSettings, Settings, normalise_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgresql://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        (
            "postgresql://u:p@ep-x.neon.tech/db?sslmode=require&channel_binding=require",
            "postgresql+asyncpg://u:p@ep-x.neon.tech/db?ssl=require",
        ),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
    ],
)
def test_provider_urls_map_onto_async_drivers(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_production_refuses_a_missing_or_short_secret(tmp_path: Path) -> None:
    url = "postgresql://u@h/db"
    with pytest.raises(InsecureSettings, match="JWT_SECRET"):
        Settings(app_env=AppEnv.production, database_url=url, data_dir=tmp_path)
    assert not (tmp_path / "jwt_secret").exists()
    with pytest.raises(InsecureSettings, match="at least 32"):
        Settings(app_env=AppEnv.production, database_url=url, jwt_secret="short")  # type: ignore[arg-type]
    with pytest.raises(InsecureSettings, match="DATABASE_URL"):
        Settings(app_env=AppEnv.production, jwt_secret="x" * 40)  # type: ignore[arg-type]
    ok = Settings(app_env=AppEnv.production, database_url=url, jwt_secret="x" * 40)  # type: ignore[arg-type]
    assert ok.signing_secret() == "x" * 40


def test_embedded_mode_generates_a_private_secret_once(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).signing_secret()
    second = Settings(data_dir=tmp_path).signing_secret()
    assert first == second and len(first) >= 32
    mode = stat.S_IMODE((tmp_path / "jwt_secret").stat().st_mode)
    assert mode == 0o600


def test_secrets_can_come_from_mounted_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "jwt_secret").write_text("f" * 40)
    (tmp_path / "database_url").write_text("postgres://u:p@db/todo")
    monkeypatch.setenv("SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("APP_ENV", "production")
    settings = Settings()
    assert settings.signing_secret() == "f" * 40
    assert settings.async_database_url == "postgresql+asyncpg://u:p@db/todo"


def test_secret_values_do_not_show_in_repr() -> None:
    settings = Settings(jwt_secret="x" * 40)  # type: ignore[arg-type]
    assert "x" * 40 not in repr(settings)
