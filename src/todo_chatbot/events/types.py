"""CloudEvents `type` values, one JSON Schema each under events/schemas/."""

TASK_CREATED = "com.todo-chatbot.task.created"
TASK_UPDATED = "com.todo-chatbot.task.updated"
TASK_COMPLETED = "com.todo-chatbot.task.completed"
TASK_REOPENED = "com.todo-chatbot.task.reopened"
TASK_DELETED = "com.todo-chatbot.task.deleted"
REMINDER_DUE = "com.todo-chatbot.reminder.due"

TASK_EVENT_TYPES = {
    "created": TASK_CREATED,
    "updated": TASK_UPDATED,
    "completed": TASK_COMPLETED,
    "reopened": TASK_REOPENED,
    "deleted": TASK_DELETED,
}
