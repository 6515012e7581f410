"""Errors the domain and services raise; entry points map them to their own protocol."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
# Where a value came from, in a validation error's location; not part of the field's name.
_SOURCES = {"body", "query", "path", "header", "cookie"}


class DomainError(Exception):
    code = "error"


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class InvalidInput(DomainError):
    """Input broke a rule; names every offending field. Nothing was written."""

    code = "validation_error"

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))

    @classmethod
    def single(cls, field_name: str, message: str) -> InvalidInput:
        return cls([FieldProblem(field_name, message)])


@dataclass
class NotFound(DomainError):
    resource: str
    ident: object = field(default=None)
    code = "not_found"

    def __str__(self) -> str:
        return f"{self.resource} not found"


class Conflict(DomainError):
    code = "conflict"


class Unauthorized(DomainError):
    code = "unauthorized"


class Unavailable(DomainError):
    """A service the request needs (the database) cannot be reached right now; nothing was
    written, and the same request may succeed once it is back."""

    code = "unavailable"
    retry_after_seconds = 2


def problem_of(error: Mapping[str, Any], *, unknown: str) -> FieldProblem:
    """One pydantic error as a FieldProblem: the field's name and a short message."""
    parts = [str(part) for part in error.get("loc", ()) if part not in _SOURCES]
    name = ".".join(parts) or "body"
    kind = error.get("type")
    if kind == "missing":
        return FieldProblem(name, "is required")
    if kind == "extra_forbidden":
        return FieldProblem(name, unknown)
    if kind == "json_invalid":
        return FieldProblem("body", "is not valid JSON")
    message = str(error.get("msg", "is invalid"))
    return FieldProblem(name, message.removeprefix("Value error, "))


def problems_of(exc: ValidationError, *, unknown: str) -> list[FieldProblem]:
    return [problem_of(error, unknown=unknown) for error in exc.errors()]


def validated(model: type[M], raw: Mapping[str, object], *, unknown: str) -> M:
    """`model` filled from `raw`; InvalidInput naming every bad field if it does not fit."""
    try:
        return model.model_validate(dict(raw))
    except ValidationError as exc:
        raise InvalidInput(problems_of(exc, unknown=unknown)) from None


def parse_fields(
    raw: Mapping[str, object],
    parsers: Mapping[str, Callable[[object], Any]],
    *,
    unknown: str,
    public_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Run each value through its field's parser, collecting every problem before raising.

    A parser signals bad input with ValueError; `public_names` maps internal names to the
    ones a client sent (e.g. `tags` -> `tag` for a query string)."""
    problems: list[FieldProblem] = []
    clean: dict[str, Any] = {}
    for name, value in raw.items():
        shown = (public_names or {}).get(name, name)
        parser = parsers.get(name)
        if parser is None:
            problems.append(FieldProblem(shown, unknown))
            continue
        try:
            clean[name] = parser(value)
        except ValueError as exc:
            problems.append(FieldProblem(shown, str(exc)))
    if problems:
        raise InvalidInput(problems)
    return clean
