"""`todo agent eval FILE.jsonl`: score an engine's planning (nothing is written)."""

from __future__ import annotations

import asyncio
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from todo_chatbot.agent.evaluation import EvalReport

agent_app = typer.Typer(
    help="Checks of the chat assistant's engines.", no_args_is_help=True, rich_markup_mode=None
)


def _show(value: Any) -> str:
    from todo_chatbot.agent.plan import Plan

    if isinstance(value, Plan):
        if value.kind != "tools":
            return json.dumps({"tool": value.kind, "reply": value.reply})
        value = [{"tool": call.tool, "args": call.args} for call in value.calls]
    return json.dumps(value, default=str, sort_keys=True)


class EvalEngine(StrEnum):
    rules = "rules"
    openai = "openai"


@agent_app.command("eval")
def eval_(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Intent cases, one JSON per line")
    ],
    min_accuracy: Annotated[
        float, typer.Option(min=0, max=1, help="Exit 1 below this share of passing cases")
    ] = 0.0,
    engine: Annotated[
        EvalEngine,
        typer.Option(
            help="rules (offline), or openai: any OpenAI-compatible Chat Completions server, "
            "with the key from OPENAI_API_KEY (or its file in SECRETS_DIR)"
        ),
    ] = EvalEngine.rules,
    base_url: Annotated[
        str | None,
        typer.Option(help="openai: the server's /v1 URL [default: OPENAI_BASE_URL, else OpenAI]"),
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="openai: the model [default: OPENAI_MODEL, gpt-4o-mini]")
    ] = None,
) -> None:
    """Plan every case with the engine and report the ones that miss.

    Nothing is written: the openai engine is offered the chat tools, `list_tasks` is
    answered with the case's tasks, and the first other tool it calls is its plan. Exit 2
    when the model server cannot be reached or refuses the request.
    """
    from todo_chatbot.agent.evaluation import ModelUnavailable, evaluate_file

    if engine is EvalEngine.rules:
        report = evaluate_file(file)
    else:
        try:
            report = asyncio.run(_evaluate_with_model(file, base_url=base_url, model=model))
        except (ModelUnavailable, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
    for failure in report.failures:
        text, expected, got = failure.text, failure.expected, failure.got
        typer.echo(f"FAIL {text!r}\n  expected: {_show(expected)}\n  got:      {_show(got)}")
    typer.echo(f"intent accuracy: {report.passed}/{report.total}")
    if report.total and report.passed / report.total < min_accuracy:
        raise typer.Exit(1)


async def _evaluate_with_model(
    file: Path, *, base_url: str | None, model: str | None
) -> EvalReport:
    import openai
    from pydantic import ValidationError

    from todo_chatbot.agent.evaluation import ModelPlanner, evaluate_file_with
    from todo_chatbot.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        raise ValueError(f"invalid settings: {exc}") from None
    if settings.openai_api_key is None:
        raise ValueError("--engine openai needs OPENAI_API_KEY (any value for a local server)")
    client = openai.AsyncOpenAI(
        api_key=settings.openai_api_key.get_secret_value(),
        base_url=base_url or settings.openai_base_url,
        max_retries=1,
        timeout=120,
    )
    async with client:
        planner = ModelPlanner(
            client, model=model or settings.openai_model, tools=await _chat_tools()
        )
        return await evaluate_file_with(file, planner)


async def _chat_tools() -> list[dict[str, Any]]:
    """The MCP tools the chat engine offers, as Chat Completions function tools. The server
    is only asked for its tool list; its database is never opened."""
    from todo_chatbot.mcp.server import build_mcp_server
    from todo_chatbot.store.db import Database

    database = Database("sqlite+aiosqlite:///:memory:")
    try:
        server = build_mcp_server(database, secret=None, local_user_id=0)
        tools = await server.list_tools()
    finally:
        await database.dispose()
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description or "",
                "parameters": tool.input_schema,
            },
        }
        for tool in tools
    ]


def register(app: typer.Typer) -> None:
    app.add_typer(agent_app, name="agent")
