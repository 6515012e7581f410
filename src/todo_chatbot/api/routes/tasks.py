from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from todo_chatbot.api.deps import SessionDep, UserIdDep
from todo_chatbot.api.schemas import TaskCreateIn, TaskPatchIn
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut, TaskPage

router = APIRouter(prefix="/api/v1/tasks", tags=["tasks"])

OptionalText = Annotated[str | None, Query()]


@router.post("", status_code=201)
async def create(body: TaskCreateIn, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    fields = body.model_dump(exclude_unset=True)
    return await tasks.create_task(session, user_id=user_id, fields=fields)


@router.get("")
async def list_(
    session: SessionDep,
    user_id: UserIdDep,
    q: OptionalText = None,
    status: OptionalText = None,
    priority: OptionalText = None,
    tag: Annotated[list[str] | None, Query()] = None,
    due_before: OptionalText = None,
    due_after: OptionalText = None,
    overdue: OptionalText = None,
    sort: OptionalText = None,
    order: OptionalText = None,
    limit: OptionalText = None,
    offset: OptionalText = None,
) -> TaskPage:
    query = {
        "q": q,
        "status": status,
        "priority": priority,
        "tags": tag,
        "due_before": due_before,
        "due_after": due_after,
        "overdue": overdue,
        "sort": sort,
        "order": order,
        "limit": limit,
        "offset": offset,
    }
    return await tasks.list_tasks(session, user_id=user_id, query=query)


@router.get("/{task_id}")
async def get(task_id: int, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.get_task(session, user_id=user_id, task_id=task_id)


@router.patch("/{task_id}")
async def update(
    task_id: int, body: TaskPatchIn, session: SessionDep, user_id: UserIdDep
) -> TaskOut:
    changes = body.model_dump(exclude_unset=True)
    return await tasks.update_task(session, user_id=user_id, task_id=task_id, changes=changes)


@router.delete("/{task_id}", status_code=204)
async def delete(task_id: int, session: SessionDep, user_id: UserIdDep) -> Response:
    await tasks.delete_task(session, user_id=user_id, task_id=task_id)
    return Response(status_code=204)


@router.post("/{task_id}/complete")
async def complete(task_id: int, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.complete_task(session, user_id=user_id, task_id=task_id)


@router.post("/{task_id}/reopen")
async def reopen(task_id: int, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.reopen_task(session, user_id=user_id, task_id=task_id)
