"""`todo agent eval FILE.jsonl`: score the rules engine's planning (nothing is written)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

agent_app = typer.Typer(
    help="The chat assistant's offline checks.", no_args_is_help=True, rich_markup_mode=None
)


def _show(value: Any) -> str:
    from todo_chatbot.agent.plan import Plan

    if isinstance(value, Plan):
        if value.kind != "tools":
            return json.dumps({"tool": value.kind, "reply": value.reply})
        value = [{"tool": call.tool, "args": call.args} for call in value.calls]
    return json.dumps(value, default=str, sort_keys=True)


@agent_app.command("eval")
def eval_(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Intent cases, one JSON per line")
    ],
    min_accuracy: Annotated[
        float, typer.Option(min=0, max=1, help="Exit 1 below this share of passing cases")
    ] = 0.0,
) -> None:
    """Plan every case with the rules engine and report the ones that miss."""
    from todo_chatbot.agent.evaluation import evaluate_file

    report = evaluate_file(file)
    for failure in report.failures:
        text, expected, got = failure.text, failure.expected, failure.got
        typer.echo(f"FAIL {text!r}\n  expected: {_show(expected)}\n  got:      {_show(got)}")
    typer.echo(f"intent accuracy: {report.passed}/{report.total}")
    if report.total and report.passed / report.total < min_accuracy:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(agent_app, name="agent")
