"""Personal access tokens: for MCP clients without OAuth (scope `mcp`) and for scripts and
`todo login` (scope `api`). The token is in the answer to its creation only."""

from __future__ import annotations

from fastapi import APIRouter, Response

from todo_chatbot.api.deps import IdPath, SessionDep, UserIdDep
from todo_chatbot.services import tokens
from todo_chatbot.services.tokens import CreatedToken, NewPersonalToken, PersonalTokenOut

router = APIRouter(prefix="/api/v1/tokens", tags=["tokens"])


@router.post("", status_code=201)
async def create(body: NewPersonalToken, session: SessionDep, user_id: UserIdDep) -> CreatedToken:
    return await tokens.create_personal_token(session, user_id=user_id, new=body)


@router.get("")
async def list_(session: SessionDep, user_id: UserIdDep) -> list[PersonalTokenOut]:
    return await tokens.list_personal_tokens(session, user_id=user_id)


@router.delete("/{token_id}", status_code=204)
async def revoke(token_id: IdPath, session: SessionDep, user_id: UserIdDep) -> Response:
    await tokens.revoke_personal_token(session, user_id=user_id, token_id=token_id)
    return Response(status_code=204)
