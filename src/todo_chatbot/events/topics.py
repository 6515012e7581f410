"""Topic names (SPEC §6). Each has a dead-letter twin with the `-dlq` suffix."""

TASK_EVENTS = "task-events"
REMINDERS = "reminders"
TASK_UPDATES = "task-updates"
ALL = (TASK_EVENTS, REMINDERS, TASK_UPDATES)


def dead_letter(topic: str) -> str:
    return f"{topic}-dlq"
