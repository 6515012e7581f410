"""CloudEvents `type` values, one JSON Schema each under events/schemas/ (named `<type>.json`)."""

TASK_CREATED = "com.todo-chatbot.task.created"
TASK_UPDATED = "com.todo-chatbot.task.updated"
TASK_COMPLETED = "com.todo-chatbot.task.completed"
TASK_REOPENED = "com.todo-chatbot.task.reopened"
TASK_DELETED = "com.todo-chatbot.task.deleted"
REMINDER_DUE = "com.todo-chatbot.reminder.due"
# A stored in-app notification, on `task-updates` so open web pages show it live.
NOTIFICATION_CREATED = "com.todo-chatbot.notification.created"

TASK_EVENT_TYPES = {
    "created": TASK_CREATED,
    "updated": TASK_UPDATED,
    "completed": TASK_COMPLETED,
    "reopened": TASK_REOPENED,
    "deleted": TASK_DELETED,
}
TASK_EVENT_KINDS = {event_type: kind for kind, event_type in TASK_EVENT_TYPES.items()}

ALL_TYPES = (*TASK_EVENT_TYPES.values(), REMINDER_DUE, NOTIFICATION_CREATED)
