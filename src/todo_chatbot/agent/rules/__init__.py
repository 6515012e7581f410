"""The offline, deterministic ``rules`` chat engine (SPEC §4).

``plan_turn`` reads one English message and plans MCP tool calls (SPEC §5) without side
effects; ``describe_result`` words the outcome of a call for the user.
"""

from todo_chatbot.agent.rules.planner import plan_turn
from todo_chatbot.agent.rules.replies import describe_result

__all__ = ["describe_result", "plan_turn"]
