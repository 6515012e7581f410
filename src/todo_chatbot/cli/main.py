"""`todo`: one command, many roles — the embedded server, each cluster process, and the
console task commands.

Startup is part of the interface: this module and the command modules import only typer
and the standard library at the top; a command imports SQLAlchemy, FastAPI, mcp or the
agents when it runs (bench/cli_startup.py measures it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from todo_chatbot.cli import agent_cmd, chat_cmd, login_cmd, mcp_cmd, tasks_cmd, worker_cmd

if TYPE_CHECKING:
    from todo_chatbot.settings import Settings

app = typer.Typer(
    help="Todo Chatbot: tasks by CLI, REST, web UI or chat.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: rendering it with rich would import rich, most of the --help budget.
    rich_markup_mode=None,
)

Host = Annotated[str, typer.Option(help="Interface to listen on")]
Port = Annotated[int, typer.Option(help="TCP port")]


def _logging(settings: Settings, service: str) -> None:
    from todo_chatbot.observability.logging import configure_logging

    configure_logging(
        service=settings.service_name if service == "todo-api" else service,
        pod=settings.pod_name,
        level=settings.log_level,
    )


@app.command()
def serve(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Run everything in one process: API, web UI, MCP server and workers, on SQLite."""
    from todo_chatbot.cli.serving import serve_embedded

    serve_embedded(host=host, port=port)


@app.command()
def api(
    host: Host = "0.0.0.0",  # noqa: S104 - containers listen on all interfaces
    port: Port = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
) -> None:
    """Run the HTTP API only (for containers; migrations are a separate step). On SQLite
    it runs one worker: SQLite has one write lock per file, and writers in one process
    queue in order, where writers in several would wait in SQLite's sleeping retries."""
    import uvicorn

    from todo_chatbot.cli.draining import DrainingHttpProtocol
    from todo_chatbot.observability.metrics import prepare_multiprocess
    from todo_chatbot.settings import Settings

    settings = Settings()
    _logging(settings, "todo-api")
    if workers > 1 and settings.async_database_url.startswith("sqlite"):
        typer.echo(f"SQLite: running 1 worker, not {workers} (one writer at a time)", err=True)
        workers = 1
    prepare_multiprocess(workers)
    uvicorn.run(
        "todo_chatbot.cluster:create_api_process",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # A spawned worker answers the supervisor's ping only once it has imported the app,
        # which takes longer than uvicorn's 5 s on a pod with a small CPU limit.
        timeout_worker_healthcheck=60,
        log_config=None,
        proxy_headers=True,
        http=DrainingHttpProtocol,
    )


@app.command()
def migrate() -> None:
    """Apply database migrations, then exit."""
    from todo_chatbot.settings import Settings
    from todo_chatbot.store.migrate import run_migrations

    settings = Settings()
    _logging(settings, "todo-migrate")
    run_migrations(settings.async_database_url)
    typer.echo("Database is up to date.")


tasks_cmd.register(app)
# Commands from other entry points register below.
mcp_cmd.register(app)
agent_cmd.register(app)
chat_cmd.register(app)
login_cmd.register(app)
worker_cmd.register(app)
