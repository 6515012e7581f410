"""Configuration from the environment (and from mounted secret files).

Every process reads the same settings; Kubernetes injects them as env vars or as files in
`SECRETS_DIR` (one file per setting, named like the field: `jwt_secret`, `database_url`, ...).
"""

from __future__ import annotations

import os
import secrets
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SecretsSettingsSource,
    SettingsConfigDict,
)

MIN_SECRET_LENGTH = 32
DEFAULT_SECRETS_DIR = "/var/run/secrets/todo-chatbot"


class AppEnv(StrEnum):
    embedded = "embedded"  # a laptop: SQLite, generated secret, everything in one process
    development = "development"
    production = "production"  # refuses weak or missing secrets


class EventBusKind(StrEnum):
    memory = "memory"
    dapr = "dapr"
    kafka = "kafka"


class AgentEngine(StrEnum):
    rules = "rules"
    openai = "openai"


class InsecureSettings(Exception):
    """Settings that must not be used in production."""


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "todo-chatbot"


def normalise_database_url(url: str) -> str:
    """Accept the URL shapes providers hand out and map them onto async drivers.

    `postgres://` and `postgresql://` become `postgresql+asyncpg://`; libpq's `sslmode`
    (as Neon writes it) becomes asyncpg's `ssl`; `sqlite:///` becomes `sqlite+aiosqlite:///`.
    """
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+asyncpg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite://") and not url.startswith("sqlite+"):
        url = "sqlite+aiosqlite://" + url.removeprefix("sqlite://")
    if url.startswith("postgresql+asyncpg://") and "?" in url:
        head, query = url.split("?", 1)
        parts = []
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if key == "sslmode":
                parts.append(f"ssl={value}")
            elif key in {"channel_binding", "options"}:
                continue  # libpq-only knobs asyncpg does not take
            else:
                parts.append(part)
        url = head + ("?" + "&".join(parts) if parts else "")
    return url


def secret_file(name: str) -> Path | None:
    """The mounted secret file a setting is read from: SECRETS_DIR/<name>, unless the
    environment variable of the same name is set (it wins, as in Settings)."""
    if os.environ.get(name.upper()):
        return None
    path = Path(os.environ.get("SECRETS_DIR", DEFAULT_SECRETS_DIR)) / name
    return path if path.is_file() else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then env vars, then secret files (looked up when settings load)."""
        secrets_dir = Path(os.environ.get("SECRETS_DIR", DEFAULT_SECRETS_DIR))
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if secrets_dir.is_dir():
            sources.append(SecretsSettingsSource(settings_cls, secrets_dir=secrets_dir))
        return tuple(sources)

    app_env: AppEnv = AppEnv.embedded
    service_name: str = "todo-api"
    pod_name: str = Field(default_factory=lambda: os.environ.get("HOSTNAME", "local"))
    log_level: str = "INFO"

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""  # empty: SQLite file in data_dir
    # Each process's connection pool on PostgreSQL: kept open, and more in a burst. The
    # chart's README sizes them against the database's connection limit. No burst by
    # default: a burst connection is closed whenever it comes back to a full pool, so under
    # steady load it is opened again and again (a new server process, statements prepared
    # again each time).
    db_pool_size: int = Field(default=6, ge=1, le=100)
    db_max_overflow: int = Field(default=0, ge=0, le=100)
    jwt_secret: SecretStr | None = None
    # The secret before jwt_secret: verifies the tokens it signed, signs nothing. Both are
    # followed through their mounted files without a restart (signing_keys.py).
    jwt_secret_previous: SecretStr | None = None
    jwt_ttl_minutes: int = Field(default=60 * 24, ge=1)
    # Failed sign-ins allowed per account and per client address in the window (then 429).
    login_attempts_per_account: int = Field(default=10, ge=1)
    login_attempts_per_address: int = Field(default=50, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    jwks_url: str | None = None  # optional: also accept tokens from an external issuer

    max_body_bytes: int = 1024 * 1024
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    event_bus: EventBusKind = EventBusKind.memory
    kafka_bootstrap_servers: str = "localhost:9092"
    dapr_http_port: int = 3500
    dapr_pubsub_name: str = "pubsub"

    # Where people reach this app: the OAuth issuer and the MCP resource are named from it.
    public_url: str = ""  # empty: http://127.0.0.1:8000 (`todo serve` fills in its address)
    mcp_server_url: str | None = None  # None: the MCP server mounted in this process
    mcp_token_ttl_seconds: int = Field(default=120, ge=5)
    mcp_allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    mcp_timeout_seconds: float = Field(default=10.0, gt=0)

    agent_engine: AgentEngine = AgentEngine.rules
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"

    notify_webhook_url: SecretStr | None = None
    scheduler_interval_seconds: float = Field(default=5.0, gt=0)

    @field_validator("cors_origins", "mcp_allowed_hosts", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_weak_production_secrets(self) -> Settings:
        if self.app_env is AppEnv.production:
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
            if len(secret) < MIN_SECRET_LENGTH:
                raise InsecureSettings(
                    f"JWT_SECRET must be set to at least {MIN_SECRET_LENGTH} characters "
                    "in production"
                )
            if not self.database_url:
                raise InsecureSettings("DATABASE_URL must be set in production")
        if self.agent_engine is AgentEngine.openai and not self.openai_api_key:
            raise ValueError("AGENT_ENGINE=openai needs OPENAI_API_KEY")
        return self

    @cached_property
    def async_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite+aiosqlite:///{self.data_dir / 'todo.db'}"

    @property
    def issuer_url(self) -> str:
        return (self.public_url or "http://127.0.0.1:8000").rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.async_database_url.startswith("sqlite")

    def signing_secret(self) -> str:
        """The JWT signing secret; in embedded mode one is generated and kept in the data dir.
        Read from SECRETS_DIR/jwt_secret, it follows that file (and jwt_secret_previous)."""
        if self.jwt_secret is not None:
            from todo_chatbot.signing_keys import SigningSecret, mounted_signing_secret

            secret = self.jwt_secret.get_secret_value()
            listed = self.jwt_secret_previous.get_secret_value() if self.jwt_secret_previous else ""
            previous = tuple(line.strip() for line in listed.splitlines() if line.strip())
            path = secret_file("jwt_secret")
            if path is None:
                return SigningSecret.of(secret, previous=previous)
            return mounted_signing_secret(secret, path, previous=previous)
        if self.app_env is AppEnv.production:
            raise InsecureSettings("JWT_SECRET is required in production")
        path = self.data_dir / "jwt_secret"
        if not path.exists():
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        self.jwt_secret = SecretStr(path.read_text().strip())
        return self.jwt_secret.get_secret_value()
