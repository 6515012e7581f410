"""The floors every API figure is compared with, served by the same uvicorn with the same
worker count (`bench.api` starts them):

- `app`: a bare Starlette app answering a constant (the ratios are to this one);
- `framework_app`: FastAPI with a task route's shape and no database: a bearer token, the
  user id in the path checked against it, a per-request dependency with cleanup (where the
  API opens its transaction), a validated path id and a response model. What the framework
  alone costs a request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/health", hello)])

framework_app = FastAPI()
framework_app.add_route("/health", hello)  # the readiness probe `bench.api` waits for
_bearer = HTTPBearer(auto_error=False)


class TaskOut(BaseModel):
    id: int
    title: str
    completed: bool


async def _caller(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> int:
    if credentials is None:
        raise HTTPException(401)
    return 1


async def _path_user(user_id: str, caller: Annotated[int, Depends(_caller)]) -> int:
    if user_id != str(caller):
        raise HTTPException(403)
    return caller


async def _scope(_request: Request) -> AsyncIterator[None]:
    yield


@framework_app.get("/api/{user_id}/tasks/{task_id}")
async def get_task(
    task_id: Annotated[int, Path(ge=1)],
    _user: Annotated[int, Depends(_path_user)],
    _scoped: Annotated[None, Depends(_scope, scope="function")],
) -> TaskOut:
    return TaskOut(id=task_id, title="a task", completed=False)
