"""The task commands: on the local database, or, after `todo login`, on that server as that
account (the same REST calls as the web app; `todo logout` returns to the local database)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from todo_chatbot.cli.hints import empty_list_hint

if TYPE_CHECKING:
    import httpx
    from sqlalchemy.ext.asyncio import AsyncSession

    from todo_chatbot.services.views import TaskOut, TaskPage

# The database, services and rich are imported inside each command, when it runs: `todo
# --help` reads only these signatures.

EXPORT_VERSION = 1
IMPORTABLE = ("title", "description", "priority", "tags", "due", "remind_at", "recurrence")

Due = Annotated[str | None, typer.Option(help="YYYY-MM-DD, or a date-time with offset")]
Priority = Annotated[str | None, typer.Option("--priority", "-p", help="low, medium or high")]
Tags = Annotated[list[str] | None, typer.Option("--tag", "-t", help="Repeat for several tags")]
Description = Annotated[str | None, typer.Option("--description", "-d")]
RemindAt = Annotated[str | None, typer.Option(help="Date-time with offset")]
Recurrence = Annotated[str | None, typer.Option(help="RRULE, e.g. FREQ=WEEKLY;BYDAY=MO")]


TASKS = "/api/v1/tasks"


def _server() -> httpx.Client | None:
    """A client for the server `todo login` chose, or None to work locally."""
    from todo_chatbot.cli.remote import server_session, stored_login

    return server_session() if stored_login() is not None else None


def _remote_task(
    http: httpx.Client, method: str, path: str, expect: int, **request: Any
) -> TaskOut:
    from todo_chatbot.cli.remote import call
    from todo_chatbot.services.views import TaskOut

    return TaskOut.model_validate(call(http, method, path, expect, **request))


def _remote_page(http: httpx.Client, query: dict[str, Any]) -> TaskPage:
    from todo_chatbot.cli.remote import call
    from todo_chatbot.services.views import TaskPage

    params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in query.items()}
    given = {k: v for k, v in params.items() if v is not None}
    return TaskPage.model_validate(call(http, "GET", TASKS, 200, params=given))


def _local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


def _due_text(task: TaskOut, now: datetime) -> str:
    from todo_chatbot.domain.wording import due_text

    return "" if task.due is None else due_text(task.due, now=now, where=_local_zone())


def _is_overdue(task: TaskOut, now: datetime) -> bool:
    from todo_chatbot.domain.days import is_overdue

    return is_overdue(task.due, completed=task.completed, now=now, where=_local_zone())


def print_tasks(page: TaskPage, query: dict[str, Any]) -> None:
    if not page.items:
        typer.echo(empty_list_hint(query, total=page.total))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(show_edge=False, header_style="bold")
    for column in ("ID", "", "Title", "Priority", "Due", "Tags", "Repeats"):
        table.add_column(column)
    now = datetime.now(UTC)
    for task in page.items:
        due = _due_text(task, now)
        table.add_row(
            str(task.id),
            "✔" if task.completed else "·",
            task.title,
            task.priority.value,
            f"[red]{due} (overdue)[/red]" if _is_overdue(task, now) else due,
            " ".join(f"#{tag}" for tag in task.tags),
            "↻" if task.recurrence else "",
        )
    console.print(table)
    shown = f"{page.offset + 1}-{page.offset + len(page.items)}"
    console.print(f"{shown} of {page.total} task(s)")


def understood(text: str) -> dict[str, Any]:
    """Read dates, #tags, priority and recurrence out of a one-line task with the parser the
    web quick-add and chat use: "buy milk tomorrow #home" -> title "buy milk", due tomorrow,
    tag home."""
    from todo_chatbot.language import parse_task_line

    return parse_task_line(text, datetime.now().astimezone()).as_args()


def _summary(task: TaskOut) -> str:
    parts = [f"due {_due_text(task, datetime.now(UTC))}"] if task.due else []
    parts += [f"#{tag}" for tag in task.tags]
    if task.recurrence:
        parts.append(f"repeats {task.recurrence}")
    if task.priority.value != "medium":
        parts.append(f"{task.priority.value} priority")
    return f" ({', '.join(parts)})" if parts else ""


def add(
    title: str,
    literal: Annotated[
        bool, typer.Option("--literal", help="Keep the text as the title, unparsed")
    ] = False,
    due: Due = None,
    priority: Priority = None,
    tag: Tags = None,
    description: Description = None,
    remind_at: RemindAt = None,
    recurrence: Recurrence = None,
) -> None:
    """Add a task. Without options the text is read like chat: "pay rent every month on
    the 1st #home" gets a due date, a recurrence and a tag."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    options = {
        "due": due,
        "priority": priority,
        "tags": tag,
        "description": description,
        "remind_at": remind_at,
        "recurrence": recurrence,
    }
    given = any(value is not None for value in options.values())
    # None means "not given" to create_task, so the options pass through as they are.
    fields = {"title": title, **options} if given or literal else understood(title)

    async def action(session: AsyncSession, user_id: int) -> TaskOut:
        return await tasks.create_task(session, user_id=user_id, fields=fields)

    if (http := _server()) is not None:
        with http:
            body = {k: v for k, v in fields.items() if v is not None}
            task = _remote_task(http, "POST", TASKS, 201, json=body)
    else:
        task = run_local(action)
    typer.echo(f"Added task {task.id}: {task.title}{_summary(task)}")


def list_(
    status: Annotated[str, typer.Option(help="pending, completed or all")] = "pending",
    priority: Priority = None,
    tag: Tags = None,
    search: Annotated[str | None, typer.Option("--search", "-q")] = None,
    overdue: Annotated[bool, typer.Option("--overdue")] = False,
    sort: Annotated[str, typer.Option(help="due, priority, created or title")] = "due",
    order: Annotated[str, typer.Option(help="asc or desc")] = "asc",
    limit: Annotated[int, typer.Option()] = 50,
    offset: Annotated[int, typer.Option()] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """List tasks as a table (pending ones by default)."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    query = {
        "status": status,
        "priority": priority,
        "tag": tag,
        "q": search,
        "overdue": overdue or None,
        "sort": sort,
        "order": order,
        "limit": limit,
        "offset": offset,
    }

    async def action(session: AsyncSession, user_id: int) -> TaskPage:
        return await tasks.list_tasks(session, user_id=user_id, query=query)

    if (http := _server()) is not None:
        with http:
            page = _remote_page(http, query)
    else:
        page = run_local(action)
    if as_json:
        typer.echo(page.model_dump_json(indent=2))
    else:
        print_tasks(page, query)


def done(task_id: int) -> None:
    """Mark a task completed."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    async def action(session: AsyncSession, user_id: int) -> TaskOut:
        return await tasks.complete_task(session, user_id=user_id, task_id=task_id)

    if (http := _server()) is not None:
        with http:
            task = _remote_task(http, "POST", f"{TASKS}/{task_id}/complete", 200)
    else:
        task = run_local(action)
    typer.echo(f"Completed task {task.id}: {task.title}")


def reopen(task_id: int) -> None:
    """Mark a completed task pending again."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    async def action(session: AsyncSession, user_id: int) -> TaskOut:
        return await tasks.reopen_task(session, user_id=user_id, task_id=task_id)

    if (http := _server()) is not None:
        with http:
            task = _remote_task(http, "POST", f"{TASKS}/{task_id}/reopen", 200)
    else:
        task = run_local(action)
    typer.echo(f"Reopened task {task.id}: {task.title}")


def rm(task_id: int) -> None:
    """Delete a task."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    async def action(session: AsyncSession, user_id: int) -> TaskOut:
        return await tasks.delete_task(session, user_id=user_id, task_id=task_id)

    if (http := _server()) is not None:
        from todo_chatbot.cli.remote import call

        with http:
            task = _remote_task(http, "GET", f"{TASKS}/{task_id}", 200)
            call(http, "DELETE", f"{TASKS}/{task_id}", 204)
    else:
        task = run_local(action)
    typer.echo(f"Deleted task {task.id}: {task.title}")


def edit(
    task_id: int,
    title: Annotated[str | None, typer.Option()] = None,
    due: Due = None,
    priority: Priority = None,
    tag: Tags = None,
    description: Description = None,
    remind_at: RemindAt = None,
    recurrence: Recurrence = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(help="Clear a field: due, remind_at, recurrence, tags, description"),
    ] = None,
) -> None:
    """Change some fields of a task."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    options = {
        "title": title,
        "due": due,
        "priority": priority,
        "tags": tag,
        "description": description,
        "remind_at": remind_at,
        "recurrence": recurrence,
    }
    # In an update None would clear a field, so only the options given are changes.
    changes: dict[str, Any] = {k: v for k, v in options.items() if v is not None}
    for name in clear or []:
        changes[name] = None
    if not changes:
        typer.secho("error: nothing to change; pass an option such as --title", err=True)
        raise typer.Exit(2)

    async def action(session: AsyncSession, user_id: int) -> TaskOut:
        return await tasks.update_task(session, user_id=user_id, task_id=task_id, changes=changes)

    if (http := _server()) is not None:
        with http:
            task = _remote_task(http, "PATCH", f"{TASKS}/{task_id}", 200, json=changes)
    else:
        task = run_local(action)
    typer.echo(f"Updated task {task.id}: {task.title}")


def export(
    path: Annotated[Path, typer.Argument(help="Output file; '-' for stdout")] = Path("tasks.json"),
) -> None:
    """Write every task to a tasks.json file."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.services import tasks

    def query(offset: int) -> dict[str, Any]:
        return {"status": "all", "sort": "created", "limit": 200, "offset": offset}

    async def action(session: AsyncSession, user_id: int) -> list[TaskOut]:
        items: list[TaskOut] = []
        while True:
            page = await tasks.list_tasks(session, user_id=user_id, query=query(len(items)))
            items.extend(page.items)
            if len(items) >= page.total or not page.items:
                return items

    if (http := _server()) is not None:
        items: list[TaskOut] = []
        with http:
            while page := _remote_page(http, query(len(items))).items:
                items.extend(page)
    else:
        items = run_local(action)
    document = {
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "tasks": [task.model_dump(mode="json") for task in items],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if str(path) == "-":
        sys.stdout.write(text + "\n")
        return
    path.write_text(text + "\n", encoding="utf-8")
    typer.echo(f"Exported {len(items)} task(s) to {path}")


def _records(path: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        typer.secho(f"error: cannot read {path}: {exc}", err=True, fg="red")
        raise typer.Exit(2) from None
    records = document.get("tasks") if isinstance(document, dict) else document
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        typer.secho('error: expected a list of tasks or {"tasks": [...]}', err=True, fg="red")
        raise typer.Exit(2)
    return records


def _completed_at(record: dict[str, Any]) -> datetime | None:
    """When an exported task was done (its export time if the file has none), or None."""
    from todo_chatbot.domain.errors import InvalidInput
    from todo_chatbot.domain.tasks import parse_instant

    if record.get("completed") is not True:
        return None
    try:
        return parse_instant(record.get("completed_at") or datetime.now(UTC))
    except ValueError as exc:
        raise InvalidInput.single("completed_at", str(exc)) from None


def import_(path: Annotated[Path, typer.Argument(help="A tasks.json file")]) -> None:
    """Add the tasks from a tasks.json file, as they were (done or not, in their series): all
    of them, or none if one is invalid."""
    from todo_chatbot.cli.local import run_local
    from todo_chatbot.cli.remote import stored_login
    from todo_chatbot.domain.errors import FieldProblem, InvalidInput
    from todo_chatbot.services import tasks

    records = _records(path)
    if stored_login() is not None:
        typer.secho("error: import writes to the local database; run `todo logout` first", err=True)
        raise typer.Exit(2)

    async def action(session: AsyncSession, user_id: int) -> int:
        for index, record in enumerate(records):
            fields = {key: record[key] for key in IMPORTABLE if key in record}
            try:
                completed_at = _completed_at(record)
                await tasks.import_task(
                    session,
                    user_id=user_id,
                    fields=fields,
                    completed_at=completed_at,
                    series_id=record.get("series_id") if fields.get("recurrence") else None,
                )
            except InvalidInput as exc:
                problems = [
                    FieldProblem(f"tasks[{index}].{p.field}", p.message) for p in exc.problems
                ]
                raise InvalidInput(problems) from None
        return len(records)

    count = run_local(action)
    typer.echo(f"Imported {count} task(s) from {path}")


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command("list")(list_)
    app.command()(done)
    app.command()(reopen)
    app.command()(rm)
    app.command()(edit)
    app.command()(export)
    app.command("import")(import_)
