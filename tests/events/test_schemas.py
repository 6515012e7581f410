"""Every event type has a JSON Schema; the fast runtime validator agrees with the reference
JSON Schema implementation on good and bad events."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from todo_chatbot.events import types
from todo_chatbot.events.envelope import new_event
from todo_chatbot.events.validation import InvalidEvent, schema_documents, validate_event

TASK = {
    "id": 7,
    "title": "Water plants",
    "description": "",
    "priority": "medium",
    "tags": ["home"],
    "due": "2026-11-24T09:00:00-05:00",
    "remind_at": "2026-11-24T08:30:00-05:00",
    "recurrence": "FREQ=DAILY",
    "completed": True,
    "completed_at": "2026-11-24T09:05:00.120000Z",
    "created_at": "2026-11-23T10:00:00Z",
    "updated_at": "2026-11-24T09:05:00Z",
    "series_id": "0b7f4c1e-6a59-4f1f-9d8e-2f8f2c3a1b00",
}
REMINDER = {
    "user_id": 1,
    "task_id": 7,
    "title": "Water plants",
    "due": "2026-11-24",
    "remind_at": "2026-11-24T08:30:00-05:00",
}
NOTIFICATION = {
    "id": 3,
    "task_id": 7,
    "title": "Water plants",
    "message": "Due 2026-11-24",
    "created_at": "2026-11-24T13:30:00Z",
    "read_at": None,
}


def reference_validator(event_type: str) -> Draft202012Validator:
    documents = schema_documents()
    registry: Registry[Any] = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc)) for doc in documents.values()
    )
    return Draft202012Validator(documents[event_type], registry=registry)


def sample(event_type: str) -> dict[str, Any]:
    if event_type == types.REMINDER_DUE:
        data: dict[str, Any] = copy.deepcopy(REMINDER)
    elif event_type == types.NOTIFICATION_CREATED:
        data = {"user_id": 1, "notification": copy.deepcopy(NOTIFICATION)}
    else:
        data = {"user_id": 1, "task": copy.deepcopy(TASK)}
    return new_event(event_type=event_type, subject="7", data=data)


def test_every_event_type_has_a_well_formed_schema() -> None:
    documents = schema_documents()
    assert set(types.ALL_TYPES) <= set(documents)
    for document in documents.values():
        Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("event_type", types.ALL_TYPES)
def test_valid_samples_pass_both_validators(event_type: str) -> None:
    event = sample(event_type)
    reference_validator(event_type).validate(event)
    assert validate_event(event) is event


BREAKAGES = [
    ("specversion", lambda e: e.update(specversion="0.3")),
    ("missing id", lambda e: e.pop("id")),
    ("subject not a task id", lambda e: e.update(subject="task-7")),
    ("naive time", lambda e: e.update(time="2026-11-24T09:00:00")),
    ("data not an object", lambda e: e.update(data=[1])),
    ("no user", lambda e: e["data"].pop("user_id")),
]
TASK_BREAKAGES = [
    ("priority", lambda t: t.update(priority="urgent")),
    ("due words", lambda t: t.update(due="tomorrow")),
    ("tag case", lambda t: t.update(tags=["Home"])),
    ("title empty", lambda t: t.update(title="")),
    ("missing field", lambda t: t.pop("series_id")),
]


@pytest.mark.parametrize(("name", "breaks"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_envelopes_fail_both_validators(name: str, breaks: Any) -> None:
    event = sample(types.TASK_COMPLETED)
    breaks(event)
    assert list(reference_validator(types.TASK_COMPLETED).iter_errors(event))
    with pytest.raises(InvalidEvent):
        validate_event(event)


@pytest.mark.parametrize(("name", "breaks"), TASK_BREAKAGES, ids=[b[0] for b in TASK_BREAKAGES])
def test_broken_tasks_fail_both_validators(name: str, breaks: Any) -> None:
    event = sample(types.TASK_UPDATED)
    breaks(event["data"]["task"])
    assert list(reference_validator(types.TASK_UPDATED).iter_errors(event))
    with pytest.raises(InvalidEvent):
        validate_event(event)


def test_unknown_type_and_non_objects_are_refused() -> None:
    event = sample(types.TASK_CREATED)
    event["type"] = "com.example.other"
    with pytest.raises(InvalidEvent, match="unknown event type"):
        validate_event(event)
    with pytest.raises(InvalidEvent):
        validate_event(["not", "an", "object"])


def test_extension_attributes_are_allowed() -> None:
    """Dapr adds tracing and routing attributes to the envelopes it delivers."""
    event = sample(types.REMINDER_DUE)
    event.update(traceparent="00-abc-def-01", pubsubname="pubsub", topic="reminders")
    reference_validator(types.REMINDER_DUE).validate(event)
    validate_event(event)
