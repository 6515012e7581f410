"""Hackathon routes: `/api/{user_id}/tasks…`, where user_id must be the caller's own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from todo_chatbot.api.deps import PathUserIdDep, SessionDep
from todo_chatbot.api.schemas import CompatTaskIn
from todo_chatbot.domain.queries import LIMIT_MAX
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut

router = APIRouter(prefix="/api/{user_id}/tasks", tags=["hackathon compatibility"])


@router.get("")
async def list_(
    session: SessionDep,
    user_id: PathUserIdDep,
    status: Annotated[str | None, Query()] = None,
    sort: Annotated[str | None, Query()] = None,
) -> list[TaskOut]:
    query = {"status": status, "sort": sort, "limit": LIMIT_MAX}
    return (await tasks.list_tasks(session, user_id=user_id, query=query)).items


@router.post("", status_code=201)
async def create(body: CompatTaskIn, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    fields = body.model_dump(exclude_unset=True, exclude={"completed"})
    task = await tasks.create_task(session, user_id=user_id, fields=fields)
    if body.completed:
        task = await tasks.complete_task(session, user_id=user_id, task_id=task.id)
    return task


@router.get("/{task_id}")
async def get(task_id: int, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    return await tasks.get_task(session, user_id=user_id, task_id=task_id)


@router.put("/{task_id}")
async def replace(
    task_id: int, body: CompatTaskIn, session: SessionDep, user_id: PathUserIdDep
) -> TaskOut:
    changes = body.model_dump(exclude_unset=True, exclude={"completed"})
    task = await tasks.update_task(session, user_id=user_id, task_id=task_id, changes=changes)
    if body.completed is not None:
        task = await tasks.set_completed(
            session, user_id=user_id, task_id=task_id, completed=body.completed
        )
    return task


@router.delete("/{task_id}", status_code=204)
async def delete(task_id: int, session: SessionDep, user_id: PathUserIdDep) -> Response:
    await tasks.delete_task(session, user_id=user_id, task_id=task_id)
    return Response(status_code=204)


@router.patch("/{task_id}/complete")
async def toggle(task_id: int, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    return await tasks.toggle_task(session, user_id=user_id, task_id=task_id)
