"""The six task tools of SPEC §5. Each runs one task service call in its own transaction,
so a tool call and its outbox events land together or not at all, exactly as over REST."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal, TypeVar

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import InvalidInput, NotFound
from todo_chatbot.domain.queries import LIMIT_MAX
from todo_chatbot.mcp.identity import IdentityError, caller_user_id
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut, TaskPage
from todo_chatbot.store.db import Database

T = TypeVar("T")

TaskId = Annotated[int, Field(ge=1, description="The task's id")]
UserId = Annotated[
    str | int | None,
    Field(description="Optional; if given it must be the authenticated user's own id"),
]
Title = Annotated[str, Field(description="What to do (1-200 characters)")]
Description = Annotated[str | None, Field(description="Longer notes (up to 4000 characters)")]
PriorityArg = Annotated[Literal["low", "medium", "high"] | None, Field(description="Priority")]
Tags = Annotated[
    list[str] | None, Field(description="Lowercase slugs without '#', e.g. ['work', 'home']")
]
Due = Annotated[
    str | None,
    Field(
        description="YYYY-MM-DD for an all-day task, or an ISO-8601 date-time with UTC offset "
        "(2026-11-24T17:00:00-05:00); an empty string clears it on update"
    ),
]
RemindAt = Annotated[
    str | None,
    Field(description="ISO-8601 date-time with UTC offset; an empty string clears it on update"),
]
Recurrence = Annotated[
    str | None,
    Field(
        description="RFC 5545 RRULE without 'RRULE:', e.g. FREQ=WEEKLY;BYDAY=MO,WE; "
        "an empty string clears it on update"
    ),
]

TOOL_NAMES = frozenset(
    ("add_task", "list_tasks", "update_task", "complete_task", "reopen_task", "delete_task")
)

READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)
CREATES = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)
CHANGES = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)
DESTROYS = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False
)


class DeletedTask(TaskOut):
    deleted: bool = True


class TaskList(BaseModel):
    items: list[TaskOut]
    total: int


def _given(**fields: object) -> dict[str, object]:
    return {name: value for name, value in fields.items() if value is not None}


def _cleared(fields: dict[str, object], *names: str) -> dict[str, object]:
    """On update an empty string clears these optional fields."""
    for name in names:
        if isinstance(fields.get(name), str) and not str(fields[name]).strip():
            fields[name] = None
    return fields


def _label(task: TaskOut) -> str:
    due = f", due {task.due.isoformat()}" if task.due is not None else ""
    state = "done" if task.completed else task.priority.value
    return f'#{task.id} "{task.title}" ({state}{due})'


def _result(text: str, data: BaseModel) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=data.model_dump(mode="json"),
    )


class TaskTools:
    """The tools bound to one database; the caller's identity comes from each request."""

    def __init__(self, database: Database, *, local_user_id: int | None = None) -> None:
        self._database = database
        self._local_user_id = local_user_id

    async def _run(
        self,
        claimed_user: str | int | None,
        action: Callable[[AsyncSession, int], Awaitable[T]],
        *,
        task_id: int | None = None,
    ) -> T:
        try:
            user_id = caller_user_id(local_user_id=self._local_user_id, claimed=claimed_user)
            async with self._database.transaction() as session:
                return await action(session, user_id)
        except IdentityError as exc:
            raise ToolError(str(exc)) from None
        except InvalidInput as exc:
            raise ToolError(f"invalid input: {exc}") from None
        except NotFound as exc:
            ident = f" {task_id}" if task_id is not None else ""
            raise ToolError(f"{exc.resource}{ident} not found") from None

    async def add_task(
        self,
        title: Title,
        description: Description = None,
        priority: PriorityArg = None,
        tags: Tags = None,
        due: Due = None,
        remind_at: RemindAt = None,
        recurrence: Recurrence = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskOut]:
        """Create a task for the user and return it."""
        # None (or "") means "not given"; the domain applies the defaults.
        fields = {
            "title": title,
            "description": description,
            "priority": priority,
            "tags": tags,
            "due": due or None,
            "remind_at": remind_at or None,
            "recurrence": recurrence or None,
        }
        task = await self._run(
            user_id, lambda s, uid: tasks.create_task(s, user_id=uid, fields=fields)
        )
        return _result(f"Added task {_label(task)}.", task)

    async def list_tasks(
        self,
        status: Annotated[
            Literal["pending", "completed", "all"] | None, Field(description="Default: all")
        ] = None,
        priority: PriorityArg = None,
        tag: Annotated[
            str | list[str] | None, Field(description="Tag or tags; a task must have all of them")
        ] = None,
        q: Annotated[str | None, Field(description="Words to find in title or description")] = None,
        due_before: Annotated[str | None, Field(description="Date or date-time, inclusive")] = None,
        due_after: Annotated[str | None, Field(description="Date or date-time, inclusive")] = None,
        overdue: Annotated[bool | None, Field(description="Only open tasks past due")] = None,
        sort: Annotated[
            Literal["due", "priority", "created", "title"] | None,
            Field(description="Default: created"),
        ] = None,
        order: Annotated[Literal["asc", "desc"] | None, Field(description="Default: asc")] = None,
        limit: Annotated[int | None, Field(ge=1, le=LIMIT_MAX, description="Default: 50")] = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskList]:
        """Search and filter the user's tasks."""
        query = {  # None means "not given" to build_query
            "status": status,
            "priority": priority,
            "tags": [tag] if isinstance(tag, str) else tag,
            "q": q,
            "due_before": due_before,
            "due_after": due_after,
            "overdue": overdue,
            "sort": sort,
            "order": order,
            "limit": limit,
        }
        page: TaskPage = await self._run(
            user_id, lambda s, uid: tasks.list_tasks(s, user_id=uid, query=query)
        )
        listing = TaskList(items=page.items, total=page.total)
        if not page.items:
            return _result("No tasks found.", listing)
        lines = [f"{page.total} task(s):", *(f"- {_label(task)}" for task in page.items)]
        return _result("\n".join(lines), listing)

    async def update_task(
        self,
        task_id: TaskId,
        title: Annotated[str | None, Field(description="New title")] = None,
        description: Description = None,
        priority: PriorityArg = None,
        tags: Annotated[list[str] | None, Field(description="Replaces all tags; [] clears")] = None,
        due: Due = None,
        remind_at: RemindAt = None,
        recurrence: Recurrence = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskOut]:
        """Change some fields of a task; fields left out stay as they are."""
        changes = _cleared(
            _given(
                title=title,
                description=description,
                priority=priority,
                tags=tags,
                due=due,
                remind_at=remind_at,
                recurrence=recurrence,
            ),
            "due",
            "remind_at",
            "recurrence",
        )
        task = await self._run(
            user_id,
            lambda s, uid: tasks.update_task(s, user_id=uid, task_id=task_id, changes=changes),
            task_id=task_id,
        )
        return _result(f"Updated task {_label(task)}.", task)

    async def complete_task(
        self, task_id: TaskId, user_id: UserId = None
    ) -> Annotated[CallToolResult, TaskOut]:
        """Mark a task done (a recurring task's next instance follows)."""
        task = await self._run(
            user_id,
            lambda s, uid: tasks.complete_task(s, user_id=uid, task_id=task_id),
            task_id=task_id,
        )
        return _result(f"Completed task {_label(task)}.", task)

    async def reopen_task(
        self, task_id: TaskId, user_id: UserId = None
    ) -> Annotated[CallToolResult, TaskOut]:
        """Mark a completed task as not done again."""
        task = await self._run(
            user_id,
            lambda s, uid: tasks.reopen_task(s, user_id=uid, task_id=task_id),
            task_id=task_id,
        )
        return _result(f"Reopened task {_label(task)}.", task)

    async def delete_task(
        self, task_id: TaskId, user_id: UserId = None
    ) -> Annotated[CallToolResult, DeletedTask]:
        """Delete a task for good."""
        task = await self._run(
            user_id,
            lambda s, uid: tasks.delete_task(s, user_id=uid, task_id=task_id),
            task_id=task_id,
        )
        deleted = DeletedTask(**task.model_dump())
        return _result(f"Deleted task {_label(task)}.", deleted)

    def register(self, server: MCPServer[Any]) -> None:
        server.add_tool(self.add_task, title="Add a task", annotations=CREATES)
        server.add_tool(self.list_tasks, title="List tasks", annotations=READ_ONLY)
        server.add_tool(self.update_task, title="Update a task", annotations=CHANGES)
        server.add_tool(self.complete_task, title="Complete a task", annotations=CHANGES)
        server.add_tool(self.reopen_task, title="Reopen a task", annotations=CHANGES)
        server.add_tool(self.delete_task, title="Delete a task", annotations=DESTROYS)
