"""`todo serve`: say where it will listen before the slow part (importing the app), then
migrate only if the embedded database is behind, and run."""

from __future__ import annotations

import socket
import time

import typer


def serve_embedded(*, host: str, port: int) -> None:
    started = time.monotonic()
    typer.echo(f"Starting Todo Chatbot on http://{host}:{port} …", err=True)

    import uvicorn

    from todo_chatbot import heap
    from todo_chatbot.cli.draining import DrainingHttpProtocol
    from todo_chatbot.cli.local import migrate_embedded
    from todo_chatbot.embedded import build_embedded_app
    from todo_chatbot.observability.logging import configure_logging
    from todo_chatbot.settings import Settings

    settings = Settings()
    # OAuth metadata names the address clients reach; PUBLIC_URL overrides it (a proxy).
    settings.public_url = settings.public_url or f"http://{host}:{port}"
    configure_logging(service="todo-serve", pod=settings.pod_name, level=settings.log_level)
    migrate_embedded(settings)
    app = build_embedded_app(settings)
    heap.settle()

    class Announcing(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                elapsed = time.monotonic() - started
                typer.echo(
                    f"Todo Chatbot ready on http://{host}:{port} in {elapsed:.1f} s"
                    f"  (data: {settings.data_dir})",
                    err=True,
                )

    config = uvicorn.Config(app, host=host, port=port, log_config=None, http=DrainingHttpProtocol)
    Announcing(config).run()
