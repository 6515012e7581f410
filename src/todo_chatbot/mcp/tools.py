"""The six task tools of SPEC §5. Each runs one task service call in its own transaction,
so a tool call and its outbox events land together or not at all, exactly as over REST."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal, TypeVar

from mcp.server import MCPServer
from mcp.server.mcpserver.context import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from todo_chatbot.domain.errors import InvalidInput, NotFound
from todo_chatbot.domain.ids import RowId
from todo_chatbot.domain.queries import Bound, Limit, Overdue, When, Words
from todo_chatbot.domain.tasks import (
    EDITABLE_FIELDS,
    Description,
    DueField,
    PriorityField,
    Recurrence,
    RemindAt,
    Tags,
    Title,
)
from todo_chatbot.mcp.identity import IdentityError, caller_user_id
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut, TaskPage
from todo_chatbot.store.db import Database

T = TypeVar("T")

# The argument types are the task model's own (domain.tasks / domain.queries): the same
# rules, limits and descriptions as REST, shown in each tool's input schema.
TaskId = Annotated[RowId, Field(description="The task's id")]
UserId = Annotated[
    str | int | None,
    Field(description="Optional; if given it must be the authenticated user's own id"),
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


def _task_fields(arguments: dict[str, Any]) -> dict[str, Any]:
    """The task fields among a tool's arguments (None where not given)."""
    return {name: arguments[name] for name in EDITABLE_FIELDS}


def _sent_arguments(ctx: Context[Any, Any]) -> set[str]:
    """The argument names the client actually sent: a left-out field and a null one both
    arrive as None, but only the null one means "clear it"."""
    params = ctx.request_context.params or {}
    arguments = params.get("arguments") or {}
    return set(arguments) & EDITABLE_FIELDS


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
        priority: PriorityField | None = None,
        tags: Tags = None,
        due: DueField = None,
        remind_at: RemindAt = None,
        recurrence: Recurrence = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskOut]:
        """Create a task for the user and return it."""
        fields = _task_fields(locals())
        task = await self._run(
            user_id, lambda s, uid: tasks.create_task(s, user_id=uid, fields=fields)
        )
        return _result(f"Added task {_label(task)}.", task)

    async def list_tasks(
        self,
        status: Annotated[
            Literal["pending", "completed", "all"] | None, Field(description="Default: all")
        ] = None,
        priority: PriorityField | None = None,
        tag: Annotated[
            str | list[str] | None, Field(description="Tag or tags; a task must have all of them")
        ] = None,
        q: Words | None = None,
        due_before: Bound = None,
        due_after: Bound = None,
        overdue: Overdue | None = None,
        when: When = None,
        completed_after: Bound = None,
        completed_before: Bound = None,
        sort: Annotated[
            Literal["due", "priority", "created", "title"] | None,
            Field(description="Default: created"),
        ] = None,
        order: Annotated[Literal["asc", "desc"] | None, Field(description="Default: asc")] = None,
        limit: Limit | None = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskList]:
        """Search and filter the user's tasks."""
        query = {  # None means "not given"
            "status": status,
            "priority": priority,
            "tag": [tag] if isinstance(tag, str) else tag,
            "q": q,
            "due_before": due_before,
            "due_after": due_after,
            "overdue": overdue,
            "when": when,
            "completed_after": completed_after,
            "completed_before": completed_before,
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
        ctx: Context[Any, Any],
        task_id: TaskId,
        title: Annotated[Title | None, Field(description="New title")] = None,
        description: Description = None,
        priority: PriorityField | None = None,
        tags: Annotated[Tags, Field(description="Replaces all tags; [] or null clears")] = None,
        due: DueField = None,
        remind_at: RemindAt = None,
        recurrence: Recurrence = None,
        user_id: UserId = None,
    ) -> Annotated[CallToolResult, TaskOut]:
        """Change some fields of a task: fields left out stay as they are, a field sent as
        null is cleared (due, remind_at, recurrence, description, tags)."""
        sent = _sent_arguments(ctx)
        changes = {name: value for name, value in _task_fields(locals()).items() if name in sent}
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
