"""Turning "add …", "remind me to …", "I need to …" into an add_task call.

Descriptions: everything after "description:", "notes:", "details:", "with note(s) …",
"with the description …" or " -- " is the description; so is the part after a colon that
follows the title ("add send invoice: include the hours for November"). A quoted phrase is
taken as the title verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from todo_chatbot.agent.plan import Plan, ToolCall
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.language.attributes import take_attributes
from todo_chatbot.language.clock import find_clock
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import (
    BEFORE_A_VERB,
    EVENT_NOUNS,
    LIST_NAMES,
    MOTION_VERBS,
    TASK_NOUN_TYPOS,
    WEEKDAY_RE,
    word_set,
    words_re,
)
from todo_chatbot.language.scratch import Scratch
from todo_chatbot.language.task_line import read_task_line, split_description

_FLAGS = re.I

_MODIFIERS = (
    r"urgent|important|high[\s-]priority|low[\s-]priority|medium[\s-]priority|normal[\s-]priority|"
    r"top[\s-]priority|quick|recurring|repeating|daily|weekly|monthly|yearly|annual|new|p[1-4]|"
    r"small|simple|separate|personal|work|home|school|family"
)
# "add a work task: …" files the task under that tag.
_TAG_MODIFIERS = re.compile(r"\b(?P<tag>personal|work|home|school|family)\b", _FLAGS)
_NOUN = (
    rf"(?:task|todo|to-do|to\s+do|item|reminder|entry|thing|note|one|{words_re(TASK_NOUN_TYPOS)})s?"
)
_ARTICLES = r"(?:\s+(?:a|an|another|one\s+more|the|new|my|some|this))*"
_CONNECT = (
    r"(?:\s+for\s+(?:me|us)(?:\s+to)?|\s*[:\-]|\s+(?:to|for|called|named|titled|saying|"
    r"that\s+says|about|:))?"
)
# Verbs that always announce a new task and are not part of its title.
_ADD_VERB = (
    r"(?:add(?:ing)?|create|new(?=\s*[:\-])|schedule|(?:jot|note|write|put)\s+(?:(?:this|that|it)\s+)?down|"
    r"insert|"
    r"enter|todo|"
    r"to-do)"
)
# Verbs that only do so when followed by a noun: "make a task …" (but "make dinner").
# ("new" too: "new task call grandma", but "new years party prep" is a title.)
_ADD_VERB_WITH_NOUN = (
    r"(?:make|put|set\s+up|set|log|record|save|plan|track|open|start|give\s+me|new)"
)

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
    r"(?:(?:'m\s+|am\s+)?(?:gonna|going\s+to)\s+(?:need|have)\s+to|'m\s+gonna|gonna|"
    r"need\s+to|have\s+to|has\s+to|must|should|gotta|got\s+to|'ve\s+got\s+to|have\s+got\s+to|"
    r"ought\s+to|want\s+to|wanna|'ll\s+need\s+to|will\s+need\s+to|am\s+going\s+to|'m\s+going\s+to|"
    r"plan\s+to|intend\s+to|have\s+got\s+to|'d\s+better|better|need(?!\s+to\b)(?=\s+\w))\s+"
    # "should i call my mom?" asks; it files nothing
    r"(?!(?:i|we|you|u)\b)(?:really\s+|finally\s+|probably\s+|definitely\s+|actually\s+|just\s+)?",
    _FLAGS,
)
_FORGET_PREFIX = re.compile(
    r"^(?:(?:please\s+)?(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget\s+(?:to\s+|about\s+)?|"
    r"(?:i\s+)?(?:must\s+|should\s+|need\s+to\s+)?remember\s*(?:to\s+|:\s*)|"
    r"make\s+sure\s+(?:i|to)\s+|"
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
    if not match or _moves_to(body[: match.start("prev")], match["prev"]):
        return body
    return f"{body[: match.end('prev')]} #{match['tag'].lower()}"


def _moves_to(before: str, word: str) -> bool:
    """ "drive to work", "go back to work": the word is a verb of motion, so "to work" is a
    place; "fix bike to chores" names a list ("bike" is a noun there)."""
    if word.lower() not in MOTION_VERBS:
        return False
    previous = before.split()[-1].lower() if before.split() else ""
    return not previous or previous in MOTION_VERBS or previous in BEFORE_A_VERB


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


_LEADING_WHEN = re.compile(
    r"^(?P<when>today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|weekend)|"
    rf"(?:on\s+|next\s+|this\s+)?{WEEKDAY_RE}|next\s+week|later\s+today)\s*,?\s+(?=(?:i|we)\b)",
    _FLAGS,
)
_HAVE_EVENT = re.compile(
    r"^(?:(?:i|we)(?:'ve|\s+have)?\s+got|(?:i|we)\s+have|there'?s|there\s+is)\s+"
    r"(?:a|an|my|our|the|another)\s+",
    _FLAGS,
)


def _event_on_a_day(text: str) -> str | None:
    """ "I have a dentist appointment on the 3rd at 4" → "dentist appointment on the 3rd at 4":
    an event with a day or time is a task; "I have a cold" is not."""
    match = _HAVE_EVENT.match(text)
    if not match:
        return None
    body = text[match.end() :]
    words = set(re.findall(r"[a-z][a-z-]*", body.lower()))
    if not words & EVENT_NOUNS:
        return None
    today = date(2000, 1, 1)  # only whether a day is named matters here, not which
    if find_day(body, today) is None and find_clock(body) is None:
        return None
    return body


def add_request(text: str) -> AddRequest | None:
    """Recognise an add-style message and split it; None when it is not one."""
    text = _without_list(text)
    lead = _LEADING_WHEN.match(text)
    if lead:  # "tomorrow i need to …": the day said first belongs to the task
        moved = add_request(f"{text[lead.end() :]} {lead['when']}")
        if moved is not None:
            return moved
    reminder = REMIND_PREFIX.match(text)
    if reminder:
        body = text[reminder.end() :]
        if (reminder["conn"] or "").strip().lower() in ("about", "of", "for"):
            body = _LEADING_ARTICLE.sub("", body)  # "remind me about the meeting" → "meeting"
        return _request(body, "", reminder=True)
    for pattern in (LABEL_PREFIX, _FORGET_PREFIX, _NEED_PREFIX):
        match = pattern.match(text)
        if match:
            body = text[match.end() :]
            inner = _FORGET_PREFIX.match(body)  # "gotta remember to email Sam"
            return _request(body[inner.end() :] if inner else body, "", reminder=False)
    event = _event_on_a_day(text)
    if event is not None:
        return _request(event, "", reminder=False)
    match = _ADD_PREFIX.match(text)
    if match:
        modifiers = (match["mods"] or "") + " " + (match["mods2"] or "")
        return _request(_tag_at_end(text[match.end() :]), modifiers.strip(), reminder=False)
    return None


_A_REMINDER_TO = re.compile(r"^(?:a\s+|another\s+)?reminder\s+(?:to|about|for)\s+", _FLAGS)


def _request(body: str, modifiers: str, *, reminder: bool) -> AddRequest:
    # "I need a reminder to call the vet": the task is what follows.
    trimmed = _A_REMINDER_TO.sub("", body)
    reminder = reminder or trimmed != body
    body, description = split_description(trimmed)
    if description and _only_attributes(body):
        # "weekly on fridays: clean the bathroom": the heading says when, the rest is the task.
        body, description = f"{description} {body}", None
    return AddRequest(body.strip(), description, modifiers, reminder)


_SOME_MOMENT = datetime(2000, 1, 3, 12, tzinfo=UTC)  # only which words are attributes matters


def _only_attributes(text: str) -> bool:
    scratch = Scratch(text)
    return take_attributes(scratch, _SOME_MOMENT).any and not scratch.rest().strip()


def plain_request(text: str) -> AddRequest:
    """A message with no command word: the whole of it describes the task."""
    return _request(text, "", reminder=False)


def plan_add(request: AddRequest, now: datetime) -> Plan:
    plan = _plan_add(request, now, asked=True)
    assert plan is not None  # asked to add, a missing title is asked back
    return plan


def plan_bare_line(request: AddRequest, now: datetime) -> Plan | None:
    """A message without an add verb: None when it has no title words ("ugh, mondays")."""
    return _plan_add(request, now, asked=False)


def _plan_add(request: AddRequest, now: datetime, *, asked: bool) -> Plan | None:
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
        if not asked:
            return None
        what = "remind you about" if request.reminder else "add"
        return Plan.clarify(
            f"What should I {what}? Tell me the task, e.g. 'add buy milk tomorrow'."
        )
    args = line.as_args()
    if request.reminder:  # "remind me 15 min before the webinar": the task is "webinar"
        args["title"] = _LEADING_ARTICLE.sub("", args["title"]) or args["title"]
    call = ToolCall("add_task", args)
    return Plan.tools(call, reply=plan_summary(call))
