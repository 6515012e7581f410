"""Request bodies of the account routes (task bodies are the domain's own models)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictStr

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
