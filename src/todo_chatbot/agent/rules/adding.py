"""Turning "add …", "remind me to …", "I need to …" into an add_task call.

Descriptions: everything after "description:", "notes:", "details:", "with note(s) …",
"with the description …" or " -- " is the description; so is the part after a colon that
follows the title ("add send invoice: include the hours for November"). A quoted phrase is
taken as the title verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from todo_chatbot.agent.plan import Plan, ToolCall
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.language.lexicon import LIST_NAMES, MOTION_VERBS, word_set
from todo_chatbot.language.task_line import read_task_line, split_description

_FLAGS = re.I

_MODIFIERS = (
    r"urgent|important|high[\s-]priority|low[\s-]priority|medium[\s-]priority|normal[\s-]priority|"
    r"top[\s-]priority|quick|recurring|repeating|daily|weekly|monthly|yearly|annual|new|p[1-4]|"
    r"small|simple|separate|personal|work|home|school|family"
)
# "add a work task: …" files the task under that tag.
_TAG_MODIFIERS = re.compile(r"\b(?P<tag>personal|work|home|school|family)\b", _FLAGS)
_NOUN = r"(?:task|todo|to-do|to\s+do|item|reminder|entry|thing|note|one)s?"
_ARTICLES = r"(?:\s+(?:a|an|another|one\s+more|the|new|my|some|this))*"
_CONNECT = r"(?:\s*[:\-]|\s+(?:to|for|called|named|titled|saying|that\s+says|about|:))?"
# Verbs that always announce a new task and are not part of its title.
_ADD_VERB = (
    r"(?:add(?:ing)?|create|new|schedule|jot\s+down|note\s+down|write\s+down|put\s+down|insert|"
    r"enter|todo|"
    r"to-do)"
)
# Verbs that only do so when followed by a noun: "make a task …" (but "make dinner").
_ADD_VERB_WITH_NOUN = r"(?:make|put|set\s+up|set|log|record|save|plan|track|open|start|give\s+me)"

_ADD_PREFIX = re.compile(
    rf"^(?:{_ADD_VERB}(?:\s+(?:me|us))?{_ARTICLES}(?:(?P<mods>(?:\s+(?:{_MODIFIERS}))*)\s+{_NOUN})?"
    rf"(?:\s+(?:item|entry))?{_CONNECT}"
    rf"|{_ADD_VERB_WITH_NOUN}(?:\s+(?:me|us))?{_ARTICLES}(?P<mods2>(?:\s+(?:{_MODIFIERS}))*)"
    rf"\s+{_NOUN}{_CONNECT})(?:\s+|$)",
    _FLAGS,
)
LABEL_PREFIX = re.compile(
    r"^(?:new\s+)?(?:task|todo|to-do|reminder|note\s+to\s+self|note)\s*[:\-]\s*", _FLAGS
)
_NEED_PREFIX = re.compile(
    r"^(?:(?:i|we)(?:\s+|(?=')))?(?:really\s+|still\s+|also\s+|definitely\s+|just\s+)?"
    r"(?:need\s+to|have\s+to|has\s+to|must|should|gotta|got\s+to|'ve\s+got\s+to|have\s+got\s+to|"
    r"ought\s+to|want\s+to|wanna|'ll\s+need\s+to|will\s+need\s+to|am\s+going\s+to|'m\s+going\s+to|"
    r"plan\s+to|intend\s+to|have\s+got\s+to|'d\s+better|better|need(?!\s+to\b)(?=\s+\w))\s+"
    r"(?:really\s+|finally\s+|probably\s+|definitely\s+|actually\s+|just\s+)?",
    _FLAGS,
)
_FORGET_PREFIX = re.compile(
    r"^(?:(?:please\s+)?(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget\s+(?:to\s+|about\s+)?|"
    r"(?:i\s+)?(?:must\s+|should\s+|need\s+to\s+)?remember\s+to\s+|make\s+sure\s+(?:i|to)\s+|"
    r"note\s+to\s+self\s*:?\s*)",
    _FLAGS,
)
REMIND_PREFIX = re.compile(
    r"^(?:remind\s+(?:me|us)|set\s+(?:a\s+|up\s+a\s+)?reminder|create\s+a\s+reminder|"
    r"add\s+a\s+reminder|new\s+reminder|reminder|ping\s+me|alert\s+me|notify\s+me|nudge\s+me)"
    r"(?P<conn>\s*:|\s+(?:to|that|about|for|of|on)\b)?\s*",
    _FLAGS,
)
_TO_MY_LIST = re.compile(
    r"\s*\b(?:to|on(?:to)?|in)\s+(?:my|the)\s+(?:(?P<tag>[a-z][a-z-]*)\s+)?(?:list|tasks|todos)\b\s*:?",
    _FLAGS,
)
# "add review the budget to work": a list named at the end is the task's tag.
_TO_TAG = re.compile(
    r"(?P<prev>\w+)\s+(?:to|for|under|in|on)\s+(?:my\s+|the\s+)?"
    rf"(?P<tag>{'|'.join(sorted(LIST_NAMES))})(?:\s+(?:list|tasks|project))?\s*$",
    _FLAGS,
)


def _tag_at_end(body: str) -> str:
    match = _TO_TAG.search(body)
    if not match or match["prev"].lower() in MOTION_VERBS:
        return body
    return f"{body[: match.end('prev')]} #{match['tag'].lower()}"


_NOT_LIST_TAGS = word_set("to-do todo to do task main own daily new")


def _list_as_tag(match: re.Match[str]) -> str:
    tag = (match["tag"] or "").lower()
    return " " if not tag or tag in _NOT_LIST_TAGS else f" #{tag} "


def _without_list(text: str) -> str:
    return _TO_MY_LIST.sub(_list_as_tag, text).strip()


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|my|our)\s+", _FLAGS)


@dataclass(frozen=True)
class AddRequest:
    body: str
    description: str | None
    modifiers: str
    reminder: bool  # "remind me …": the named moment is when to remind


_LIST_VERB = re.compile(r"^(?:put|add|place|stick|write|jot|throw|pop|get)\s+(?:down\s+)?", _FLAGS)


_BACK_ON_LIST = re.compile(r"\bback\s+(?:on(?:to)?|in(?:to)?|to)\s+(?:my|the)\s+", _FLAGS)


def list_addition(text: str) -> AddRequest | None:
    """ "put 'buy stamps' on my list": an add, whatever verb is used."""
    if not _TO_MY_LIST.search(text) or _BACK_ON_LIST.search(text):
        return None  # "put the gym session back on my list" reopens it
    rest = _without_list(text)
    return add_request(rest) or plain_request(_LIST_VERB.sub("", rest))


def add_request(text: str) -> AddRequest | None:
    """Recognise an add-style message and split it; None when it is not one."""
    text = _without_list(text)
    reminder = REMIND_PREFIX.match(text)
    if reminder:
        body = text[reminder.end() :]
        if (reminder["conn"] or "").strip().lower() in ("about", "of"):
            body = _LEADING_ARTICLE.sub("", body)  # "remind me about the meeting" → "meeting"
        return _request(body, "", reminder=True)
    for pattern in (LABEL_PREFIX, _FORGET_PREFIX, _NEED_PREFIX):
        match = pattern.match(text)
        if match:
            return _request(text[match.end() :], "", reminder=False)
    match = _ADD_PREFIX.match(text)
    if match:
        modifiers = (match["mods"] or "") + " " + (match["mods2"] or "")
        return _request(_tag_at_end(text[match.end() :]), modifiers.strip(), reminder=False)
    return None


def _request(body: str, modifiers: str, *, reminder: bool) -> AddRequest:
    body, description = split_description(body)
    return AddRequest(body.strip(), description, modifiers, reminder)


def plain_request(text: str) -> AddRequest:
    """A message with no command word: the whole of it describes the task."""
    return _request(text, "", reminder=False)


def plan_add(request: AddRequest, now: datetime) -> Plan:
    line = read_task_line(
        request.body,
        now,
        description=request.description,
        modifiers=request.modifiers,
        reminder=request.reminder,
    )
    if line.problem:
        return Plan.clarify(line.problem)
    if not line.title:
        what = "remind you about" if request.reminder else "add"
        return Plan.clarify(
            f"What should I {what}? Tell me the task, e.g. 'add buy milk tomorrow'."
        )
    call = ToolCall("add_task", line.as_args())
    return Plan.tools(call, reply=plan_summary(call))
