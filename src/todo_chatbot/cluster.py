"""`todo api` in a cluster: the API plus the live-update feed its SSE streams read from
`task-updates` (through Dapr or Kafka). Workers run as their own processes there."""

from __future__ import annotations

from fastapi import FastAPI

from todo_chatbot import heap
from todo_chatbot.api.app import create_app
from todo_chatbot.workers.background import live_updates


def create_api_process() -> FastAPI:
    """Factory for uvicorn (`--factory`), so each worker process builds its own app."""
    app = create_app(background=[live_updates])
    heap.settle()
    return app
