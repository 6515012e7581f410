"""The CloudEvents distributed-tracing extension: the span that writes an event goes along as
its `traceparent` (and `tracestate`), and every consumer continues that trace, so one trace
runs from a request through the outbox and the bus to every effect of the event.

Only OpenTelemetry's API is used here: with no tracer provider installed (tracing off, see
observability/tracing.py) nothing is written and consumers get their batches untouched.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.types import AttributeValue

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"

_propagator = TraceContextTextMapPropagator()
_tracer = trace.get_tracer("todo_chatbot.events")


def enabled() -> bool:
    """Whether this process records spans (an SDK tracer provider is installed)."""
    provider = trace.get_tracer_provider()
    return not isinstance(provider, trace.ProxyTracerProvider | trace.NoOpTracerProvider)


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
