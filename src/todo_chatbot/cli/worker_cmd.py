"""`todo worker relay|recurring|scheduler|notifier`: one event worker per process."""

from __future__ import annotations

from typing import Annotated

import typer

from todo_chatbot.workers.roles import Role


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        role: Annotated[Role, typer.Argument(help="Which worker to run")],
        host: Annotated[str, typer.Option(help="Interface to listen on")] = "0.0.0.0",  # noqa: S104 - containers listen on all interfaces
        port: Annotated[int, typer.Option(help="TCP port (health, metrics, Dapr)")] = 8002,
    ) -> None:
        """Run an event worker: the outbox relay, the recurring-task service, the reminder
        scheduler or the notifier, with /health, /ready, /metrics and its Dapr routes."""
        from todo_chatbot.workers.runner import run_worker

        run_worker(role, host=host, port=port)
