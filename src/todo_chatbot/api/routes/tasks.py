from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from todo_chatbot.api.deps import SessionDep, TaskIdPath, UserIdDep
from todo_chatbot.api.errors import NOT_ALLOWED, responses
from todo_chatbot.api.quick_add import ParsedTask, ParseIn
from todo_chatbot.domain.queries import TaskQuery
from todo_chatbot.domain.tasks import NewTask, TaskChanges
from todo_chatbot.language import parse_task_line
from todo_chatbot.services import tasks
from todo_chatbot.services.views import TaskOut, TaskPage

router = APIRouter(prefix="/api/v1/tasks", tags=["tasks"], responses=responses(401, 413, 422))
ONE_TASK = responses(404)


@router.post("", status_code=201)
async def create(body: NewTask, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.create_task(session, user_id=user_id, fields=body)


@router.post("/parse")
async def parse(body: ParseIn, user_id: UserIdDep) -> ParsedTask:
    """Read a quick-add line ("pay rent every month on the 1st #home !!") the way `todo add`
    and the chat do, without saving anything."""
    del user_id  # only signed-in users may parse; nothing of theirs is read
    return ParsedTask.of(parse_task_line(body.text, body.user_clock(), body.locale))


# "parse" is no task id: without this, PATCH /tasks/parse would reach /tasks/{task_id}.
@router.api_route(
    "/parse", methods=["GET", "PUT", "PATCH", "DELETE"], include_in_schema=False, name=NOT_ALLOWED
)
async def parse_other_methods() -> None:
    raise HTTPException(405)


@router.get("")
async def list_(
    query: Annotated[TaskQuery, Query()], session: SessionDep, user_id: UserIdDep
) -> TaskPage:
    return await tasks.list_tasks(session, user_id=user_id, query=query)


@router.get("/{task_id}", responses=ONE_TASK)
async def get(task_id: TaskIdPath, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.get_task(session, user_id=user_id, task_id=task_id)


@router.patch("/{task_id}", responses=ONE_TASK | responses(409))
async def update(
    task_id: TaskIdPath, body: TaskChanges, session: SessionDep, user_id: UserIdDep
) -> TaskOut:
    return await tasks.update_task(session, user_id=user_id, task_id=task_id, changes=body)


@router.delete("/{task_id}", status_code=204, responses=ONE_TASK)
async def delete(task_id: TaskIdPath, session: SessionDep, user_id: UserIdDep) -> Response:
    await tasks.delete_task(session, user_id=user_id, task_id=task_id)
    return Response(status_code=204)


@router.post("/{task_id}/complete", responses=ONE_TASK | responses(409))
async def complete(task_id: TaskIdPath, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.complete_task(session, user_id=user_id, task_id=task_id)


@router.post("/{task_id}/reopen", responses=ONE_TASK | responses(409))
async def reopen(task_id: TaskIdPath, session: SessionDep, user_id: UserIdDep) -> TaskOut:
    return await tasks.reopen_task(session, user_id=user_id, task_id=task_id)
