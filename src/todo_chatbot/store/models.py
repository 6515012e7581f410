"""Tables. Changing one means a new Alembic revision in store/migrations/versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from todo_chatbot.domain.tasks import Due, due_key
from todo_chatbot.store.types import UTCDateTime, in_offset, offset_minutes, utcnow

# SQLite only autoincrements INTEGER PRIMARY KEY; PostgreSQL gets BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # IANA name; "today" and "overdue" are counted in it (domain/days.py).
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_user_due", "user_id", "completed", "due_key"),
        Index("ix_tasks_reminder_due", "remind_at", "reminded_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(6), default="medium")
    # `due` is either an all-day date or an instant; the instant keeps the offset it was
    # given in, so it reads back as written and recurs in the user's wall-clock time. Read
    # and write it as `Task.due`; the columns are its storage.
    due_date: Mapped[date | None] = mapped_column(Date)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_offset_minutes: Mapped[int | None] = mapped_column(Integer)
    due_key: Mapped[datetime | None] = mapped_column(UTCDateTime)  # for sorting/filtering
    # The reminder instant in UTC, and the offset it was given in (`Task.remind_at`).
    remind_at_utc: Mapped[datetime | None] = mapped_column("remind_at", UTCDateTime)
    remind_offset_minutes: Mapped[int | None] = mapped_column(Integer)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recurrence: Mapped[str | None] = mapped_column(String(500))
    series_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # The instance this one was generated from: unique, so a series never forks.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), unique=True
    )
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Incremented by every UPDATE and checked by it: a write based on a stale read fails
    # (StaleDataError) instead of silently overwriting a concurrent change.
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    # A second SELECT, not a join: under FOR UPDATE it reads the tags after the lock is
    # taken, where a join would return the tags of the snapshot before it.
    tag_rows: Mapped[list[TaskTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TaskTag.position"
    )

    @property
    def due(self) -> Due | None:
        return stored_due(self.due_date, self.due_at, self.due_offset_minutes)

    @due.setter
    def due(self, value: Due | None) -> None:
        instant = value if isinstance(value, datetime) else None
        self.due_date = None if instant is not None else value
        self.due_at = instant
        self.due_offset_minutes = offset_minutes(instant)
        self.due_key = due_key(value)

    @property
    def remind_at(self) -> datetime | None:
        return in_offset(self.remind_at_utc, self.remind_offset_minutes)

    @remind_at.setter
    def remind_at(self, value: datetime | None) -> None:
        self.remind_at_utc = value
        self.remind_offset_minutes = offset_minutes(value)

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]


def stored_due(due_date: date | None, due_at: datetime | None, offset: int | None) -> Due | None:
    """A task's due from its columns: the instant in its own offset, else the date."""
    if due_at is not None:
        return in_offset(due_at, offset)
    return due_date


class TaskTag(Base):
    __tablename__ = "task_tags"
    # Rows may already be gone through ON DELETE CASCADE when the ORM deletes them.
    __mapper_args__ = {"confirm_deleted_rows": False}

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class OutboxEvent(Base):
    """Events written in the same transaction as the change; the relay publishes them."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "published_at", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    topic: Mapped[str] = mapped_column(String(100))
    event_type: Mapped[str] = mapped_column(String(100))
    partition_key: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class ProcessedEvent(Base):
    """Inbox: an event id a consumer has applied, written with the effect itself."""

    __tablename__ = "processed_events"

    consumer: Mapped[str] = mapped_column(String(100), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    tool_calls: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("source_event_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text, default="")
    source_event_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccessToken(Base):
    """A bearer token a person holds (personal access token) or an OAuth client was given
    (access or refresh). Only its SHA-256 digest is kept; revoking stamps `revoked_at`."""

    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # personal | oauth_access | oauth_refresh
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(100))  # space-separated, as OAuth writes them
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OAuthClient(Base):
    """A client that registered itself (OAuth dynamic client registration)."""

    __tablename__ = "oauth_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    info: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OAuthCode(Base):
    """An authorization code a signed-in user granted a client; used once, kept hashed."""

    __tablename__ = "oauth_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    grant: Mapped[dict[str, Any]] = mapped_column(JSON)  # redirect_uri, PKCE challenge, scopes
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
