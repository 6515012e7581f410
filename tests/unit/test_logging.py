"""Secrets never reach the logs."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from todo_chatbot.observability.logging import JsonFormatter, configure_logging, redact_text

SECRET_BITS = [
    "correct horse battery",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "sk-live-abcdefghijklmnop",
    "s3cr3t-db-pass",
]


def render(record: logging.LogRecord) -> dict[str, object]:
    line = JsonFormatter(service="todo-api", pod="api-0").format(record)
    parsed: dict[str, object] = json.loads(line)
    assert not any(bit in line for bit in SECRET_BITS), line
    return parsed


def make_record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("test", logging.INFO, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


@pytest.mark.parametrize(
    "message",
    [
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        'payload {"email": "a@b.co", "password": "correct horse battery"}',
        "GET /api/v1/events/stream?access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        "connecting to postgresql://todo:s3cr3t-db-pass@db:5432/todo",
        "openai key sk-live-abcdefghijklmnop rejected",
        "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    ],
)
def test_secrets_in_messages_are_masked(message: str) -> None:
    parsed = render(make_record(message))
    assert "[REDACTED]" in str(parsed["message"])


def test_secrets_in_structured_fields_are_masked() -> None:
    parsed = render(
        make_record(
            "login attempt",
            password="correct horse battery",
            headers={"Authorization": "Bearer abc", "accept": "json"},
            jwt_secret="s3cr3t-db-pass",
            email="a@b.co",
        )
    )
    assert parsed["password"] == "[REDACTED]"
    assert parsed["headers"] == {"Authorization": "[REDACTED]", "accept": "json"}
    assert parsed["email"] == "a@b.co"


def test_every_line_carries_service_version_pod() -> None:
    parsed = render(make_record("hello %s", "world"))
    assert parsed["message"] == "hello world"
    assert parsed["service"] == "todo-api" and parsed["pod"] == "api-0"
    assert parsed["version"] and parsed["level"] == "info"


def test_exceptions_are_masked_too() -> None:
    try:
        raise RuntimeError("failed with password=correct horse battery")
    except RuntimeError:
        import sys

        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    assert "correct horse" not in JsonFormatter(service="s", pod="p").format(record)


def test_plain_text_is_untouched() -> None:
    assert redact_text("created task 5 for user 2") == "created task 5 for user 2"


async def test_a_real_request_logs_no_password_or_token(
    client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(service="todo-api", pod="test", level="DEBUG")
    try:
        body = {"email": "ada@example.com", "password": "correct horse battery"}
        registered = await client.post("/api/v1/auth/register", json=body)
        token = registered.json()["access_token"]
        await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        logging.getLogger("todo_chatbot.test").info(
            "request headers %s", {"authorization": f"Bearer {token}"}
        )
        # A failing login logs its error path too.
        await client.post("/api/v1/auth/login", json={**body, "password": "wrong one!"})
    finally:
        logging.getLogger().handlers.clear()
    out = capsys.readouterr().out
    assert out.strip(), "expected log lines"
    for line in out.strip().splitlines():
        json.loads(line)
    assert token not in out
    assert "correct horse battery" not in out
    assert "wrong one!" not in out
