"""Chat engines that turn a user's message into MCP tool calls."""

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall

__all__ = ["Plan", "TaskRef", "ToolCall"]
