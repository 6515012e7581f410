"""Hackathon routes: `/api/{user_id}/tasks…`, where user_id must be the caller's own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict

from todo_chatbot.api.deps import PathUserIdDep, SessionDep, TaskIdPath
from todo_chatbot.api.errors import responses
from todo_chatbot.domain.queries import LIMIT_MAX, Order, SortKey, Status
from todo_chatbot.domain.tasks import NewTask, TaskChanges
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut

router = APIRouter(
    prefix="/api/{user_id}/tasks",
    tags=["hackathon compatibility"],
    responses=responses(401, 403, 413, 422),
)
ONE_TASK = responses(404)


class CompatList(BaseModel):
    """The hackathon list accepts a status and a sort only, and returns a bare list."""

    model_config = ConfigDict(extra="forbid")

    status: Status | None = None
    sort: SortKey | None = None
    order: Order | None = None


class CompatNewTask(NewTask):
    """The hackathon contract also lets clients send `completed` with the task."""

    completed: bool | None = None


class CompatTaskChanges(TaskChanges):
    completed: bool | None = None


@router.get("")
async def list_(
    query: Annotated[CompatList, Query()], session: SessionDep, user_id: PathUserIdDep
) -> list[TaskOut]:
    wanted = query.model_dump(exclude_none=True) | {"limit": LIMIT_MAX}
    return (await tasks.list_tasks(session, user_id=user_id, query=wanted)).items


@router.post("", status_code=201)
async def create(body: CompatNewTask, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    fields = NewTask.model_validate(body.model_dump(exclude={"completed"}))
    task = await tasks.create_task(session, user_id=user_id, fields=fields)
    if body.completed:
        task = await tasks.complete_task(session, user_id=user_id, task_id=task.id)
    return task


@router.get("/{task_id}", responses=ONE_TASK)
async def get(task_id: TaskIdPath, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    return await tasks.get_task(session, user_id=user_id, task_id=task_id)


@router.put("/{task_id}", responses=ONE_TASK | responses(409))
async def replace(
    task_id: TaskIdPath, body: CompatTaskChanges, session: SessionDep, user_id: PathUserIdDep
) -> TaskOut:
    changes = {name: getattr(body, name) for name in body.model_fields_set - {"completed"}}
    task = await tasks.update_task(session, user_id=user_id, task_id=task_id, changes=changes)
    if body.completed is not None:
        task = await tasks.set_completed(
            session, user_id=user_id, task_id=task_id, completed=body.completed
        )
    return task


@router.delete("/{task_id}", status_code=204, responses=ONE_TASK)
async def delete(task_id: TaskIdPath, session: SessionDep, user_id: PathUserIdDep) -> Response:
    await tasks.delete_task(session, user_id=user_id, task_id=task_id)
    return Response(status_code=204)


@router.patch("/{task_id}/complete", responses=ONE_TASK | responses(409))
async def toggle(task_id: TaskIdPath, session: SessionDep, user_id: PathUserIdDep) -> TaskOut:
    return await tasks.toggle_task(session, user_id=user_id, task_id=task_id)
