"""Task attributes said in passing: #tags, priority, reminders, repetition and the due moment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from todo_chatbot.language.dates import When, take_clock_after, take_when
from todo_chatbot.language.lexicon import LIST_NAMES, NUMBER_RE, number_value, words_re
from todo_chatbot.language.moments import Due, at, shift
from todo_chatbot.language.recurrence import Recurrence, first_occurrence, take_recurrence
from todo_chatbot.language.repeat_end import take_end
from todo_chatbot.language.scratch import HOLE, Scratch

_FLAGS = re.I

# All-day tasks are reminded about at this time of their day.
ALL_DAY_REMINDER_TIME = time(9)

# --- tags ----------------------------------------------------------------------------------

# "#work", and Todoist-style "@home" labels (not "@ 5pm", not e-mail addresses).
_HASHTAG = re.compile(r"(?<![\w&/#@.])[#@](?P<tag>[A-Za-z][\w-]*)", _FLAGS)
_TAG_WORD = r"#?(?:[a-z]|\d{1,3}[a-z])[\w-]*"  # ("10c", "9b": school classes)
# "tagged work and due this week": list words after "and" are not more tags.
_NOT_A_TAG = (
    r"(?:due|overdue|pending|open|done|completed|finished|high|low|urgent|today|tomorrow|this|"
    r"next|sorted|ordered|with|soonest|newest|oldest|most|least|in|by|please|pls|thanks)\b"
)
_TAG_PHRASE = re.compile(
    rf"\b(?:tagged(?:\s+(?:as|with))?|(?:with\s+(?:the\s+)?)?(?:tags?|labels?)\s*:|with\s+(?:the\s+)?"
    rf"(?:tags?|labels?)|label(?:l)?ed(?:\s+(?:as|with))?)\s+(?P<list>{_TAG_WORD}(?:\s*(?:,|&|\band\b)"
    rf"\s*(?!{_NOT_A_TAG}){_TAG_WORD})*)",
    _FLAGS,
)


# "and tag it family", "tag legal.", "put the tag work": said as an instruction, one word
# that closes its clause.
_TAG_ORDER = re.compile(
    # (or right after a claimed phrase: "due dec 5 tag kids")
    r"(?:(?:^|[,;.]\s*|(?<=\x00)\s*)(?:please\s+|pls\s+|could\s+you\s+|can\s+you\s+)?"
    r"(?:tags?|labels?|categor(?:y|ies))(?:\s+(?:as|with))?\s*:?|"
    r"\b(?:(?:do\s+)?put|file)\s+(?:it|this|that)\s+under(?:\s+the)?(?:\s+(?:tag|label))?|"
    # "add sort photos under the tag home"
    r"\s+under\s+the\s+(?:tag|label)|"
    # "…, file under finance", "… and file under finance"
    r"(?:[,;.]\s*|\s+and\s+)(?:please\s+|pls\s+)?file\s+under(?:\s+the)?|"
    r"(?:[,;.]\s*|\s+)(?:(?:and|also|then)\s+)?(?:please\s+|pls\s+|could\s+you\s+|can\s+you\s+)?"
    r"(?:(?:tag|label)\s+(?:it|this|that|the\s+task)(?:\s+(?:as|with|under))?|"
    r"(?:put|add|give\s+it|use)\s+(?:the\s+|a\s+)?(?:tag|label)))"
    rf"\s+(?:(?P<list>{_TAG_WORD}(?:\s*(?:,|&|\+|\band\b)\s*{_TAG_WORD})*)"
    r"(?=\s*(?:[,;.!?\x00]|\s(?:please|pls|thanks|too|as\s+well|every|each)\b|$))|"
    # "put tag family and it's important": one tag, then another clause
    rf"(?P<one>{_TAG_WORD})(?=\s+and\s))",
    _FLAGS,
)


# "order new scrubs tags work and shopping", "order scrubs tag work": tags named last,
# without a comma (a singular "tag" only before a list's name: "buy a gift tag" is a title).
_TAGS_LAST = re.compile(
    rf"\s+(?:tags\s+(?P<list>{_TAG_WORD}(?:\s*(?:,|&|\band\b)\s*{_TAG_WORD})*)|"
    rf"tag\s+(?P<one>{words_re(LIST_NAMES)}))[\s.!]*$",
    _FLAGS,
)


def slug(word: str) -> str:
    """A tag as stored: lowercase letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", word.lower().lstrip("#")).strip("-")


# "schedule flu shot, health tag, whenever": a word and "tag" as a clause of its own.
_WORD_THEN_TAG = re.compile(
    rf"(?:^|[,;]\s*)(?P<list>{_TAG_WORD})\s+(?:tag|label)(?=\s*(?:[,;.!?]|$))", _FLAGS
)


def _listed(match: re.Match[str]) -> list[str]:
    listed = match["list"] or match.groupdict().get("one") or ""
    words = re.split(r"\s*(?:,|&|\+|\band\b)\s*", listed, flags=_FLAGS)
    return [slug(w) for w in words if w.strip()]


def take_tags(scratch: Scratch, *, phrases: bool = True) -> list[str]:
    tags: list[str] = []
    if phrases:
        match = (
            scratch.take(_TAG_PHRASE)
            or scratch.take(_TAG_ORDER)
            or scratch.take(_WORD_THEN_TAG)
            or scratch.take(_TAGS_LAST)
        )
        if match:
            tags.extend(_listed(match))
    for match in list(scratch.finditer(_HASHTAG)):
        scratch.claim(*match.span())
        tags.append(slug(match["tag"]))
    return list(dict.fromkeys(t for t in tags if t))


# --- priority ------------------------------------------------------------------------------

_PRIORITY_WORDS = {
    "high": "high",
    "hi": "high",
    "highest": "high",
    "top": "high",
    "urgent": "high",
    "1": "high",
    "p1": "high",
    "medium": "medium",
    "normal": "medium",
    "mid": "medium",
    "moderate": "medium",
    "2": "medium",
    "p2": "medium",
    "low": "low",
    "lo": "low",
    "lowest": "low",
    "3": "low",
    "p3": "low",
    "4": "low",
    "p4": "low",
}
_LEVEL = r"high|highest|hi|top|low|lowest|lo|medium|normal|mid|moderate"
# "please mark it as urgent", "make it high priority", "set the priority to high": the
# instruction around a priority word is no part of the title.
_SET_IT = (
    r"(?:(?:please\s+|pls\s+|and\s+|also\s+|could\s+you\s+|can\s+you\s+)*(?:mark|make|set|flag|put)"
    r"(?:\s+(?:it|this|that|the\s+task|the\s+priority))?(?:\s+(?:as|to|at|on))?\s+)"
)
_PRIORITY_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(rf"\s*\((?P<a>{_LEVEL})(?:[\s-]*(?:priority|prio|pri))?\)", _FLAGS), None),
    (
        re.compile(
            r"[,;]?\s*\b(?:(?:oh|and|with|at|as|is|of|it'?s|it\s+is|but|so)\s+)*(?:an?\s+)?(?:not\s+a\s+rush|"
            r"not\s+(?:very\s+|that\s+|"
            r"too\s+|super\s+|really\s+)?(?:urgent|important|pressing)|no\s+(?:rush|hurry)|there'?s\s+no\s+"
            r"(?:rush|hurry)|low[\s-]?key|whenever(?:\s+is\s+fine|\s+works|\s+(?:you|i)\s+(?:get|have)\s+"
            r"(?:a|the)\s+(?:sec|second|moment|minute|min))?|someday|no\s+hurry|"
            r"not\s+(?:a\s+)?(?:top\s+|high\s+)?priority|"
            r"not\s+(?:a\s+)?big\s+deal|(?:it|this|that)\s+can\s+wait)\b(?:\s+(?:at\s+all|whatsoever))?"
            r"(?:\s+(?:on|with)\s+(?:it|that|this)(?:\s+one)?\b)?"  # "no rush on that one"
            r"(?:,?\s+whenever\s+(?:you|i)\s+(?:can|get\s+(?:the\s+|a\s+)?(?:chance|time)))?"
            r"(?:\s+really)?",
            _FLAGS,
        ),
        "low",
    ),
    (
        re.compile(
            rf"[,;.]?\s*\b{_SET_IT}?(?:(?:and|with|at|as|is|to|it'?s|it\s+is)\s+)?(?:an?\s+|the\s+)?(?:(?P<a>{_LEVEL})"
            rf"[\s-]*(?:priority|prio|pri|importance)|priority\s*(?:is\s+|of\s+|=\s*|:\s*|level\s+)?"
            rf"(?P<b>{_LEVEL}|urgent|[1-4])(?![\w-]))",
            _FLAGS,
        ),
        None,
    ),
    (
        re.compile(
            rf"[,;.]?\s*\b(?:(?:please|and|also)\s+)*(?:set|change|make|put)\s+(?:the\s+|its\s+)?"
            rf"(?:priority|prio)\s+(?:to|at|as)\s+(?P<d>{_LEVEL})\b",
            _FLAGS,
        ),
        None,
    ),
    (re.compile(r"(?<![\w-])(?P<c>p[1-4])(?![\w-])", _FLAGS), None),
    (
        re.compile(
            rf"[,;.]?\s*\b{_SET_IT}?(?:(?:it'?s|it\s+is|this\s+is|this\s+one\s+is|is|very|super|really|"
            r"extremely|quite|kind\s+of|kinda|pretty|fairly|a\s+bit|and|so)\s+)*"
            r"(?:urgent(?:ly)?|asap|a\.s\.a\.p\.?|critical)\b(?:\s+like\s+really\s+urgent)?|(?:^|\s)!{2,}(?=\s|$)|(?<=\w)!{3,}(?=\s|$)",
            _FLAGS,
        ),
        "high",
    ),
    (
        re.compile(
            r"[,;.]?\s*\b(?:(?:so|and|but)\s+)?(?:(?:it'?s|it\s+is|this\s+is|this\s+one\s+is|that'?s|very|"
            r"super|really|extremely|quite|rather|pretty|most|highly|kind\s+of|kinda)\s+)+important\b|"
            rf"[,;.]?\s*\b{_SET_IT}important\b|(?:[,;.!]|\s[-\u2013\u2014])\s*important\s*[.!]*$|"
            # "pack for holiday on monday important": said last, after when, as dictated
            r"(?:(?<=day)|(?<=tomorrow)|(?<=tonight)|(?<=\d)|(?<=[ap]m)|(?<=\x00))\s+important\s*[.!]*$",
            _FLAGS,
        ),
        "high",
    ),
)


def priority_word(word: str) -> str | None:
    """ "p1" / "urgent" / "High" → the stored priority."""
    return _PRIORITY_WORDS.get(word.strip().lower())


def take_priority(scratch: Scratch) -> str | None:
    found: str | None = None
    for pattern, fixed in _PRIORITY_PATTERNS:
        # Every saying is claimed ("whenever, no rush"); the first one decides.
        while (match := scratch.take(pattern)) and match.end() > match.start():
            if found is None:
                named = next((g for g in match.groups() if g), "")
                found = fixed or priority_word(named)
    return found


# --- reminders -----------------------------------------------------------------------------

_REMIND_VERB = (
    r"(?:remind\s+me|set\s+(?:a\s+|up\s+a\s+)?reminder|with\s+a\s+reminder|(?:add|put)\s+a\s+reminder|"
    r"reminder|alert\s+me|notify\s+me|ping\s+me|nudge\s+me|warn\s+me)"
)
_BEFORE = re.compile(
    # (not "pay the ticket in 10 days before it doubles": "in 10 days" is when it is due)
    rf"(?:[,;.]\s*|\s+|^)(?<!\bin\s)(?:(?:and|n|&)\s+)?(?:(?:{_REMIND_VERB}|remind)\s+)?(?:(?P<the>the\s+(?P<which>day|"
    rf"night|evening|afternoon|morning|week)\s+before)|(?P<of>the\s+(?P<part>morning|day)\s+of)\b|(?P<n>{NUMBER_RE}|half\s+an|a\s+half|\d+\.\d+)\s*(?P<unit>minutes?|mins?|"
    r"hours?|hrs?|h|days?|weeks?)\s+(?:before(?:hand)?|ahead|earlier|prior|in\s+advance)\b)"
    # "30 minutes before they're due", "the day before it starts": before the task itself
    r"(?:\s+(?:it'?s|it\s+is|they'?re|they\s+are|its)\s+(?:due|on|happening)|"
    r"\s+(?:it|they)\s+(?:starts?|begins?|happens?|is\s+due|are\s+due))?",
    _FLAGS,
)
_EXPLICIT = re.compile(rf"(?:[,;.]\s*|\s+|^)(?:and\s+)?{_REMIND_VERB}\b(?P<tail>[^,;]*)", _FLAGS)


_THAT_DAY = re.compile(
    r"\b(?:on\s+)?(?:that|the)\s+(?:same\s+|very\s+)?day\b|\bon\s+the\s+day\b(?!\s+(?:before|after))",
    _FLAGS,
)
_ABOUT_IT = re.compile(r"^\s*(?:about|of|abt)\s+(?:it|that|this)\b", _FLAGS)
# "reminder" alone is only a reminder when a moment follows it: "reminder at 7pm".
_BARE_NOUN = re.compile(r"^(?:[,;.]\s*|\s+|^)(?:and\s+)?reminder\b", _FLAGS)
_WHEN_NEXT = re.compile(
    r"\s*(?:$|[:,]|(?:at|on|for|in|by|@|tomorrow|today|tonight|next|this|every|before)\b|\d)",
    _FLAGS,
)


@dataclass(frozen=True)
class Reminder:
    """Either an offset before the due moment, or a moment of its own."""

    before: timedelta | None = None
    when: When | None = None
    clock: time | None = None  # "the day before at 9am": the time of the day it fires


def _lead_time(match: re.Match[str]) -> timedelta:
    if match["of"]:  # "the morning of": that very day
        return timedelta(0)
    if match["the"]:
        return timedelta(weeks=1) if match["which"].lower() == "week" else timedelta(days=1)
    unit = match["unit"].lower()
    raw = match["n"]
    count = 0.5 if raw and raw.lower() in ("half an", "a half") else None
    if count is None:
        count = float(raw) if raw and re.fullmatch(r"\d+\.\d+", raw) else number_value(raw)
    if unit.startswith("w"):
        return timedelta(weeks=count)
    if unit.startswith("d"):
        return timedelta(days=count)
    if unit.startswith("h"):
        return timedelta(hours=count)
    return timedelta(minutes=count)


def take_reminder(scratch: Scratch, now: datetime) -> Reminder | None:
    """ "remind me 30 minutes before", "and remind me at 7pm" (not a leading "remind me to")."""
    before = scratch.take(_BEFORE)
    if before:
        # Days ahead ("the night before", "2 days before") may say the hour too: "… at 9am".
        in_days = (
            before["the"] or before["of"] or (before["unit"] or "").lower().startswith(("d", "w"))
        )
        part = before["which"] or before["part"]
        clock = take_clock_after(scratch, before.end(), part) if in_days else None
        return Reminder(before=_lead_time(before), clock=clock)
    for match in scratch.finditer(_EXPLICIT):
        offset = match.start("tail")
        if _BARE_NOUN.search(match.group(0)) and not _WHEN_NEXT.match(match["tail"]):
            continue  # "send the rent reminder email on the 28th": a word of the title
        tail = Scratch(match["tail"])
        when = take_when(tail, now)
        if when is None:
            continue
        tail.take(_THAT_DAY)  # "remind me at noon that day": the due day, already known
        tail.take(_ABOUT_IT)  # "…, and remind me about it tomorrow at 9am"
        # Claim the verb and the date words only: other words in the tail stay in the title.
        scratch.claim(match.start(), offset)
        for index, char in enumerate(tail.text):
            if char == HOLE:
                scratch.claim(offset + index, offset + index + 1)
        return Reminder(when=when)
    return None


# --- everything at once --------------------------------------------------------------------


@dataclass
class Attributes:
    tags: list[str] = field(default_factory=list)
    priority: str | None = None
    reminder: Reminder | None = None
    recurrence: Recurrence | None = None
    when: When | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.tags or self.priority or self.reminder or self.recurrence or self.when is not None
        )


def take_attributes(scratch: Scratch, now: datetime, *, tag_phrases: bool = True) -> Attributes:
    """Claim every attribute phrase in ``scratch``; what is left is the task's title."""
    found = Attributes()
    found.tags = take_tags(scratch, phrases=tag_phrases)
    found.priority = take_priority(scratch)
    found.reminder = take_reminder(scratch, now)
    found.recurrence = take_recurrence(scratch)
    if found.recurrence is not None:
        found.recurrence = take_end(scratch, found.recurrence, now.date())
    found.when = take_when(scratch, now)
    # "… due dec 5 tag kids": an order to tag said right after the date, once it is claimed
    after_date = scratch.take(_TAG_ORDER) if tag_phrases else None
    if after_date:
        found.tags += [tag for tag in _listed(after_date) if tag not in found.tags]
    return found


def due_of(found: Attributes, now: datetime) -> Due | None:
    """The due value: the stated moment, or a recurring task's first occurrence."""
    when = found.when
    if found.recurrence is not None:
        clock = (when.clock if when else None) or found.recurrence.clock
        start = when.day if when else None
        first = first_occurrence(found.recurrence.rule, now, start=start, clock=clock)
        if first is not None:
            return first
    return when.value if when is not None else None


def reminder_time(reminder: Reminder, due: Due | None, now: datetime) -> datetime | None:
    """The instant a reminder fires, given the task's due value."""
    if reminder.before is not None:
        if due is None:
            return None
        if reminder.clock is not None:
            due_day = due.date() if isinstance(due, datetime) else due
            return at(due_day - timedelta(days=reminder.before.days), reminder.clock, now)
        base = due if isinstance(due, datetime) else at(due, ALL_DAY_REMINDER_TIME, now)
        return shift(base, relativedelta(seconds=-int(reminder.before.total_seconds())))
    when = reminder.when
    if when is None:
        return None
    if when.offset is not None:
        return shift(now, when.offset)
    if when.clock is not None and when.day is None and due is not None:
        # "…on friday, remind me at 8am": the reminder is on the due day.
        due_day = due.date() if isinstance(due, datetime) else due
        fire = at(due_day, when.clock, now)
        if when.half_day_guessed and isinstance(due, datetime):
            # "… 6am and remind me at 6", "dinner 8pm, remind me at 7": an hour said without
            # am/pm is the last one at or before the task
            halves = (fire - timedelta(hours=12), fire, fire + timedelta(hours=12))
            before = [t for t in halves if t.date() == fire.date() and t <= due]
            return max(before) if before else fire
        return fire
    value = when.value
    if isinstance(value, datetime):
        return value
    return at(value, ALL_DAY_REMINDER_TIME, now)
