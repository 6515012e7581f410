"""Run one worker process under uvicorn."""

from __future__ import annotations

import uvicorn

from todo_chatbot import heap
from todo_chatbot.observability.logging import configure_logging
from todo_chatbot.settings import Settings
from todo_chatbot.workers.app import create_worker_app
from todo_chatbot.workers.roles import Role


def run_worker(role: Role, *, host: str, port: int, settings: Settings | None = None) -> None:
    settings = settings or Settings()
    service = f"todo-{role.value}"
    settings = settings.model_copy(update={"service_name": service})
    configure_logging(service=service, pod=settings.pod_name, level=settings.log_level)
    app = create_worker_app(role, settings)
    heap.settle()
    uvicorn.run(app, host=host, port=port, log_config=None)
