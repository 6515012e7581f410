"""Run in its own process (tracing installs a process-wide provider): `todo serve`'s app
with an in-memory span exporter; sign up, add a daily task, complete it, wait for the next
instance, chat once; print the spans and the outbox events as JSON on stdout.

    python -m tests.observability.trace_probe DATA_DIR
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import select

from tests.support.app import make_settings, sign_up
from todo_chatbot.observability.tracing import start_tracing
from todo_chatbot.store.migrate import run_migrations
from todo_chatbot.store.models import OutboxEvent

DAILY = {"title": "Water plants", "due": "2026-11-24T09:00:00-05:00", "recurrence": "FREQ=DAILY"}


def describe(span: ReadableSpan) -> dict[str, Any]:
    context = span.get_span_context()
    assert context is not None
    return {
        "name": span.name,
        "kind": span.kind.name,
        "trace_id": f"{context.trace_id:032x}",
        "span_id": f"{context.span_id:016x}",
        "parent_id": f"{span.parent.span_id:016x}" if span.parent else None,
        "attributes": dict(span.attributes or {}),
        "links": [f"{link.context.trace_id:032x}" for link in span.links],
    }


async def scenario(data_dir: Path, exporter: InMemorySpanExporter) -> dict[str, Any]:
    from todo_chatbot.embedded import build_embedded_app

    settings = make_settings(f"sqlite+aiosqlite:///{data_dir / 'todo.db'}", data_dir)
    run_migrations(settings.async_database_url)
    app = build_embedded_app(settings)
    answer: dict[str, Any] = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            auth = await sign_up(http)
            task = (await http.post("/api/v1/tasks", json=DAILY, headers=auth)).json()
            done = await http.post(f"/api/v1/tasks/{task['id']}/complete", headers=auth)
            assert done.status_code == 200, done.text
            answer["completed_id"] = task["id"]
            deadline = time.monotonic() + 20
            while True:
                listed = await http.get("/api/v1/tasks?status=pending", headers=auth)
                items = listed.json()["items"]
                if items:
                    answer["next_id"] = items[0]["id"]
                    break
                assert time.monotonic() < deadline, "no next instance"
                await asyncio.sleep(0.05)
            chat = await http.post("/api/v1/chat", json={"message": "show my tasks"}, headers=auth)
            assert chat.status_code == 200, chat.text
            await asyncio.sleep(0.5)  # let the consumers of the last events finish
        async with app.state.database.transaction() as session:
            rows = await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))
            answer["events"] = [row.payload for row in rows]
    answer["spans"] = [describe(span) for span in exporter.get_finished_spans()]
    return answer


def main() -> None:
    exporter = InMemorySpanExporter()
    start_tracing("todo-test", processor=SimpleSpanProcessor(exporter))
    answer = asyncio.run(scenario(Path(sys.argv[1]), exporter))
    sys.stdout.write(json.dumps(answer, default=str) + "\n")


if __name__ == "__main__":
    main()
