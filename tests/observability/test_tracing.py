"""Traces: off by default; when on, one completion of a recurring task is one connected trace
from the request through the outbox and the bus to the next instance and its events."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from tests.observability.helpers import ROOT, running_todo, todo_env
from tests.support.app import PASSWORD
from todo_chatbot.events import tracecontext
from todo_chatbot.events.envelope import new_event
from todo_chatbot.observability import tracing
from todo_chatbot.observability.logging import JsonFormatter

TRACE_ID = 0x0AF7651916CD43DD8448EB211C80319C
SPAN_ID = 0xB7AD6B7169203331
TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

Span = dict[str, Any]


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The spans and outbox events of one traced run of `todo serve`'s app (own process:
    a tracer provider is process-wide)."""
    data_dir = tmp_path_factory.mktemp("traced")
    result = subprocess.run(
        [sys.executable, "-m", "tests.observability.trace_probe", str(data_dir)],
        cwd=ROOT,
        env=todo_env(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _trace(spans: list[Span], trace_id: str) -> list[Span]:
    return [span for span in spans if span["trace_id"] == trace_id]


def _server_span(spans: list[Span], name: str) -> Span:
    matching = [s for s in spans if s["kind"] == "SERVER" and s["name"] == name]
    assert len(matching) == 1, [s["name"] for s in spans if s["kind"] == "SERVER"]
    return matching[0]


def _assert_one_tree(spans: list[Span], root: Span) -> None:
    ids = {span["span_id"] for span in spans}
    roots = [span for span in spans if span["parent_id"] is None]
    assert roots == [root]
    orphans = [span["name"] for span in spans if span["parent_id"] not in ids | {None}]
    assert not orphans, f"spans whose parent is not in the trace: {orphans}"


def _trace_of(traceparent: str) -> str:
    return traceparent.split("-")[1]


def test_one_completion_of_a_recurring_task_is_one_connected_trace(probe: dict[str, Any]) -> None:
    spans: list[Span] = probe["spans"]
    request = _server_span(spans, "POST /api/v1/tasks/{task_id}/complete")
    traced = _trace(spans, request["trace_id"])
    _assert_one_tree(traced, request)

    by_id = {span["span_id"]: span for span in traced}
    consumers = [span for span in traced if span["kind"] == "CONSUMER"]
    # The completion reaches the recurring worker (task-events) and the live feed
    # (task-updates); the next instance's own events are consumed in the same trace.
    recurring = [s for s in consumers if s["name"] == "process task-events"]
    assert len(recurring) == 2
    first, second = sorted(recurring, key=lambda span: span["parent_id"] != request["span_id"])
    assert first["parent_id"] == request["span_id"]
    assert second["parent_id"] == first["span_id"]
    assert {"process task-updates"} <= {
        s["name"] for s in consumers if s["parent_id"] == first["span_id"]
    }
    inserts = [
        s for s in traced if s["parent_id"] == first["span_id"] and s["name"].startswith("INSERT")
    ]
    assert inserts, "the next instance is written inside the recurring worker's span"

    completed = [e for e in probe["events"] if e["type"].endswith("task.completed")]
    next_created = [
        e
        for e in probe["events"]
        if e["type"].endswith("task.created") and e["subject"] == str(probe["next_id"])
    ]
    assert completed and next_created
    for event in completed:
        assert event["traceparent"].split("-")[2] == request["span_id"]
    for event in next_created:
        assert _trace_of(event["traceparent"]) == request["trace_id"]
        assert by_id[event["traceparent"].split("-")[2]] is first


def test_other_requests_are_traces_of_their_own(probe: dict[str, Any]) -> None:
    spans: list[Span] = probe["spans"]
    create = _server_span(spans, "POST /api/v1/tasks")
    complete = _server_span(spans, "POST /api/v1/tasks/{task_id}/complete")
    assert create["trace_id"] != complete["trace_id"]
    _assert_one_tree(_trace(spans, create["trace_id"]), create)


def test_a_chat_turn_traces_its_mcp_calls(probe: dict[str, Any]) -> None:
    spans: list[Span] = probe["spans"]
    chat = _server_span(spans, "POST /api/v1/chat")
    traced = _trace(spans, chat["trace_id"])
    _assert_one_tree(traced, chat)
    names = {(span["kind"], span["name"]) for span in traced}
    assert ("CLIENT", "MCP send tools/call list_tasks") in names
    assert ("SERVER", "tools/call list_tasks") in names
    tool_server = next(s for s in traced if s["name"] == "tools/call list_tasks")
    assert tool_server["attributes"]["gen_ai.tool.name"] == "list_tasks"
    assert any(
        s["parent_id"] == tool_server["span_id"] and s["name"].startswith("SELECT") for s in traced
    )


def test_background_polling_starts_no_traces(probe: dict[str, Any]) -> None:
    """The relay's and scheduler's own queries join no request, so they are not recorded."""
    roots = [span for span in probe["spans"] if span["parent_id"] is None]
    assert roots
    assert {span["kind"] for span in roots} == {"SERVER"}


# --- the switch, and the pieces in this process (no provider installed here) -------------


class _Collector(BaseHTTPRequestHandler):
    received: list[ExportTraceServiceRequest] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = ExportTraceServiceRequest()
        request.ParseFromString(body)
        if self.path == "/v1/traces":
            type(self).received.append(request)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[ExportTraceServiceRequest]]]:
    """An OTLP/HTTP receiver on 127.0.0.1 that keeps what it is sent."""
    received: list[ExportTraceServiceRequest] = []
    handler = type("Collector", (_Collector,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def _exported_spans(received: list[ExportTraceServiceRequest]) -> list[tuple[str, str]]:
    found = []
    for request in received:
        for resource_spans in request.resource_spans:
            attributes = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                found += [(attributes["service.name"], span.name) for span in scope_spans.spans]
    return found


def test_todo_serve_exports_over_otlp_when_the_endpoint_is_set(
    tmp_path: Path, collector: tuple[str, list[ExportTraceServiceRequest]]
) -> None:
    endpoint, received = collector
    env = todo_env(
        DATA_DIR=str(tmp_path),
        OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
        OTEL_BSP_SCHEDULE_DELAY="100",
    )
    with running_todo("serve", env=env) as todo:
        response = httpx.post(
            f"{todo.base_url}/api/v1/auth/register",
            json={"email": "otel@example.com", "password": PASSWORD},
        )
        assert response.status_code == 201
    # terminating the process flushes the batch processor
    assert ("todo-api", "POST /api/v1/auth/register") in _exported_spans(received)


def test_todo_serve_exports_nothing_without_an_endpoint(
    tmp_path: Path, collector: tuple[str, list[ExportTraceServiceRequest]]
) -> None:
    _endpoint, received = collector
    with running_todo("serve", env=todo_env(DATA_DIR=str(tmp_path))) as todo:
        httpx.post(
            f"{todo.base_url}/api/v1/auth/register",
            json={"email": "quiet@example.com", "password": PASSWORD},
        )
    assert received == []


def test_tracing_stays_off_without_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tracing.ENDPOINT_VARIABLE, raising=False)
    assert tracing.start_tracing("todo-test") is None
    assert not tracecontext.enabled()
    assert tracecontext.current_trace_context() == {}
    event = new_event(event_type="com.todo-chatbot.task.created", subject="1", data={})
    assert "traceparent" not in event


def _within_a_span() -> Any:
    context = SpanContext(TRACE_ID, SPAN_ID, is_remote=False, trace_flags=TraceFlags(1))
    return trace.use_span(NonRecordingSpan(context))


def test_an_event_carries_the_current_span_as_traceparent() -> None:
    with _within_a_span():
        event = new_event(event_type="com.todo-chatbot.task.created", subject="1", data={})
    assert event["traceparent"] == TRACEPARENT


@pytest.mark.parametrize(
    "value", ["", None, "not-a-traceparent", "00-" + "0" * 32 + "-" + "0" * 16 + "-01"]
)
def test_an_empty_or_invalid_traceparent_counts_as_absent(value: str | None) -> None:
    """daprd writes `traceparent: ""` when its sampling rate is 0."""
    assert tracecontext.event_context({"traceparent": value}) is None


def test_a_valid_traceparent_is_continued() -> None:
    context = tracecontext.event_context({"traceparent": TRACEPARENT, "tracestate": "k=v"})
    assert context is not None
    span_context = trace.get_current_span(context).get_span_context()
    assert (span_context.trace_id, span_context.span_id) == (TRACE_ID, SPAN_ID)
    assert span_context.trace_state.get("k") == "v"


def test_a_batch_is_split_where_its_trace_changes() -> None:
    a, b = TRACEPARENT, TRACEPARENT.replace("b7ad", "c7ad")
    events = [
        {"id": "1", "traceparent": a},
        {"id": "2", "traceparent": a},
        {"id": "3", "traceparent": b},
        {"id": "4"},
        {"id": "5", "traceparent": ""},
    ]
    runs = tracecontext._runs_by_trace(events)
    assert [[e["id"] for e in run] for run in runs] == [["1", "2"], ["3"], ["4", "5"]]


async def test_untraced_handlers_get_their_batch_whole() -> None:
    calls: list[list[str]] = []

    async def handler(events: Any) -> None:
        calls.append([event["id"] for event in events])

    wrapped = tracecontext.traced_handler("task-events", handler)
    await wrapped([{"id": "1", "traceparent": TRACEPARENT}, {"id": "2"}])
    assert calls == [["1", "2"]]


def test_log_lines_carry_the_trace_id() -> None:
    import logging

    formatter = JsonFormatter(service="todo-test", pod="pod-1")
    record = logging.LogRecord("todo", logging.INFO, __file__, 1, "hello", (), None)
    assert "trace_id" not in json.loads(formatter.format(record))
    with _within_a_span():
        line = json.loads(formatter.format(record))
    assert line["trace_id"] == f"{TRACE_ID:032x}"
    assert line["span_id"] == f"{SPAN_ID:016x}"
