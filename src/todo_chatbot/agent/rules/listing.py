"""Questions about the task list → a list_tasks call with filters.

Date filters are whole days, inclusive: "due this week" → due_after today, due_before Sunday;
"what's due friday" → both that Friday.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from todo_chatbot.agent.plan import Plan, ToolCall
from todo_chatbot.agent.rules.refs import content_words
from todo_chatbot.domain.queries import Status
from todo_chatbot.language.attributes import take_priority, take_tags
from todo_chatbot.language.days import DayHit, find_day
from todo_chatbot.language.lexicon import (
    AVAILABILITY_WORDS,
    COMMAND_WORDS,
    FLOATING_HOLIDAY_RE,
    HOLIDAY_RE,
    LIST_NAMES,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    WEEKDAY_FULL_RE,
    WEEKDAY_RE,
    WORLD_TOPIC_RE,
    number_value,
    word_set,
    words_re,
)
from todo_chatbot.language.scratch import HOLE, Scratch, tidy
from todo_chatbot.language.task_line import QUOTED

_FLAGS = re.I

_STRONG_START = re.compile(
    r"^(?:show|list|ls|display|view|give\s+me|gimme|pull\s+up|bring\s+up|"
    # "Kindly provide all outstanding matters", "provide a list of everything due next week"
    r"provide(?:\s+me\s+with)?(?=\s+(?:a\s+list|an\s+overview|a\s+summary|all|every(?:thing)?|my)\b)|"
    r"let\s+me\s+see|i\s+want\s+to\s+see|can\s+i\s+see|could\s+i\s+see|may\s+i\s+see|show\s+me|"
    # "read me my list", "read out what's due today"
    r"read\s+(?:me\s+|out\s+|me\s+out\s+)?(?=(?:(?:my|the)\s+(?:\w+\s+)?(?:list|tasks|to-?dos|agenda|"
    r"schedule|reminders)|what|everything|all)\b)|"
    # "I'd like to review my completed items": to go over the list is to see it
    r"(?:review|go\s+(?:over|through)|look\s+(?:over|through|at))(?=\s+(?:my|the|all)\s+(?:[a-z]+\s+)?"
    r"(?:tasks|items|to-?dos|list)\b)|"
    r"(?:send|email|text|mail)\s+me\s+(?:a\s+|the\s+|my\s+)?(?:full\s+)?(?:list|overview|summary|rundown))\b",
    _FLAGS,
)
_WEAK_START = re.compile(
    # ("review pr 482 tomorrow" is a task: only reviewing the list is a list)
    r"^(?:get|check|review(?=\s+(?:my|all|the\s+(?:list|tasks|week)|tasks|everything|what|today|this|"
    r"upcoming|overdue|pending|open|done|completed))|read(?:\s+out)?|open|see|tell\s+me|go\s+(?:over|through)|run\s+through|fetch|print|"
    r"remind\s+me\s+(?:what|which)|summari[sz]e|recap)\b",
    _FLAGS,
)
_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|what\s+is|what\s+are|which\s+of\s+(?:my|the|these|those|them)|which|how\s+many|how\s+much|do\s+i\s+have|"
    r"do\s+(?:i|we)\s+(?:still\s+)?(?:need|have)\s+to|is\s+(?:the|my)|are\s+(?:the|my)|"
    r"have\s+i\s+got|got\s+(?=any)|are\s+there|is\s+there|any|anything|is\s+anything|has\s+any(?:thing)?|"
    r"am\s+i|did\s+i|"
    r"have\s+i|"
    r"where|when|who|(?:i\s+(?:was|am|'m)\s+wondering|i\s+wonder|(?:please\s+)?tell\s+me|let\s+me\s+know|lmk|"
    r"(?:i'?d\s+like\s+to\s+|i\s+would\s+like\s+to\s+|i\s+want\s+to\s+)?know)\s+"
    r"(?:if|whether|what|which))\b",
    _FLAGS,
)
SEARCH_START = re.compile(
    r"^(?:find|search(?:\s+(?:for|through|my\s+tasks\s+for|tasks\s+for))?|look\s+for|look\s+up|"
    r"lookup|locate|grep|query)\b",
    _FLAGS,
)
_LISTY_WORDS = (
    r"tasks?|todos?|to-?dos?|to\s+do|list|due|pending|overdue|late|left|remaining|open|"
    r"incomplete|unfinished|outstanding|completed?|done|finished|planned|scheduled|coming\s+up|"
    r"upcoming|agenda|plate|priority|priorities|prio|pri|urgent|important|tagged|need\s+to|"
    r"have\s+to|got\s+to|must\s+do|should\s+do|work\s+on|on\s+for|everything|anything|items?|reminders?|schedule|"
    r"deadlines?|finish|complete|accomplish|get\s+done|(?:check|tick|cross)(?:ed)?\s+off|"
    r"needs?\s+doing|forget(?:ting)?|missing|behind|knock(?:ed)?\s+out|got\s+through|wrapped\s+up|"
    r"slip(?:ped)?\s+past|in\s+time|(?:got|have)\s+on|on\s+the\s+cards"
)
_LISTY_DAYS = (
    r"today|tonight|tomorrow|(?:this|next)\s+week(?:end)?|(?:the\s+)?weekend|this\s+month|"
    r"this\s+(?:morning|afternoon|evening)|"
    rf"(?:on\s+)?{WEEKDAY_FULL_RE}|the\s+\d{{1,2}}(?:st|nd|rd|th)"
)
_LISTY = re.compile(rf"\b(?:{_LISTY_WORDS}|{_LISTY_DAYS})\b|#[a-z]", _FLAGS)
# After "get", "check", "review" a day alone makes no list: "get a haircut next week".
_LISTY_WITHOUT_DAYS = re.compile(rf"\b(?:{_LISTY_WORDS})\b|#[a-z]", _FLAGS)
_ABOUT_THE_APP = re.compile(
    r"\b(?:difference\s+between|what\s+does\s+[\w' -]{1,30}\s+mean|what\s+is\s+the\s+point\s+of|"
    r"how\s+does\s+(?:this|it|the\s+app)\s+work)\b",
    _FLAGS,
)
_SORT_ONLY = re.compile(
    rf"^(?:(?:my|the|all)\s+)*(?:(?:\d{{1,3}}|{NUMBER_RE})\s+)?(?:newest|oldest|latest|most\s+recent|"
    r"urgent|important|most\s+urgent|most\s+important|soonest|earliest)"
    r"(?:\s+(?:stuff|ones|things|tasks|items|todos)(?:\s+first)?|\s+first)$",
    _FLAGS,
)
_WORLD_TOPIC = re.compile(rf"\b(?:{WORLD_TOPIC_RE})\b", _FLAGS)
_ONLY_A_DAY = re.compile(rf"^\s*(?:(?:for|on|my|what'?s)\s+)*(?:{_LISTY_DAYS})\s*$", _FLAGS)
_BARE_DAY = re.compile(rf"^\s*(?:{_LISTY_DAYS})\s*$", _FLAGS)


def is_bare_day(text: str) -> bool:
    """ "tomorrow", said alone and not asked: a list of that day, or a task to come?"""
    return _BARE_DAY.match(text) is not None


_NOUN_ONLY = re.compile(
    r"^(?:(?:all|my|the|open|pending|overdue|completed|done|finished|today'?s|tomorrow'?s|current|"
    r"upcoming|urgent|important|high[\s-]priority|low[\s-]priority|remaining|outstanding)\s+)*"
    r"(?:tasks|todos|to-?dos|todo\s+list|to-do\s+list|task\s+list|list|agenda|inbox|reminders|"
    r"overdue|pending|backlog|today|tomorrow)(?:\s+(?:for\s+|due\s+)?(?:today|tomorrow|this\s+week|"
    r"next\s+week))?$|^#[a-z][\w-]*(?:\s+tasks)?$",
    _FLAGS,
)


_DONE_ONES = re.compile(
    r"^(?:(?:all|my|the)\s+)*(?:done|completed|finished|closed|ticked[\s-]off|checked[\s-]off)\s+"
    r"(?:#?[a-z][\w-]*\s+)?(?:items|tasks|todos|to-?dos|ones|stuff|things)\b",
    _FLAGS,
)


_TASKS_WITH = re.compile(
    r"^(?:(?:all|my|the|any)\s+)*(?:tasks|todos|to-?dos|items|ones|anything|everything)\s+"
    r"(?:with|w/|mentioning|containing|that\s+(?:mentions?|contains?|says?|have|has))\s+\S",
    _FLAGS,
)


def is_list_request(text: str, *, clear_only: bool = False) -> bool:
    """Whether the message asks to see tasks. ``clear_only``: only openings that cannot be
    a command on one task ("show …", "what …?"), not "check …" or "get …"."""
    if SEARCH_START.match(text) or _NOUN_ONLY.match(text) or _STRONG_START.match(text):
        return True
    if _DONE_ONES.match(text) or _TASKS_WITH.match(text):
        return True  # "done items in #work", "tasks with the word invoice in them"
    if _SORT_ONLY.match(text):  # "newest tasks first pls"
        return True
    if _ABOUT_THE_APP.search(text):
        return False  # "what's the difference between a reminder and a due date?"
    if _QUESTION_START.match(text):
        # "what's the weather like tomorrow": a day alone does not make that about tasks.
        listy = _LISTY_WITHOUT_DAYS if _WORLD_TOPIC.search(text) else _LISTY
        return bool(listy.search(text))
    weak = _WEAK_START.match(text)
    if weak and _GET_IT_DONE.match(text):
        return False  # "get the car registration done today": a task, not a list
    if weak and not clear_only:
        only_day = _ONLY_A_DAY.match(text[weak.end() :])  # "check today"
        return bool(only_day or _LISTY_WITHOUT_DAYS.search(text))
    return False


_GET_IT_DONE = re.compile(
    r"^get\s+(?!(?:me|my\s+list|a\s+list|all|everything)\b)\S.*\s(?:done|sorted|finished)\b", _FLAGS
)
_SORT_KEYS = (
    # (first: "creation date" is not a due date)
    (r"creat\w*|added|newest|oldest|age|recent\w*|latest", "created"),
    (
        r"due|deadline|date(?!\s+(?:added|created))|when(?!\s+(?:i|we)\s+(?:added|created|made))|"
        r"soonest|earliest|time",
        "due",
    ),
    (r"priority|prio|importance|urgency|urgent|important", "priority"),
    (r"title|name|alphabet\w*|a-z|a\s+to\s+z", "title"),
)
_SORT = re.compile(
    r"\b(?:(?:sort(?:ed)?|order(?:ed)?|arrange[d]?|group(?:ed)?|rank(?:ed)?)\s+(?:them\s+|it\s+|"
    r"everything\s+)?by|by|in\s+order\s+of)\s+(?:the\s+|their\s+)?(?P<key>date\s+(?:created|added)|due(?:\s+dates?)?|deadlines?|"
    r"dates?|priority|prio|importance|"
    r"title|name|creation(?:\s+date)?|date\s+(?:created|added)|created|newest|oldest|"
    r"when\s+(?:i|we)\s+(?:added|created|made)(?:\s+(?:them|things|it|each\s+one))?)(?:\s+first)?\b"
    # "list them in the order I added them"
    r"|\bin\s+the\s+order\s+(?:i|we)\s+(?P<key3>added|created|made|entered)(?:\s+(?:them|it|things))?\b"
    r"|\b(?P<key2>alphabetically|(?:in\s+)?alphabetical(?:\s+order)?|newest(?:\s+first)?|oldest(?:\s+first)?|most\s+recent(?:ly\s+added)?|"
    r"latest(?!\s+(?:due|deadline))|soonest(?:\s+first)?(?!\s+(?:due|deadline))|"
    r"earliest(?:\s+first)?(?!\s+(?:due|deadline))|most\s+important\s+first|"
    r"highest(?:\s+priority)?\s+first|lowest(?:\s+priority)?\s+first|"
    r"(?:lowest|highest|top)\s+priority\s+first|least\s+important\s+first|"
    r"(?:newest|oldest|latest|urgent|important)\s+(?:stuff|ones|things|tasks|items)\s+first|"
    r"most\s+urgent"
    r"\s+first)\b",
    _FLAGS,
)
_ORDER_SAID_AFTER = re.compile(
    r"\b(?:(?P<high>highest|top|most\s+(?:important|urgent))|lowest|least\s+(?:important|urgent))"
    r"(?:\s+(?:priority|ones?))?\s+first\b",
    _FLAGS,
)
_LIMIT = re.compile(
    rf"\b(?:top|first|(?P<next>next)|last)\s+(?P<n>\d{{1,3}}|{NUMBER_RE})\b(?!\s+(?:days?|weeks?|months?))|"
    rf"\b(?P<m>\d{{1,3}})\s+"
    r"(?:tasks|todos|items|things)\b|"
    # "the five most recently added tasks"
    # (the order it names is claimed first: a hole follows the number)
    rf"\b(?P<k>\d{{1,3}}|{NUMBER_RE})\s+(?=\x00|(?:most\s+recent|newest|latest|oldest|earliest|"
    r"soonest)\b)",
    _FLAGS,
)
_NEWEST = re.compile(r"newest|latest|most\s+recent|recent", _FLAGS)
# Which end of a named order comes first ("latest due date first": of the due dates).
_DUE_NOUN = r"(?:due(?:\s+dates?)?|deadlines?)"
_DIRECTION = re.compile(
    r"[,\s]*\b(?:(?:(?P<late>latest|furthest(?:\s+out)?|last|most\s+recent)|"
    rf"(?P<early>soonest|earliest|nearest|most\s+overdue|oldest))(?P<due>\s+{_DUE_NOUN})?\s+first|"
    r"(?P<back>z-a|z\s+to\s+a|descending|desc)|a-z|a\s+to\s+z|ascending|asc)\b",
    _FLAGS,
)
# "the 5 most urgent ones": the top of the list by priority, not only the high ones.
_MOST = re.compile(
    rf"\b(?:the\s+)?(?:(?P<n>\d{{1,3}}|{NUMBER_RE})\s+)?most\s+(?:urgent|important|pressing)\b"
    r"(?:\s+(?:ones|tasks|things|items))?|"
    # "my 3 highest priority tasks", "top three priority tasks": the first few by priority
    rf"\b(?:top\s+)?(?P<k>\d{{1,3}}|{NUMBER_RE})\s+(?:(?:highest|top|most\s+important)\s+)?priority\s+"
    r"(?:ones|tasks|things|items|todos)\b",
    _FLAGS,
)
_OVERDUE = re.compile(
    r"\b(?:overdue|past[\s-]+due|late|missed|behind(?:\s+on)?|"
    # "have I let anything slip past its date?", "which tasks I didn't do in time?"
    r"(?:slip(?:ped)?|gone|went)\s+past\s+(?:its|their|the)\s+(?:due\s+)?(?:date|deadline)s?|"
    r"past\s+(?:its|their|the)\s+(?:due\s+)?(?:date|deadline)s?|"
    # "which deadlines have I already blown?"
    r"deadlines?\s+(?:have\s+|did\s+|'ve\s+)?(?:i|we)\s+(?:already\s+|just\s+)?(?:blown|blew|missed|miss|"
    r"broken|broke)|(?:blown|missed)\s+(?:deadlines?|due\s+dates?)|"
    r"(?:n'?t|\bnot)\s+(?:\w+\s+){0,2}in\s+time)\b",
    _FLAGS,
)
_STATUS_ALL = re.compile(
    r"\b(?:(?:including|incl\.?|inc\.?|plus|with|and|also|as\s+well\s+as|together\s+with)\s+(?:the\s+)?"
    r"(?:completed|done|finished)"
    r"(?:\s+ones)?|(?:completed|done|finished)"
    r"\s+(?:and|or|&)\s+(?:pending|open|not\s+done|undone|incomplete)|(?:pending|open|incomplete)\s+"
    r"(?:and|or|&)\s+(?:completed|done|finished)|both\s+(?:done|completed)|all\s+statuses|any\s+status|"
    r"even\s+(?:the\s+)?(?:completed|done|finished)(?:\s+ones)?|"
    r"(?:completed|done|finished)\s+(?:ones|tasks|stuff|things|items)\s+(?:too|as\s+well)|"
    r"(?:including|incl\.?|inc\.?|plus|with|and|even)\s+(?:the\s+)?(?:stuff|ones|things|tasks)\s+(?:that\s+)?(?:i'?ve|i|we)\s+(?:already\s+)?"
    r"(?:checked\s+off|ticked\s+off|finished|done|did|completed)|"
    r"(?:including|incl\.?|plus|and|even)\s+(?:the\s+)?(?:ones|tasks|those|what)\s+(?:that\s+)?(?:i|we)(?:'ve)?\s+"
    r"(?:have\s+|had\s+|already\s+)*(?:completed|done|finished|checked\s+off|ticked\s+off))\b",
    _FLAGS,
)
_STATUS_PENDING = re.compile(
    r"\b(?:(?:haven'?t|have\s+not|didn'?t|did\s+not|not)\s+(?:i\s+|we\s+)?(?:yet\s+)?(?:done|"
    r"finished|completed|do|finish|complete|got\s+to)|pending|open|incomplete|unfinished|outstanding|remaining|left|undone|uncompleted|"
    r"unchecked|active|not\s+(?:yet\s+)?(?:done|completed?|finished)|still|to\s+do|to-?dos?|"
    r"need\s+to\s+do|have\s+to\s+do|yet\s+to\s+do|"
    # "what do I need to get done tomorrow" (not "what did I manage to get done")
    r"(?:need|needs|have|has|got|gotta|want)\s+(?:to\s+)?get\s+(?:done|finished))\b",
    _FLAGS,
)
_STATUS_COMPLETED = re.compile(
    r"\b(?:completed?|done|finished|closed|(?:check|tick|cross)(?:ed)?\s+off|accomplished|"
    r"achieved|finish|accomplish|get\s+done|knock(?:ed)?\s+out|got\s+through|wrap(?:ped)?\s+up|"
    r"close(?:d)?\s+out)\b",
    _FLAGS,
)
_TAG_NAMED = re.compile(
    r"\b(?:in|under|from|with|for|on|of)\s+(?:the\s+|my\s+)?#?(?P<t>[a-z][\w-]*)\s+(?:tag|label|category|"
    r"project|list)\b|\b(?:tag|label|category)\s+#?(?P<u>[a-z][\w-]*)\b|"
    # "the tasks I have filed under garden"
    r"\b(?:filed|listed|kept|put|sorted)\s+(?:under|as)\s+(?:the\s+|my\s+)?#?(?P<v>[a-z][\w-]*)"
    r"(?:\s+(?:tag|label|category))?\b|"
    # "pull up my closings tag"
    r"\bmy\s+#?(?P<w>[a-z][\w-]*)\s+(?:tag|label)\b",
    _FLAGS,
)
_WORD_TASKS = re.compile(
    r"^(?:show|list|display|view|get|give\s+me|gimme|fetch|pull\s+up|what\s+are|lemme\s+see|"
    r"let\s+me\s+see)\s+(?:me\s+)?(?:only\s+|just\s+)?(?:all\s+)?(?:(?:of\s+)?(?:my|the)\s+)?(?P<w>[a-z][\w-]*)\s+"
    r"(?:tasks|todos|to-?dos|items|stuff|things)(?:\s+only)?[\s,.!?]*$",
    _FLAGS,
)
_KIND_OF_TASKS = re.compile(
    r"\b(?:my|the|all|our|any|of)\s+(?P<w>[a-z][\w-]*)\s+(?:tasks|todos|to-?dos|items|stuff|things)\b",
    _FLAGS,
)
_NOT_TAG_WORDS = word_set(
    "me us you all my the open pending overdue completed done finished current upcoming "
    "urgent important remaining outstanding today tomorrow new old recent other active "
    "unfinished incomplete latest next last first every any some these those daily weekly "
    "monthly recurring repeating late due of for a an"
)
_SEARCH_FOR = re.compile(
    r"\b(?:about|regarding|concerning|mentioning|mention|containing|contains?|matching|match|"
    r"related\s+to|relating\s+to|called|named|titled|re|that\s+(?:mentions?|contains?|says?|"
    r"includes?|has|have)|(?:anything|something|tasks?|items?|todos?|ones?|one|any)\s+(?:with|w/|w(?=\s))|"
    # ("everything with a due date" filters by a field, not a word)
    r"everything\s+(?:with|w/)(?!\s+(?:a|an|no|due|dates?|priority|high|low|tags?|reminders?)\b)|"
    r"with\s+the\s+words?|including\s+the\s+words?|(?:have|has)\s+the\s+words?|"
    # "the tasks where is written 'invoice'", "where it says 'boiler'"
    r"where\s+(?:is\s+written|it\s+says|it\s+is\s+written|is\s+the\s+word)|"
    r"(?:with|w/)(?=\s+.+\s+in\s+(?:it\b|them\b|(?:the\s+)?"
    rf"(?:title|name|description))))\s+(?P<q>[^{HOLE}]+)",
    _FLAGS,
)
_Q_NOISE_LEAD = re.compile(
    r"^(?:(?:for|the|my|a|an|any|all|some|of|tasks?|todos?|items?|to-?dos?|things?|anything|"
    r"everything|stuff|me|i|have|do|there|are|is|about|with|word|words|called|named)\s+)+",
    _FLAGS,
)
_Q_NOISE_TAIL = re.compile(
    r"(?:\s+(?:tasks?|todos?|items?|to-?dos?|ones?|things?|stuff|in\s+(?:the\s+)?(?:title|name|"
    r"description|list)|in\s+it|in\s+them|in\s+here|in\s+there|in\s+my\s+list|on\s+here|on\s+my\s+list|"
    r"on\s+(?:my\s+list|there|it|the\s+list)|please|then))+$",
    _FLAGS,
)


def _sort_key(word: str) -> str | None:
    for pattern, key in _SORT_KEYS:
        if re.search(pattern, word, _FLAGS):
            return key
    return None


def _day_after(scratch: Scratch, keyword: str, today: date) -> date | None:
    """The day right after a keyword ("due before friday"), both claimed."""
    for match in scratch.finditer(re.compile(keyword, _FLAGS)):
        rest = scratch.text[match.end() :]
        hit = find_day(rest, today)
        if hit and not rest[: hit.start].strip():
            scratch.claim(match.start(), match.end() + hit.end)
            return hit.day
        # "due after the fifteenth", "finished before june": a day of the month or a month
        # said after the keyword, read as after "on" or "in"
        lead = (
            "on "
            if re.match(r"the\s", rest, _FLAGS)
            else "in "
            if _NAMES_MONTH.match(rest)
            else "by "
            if _NAMES_HOLIDAY.match(rest)
            else ""
        )
        said = find_day(f"{lead}{rest}", today) if lead else None
        if said and said.start == 0:
            scratch.claim(match.start(), match.end() + said.end - len(lead))
            # a month alone is bounded by its first day ("before november", said in November)
            return said.day.replace(day=1) if lead == "in " else said.day
    return None


_RANGE = re.compile(
    r"\b(?:(?:due|for|on)\s+)?(?P<r>(?:this|the|my)\s+week(?:end)?|next\s+week(?:end)?|this\s+month|weekend|"
    r"next\s+month|(?:the\s+)?(?:next|coming|following)\s+(?P<n>\d{1,3}|"
    rf"{NUMBER_RE})\s+days|within\s+(?P<w>\d{{1,3}}|{NUMBER_RE})\s+days)\b",
    _FLAGS,
)
# "coming up", "soon": from today on, unless a period is named as well ("coming up this weekend").
_SOON = re.compile(r"\b(?P<r>upcoming|coming\s+up|soon)\b", _FLAGS)


_NEXT_DAYS = re.compile(
    rf"\b(?:in\s+)?(?:the\s+)?(?:next|coming|following)\s+(?P<r>(?P<n>\d{{1,3}}|{NUMBER_RE})\s+days)\b"
    rf"|\bwithin\s+(?P<r2>(?P<w>\d{{1,3}}|{NUMBER_RE})\s+days)\b",
    _FLAGS,
)


def _range(scratch: Scratch, today: date) -> tuple[date | None, date | None] | None:
    match = scratch.take(_NEXT_DAYS) or scratch.take(_RANGE)
    soon = scratch.take(_SOON)
    if not match:
        if soon and find_day(scratch.text, today) is None:
            return today, None
        return None  # "coming up on friday": that day
    phrase = " ".join((match["r"] or match.groupdict().get("r2") or "").lower().split())
    monday = today - timedelta(days=today.weekday())
    if phrase in ("this week", "the week", "my week"):
        return today, monday + timedelta(days=6)
    if phrase in ("this weekend", "the weekend", "my weekend", "weekend"):
        saturday = monday + timedelta(days=5)
        return max(today, saturday), monday + timedelta(days=6)
    if phrase == "next week":
        return monday + timedelta(days=7), monday + timedelta(days=13)
    if phrase == "next weekend":
        return monday + timedelta(days=12), monday + timedelta(days=13)
    if phrase == "this month":
        return today, today + relativedelta(day=31)
    if phrase == "next month":
        first = today.replace(day=1) + relativedelta(months=1)
        return first, first + relativedelta(day=31)
    if match["n"] or match["w"]:
        return today, today + timedelta(days=number_value(match["n"] or match["w"]))
    return today, None


_SEARCHED_HOLIDAY = re.compile(
    rf"(?<!due\s)(?<!by\s)(?<!on\s)(?<!before\s)(?<!after\s)(?<!until\s)\b{HOLIDAY_RE}\b", _FLAGS
)
# "between now and the end of next week", "from today until the end of the month".
_UNTIL_END = re.compile(
    r"\b(?:(?P<from>(?:between|from)\s+(?:now|today)\s+(?:and|until|till|to|through))|by|before|until|till)\s+"
    r"(?:the\s+)?end\s+of\s+(?P<r>(?:this|next|the)\s+(?:week|month))\b",
    _FLAGS,
)


# "what's due between the 18th and the 25th", "from monday to thursday"
_BETWEEN = re.compile(
    r"\b(?:due\s+)?(?:between|from)\s+(?P<a>[^,;?!]+?)\s+(?:and|to|till|until|through|thru|-)\s+"
    r"(?P<b>[^,;?!]+?)(?=[\s?!.,]*$|\s*[,;?!])",
    _FLAGS,
)


def _between(scratch: Scratch, today: date, args: dict[str, Any]) -> bool:
    match = _BETWEEN.search(scratch.text)
    if match is None:
        return False
    # "between now and friday": from today
    now_said = re.fullmatch(r"\s*(?:now|right\s+now|today)\s*", match["a"], _FLAGS)
    if now_said and re.search(r"\bend\b", match["b"], _FLAGS):
        return False  # "between now and the end of next week": read as until that end
    first = DayHit(today, 0, len(match["a"])) if now_said else find_day(match["a"], today)
    last = find_day(match["b"], first.day) if first is not None else None  # after the first
    if first is None or last is None or last.day < first.day:
        return False
    scratch.claim(*match.span())
    args["due_after"], args["due_before"] = first.day.isoformat(), last.day.isoformat()
    args.setdefault("sort", "due")
    return True


def _dates(scratch: Scratch, today: date, args: dict[str, Any]) -> None:
    if _between(scratch, today, args):
        return
    until_end = scratch.take(_UNTIL_END)
    if until_end:
        span = _range(Scratch(until_end["r"].replace("the ", "this ")), today)
        if span is not None and span[1] is not None:
            if until_end["from"]:
                args["due_after"] = today.isoformat()
            args["due_before"] = span[1].isoformat()
            args.setdefault("sort", "due")
            return
    before = _day_after(
        scratch, r"\b(?:due\s+)?(?:before|by|until|till|no\s+later\s+than|up\s+to)\s+", today
    )
    after = _day_after(scratch, r"\b(?:due\s+)?(?:after|from|since|starting)\s+", today)
    if before:
        args["due_before"] = before.isoformat()
    if after:
        args["due_after"] = after.isoformat()
    if before or after:
        return
    span = _whole_month(scratch, today) or _range(scratch, today)
    if span is None:
        hit = find_day(scratch.text, today)
        if hit is None and re.search(r"\btonight\b", scratch.text, _FLAGS):
            span = (today, today)
        elif hit is not None:
            scratch.claim(hit.start, hit.end)
            span = (hit.day, hit.day)
    if span is None:
        return
    start, end = span
    if start:
        args["due_after"] = start.isoformat()
    if end:
        args["due_before"] = end.isoformat()
    args.setdefault("sort", "due")


# "what's due in january", "what did i complete in october": the whole month.
_IN_MONTH = re.compile(
    rf"\b(?:in|during|for)\s+(?:the\s+month\s+of\s+)?(?P<m>{MONTH_RE})(?!\s*\d)(?![\w'])", _FLAGS
)


def _whole_month(scratch: Scratch, today: date) -> tuple[date, date] | None:
    """The month named, from its first day to its last: the one to come, this one included."""
    match = scratch.take(_IN_MONTH)
    if match is None:
        return None
    month = MONTHS[match["m"].lower().rstrip(".")]
    first = date(today.year + (month < today.month), month, 1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


_DUE_WORD = re.compile(r"\b(?:due|deadlines?|scheduled|planned)\b", _FLAGS)
# "what do I need to get done tomorrow" looks ahead, though it says "done".
_STILL_TO_DO = re.compile(
    r"\b(?:needs?|ha(?:ve|s)|got|want|going)\s+to\b|\b(?:gotta|will|should|must)\b|"
    # ("what did I manage to get done this week" looks back)
    r"(?<!\bmanage\s)(?<!\bmanaged\s)\bto\s+(?:get\s+)?(?:done|finish(?:ed)?|complete[d]?|do)\b",
    _FLAGS,
)
# Periods looked back on: done tasks are dated by when they were finished.
_PAST_RANGE = re.compile(
    r"\b(?:so\s+far\s+)?(?P<r>(?:this|the|last|past|previous)\s+(?:week|month|year)|"
    rf"(?:the\s+)?(?:last|past)\s+(?P<n>\d{{1,3}}|{NUMBER_RE})\s+days)(?:\s+so\s+far)?\b",
    _FLAGS,
)


def _past_range(phrase: str, today: date) -> tuple[date, date]:
    """The days of a period looked back on, up to today: "this week" is from Monday."""
    words = phrase.lower().split()
    if words[-1] == "days":
        return today - timedelta(days=number_value(words[-2])), today
    last = words[0] in ("last", "past", "previous")
    if words[-1] == "week":
        monday = today - timedelta(days=today.weekday())
        return (monday - timedelta(days=7), monday - timedelta(days=1)) if last else (monday, today)
    if words[-1] == "month":
        first = today.replace(day=1)
        if last:
            return first - relativedelta(months=1), first - timedelta(days=1)
        return first, today
    first = today.replace(month=1, day=1)
    return (
        (first.replace(year=first.year - 1), first - timedelta(days=1)) if last else (first, today)
    )


def _completion_days(scratch: Scratch, today: date, args: dict[str, Any]) -> None:
    """The days named, as when the tasks were completed ("finished yesterday", "done this
    week", "ticked off since monday")."""
    match = scratch.take(_PAST_RANGE)
    if match:
        start, end = _past_range(" ".join(match["r"].split()), today)
        args["completed_after"], args["completed_before"] = start.isoformat(), end.isoformat()
        return
    said = scratch.text
    days: dict[str, Any] = {}
    _dates(scratch, today, days)
    if "due_after" in days:
        args["completed_after"] = _looking_back(days["due_after"], said, today)
    if "due_before" in days:
        bound = date.fromisoformat(days["due_before"])
        if (_NAMES_MONTH.search(said) or _NAMES_HOLIDAY.search(said)) and bound.year == today.year:
            # "finished before june", said in May: the June to come, not last year's
            args["completed_before"] = bound.isoformat()
        else:
            args["completed_before"] = min(
                _looking_back(days["due_before"], said, today), today.isoformat()
            )


_NAMES_WEEKDAY = re.compile(rf"\b{WEEKDAY_RE}(?![a-z])", _FLAGS)
_NAMES_MONTH = re.compile(rf"\b{MONTH_RE}(?![a-z])", _FLAGS)
_NAMES_HOLIDAY = re.compile(rf"\b(?:{HOLIDAY_RE}|{FLOATING_HOLIDAY_RE})(?![\w'])", _FLAGS)


def _looking_back(day_text: str, said: str, today: date) -> str:
    """A day read forward ("since monday" as the coming one) as the one just past: a weekday
    a week back, a month's day a month back, a date in a named month a year back."""
    day = date.fromisoformat(day_text)
    if day <= today:
        return day_text
    if _NAMES_MONTH.search(said) or _NAMES_HOLIDAY.search(said):
        day -= relativedelta(years=1)  # "since christmas": last year's
    elif _NAMES_WEEKDAY.search(said):
        day -= timedelta(days=7 * ((day - today).days // 7 + 1))
    else:
        day -= relativedelta(months=1)
    return day.isoformat()


def _asked(text: str) -> str:
    """The question itself: "what did i get done since monday? need to feel productive lol"."""
    return text.split("?", 1)[0]


def _status(scratch: Scratch) -> str | None:
    if scratch.take(_STATUS_ALL):
        return "all"
    if scratch.take(_STATUS_PENDING):
        return "pending"
    if scratch.take(_STATUS_COMPLETED):
        return "completed"
    return None


_QUERY_ENDS = re.compile(
    r"[?!.]\s|,\s+(?=(?:i|we|it|but|because|since)\b)|\s+(?:or|and)\s+(?=(?:did|do|was|am|have)\s+i\b)",
    _FLAGS,
)


_FOR_LEAD = re.compile(r"^\s*(?:for\s+)?", _FLAGS)


def _query(scratch: Scratch, *, searching: bool) -> str | None:
    match = scratch.search(_SEARCH_FOR)
    if match:
        phrase = match["q"]
    elif searching:
        phrase = SEARCH_START.sub("", scratch.text, count=1)
    else:
        return None
    quoted = QUOTED.match(_FOR_LEAD.sub("", phrase, count=1))
    if quoted is not None:  # "find 'invoice' in #work"
        return (quoted["q"] or quoted["s"]).strip() or None
    # "… insurance? Please search.", "professor, i forget what i wrote", "… or did i dream it"
    phrase = tidy(_QUERY_ENDS.split(phrase, maxsplit=1)[0])
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _Q_NOISE_TAIL.sub("", _Q_NOISE_LEAD.sub("", phrase)).strip(" ,.?!\"'")
    return phrase or None


def plan_list(text: str, now: datetime, known_tags: Collection[str] = ()) -> Plan:
    """``known_tags``: the tags on the user's tasks, so "show my errands" filters by one."""
    args, _ = _read_list(text, now, known_tags)
    # Done tasks are history: a chat list shows what is still to do unless asked otherwise.
    args.setdefault("status", "pending")
    return Plan.tools(ToolCall("list_tasks", args), reply="Here are your tasks.")


def _read_list(
    text: str, now: datetime, known_tags: Collection[str]
) -> tuple[dict[str, Any], Scratch]:
    """The list filters said, and the message with their phrases claimed."""
    today = now.date()
    scratch = Scratch(text)
    args: dict[str, Any] = {}
    searching = bool(SEARCH_START.match(text))

    sort = scratch.take(_SORT)
    if sort:
        said = sort["key"] or sort["key2"] or sort["key3"] or ""
        key = _sort_key(said)
        if key == "created" and said.lower().startswith("latest") and _DUE_WORD.search(text):
            key = "due"  # "what's due, latest first": the latest due first
        if key:
            args["sort"] = key
        if _NEWEST.search(said):
            args["order"] = "desc"
        elif re.match(r"(?:highest|top|most)\b", said, _FLAGS):
            args["order"] = "desc"  # "highest priority first": high ranks above low
        elif key == "created" or sort["key2"] or sort["key3"]:
            args["order"] = "asc"  # "soonest first", "a-z", "oldest first", "lowest priority first"
        then = None if "order" in args else scratch.take(_ORDER_SAID_AFTER)
        if then:  # "by priority, highest first"
            args["order"] = "desc" if then["high"] else "asc"
    direction = scratch.take(_DIRECTION)
    if direction:  # "by due date, latest first", "overdue stuff, most overdue first"
        if direction["due"]:
            args["sort"] = "due"
        args.setdefault("sort", "due" if direction["late"] or direction["early"] else "title")
        args["order"] = "desc" if direction["late"] or direction["back"] else "asc"
    most = scratch.take(_MOST)
    if most:
        args["sort"] = "priority"
        if most["n"] or most["k"]:
            args["limit"] = max(1, number_value(most["n"] or most["k"]))
    limit = scratch.take(_LIMIT)
    if limit:
        args["limit"] = max(1, number_value(limit["n"] or limit["m"] or limit["k"]))
        if limit["next"] and "sort" not in args:
            args["sort"] = "due"  # "the next 3 things": the soonest due
    if scratch.take(_OVERDUE):
        args["overdue"] = True
    status = _status(scratch)
    if status:
        args["status"] = status

    tags = take_tags(scratch)
    named = scratch.take(_TAG_NAMED)
    tag_named = named and (named["t"] or named["u"] or named["v"] or named["w"]).lower()
    if tag_named and tag_named not in _NOT_TAG_WORDS:
        tags.append(tag_named)
    priority = take_priority(scratch) or _loose_priority(scratch)
    if priority:
        args["priority"] = priority
    # "search for christmas": a holiday searched for is a word of the title, not its day.
    if (
        args.get("status") == "completed"
        and not _DUE_WORD.search(asked := _asked(text))
        and not _STILL_TO_DO.search(asked)
    ):
        _completion_days(scratch, today, args)  # "what did I finish this week"
    elif not (searching and _SEARCHED_HOLIDAY.search(text)):
        _dates(scratch, today, args)

    query = _query(scratch, searching=searching)
    if query:
        args["q"] = query
    elif not tags:
        word = _WORD_TASKS.match(tidy(scratch.rest()))
        if word and word["w"].lower() not in _NOT_TAG_WORDS:
            tags.append(word["w"].lower())
        elif (tag := _known_tag(scratch.rest(), known_tags)) is not None:
            tags.append(tag)
        elif (topic := _LEFT_FOR.match(tidy(scratch.rest()))) and args.get("status") == "pending":
            topic_word = topic["w"].lower()
            if topic_word in LIST_NAMES or topic_word in known_tags:
                tags.append(topic_word)
            elif topic_word not in _BARE_FILLER and topic_word not in _NOT_TAG_WORDS:
                args["q"] = topic["w"]  # "what's left for Henderson?"
        elif (kind := _KIND_OF_TASKS.search(scratch.rest())) is not None:
            kind_word = kind["w"].lower()
            if kind_word in LIST_NAMES or kind_word in known_tags:
                tags.append(kind_word)  # "a summary of my work tasks"
            elif kind_word not in _NOT_TAG_WORDS and kind_word not in _LIST_FILLER:
                args["q"] = kind_word  # "any landlord tasks"
    if tags:
        unique = list(dict.fromkeys(tags))
        args["tag"] = unique[0] if len(unique) == 1 else unique
    return args, scratch


# What is left of a list question once "left"/"still open" is read: "what's left for
# Henderson?", "anything still open for the dog".
_LEFT_FOR = re.compile(
    r"^(?:what'?s|whats|what\s+is|what|which|anything|is\s+there\s+anything)\s+(?:open\s+|still\s+)*"
    r"(?:for|on|with)?\s*(?:the|my|our)?\s*(?P<w>[a-z][\w'-]*)(?:\s+(?:are|is))?(?:\s+(?:left|remaining|open))?$",
    _FLAGS,
)


# Words around list filters that ask for nothing more: "p1s only", "next wk look like?",
# "overdue stuff", "any gift stuff".
_BARE_FILLER = word_set(
    "stuff things thing tasks task todos todo to-dos items item ones only just pls please plz "
    "look looks looking like what what's whats is are there any anything everything all my me "
    "the i do have got on for so far now then up going happening show list hmm um ok okay "
    "and or with of related schedule agenda plans plan lineup rest ahead how about i've ive "
    "be honest"
)
_BARE_MARK = word_set("stuff things tasks todos to-dos items related")
_FILTERS = frozenset(
    ("priority", "overdue", "due_after", "due_before", "tag", "q", "status", "sort")
)


def includes_done(text: str) -> bool:
    """ "#travel incl done", "with the completed ones": done tasks asked for too."""
    return _STATUS_ALL.search(text) is not None


def plan_bare_list(text: str, now: datetime, known_tags: Collection[str] = ()) -> Plan | None:
    """A list asked for by its filters alone, without a list verb: "p1s only", "overdue
    stuff 😬", "this weekend?", "high prio work stuff", "any gift stuff". None when any word
    is left that is no filter and no filler: that is a task or something else."""
    args, scratch = _read_list(text, now, known_tags)
    words = re.findall(r"[a-z0-9][\w'-]*", scratch.rest().lower())
    tags = args.get("tag", [])
    named = {tags} if isinstance(tags, str) else set(tags)
    searched = str(args.get("q", "")).lower()
    left = [
        w for w in words if w not in _BARE_FILLER and not _names_tag(w, named) and w != searched
    ]
    if len(left) == 1 and not named and "q" not in args and left[0] not in COMMAND_WORDS:
        # "any gift stuff", "work stuff": one word named as a kind of task.
        named_as_kind = words[:1] == ["any"] or any(w in _BARE_MARK for w in words)
        if not named_as_kind:
            return None
        word = left[0]
        if word in LIST_NAMES or word in known_tags:
            args["tag"] = word
        else:
            args["q"] = word
        left = []
    if left or not _FILTERS & set(args):
        return None
    tag = args.get("tag")
    if _FILTERS & set(args) == {"tag"} and isinstance(tag, str) and tag not in known_tags:
        # "groceries" alone may be an errand; "work stuff?", "any errands" ask for a list.
        asked = "?" in text or words[:1] == ["any"] or any(w in _BARE_MARK for w in words)
        if not asked:
            return None
    if searched and (searched in LIST_NAMES or searched in known_tags):
        args["tag"] = args.pop("q")  # "how about work stuff"
    args.setdefault("status", "pending")
    return Plan.tools(ToolCall("list_tasks", args), reply="Here are your tasks.")


_LIST_FILLER = word_set(
    "show list display view get give gimme fetch pull up see me my the all of what are is "
    "lemme let any anything everything stuff things tasks todos items please pls for only just "
    "ones one related"
)


_BEFORE_A_TAG = frozenset(
    {"for", "in", "the", "on", "under", "my", "of", "what's", "whats", "lmk", "tell", "know"}
)


def _known_tag(rest: str, known_tags: Collection[str]) -> str | None:
    """The one word left after the list words, when it names a tag the user has."""
    words = [
        w
        for w in re.findall(r"(?:[a-z]|\d{1,3}[a-z])[\w'-]*", rest.lower())
        if w not in _LIST_FILLER and w not in _BEFORE_A_TAG  # "overdue for the kids"
    ]
    if len(words) != 1:
        return None
    word = words[0]
    for tag in known_tags:
        if word in (tag, f"{tag}s", f"{tag}es") or tag in (f"{word}s", f"{word}es"):
            return tag
    return word if word in LIST_NAMES else None


def _names_tag(word: str, tags: Collection[str]) -> bool:
    return any(word in (tag, f"{tag}s", f"{tag}es") or tag == f"{word}s" for tag in tags)


_LOOSE_PRIORITY = re.compile(
    r"\b(?P<high>important|urgent|critical|high|p1'?s)\b|\b(?P<low>unimportant|low|p[34]'?s)\b",
    _FLAGS,
)


def _loose_priority(scratch: Scratch) -> str | None:
    match = scratch.take(_LOOSE_PRIORITY)
    if not match:
        return None
    return "high" if match["high"] else "low"


# Asking to see the list without a list verb: "order them by priority", "oldest first",
# "lemme see my work stuff", "how's my week looking?", "todos for tmrw?".
_AVAILABLE = words_re(AVAILABILITY_WORDS)
_LIST_PHRASE = re.compile(
    rf"^(?:(?:(?:am|are)\s+(?:i|we)\s+)?(?:so\s+|very\s+|really\s+)?{_AVAILABLE}\s+"
    r"(?:(?:on|for|at|in|this|next|the)\s+)*(?:today|tonight|tomorrow|tmrw|morning|afternoon|"
    rf"evening|week|weekend|{WEEKDAY_RE}|\d)|"
    r"(?:sort|order|arrange|rank|group)\s+(?:(?:them|it|these|those|everything|all|my|the|"
    r"tasks|todos|list|things|stuff|\w+\s+tasks)\s+)*(?:by|alphabetically|newest|oldest|from)\b|"
    # "put my list in alphabetical order"
    r"(?:put|show|have)\s+(?:them|it|everything|my\s+(?:list|tasks|to-?dos?)|the\s+(?:list|tasks))\s+in\s+"
    r"(?:alphabetical|date|due\s+date|priority|reverse)\s+order\b|"
    r"(?:tasks?|todos?|anything|stuff|things|everything)\s+(?:tagged|label+ed|with\s+the\s+tag)\b|"
    # "tasks w/ 'passport'?": a quoted word to look for
    r"(?:tasks?|todos?|anything|stuff|things|items)\s+(?:with|w/|containing|mentioning|about|saying)\s+"
    r"[\"'\u2018\u201c][^\"'\u2019\u201d]+[\"'\u2019\u201d]\s*$|"
    r"(?:what'?s|what\s+is)\s+(?:up\s+)?next\s*$|"
    r"top\s+\d{1,3}\b|(?:sorted\s+|ordered\s+)?by\s+(?:priority|due\s+date|deadline)\b|(?:newest|oldest|latest|earliest|soonest|most\s+"
    r"(?:recent|urgent|important))\s+(?:ones?\s+)?first\b|lemme\s+see\b|let\s+me\s+see\b|"
    r"how'?s\s+(?:(?:my|the)\s+(?:day|week|weekend|month|list|schedule)|today|tonight|tomorrow|"
    rf"(?:this|next)\s+(?:week|weekend)|{WEEKDAY_RE})\b|"
    r"(?:to-?dos?|tasks?)\s+(?:for|due|on)\b|give\s+me\s+(?:the\s+)?\d+\b|"
    r"(?:(?:have\s+)?(?:i|we)\s+)?(?:got|have)\s+anything\s+(?:for|on|due|today|tonight|tomorrow|"
    r"this|next|left|else|coming)\b|anything\s+(?:for|on|due)\b)",
    _FLAGS,
)


def is_list_phrase(text: str) -> bool:
    return bool(_LIST_PHRASE.match(text))


_UNDER_A_LABEL = re.compile(
    r"\b(?:in|under|from|with|for|on|of|filed\s+under|put\s+under|listed\s+under)\s+(?:the\s+|my\s+)?#?"
    r"[a-z][\w-]*\s+(?:tag|label|category)\b",
    _FLAGS,
)


def names_a_label(text: str) -> bool:
    """ "which of my jobs have I put under the garden label?": a tag named as one."""
    return _UNDER_A_LABEL.search(text) is not None


def names_known_tag(text: str, known_tags: Collection[str]) -> bool:
    """ "any errands?", "anything for work?": a question naming one of the user's tags."""
    return _known_tag(text, known_tags) is not None


# "when's the dentist?", "what time is my dentist appointment": a question about one task.
_WHEN_IS = re.compile(
    r"^(?:when'?s|when\s+(?:is|are|was)|what\s+(?:time|day|date)\s+(?:is|are)|is|are)\s+"
    r"(?:the\s+|my\s+|our\s+)?(?P<ref>.+?)(?:\s+(?:due|on|scheduled|happening|again))?\??$",
    _FLAGS,
)
_THE = r"(?:(?:the|my|our|that|this)\s+)?"
_VAGUE_NOUN = r"(?:thing|one|stuff|task|reminder|bit|job)"
# Questions that only a search answers, whether or not a task fits: "is the rent one still
# open?", "did I already do the car insurance thing?", "is there a task for the boiler?".
_LOOKUP = re.compile(
    r"^(?:"
    rf"(?:is|are)\s+{_THE}(?P<a>.+?)\s+(?:{_VAGUE_NOUN}s?\s+)?still\s+"
    r"(?:open|pending|on|there|outstanding|to\s+do|not\s+done|on\s+(?:my|the)\s+list)|"
    rf"(?:did|have)\s+i\s+(?:already\s+|ever\s+|actually\s+)?(?:do|done|finish(?:ed)?|"
    rf"complete[d]?|sort(?:ed)?|tick(?:ed)?\s+off)\s+{_THE}(?P<done_b>.+?)|"
    # "did I pay rent?", "did I call the dentist yet?": searched by what was done to
    rf"did\s+i\s+(?:already\s+|ever\s+|actually\s+)?(?!(?:add|put|get|got|say|tell|ask|mention|already|ever|actually)\b)"
    rf"[a-z]+\s+(?:up\s+|off\s+|back\s+|out\s+)?{_THE}(?P<done_m>.+?)|"
    # "is the rent one done?", "are the invoices sent yet?"
    rf"(?:is|are)\s+{_THE}(?P<done_i>.+?)\s+(?:{_VAGUE_NOUN}s?\s+)?(?:already\s+)?(?:done|finished|"
    r"completed|sorted|paid|sent|ticked\s+off|taken\s+care\s+of)|"
    # "did I already add something about the boiler?", "anything I still need to do for the move?"
    rf"(?:did|have)\s+i\s+(?:already\s+)?(?:add(?:ed)?|put(?:\s+in|\s+down)?|got|save[d]?|make|made|create[d]?)\s+"
    r"(?:something|anything|a\s+task)\s+(?:(?:on|in)\s+(?:my|the)\s+list\s+)?"
    rf"(?:about|for|on|re)\s+{_THE}(?P<j>.+?)(?:\s+(?:in\s+(?:here|there)|on\s+(?:my|the|this)\s+list))?"
    r"(?:\s+or\s+(?:did|have|was|am)\s+i\b.*)?|"
    rf"(?:is\s+there\s+)?anything\s+(?:(?:that\s+)?i\s+)?(?:still\s+)?(?:need|have|got)\s+to\s+do\s+"
    rf"(?:for|about|re)\s+{_THE}(?P<k>.+?)|"
    rf"where(?:'?s|\s+is|\s+are)\s+{_THE}(?P<c>.+?)|"
    rf"what\s+(?:was|am)\s+i\s+(?:supposed|meant|going)\s+to\s+do\s+(?:for|about|with)\s+{_THE}(?P<d>.+?)|"
    # "did i already add groceries or not"
    rf"(?:did|have)\s+i\s+(?:already\s+)?(?:add(?:ed)?|put\s+(?:in|down))\s+(?!(?:something|anything|a\s+task|it|that|this)\b)"
    rf"{_THE}(?P<n>[^?,]+?)(?:\s+(?:already|yet))?(?:\s+or\s+not)?|"
    # "do I have something about the dentist?"
    rf"do\s+i\s+have\s+something\s+(?:about|for|on|re)\s+{_THE}(?P<l>[^?,]+?)"
    r"(?:\s+(?:on|in)\s+(?:my|the)\s+list)?|"
    rf"(?:is\s+there|do\s+i\s+have)\s+(?:a|an|any)\s+(?:{_VAGUE_NOUN}|tasks|reminders)\s+"
    rf"(?:for|about|on|re)\s+{_THE}(?P<e>.+?)|"
    rf"(?:lmk|let\s+me\s+know|tell\s+me|remind\s+me)\s+when\s+{_THE}(?P<f>.+?)\s+(?:is|was)(?:\s+due)?|"
    # "i forgot what i put for christmas can you look for christmas"
    rf".+?\s(?:can|could)\s+(?:you|u)\s+(?:search|look|find|check)\s+(?:for\s+|up\s+)?{_THE}"
    rf"(?!(?:it|that|them)\b)(?P<g>.+?)|"
    # "i think i have something about the insurance can you search it"
    rf"(?:.+?\s)?(?:something|anything|a\s+task)\s+(?:down\s+)?(?:about|for|on)\s+(?:an?\s+)?{_THE}(?P<h>[^,]+?)"
    r"(?:\s+somewhere)?[,\s]+(?:so\s+)?"
    r"(?:can|could)\s+(?:you|u)\s+(?:search|find|look\s+(?:for|up)|check)(?:\s+(?:it|that|for\s+it))?"
    r")(?:\s+(?:yet|again|already))?\s*\??$",
    _FLAGS,
)
_VAGUE_TAIL = re.compile(rf"\s+{_VAGUE_NOUN}s?$", _FLAGS)


def task_question(text: str) -> str | None:
    """The task a question asks about ("the dentist"), or None."""
    match = _WHEN_IS.match(text)
    return match["ref"].strip() if match else None


def looked_up(text: str) -> tuple[str, Status] | None:
    """What a question that only a search answers names, as the word to search for, and
    the tasks to search (asked whether it is done: done ones too). Said with "thing" or
    "one" the user is unsure of the wording: search by the last word, the head of the
    phrase ("the car insurance thing" → "insurance")."""
    match = _LOOKUP.match(text.strip())
    if match is None:
        return None
    name, phrase = next((name, group) for name, group in match.groupdict().items() if group)
    status = Status.all if name.startswith("done_") else Status.pending
    vague = _VAGUE_TAIL.search(phrase)
    if vague:
        phrase = " ".join(phrase[: vague.start()].split()[-1:])
    phrase = phrase.strip()
    # "did I finish anything yesterday", "are you still there": no task named
    # ("something about the move": a topic, even when the word is also a command)
    if _INDEFINITE.match(phrase) or not (content_words(phrase) or name in _TOPICS):
        return None
    return phrase, status


_INDEFINITE = re.compile(r"^(?:any|every|some|no)(?:thing|one|body)?\b", _FLAGS)
_TOPICS = frozenset({"j", "k"})


def plan_lookup(phrase: str, status: Status = Status.pending) -> Plan:
    return Plan.tools(
        ToolCall("list_tasks", {"q": phrase, "status": status.value}), reply="Here are your tasks."
    )
