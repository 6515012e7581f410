"""Reading English about tasks: dates, times, repetition, priority, tags, and whole task lines.
Pure (no I/O), so the CLI, the API and the chat engine share one reading."""

from todo_chatbot.language.task_line import TaskLine, parse_task_line

__all__ = ["TaskLine", "parse_task_line"]
