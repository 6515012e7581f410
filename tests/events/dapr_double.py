"""A stand-in for the Dapr sidecar's HTTP pub/sub contract (no daprd binary here).

Publish: POST /v1.0/publish/<pubsub>/<topic>. `application/cloudevents+json` bodies are
taken as the CloudEvent (Dapr adds `pubsubname`, `topic` and trace attributes); other bodies
are wrapped in a CloudEvent unless `metadata.rawPayload=true`. Answers 204, or 404 for an
unknown component. Subscriptions come from the app's GET /dapr/subscribe; each message is
POSTed to its route as `application/cloudevents+json`. App replies, as documented: 2xx with
`{"status": "SUCCESS"}` or an empty body → done; `RETRY`, an unknown status or a non-2xx
other than 404 → retried by the resiliency policy, then sent to `deadLetterTopic`; `DROP` →
sent to `deadLetterTopic` without retrying; 404 → dropped.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response


@dataclass
class Published:
    pubsub: str
    topic: str
    content_type: str
    partition_key: str | None
    event: dict[str, Any]


@dataclass
class Delivery:
    topic: str
    route: str
    attempt: int
    outcome: str  # SUCCESS / RETRY / DROP / ERROR <status> / NOT FOUND


@dataclass
class SidecarDouble:
    components: set[str] = field(default_factory=lambda: {"pubsub", "pubsub-live"})
    max_retries: int = 3
    retry_interval: float = 0.02
    published: list[Published] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    dead_letters: defaultdict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    subscriptions: list[dict[str, Any]] = field(default_factory=list)
    app_url: str | None = None
    _pending: set[asyncio.Task[None]] = field(default_factory=set)

    async def connect_app(self, app_url: str) -> None:
        """What daprd does at start: ask the app for its subscriptions."""
        self.app_url = app_url
        async with httpx.AsyncClient(base_url=app_url) as http:
            response = await http.get("/dapr/subscribe")
            response.raise_for_status()
            self.subscriptions = list(response.json())

    def asgi(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1.0/healthz/outbound")
        async def healthz() -> Response:
            return Response(status_code=204)

        @app.post("/v1.0/publish/{pubsub}/{topic}")
        async def publish(pubsub: str, topic: str, request: Request) -> Response:
            if pubsub not in self.components:
                return Response(status_code=404)
            body = await request.body()
            content_type = request.headers.get("content-type", "text/plain")
            raw = request.query_params.get("metadata.rawPayload") == "true"
            event = self._envelope(pubsub, topic, body, content_type, raw)
            self.published.append(
                Published(
                    pubsub,
                    topic,
                    content_type,
                    request.query_params.get("metadata.partitionKey"),
                    event,
                )
            )
            self.deliver_later(pubsub, topic, event)
            return Response(status_code=204)

        return app

    @staticmethod
    def _envelope(
        pubsub: str, topic: str, body: bytes, content_type: str, raw: bool
    ) -> dict[str, Any]:
        trace = {"traceparent": f"00-{uuid.uuid4().hex}-{uuid.uuid4().hex[:16]}-01"}
        if content_type.startswith("application/cloudevents+json"):
            event = dict(json.loads(body))
        else:
            data: Any = (
                json.loads(body) if content_type.startswith("application/json") else body.decode()
            )
            event = {
                "specversion": "1.0",
                "id": str(uuid.uuid4()),
                "source": "dapr-double",
                "type": "com.dapr.event.sent",
                "datacontenttype": content_type,
                "data": data,
            }
            if raw:
                return {"data": data}
        return {**event, "pubsubname": pubsub, "topic": topic, **trace}

    def deliver_later(self, pubsub: str, topic: str, event: dict[str, Any]) -> None:
        for subscription in self.subscriptions:
            if subscription["pubsubname"] == pubsub and subscription["topic"] == topic:
                task = asyncio.create_task(self._deliver(subscription, event))
                self._pending.add(task)
                task.add_done_callback(self._pending.discard)

    async def _deliver(self, subscription: dict[str, Any], event: dict[str, Any]) -> None:
        assert self.app_url is not None
        route = subscription["route"]
        async with httpx.AsyncClient(base_url=self.app_url, timeout=10) as http:
            for attempt in range(1, self.max_retries + 2):
                response = await http.post(
                    route,
                    content=json.dumps(event),
                    headers={"Content-Type": "application/cloudevents+json"},
                )
                outcome = self._outcome(response)
                self.deliveries.append(Delivery(subscription["topic"], route, attempt, outcome))
                if outcome in {"SUCCESS", "NOT FOUND"}:
                    return
                if outcome == "DROP":
                    break
                await asyncio.sleep(self.retry_interval * 2 ** (attempt - 1))
        dead_letter_topic = subscription.get("deadLetterTopic")
        if dead_letter_topic:
            self.dead_letters[dead_letter_topic].append(event)

    @staticmethod
    def _outcome(response: httpx.Response) -> str:
        if response.status_code == 404:
            return "NOT FOUND"
        if not response.is_success:
            return f"ERROR {response.status_code}"
        if not response.content:
            return "SUCCESS"
        status = str(response.json().get("status", "")).upper() or "SUCCESS"
        return status if status in {"SUCCESS", "RETRY", "DROP"} else "RETRY"
