"""Errors the domain and services raise; entry points map them to their own protocol."""

from __future__ import annotations

from dataclasses import dataclass, field


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
