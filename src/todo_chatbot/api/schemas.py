"""Request bodies. Unknown fields are refused; the domain checks the values."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr

from todo_chatbot.services.views import UserOut


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(Body):
    email: StrictStr
    password: StrictStr
    name: StrictStr = ""


class LoginIn(Body):
    email: StrictStr
    password: StrictStr


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the scheme name, not a secret
    user: UserOut


class TaskPatchIn(Body):
    """A partial update: only the fields sent change; null clears an optional field."""

    title: StrictStr | None = None
    description: StrictStr | None = None
    priority: StrictStr | None = None
    tags: list[StrictStr] | None = None
    due: StrictStr | None = None
    remind_at: StrictStr | None = None
    recurrence: StrictStr | None = None


class TaskCreateIn(TaskPatchIn):
    title: StrictStr


class CompatTaskIn(TaskPatchIn):
    """The hackathon contract also lets clients send `completed` with the task."""

    completed: StrictBool | None = None
