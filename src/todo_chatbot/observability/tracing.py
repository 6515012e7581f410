"""OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.

When on, each process exports its spans over OTLP/HTTP (the exporter reads the standard
OTEL_EXPORTER_OTLP_* variables): HTTP requests (FastAPI), database statements
(SQLAlchemy), outgoing HTTP (httpx) and MCP calls (the MCP SDK emits those spans itself).
Events carry and continue the trace context themselves (events/tracecontext.py).
"""

from __future__ import annotations

import logging
import os
import weakref
from typing import TYPE_CHECKING

from opentelemetry import trace

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
    from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"

_provider: TracerProvider | None = None
_queries: TracerProvider | None = None  # the provider of database statement spans
# Engines made before tracing started in this process; instrumented when it starts.
_engines: weakref.WeakSet[AsyncEngine] = weakref.WeakSet()


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


def current_ids() -> tuple[str, str] | None:
    """(trace_id, span_id) in hex of the span being recorded, for log lines."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    return trace.format_trace_id(span_context.trace_id), trace.format_span_id(span_context.span_id)
