"""CloudEvents 1.0 structured-mode envelopes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

SPEC_VERSION = "1.0"
SOURCE = "/todo-chatbot"


def new_event(
    *, event_type: str, subject: str, data: dict[str, Any], source: str = SOURCE
) -> dict[str, Any]:
    return {
        "specversion": SPEC_VERSION,
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "subject": subject,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": data,
    }
