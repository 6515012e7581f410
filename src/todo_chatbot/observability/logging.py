"""JSON-lines logging to stdout: service, version, pod and request id on every line,
with passwords, tokens, Authorization headers and secrets masked wherever they appear."""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from todo_chatbot.observability.tracing import current_ids

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

try:
    VERSION = version("todo-chatbot")
except PackageNotFoundError:  # running from a source tree
    VERSION = "0.0.0"

MASK = "[REDACTED]"
_SENSITIVE_KEY = re.compile(
    r"pass(word)?|secret|token|authorization|api[_-]?key|cookie|credential|dsn|database_url",
    re.IGNORECASE,
)
_PATTERNS = [
    # Authorization: Bearer xxx / Basic xxx
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + MASK),
    # JWTs anywhere
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), MASK),
    # key=value or "key": "value" for sensitive keys (query strings, dumped dicts, JSON)
    (
        re.compile(
            r"(?i)([\"']?(?:password|passwd|secret|token|access_token|api_key|apikey|"
            r"jwt_secret|authorization)[\"']?\s*[=:]\s*[\"']?)([^\"'&\s,}]+)"
        ),
        r"\1" + MASK,
    ),
    # credentials inside URLs: scheme://user:password@host
    (re.compile(r"([a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@", re.IGNORECASE), r"\1" + MASK + "@"),
    # OpenAI-style keys
    (re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), MASK),
]


def redact_text(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact(value: Any, key: str = "") -> Any:
    """Mask a value if its key looks sensitive; recurse into containers; scrub strings."""
    if key and _SENSITIVE_KEY.search(key):
        return MASK if value not in (None, "") else value
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's ANSI-coloured copy of the message
}


class JsonFormatter(logging.Formatter):
    def __init__(self, *, service: str, pod: str) -> None:
        super().__init__()
        self.service = service
        self.pod = pod

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact_text(record.getMessage()),
            "service": self.service,
            "version": VERSION,
            "pod": self.pod,
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        if ids := current_ids():
            entry["trace_id"], entry["span_id"] = ids
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = redact(value, key)
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


# Libraries that narrate their routine work at INFO ("HTTP Request: POST …", "Terminating
# session: None"): they speak only at DEBUG. uvicorn's access lines stay: a server's
# request log is the server's own.
LIBRARY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpx2",  # the mcp SDK's HTTP client
    "httpcore2",
    "mcp",
    "alembic",
    "aiokafka",
    "sqlalchemy",
    "openai",
    "agents",
    "asyncio",
)


def quiet_libraries(level: str) -> None:
    """Library loggers at WARNING, unless the whole process logs at DEBUG."""
    threshold = logging.DEBUG if level.upper() == "DEBUG" else logging.WARNING
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(threshold)


def configure_logging(*, service: str, pod: str, level: str = "INFO") -> None:
    """Route every logger (uvicorn's too) through one JSON handler on stdout."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service=service, pod=pod))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "alembic"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    quiet_libraries(level)


def configure_console_logging(level: str = "WARNING") -> None:
    """For console commands (`todo chat`, `todo mcp --stdio`): plain lines on stderr, since
    stdout carries the answers or the protocol; warnings and errors only, unless DEBUG."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if level.upper() == "DEBUG" else logging.WARNING)
    quiet_libraries(level)
