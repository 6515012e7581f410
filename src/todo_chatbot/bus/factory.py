"""EVENT_BUS selects the adapter."""

from __future__ import annotations

from todo_chatbot.bus.base import Bus
from todo_chatbot.bus.dapr import DaprBus
from todo_chatbot.bus.kafka import KafkaBus
from todo_chatbot.bus.memory import MemoryBus
from todo_chatbot.settings import EventBusKind, Settings


def create_bus(settings: Settings, *, client_id: str) -> Bus:
    if settings.event_bus is EventBusKind.kafka:
        return KafkaBus(bootstrap_servers=settings.kafka_bootstrap_servers, client_id=client_id)
    if settings.event_bus is EventBusKind.dapr:
        return DaprBus(http_port=settings.dapr_http_port, pubsub=settings.dapr_pubsub_name)
    return MemoryBus()
