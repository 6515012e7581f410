"""OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.

When on, each process exports its spans over OTLP/HTTP (the exporter reads the standard
OTEL_EXPORTER_OTLP_* variables): HTTP requests (FastAPI), database statements
(SQLAlchemy), outgoing HTTP (httpx) and MCP calls (the MCP SDK emits those spans itself).
An event carries the span that wrote it as the CloudEvents `traceparent` extension, and
its consumers continue that trace, so one trace runs from a request through the outbox and
the bus to every effect of the event.
"""

from __future__ import annotations

import functools
import logging
import os
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.types import AttributeValue

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from fastapi import FastAPI
    from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
    from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"
TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"

_propagator = TraceContextTextMapPropagator()
_tracer = trace.get_tracer("todo_chatbot")
_provider: TracerProvider | None = None
_queries: TracerProvider | None = None  # the provider of database statement spans
# Engines made before tracing started in this process; instrumented when it starts.
_engines: weakref.WeakSet[AsyncEngine] = weakref.WeakSet()


def enabled() -> bool:
    return _provider is not None


def start_tracing(service: str, *, processor: SpanProcessor | None = None) -> TracerProvider | None:
    """Install this process's tracer provider once, if an OTLP endpoint is configured (or a
    span processor is given, as tests do); instrument SQLAlchemy and httpx globally."""
    global _provider, _queries
    if _provider is not None:
        return _provider
    if processor is None and not os.environ.get(ENDPOINT_VARIABLE):
        return None
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ParentBased

    if processor is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        processor = BatchSpanProcessor(OTLPSpanExporter())
    # OTEL_RESOURCE_ATTRIBUTES adds to the resource; OTEL_SERVICE_NAME renames the service.
    resource = Resource.create({SERVICE_NAME: os.environ.get("OTEL_SERVICE_NAME") or service})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    # Statements join the request or event that runs them; the pollers' own queries (relay,
    # scheduler) would otherwise start a trace of their own several times a second.
    queries = TracerProvider(resource=resource, sampler=ParentBased(root=ALWAYS_OFF))
    queries.add_span_processor(processor)
    SQLAlchemyInstrumentor().instrument(
        tracer_provider=queries, engines=[engine.sync_engine for engine in _engines]
    )
    _engines.clear()
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    _provider, _queries = provider, queries
    log.info("tracing on", extra={"otel_service": service})
    return provider


def trace_engine(engine: AsyncEngine) -> None:
    """Trace this engine's statements once tracing is on (now, or when it starts)."""
    if _queries is None:
        _engines.add(engine)
        return
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import get_meter

    scope = "opentelemetry.instrumentation.sqlalchemy"
    usage = get_meter(scope).create_up_down_counter("db.client.connections.usage")
    EngineTracer(_queries.get_tracer(scope), engine.sync_engine, usage)  # type: ignore[no-untyped-call]


def instrument_app(app: FastAPI, *, service: str) -> None:
    """Trace the app's requests when tracing is on (starting it for this process first:
    each `todo api --workers N` process builds its own app)."""
    provider = start_tracing(service)
    if provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=provider,
        excluded_urls="health,ready,metrics",
        exclude_spans=["receive", "send"],  # one span per request, not one per ASGI message
    )


def current_trace_context() -> dict[str, str]:
    """`traceparent` (and `tracestate`) of the current span; empty when nothing is traced."""
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier


def event_context(event: Mapping[str, Any]) -> otel_context.Context | None:
    """The trace context an event carries, or None. An empty `traceparent` (Dapr writes one
    when its sampling rate is 0) counts as absent."""
    traceparent = event.get(TRACEPARENT)
    if not isinstance(traceparent, str) or not traceparent:
        return None
    carrier = {TRACEPARENT: traceparent}
    tracestate = event.get(TRACESTATE)
    if isinstance(tracestate, str) and tracestate:
        carrier[TRACESTATE] = tracestate
    context = _propagator.extract(carrier)
    if not trace.get_current_span(context).get_span_context().is_valid:
        return None
    return context


@contextmanager
def consuming(topic: str, events: Sequence[Mapping[str, Any]]) -> Iterator[None]:
    """A consumer span for one batch, continuing the trace of its first traced event and
    linking the others (OpenTelemetry's messaging convention for batches)."""
    if not enabled():
        yield
        return
    contexts = [context for context in map(event_context, events) if context is not None]
    links = [Link(trace.get_current_span(context).get_span_context()) for context in contexts]
    attributes: dict[str, AttributeValue] = {
        "messaging.operation.type": "process",
        "messaging.destination.name": topic,
        "messaging.batch.message_count": len(events),
    }
    if len(events) == 1:
        attributes["messaging.message.id"] = str(events[0].get("id", ""))
    parent = contexts[0] if contexts else None
    with _tracer.start_as_current_span(
        f"process {topic}",
        context=parent,
        kind=SpanKind.CONSUMER,
        attributes=attributes,
        links=links[1:],
    ):
        yield


Batch = Sequence[dict[str, Any]]


def traced_handler(
    topic: str, handler: Callable[[Batch], Awaitable[None]]
) -> Callable[[Batch], Awaitable[None]]:
    """The handler, each call inside a consumer span that continues its events' trace.

    While tracing is on, a batch whose events come from different traces is handed over as
    runs of one trace each, so every effect (a next instance, its events) joins the trace
    of the event that caused it. Should a later run fail, the bus retries the batch and the
    inbox drops the runs already applied."""

    @functools.wraps(handler)
    async def handle(events: Batch) -> None:
        if not enabled():
            await handler(events)
            return
        for run in _runs_by_trace(events):
            with consuming(topic, run):
                await handler(run)

    return handle


def _runs_by_trace(events: Batch) -> list[Batch]:
    runs: list[list[dict[str, Any]]] = []
    previous: object = object()
    for event in events:
        traceparent = event.get(TRACEPARENT) or None
        if not runs or traceparent != previous:
            runs.append([])
        runs[-1].append(event)
        previous = traceparent
    return list(runs)


def current_ids() -> tuple[str, str] | None:
    """(trace_id, span_id) in hex of the span being recorded, for log lines."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    return trace.format_trace_id(span_context.trace_id), trace.format_span_id(span_context.span_id)
