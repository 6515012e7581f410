"""CloudEvents 1.0 structured-mode envelopes, and their wire form (UTF-8 JSON)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from todo_chatbot.events.tracecontext import current_trace_context

SPEC_VERSION = "1.0"
SOURCE = "/todo-chatbot"
CONTENT_TYPE = "application/cloudevents+json"

CloudEvent = dict[str, Any]


def new_event(
    *, event_type: str, subject: str, data: dict[str, Any], source: str = SOURCE
) -> CloudEvent:
    """A structured event. `subject` is the task id, and also the partition key (CloudEvents
    partitioning extension), so one task's events stay in order on every broker. The span
    writing it, if traced, goes along as the distributed-tracing extension (`traceparent`)."""
    return {
        "specversion": SPEC_VERSION,
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "subject": subject,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "partitionkey": subject,
        "data": data,
        **current_trace_context(),
    }


def encode(event: CloudEvent) -> bytes:
    return json.dumps(event, separators=(",", ":"), ensure_ascii=False).encode()


def decode(value: bytes) -> Any:
    """Parse wire bytes; raises ValueError when they are not JSON."""
    return json.loads(value)
