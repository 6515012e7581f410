"""Dapr pub/sub over the sidecar's HTTP API (no Kafka client in this path).

Publishing: POST /v1.0/publish/<pubsub>/<topic> with our own CloudEvent
(`application/cloudevents+json`, so Dapr does not wrap it) and the task id as the Kafka
partition key (`metadata.partitionKey`). daprd keeps an event's `traceparent` only when the
event also has Dapr's older `traceid` attribute; otherwise it writes its own, which is empty
while its sampling rate is 0. So a traced event goes out with both.
Subscribing: the app answers GET /dapr/subscribe with one programmatic subscription per
handler, each with its dead-letter topic, and Dapr POSTs every message to the route. The
reply follows Dapr's contract: SUCCESS (applied, or already applied), RETRY (could not be
applied now: Dapr retries by its resiliency policy, then dead-letters), DROP (can never be
applied, e.g. schema-invalid: Dapr moves it to the dead-letter topic without retrying).
daprd reads these words case-sensitively. A dead-lettered message keeps its original `topic`
attribute (`task-events` on `task-events-dlq`).

Timeouts: a publish waits longer than the sidecar's own outbound budget (the chart's
Resiliency: one try of at most 5 s, no outbound retries, since the relay retries from the
outbox), so the sidecar's answer always arrives first and a publish the client gave up on is
never sent later behind its back. Readiness: daprd's /v1.0/healthz/outbound stays 204 while
Kafka is down, so a publish the sidecar refused also counts: not ready until one succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import APIRouter, Request

from todo_chatbot.bus.base import Bus, Outgoing, PublishError, Subscription
from todo_chatbot.bus.delivery import describe
from todo_chatbot.events import topics
from todo_chatbot.events.envelope import CONTENT_TYPE, CloudEvent, encode
from todo_chatbot.events.metrics import CONSUMER_RETRIES, EVENTS_DEAD_LETTERED
from todo_chatbot.events.tracecontext import TRACEPARENT
from todo_chatbot.events.validation import InvalidEvent, parse_event

log = logging.getLogger(__name__)

SUCCESS, RETRY, DROP = "SUCCESS", "RETRY", "DROP"


@dataclass
class DaprBus(Bus):
    http_port: int = 3500
    pubsub: str = "pubsub"
    host: str = "127.0.0.1"
    timeout: float = 10.0
    transport: httpx.AsyncBaseTransport | None = None
    _client: httpx.AsyncClient | None = field(default=None, init=False)
    _publish_failure: str | None = field(default=None, init=False)

    @property
    def broadcast_pubsub(self) -> str:
        """The component for fan-out subscriptions: its consumer group is per pod."""
        return f"{self.pubsub}-live"

    async def start(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=f"http://{self.host}:{self.http_port}",
            timeout=self.timeout,
            transport=self.transport,
        )

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("the Dapr bus is not started")
        return self._client

    async def check(self) -> None:
        response = await self._http().get("/v1.0/healthz/outbound")
        response.raise_for_status()
        if self._publish_failure is not None:
            raise RuntimeError(f"the last publish failed: {self._publish_failure}")

    async def publish(self, messages: Sequence[Outgoing]) -> None:
        for index, message in enumerate(messages):
            try:
                await self._publish_one(message)
            except PublishError as exc:
                self._publish_failure = str(exc)
                raise PublishError(str(exc), published=index) from exc
        if messages:
            self._publish_failure = None

    async def _publish_one(self, message: Outgoing) -> None:
        try:
            response = await self._http().post(
                f"/v1.0/publish/{self.pubsub}/{message.topic}",
                content=encode(dapr_wire_event(message.event)),
                headers={"Content-Type": CONTENT_TYPE},
                params={"metadata.partitionKey": message.key},
            )
        except httpx.HTTPError as exc:
            raise PublishError(describe(exc), published=0) from exc
        if not response.is_success:
            raise PublishError(
                f"sidecar answered {response.status_code}: {response.text[:300]}", published=0
            )

    @staticmethod
    def route(subscription: Subscription) -> str:
        return f"/dapr/events/{subscription.group}/{subscription.topic}"

    def subscription_list(self) -> list[dict[str, Any]]:
        """The answer to GET /dapr/subscribe."""
        answer = []
        for subscription in self.subscriptions:
            entry: dict[str, Any] = {
                "pubsubname": self.pubsub,
                "topic": subscription.topic,
                "route": self.route(subscription),
            }
            if subscription.broadcast:
                entry["pubsubname"] = self.broadcast_pubsub
            else:
                entry["deadLetterTopic"] = topics.dead_letter(subscription.topic)
            answer.append(entry)
        return answer

    async def handle_delivery(self, subscription: Subscription, body: bytes) -> str:
        """Apply one delivered message; the status tells Dapr what to do next."""
        try:
            event = parse_event(body)
        except InvalidEvent as exc:
            EVENTS_DEAD_LETTERED.labels(subscription.topic).inc()
            log.error("invalid event dropped to the dead-letter topic", extra={"error": str(exc)})
            return DROP
        try:
            await subscription.handler([event])
        except Exception as exc:
            CONSUMER_RETRIES.labels(subscription.topic).inc()
            log.warning("event not applied; Dapr will retry", extra={"error": describe(exc)})
            return RETRY
        return SUCCESS

    def routers(self) -> list[APIRouter]:
        # A process with no subscriptions answers 404 on /dapr/subscribe, which daprd takes
        # as "no subscriptions".
        return [self.router()] if self.subscriptions else []

    def router(self) -> APIRouter:
        router = APIRouter(tags=["dapr"], include_in_schema=False)

        async def subscribe() -> list[dict[str, Any]]:
            return self.subscription_list()

        router.add_api_route("/dapr/subscribe", subscribe, methods=["GET"])
        for subscription in self.subscriptions:
            router.add_api_route(
                self.route(subscription), self._endpoint(subscription), methods=["POST"]
            )
        return router

    def _endpoint(self, subscription: Subscription) -> Any:
        async def receive(request: Request) -> dict[str, str]:
            return {"status": await self.handle_delivery(subscription, await request.body())}

        return receive


def dapr_wire_event(event: CloudEvent) -> CloudEvent:
    """The event as sent to daprd: a `traceparent` goes with an equal `traceid`, the
    attribute daprd checks before it overwrites the trace fields with its own."""
    traceparent = event.get(TRACEPARENT)
    if traceparent and "traceid" not in event:
        return {**event, "traceid": traceparent}
    return event
