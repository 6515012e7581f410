"""One line that describes a task → what it says: title, due, reminder, repetition, priority,
tags. The one parser behind `todo add`, the web quick-add box, `POST /api/v1/tasks/parse`
and the chat's "add …".

Descriptions: everything after "description:", "notes:", "details:", "with note(s) …",
"with the description …" or " -- " is the description; so is the part after a colon that
follows the title ("send invoice: include the hours for November"). A quoted phrase is taken
as the title verbatim; "important: file the report" only qualifies the task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from todo_chatbot.domain.recurrence import normalise_rule
from todo_chatbot.language.attributes import (
    ALL_DAY_REMINDER_TIME,
    Attributes,
    due_of,
    priority_word,
    reminder_time,
    take_attributes,
)
from todo_chatbot.language.clock import ClockHit
from todo_chatbot.language.dates import When, resolve_when
from todo_chatbot.language.days import day_first, swap_day_month
from todo_chatbot.language.lexicon import (
    ASIDE_OPENER_RE,
    DOTTED_ABBREVIATIONS,
    EVENING_WORDS,
    EVENT_NOUNS,
    EVERY_SHORTHAND,
    MORNING_WORDS,
    PRIORITY_MARKS,
    SPELLING_FIXES,
    TAKE_BACK_LEADS,
    TASK_VERBS,
    TITLE_FILLER,
    WEEKDAY_FULL_RE,
    WEEKDAY_RE,
    words_re,
)
from todo_chatbot.language.moments import Due, at, render, shift
from todo_chatbot.language.scratch import Scratch, tidy

_FLAGS = re.I
TITLE_MAX = 200
DESCRIPTION_MAX = 4000
TAGS_MAX = 20

_EXPLICIT_DESCRIPTION = re.compile(
    r"(?:\s*[,;.]\s*|\s+-\s+|\s+)(?:and\s+)?(?:(?:with|w/|plus|(?:please\s+)?(?:add|put|leave|attach))\s+"
    r"(?:a\s+|the\s+|some\s+)?(?:description|desc|"
    r"notes?|details?|comments?)(?:\s*:|\s+(?:saying|that\s+says|reading|of|being|that))?|(?:description|"
    # (" -- no wait, thu" takes the day back: no note)
    r"desc|notes?|details?|comments?)\s*[:=])\s*(?P<desc>.+)$|\s+--\s+(?!(?:no|wait|actually|sorry|oops)\b)"
    r"(?P<dash>.+)$"
    # "book eye exam and in the notes put bring my old glasses"
    r"|(?:\s*,\s*|\s+)and\s+in\s+the\s+(?:notes?|description|details)\s+(?:put|write|say|add)\s*:?\s*"
    r"(?P<inside>.+)$"
    # "add grocery run, put formula, wipes, coffee in the notes"
    r"|(?:\s*[,;.]\s*|\s+)(?:and\s+)?(?:put|write|add|jot)\s+(?P<put>.+?)\s+(?:in|into|as)\s+the\s+"
    r"(?:notes?|description|details)[\s.!]*$",
    _FLAGS | re.S,
)
_TITLE_COLON = re.compile(r"^(?P<title>.*?[^\d\s:])\s*:\s+(?P<desc>\S.*)$", re.S)
# "email Jo re: invoice": a subject mark, not a title followed by notes.
_SUBJECT_MARK = re.compile(r"\b(?:re|fwd?|attn|cc|ref)$", re.I)
# "… every Monday. Tag: work": a field named before its value, not a title before notes.
_FIELD_LABEL = re.compile(r"\b(?:tags?|labels?|priority|prio|due|deadline)$", re.I)
# ('leave the cleaner's money out': an apostrophe between letters is part of the words)
QUOTED = re.compile(r"\"(?P<q>[^\"]+)\"|(?<!\w)'(?P<s>(?:[^']|(?<=[A-Za-z])'(?=[A-Za-z]))+)'(?!\w)")
_QUALIFIER = re.compile(
    r"(?:very\s+|super\s+|really\s+)?(?:important|urgent|asap|high[\s-]priority|low[\s-]priority|"
    r"top[\s-]priority|p[1-4]|reminder|todo|to-?do|task|idea|daily|nightly|weekly|bi-?weekly|"
    r"fortnightly|monthly|bi-?monthly|quarterly|yearly|annually|every\s+\w+(?:\s+\w+)?)",
    _FLAGS,
)
# "add a work task: …" files the task under that tag.
_TAG_MODIFIERS = re.compile(r"\b(?P<tag>personal|work|home|school|family)\b", _FLAGS)
_FILLER = re.compile(
    r"(?:[\s,]+|^)(?:"
    + "|".join(w.replace(" ", r"\s+") for w in TITLE_FILLER)
    + r")(?=[\s,.!?]|$)",
    _FLAGS,
)
# (said last, not before its noun: "weekly review" is the task's name)
_HOW_OFTEN = re.compile(
    r"[\s,]+(?:daily|weekly|monthly|yearly|annually|fortnightly)[\s.!]*$", _FLAGS
)
_MARKS = re.compile(r"(?<!\S)(?P<mark>!!+[1-4]?)(?!\S)")
_MARK_WORDS = {"high": "p1", "medium": "p2", "low": "p3"}


@dataclass(frozen=True)
class TaskLine:
    """What a line says about a new task. ``problem`` is a question to ask back instead."""

    title: str
    description: str | None = None
    due: Due | None = None
    remind_at: datetime | None = None
    recurrence: str | None = None
    priority: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    problem: str | None = None

    def as_args(self) -> dict[str, Any]:
        """The add_task arguments (SPEC §5), dates rendered as ISO-8601."""
        args: dict[str, Any] = {"title": self.title}
        if self.description:
            args["description"] = self.description
        if self.priority:
            args["priority"] = self.priority
        if self.tags:
            args["tags"] = list(self.tags)
        if self.recurrence:
            args["recurrence"] = self.recurrence
        if self.due is not None:
            args["due"] = render(self.due)
        if self.remind_at is not None:
            args["remind_at"] = render(self.remind_at)
        return args


def marks_as_words(text: str) -> str:
    """ "fix the tap !!!" → "fix the tap p1": priority marks as the word the rules read."""

    def word(match: re.Match[str]) -> str:
        mark = match["mark"]
        level = PRIORITY_MARKS.get(mark[-3:], "high") if mark[-1].isdigit() else "high"
        return _MARK_WORDS[level]

    return _MARKS.sub(word, text)


_MISSPELT = re.compile(rf"(?<![\w'-]){words_re(frozenset(SPELLING_FIXES))}(?![\w'-])", re.I)
_SHORT_EVERY = re.compile(
    rf"(?<![\w'-]){words_re(EVERY_SHORTHAND)}\s+(?=(?:{WEEKDAY_RE}|day|week|month|year|other|last|first|"
    r"morning|evening|night|weekday|weekend)s?\b|\d)",  # ("ev 1st", "ev last day of month")
    re.I,
)


# "Id like to add …": "id" is a word of its own anywhere else.
_I_WOULD = re.compile(r"^id(?=\s+(?:like|love|rather|prefer|better)\b)", re.I)
# Shorthand typed or dictated for words the rules read, each with what it stands for.
_SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = (
    # "every single morning", "in like three days", "remind me like an hour before"
    (re.compile(r"\bevery\s+single\b", re.I), "every"),
    (
        re.compile(
            r"\blike\s+(?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|"
            r"(?:a|an)\s+(?:hour|day|week|minute|min|couple|few))\b)",
            re.I,
        ),
        "",
    ),
    # "remind me 9am the day before": the day before, at 9am
    (
        re.compile(
            r"\b(?P<verb>remind\s+me)\s+(?:at\s+)?(?P<clock>\d{1,2}(?::\d{2})?\s*(?:am|pm|a|p))\s+"
            r"(?P<day>the\s+(?:day|night|morning|evening)\s+before)\b",
            re.I,
        ),
        r"\g<verb> \g<day> at \g<clock>",
    ),
    # "It is of medium importance": the priority, without its frame
    (re.compile(r"\b(?:it\s+is|it'?s)\s+of\s+(?=(?:high|medium|low)\s+importance\b)", re.I), ""),
    # "get eggs hashtag groceries" → "#groceries"
    (re.compile(r"(?<!\ba\s)(?<!\bthe\s)\bhash\s*tag\s+(?=[a-z])", re.I), "#"),
    # "finish the slides buy friday": nobody buys a weekday
    (
        re.compile(
            rf"(?<=\w\s)buy(?=\s+(?:{WEEKDAY_RE}|tomorrow|tonight|tmrw|next\s+week|end\s+of|eod)\b)",
            re.I,
        ),
        "by",
    ),
    # "cookies for bake sale r due thurs", "kids r driving me nuts"
    (
        re.compile(
            r"(?<=[a-z]\s)r(?=\s+(?:\w+ing|due|done|ready|late|so|still|all|here|there|back|over|"
            r"finished|booked|cancell?ed|not|now|at|on|in|gonna|\w+ed)\b)",
            re.I,
        ),
        "are",
    ),
    # "hair appt thurs @ 2pm": "@" before a time is "at" (not "@home", not an e-mail address)
    (re.compile(r"(?<=\s)@\s*(?=\d)"), "at "),
    # "oil change is done period"
    (re.compile(r"\s+(?:period|full\s+stop)\s*$", re.I), "."),
    # "go 2 bed", "need 2 renew my license"
    (
        re.compile(
            r"(?<=\s)2(?=\s+(?:bed|sleep|work|school|the\s+gym)\b)|"
            # (not a count: "need 2 photos")
            r"(?<=\b(?:need|have|want)\s)2(?=\s+(?![a-z]*[^s\W]s\b)[a-z])",
            re.I,
        ),
        "to",
    ),
    # "thx that's all 4 now"
    (re.compile(r"(?<=\s)4(?=\s+(?:now|u|you|me|ya|real|sure|today|tonight)\b)", re.I), "for"),
    # "inventory can b fri"
    (
        re.compile(
            r"\b(?P<modal>can|will|should|might|must|could|would|to|gonna|cant|won't|wont)\s+b(?=\s)",
            re.I,
        ),
        r"\g<modal> be",
    ),
)


# Words typed together on a phone: "needto order contacts", "whatsdue today".
_RUN_TOGETHER = re.compile(
    r"\b(?P<a>need|have|got|want|going|ought)(?P<b>to)\b|\b(?P<c>whats)(?P<d>due|left|next|on)\b",
    re.I,
)


def _apart(match: re.Match[str]) -> str:
    if match["a"]:
        return f"{match['a']} {match['b']}"
    return f"what's {match['d']}"


def fix_spelling(text: str) -> str:
    """ "wendesday" → "wednesday", "ev mon" → "every mon": words the rules read, spelt right."""
    text = _MISSPELT.sub(
        lambda m: SPELLING_FIXES[m.group(0).lower()], _RUN_TOGETHER.sub(_apart, text)
    )
    text = _I_WOULD.sub("i'd", text)
    for shorthand, meaning in _SHORTHAND:
        text = shorthand.sub(meaning, text)
    text = _SAID_TWICE.sub(r"\g<word>", _TWO_FOR_TO.sub("to", text))
    return _SHORT_EVERY.sub("every ", text)


# Dictated: "i should should probably", "so so annoying": a small word said twice.
_SAID_TWICE = re.compile(
    r"\b(?P<word>so|should|i|the|to|a|um|uh|like|and|can|could|you|we|it|is|just|really|need|have|my|"
    r"please|add|remind|me)(?:\s+(?P=word)\b)+",
    re.I,
)
# Dictated "two" for "to": "i need two call the plumber", "push the haircut two friday".
_TWO_FOR_TO = re.compile(
    rf"(?<=\s)two(?=\s+(?:{words_re(TASK_VERBS)}|{WEEKDAY_RE}|tomorrow|tonight|next)\b)", re.I
)


def restore_spelling(title: str, said: str) -> str:
    """The user's own words back in a title: fix_spelling reads "abt" as "about", yet "follow
    up w/ Kim abt the demo" is what the task is called."""
    for word in [match.group(0) for match in _MISSPELT.finditer(said)]:
        spelt_out = re.escape(SPELLING_FIXES[word.lower()])
        fixed = re.compile(rf"(?<![\w'-]){spelt_out}(?![\w'-])", re.I)
        if not fixed.search(said):  # (said both ways: which one the title holds is unknown)
            title = fixed.sub(word.replace("\\", "\\\\"), title, count=1)
    return title


# "by Tuesday week": British for a week after the coming Tuesday.
_WEEKDAY_WEEK = re.compile(
    rf"\b(?<!a\s)(?<!this\s)(?P<day>{WEEKDAY_RE})\s+week\b(?!\s*(?:day|end|night))", re.I
)


# "before fridays shift": the day's event, its apostrophe left out (no "every friday").
_DAYS_EVENT = re.compile(
    rf"\b(?P<lead>before|by|for|ahead\s+of|after)\s+(?P<day>{WEEKDAY_FULL_RE})s"
    rf"(?=\s+(?:[a-z]+\s+)?{words_re(EVENT_NOUNS)}\b)",
    re.I,
)


def prepare(text: str, locale: str | None) -> str:
    """Spacing, spelling, day/month order by locale and priority marks, before any reading."""
    text = fix_spelling(" ".join(text.split()))
    text = _WEEKDAY_WEEK.sub(r"a week from \g<day>", text)  # "Tuesday week"
    text = _DAYS_EVENT.sub(r"\g<lead> \g<day>'s", text)
    if day_first(locale):
        text = swap_day_month(text)
    return marks_as_words(text)


def parse_task_line(text: str, now: datetime, locale: str | None = None) -> TaskLine:
    """Read one line such as "pay rent every month on the 1st #home !!" against the user's
    clock ``now`` (aware; naive is taken as UTC). ``locale`` orders day and month in "3/12"."""
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.replace(tzinfo=UTC)
    body, description = split_description(prepare(text, locale))
    line = read_task_line(body, now, description=description)
    return replace(line, title=restore_spelling(line.title, text))


_LAST_PART = re.compile(r"(?:,|\.|;)\s+(?P<part>[^,.;]+?)[\s.!]*$")
# A clock to read a phrase by when only which of its words are dates and details matters.
ANY_MOMENT = datetime(2000, 1, 3, 12, tzinfo=UTC)


def split_description(text: str) -> tuple[str, str | None]:
    quoted = [q.span() for q in QUOTED.finditer(text)]
    match = next(
        (
            m
            for m in _EXPLICIT_DESCRIPTION.finditer(text)
            if not any(start <= m.start() < end for start, end in quoted)
        ),
        None,
    )
    if not match:
        return text, None
    description = (match["desc"] or match["dash"] or match["inside"] or match["put"] or "").strip()
    body = text[: match.start()]
    last = _LAST_PART.search(description)
    if last and only_attributes(last["part"]):
        # "description: need resume + cover letter first, due may 1": the due date is the task's
        body, description = f"{body} {last['part']}", description[: last.start()]
    return body, tidy(description) or None


def read_task_line(
    body: str,
    now: datetime,
    *,
    description: str | None = None,
    modifiers: str = "",
    reminder: bool = False,
) -> TaskLine:
    """``modifiers``: words said before the task noun ("an urgent work task: …");
    ``reminder``: the line followed "remind me", so its moment is when to remind."""
    quoted = QUOTED.search(body)
    quoted_title: str | None = None
    if quoted:
        quoted_title = (quoted["q"] or quoted["s"]).strip()
        body = body[: quoted.start()] + " " + body[quoted.end() :]
    elif description is None:
        body, remark = _remark_after(body, now)
        head, tail = _split_title_colon(body)
        if tail is not None and _QUALIFIER.fullmatch(head.strip()):
            body, modifiers = tail, f"{modifiers} {head}"
        elif tail is not None and only_attributes(tail, now):
            body = f"{head} {tail}"  # "gym session: saturday 10am" says when, not a note
        elif tail is not None and _title_and_attributes(head, now)[0]:
            body, description = head, tail
        elif tail is not None and only_attributes(head, now):
            body = f"{tail} {head}"  # "mon: restock cups": the day heads the line it is for
        elif tail is not None:
            # "urgent: call the bank": what precedes the colon only qualifies the task.
            body = f"{head} {tail}"
        description = " ".join(part for part in (description, remark) if part) or None

    corrected = None if quoted_title else _corrected(body, now)
    title, found, aside = corrected or _title_of_sentences(body, now)
    if aside and not quoted_title:
        description = " ".join(part for part in (description, aside) if part)
    title = quoted_title or _without_filler(title)
    if found.recurrence is not None and not quoted_title:
        # "salsa class saturdays at 10am, weekly for 4 weeks": "weekly" said twice over
        title = tidy(_HOW_OFTEN.sub("", title)) or title
    found.when = _hour_for_the_event(found.when, title, now)
    if modifiers.strip():
        _merge_modifiers(found, modifiers, now)
    if found.reminder and found.reminder.before and found.when is None and not found.recurrence:
        return TaskLine(
            title=title[:TITLE_MAX],
            problem="When is it due? I need a due date and time to set a reminder before it.",
        )
    if found.recurrence is not None:
        try:
            normalise_rule(found.recurrence.rule)
        except ValueError as exc:  # "every hour": a rule tasks cannot have
            return TaskLine(
                title=title[:TITLE_MAX],
                problem=f"I can't repeat a task like that ({exc}). Try e.g. 'every day at 9am' "
                "or 'every monday'.",
            )
    return _line(title, description, found, now, reminder=reminder)


def _hour_for_the_event(when: When | None, title: str, now: datetime) -> When | None:
    """ "dinner reservation at 8": an hour without am/pm read by what the task is."""
    if when is None or not when.half_day_guessed or when.clock is None:
        return when
    words = set(re.findall(r"[a-z]+", title.lower()))
    hour = when.clock.hour
    if words & EVENING_WORDS and 7 <= hour <= 11:
        hour += 12
    elif words & MORNING_WORDS and 13 <= hour <= 18:
        hour -= 12
    else:
        return when
    clock = ClockHit(when.clock.replace(hour=hour), ())
    return resolve_when(now, when.day, clock, when.offset)


# "prepare quote by tuesday. they want 3 options", "… 9am and I need to bring her records
# too": what the user says about the task after it, kept as its note.
_REMARK_AFTER = re.compile(
    r"(?:[.!]+\s+|,?\s+and\s+(?=(?:i|we)\s))(?P<note>(?:they|he|she|we|i|it|this|that|there)\b"
    r"(?!'ll\b|\s+will\b).+|(?:\w+\s+){1,3}(?:said|says|told|asked|reckons)\b.+)$|"
    # "grocery run tonight at 7 - eggs bread diapers": what it takes, after a dash
    r"\s+[-\u2013\u2014]\s+(?P<items>[^-\u2013\u2014]+)$",
    _FLAGS,
)


def _remark_after(body: str, now: datetime) -> tuple[str, str | None]:
    remark = _REMARK_AFTER.search(body)
    if remark is None or not remark.start():
        return body, None
    note = remark["note"] or remark["items"]
    if _title_and_attributes(note, now)[1].any or _QUALIFIER.fullmatch(note.strip(" .!")):
        return body, None  # ("… it's urgent" says how pressing, "… it's due friday" when)
    head = body[: remark.start()]
    head_title, head_said = _title_and_attributes(head, now)
    if remark["items"] and not (head_said.any and head_title.strip()):
        return body, None  # ("pick up - drop off" is one title; a dash after a time is not)
    return head, tidy(note) or None


def _split_title_colon(body: str) -> tuple[str, str | None]:
    match = _TITLE_COLON.match(body)
    title = match["title"] if match else ""
    if not title.strip() or _SUBJECT_MARK.search(title) or _FIELD_LABEL.search(title):
        return body, None
    assert match is not None
    return title, match["desc"].strip()


def is_filler(words: str) -> bool:
    """ "sometime", "at some point": words that say nothing of the task."""
    return not tidy(_FILLER.sub("", words))


def _without_filler(title: str) -> str:
    """ "sort out the insurance sometime" → "sort out the insurance"."""
    return tidy(_FILLER.sub("", title)) or title


def only_attributes(text: str, now: datetime = ANY_MOMENT) -> bool:
    """Whether the text says only when, how often, how important: no task."""
    title, found = _title_and_attributes(text, now)
    return found.any and not title.strip()


def _title_and_attributes(text: str, now: datetime) -> tuple[str, Attributes]:
    scratch = Scratch(text)
    found = take_attributes(scratch, now)
    return scratch.rest(), found


# Where a sentence ends: ". ", "!!! ", "... " (not "Dr. Lee", "no. 5").
_SENTENCE_END = re.compile(r"(?<=[^\s.!?])\s?(?:[.!?]+|\u2026)(?=\s+\S)")
_LAST_WORD = re.compile(r"(?<![\w.])(\w+)$")


def _sentences(text: str, claimed: str) -> list[str]:
    """``claimed`` (``text`` with phrases taken out) cut where ``text``'s sentences end."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, 0, end.start())
        if end[0] == "." and word and word[1].lower() in DOTTED_ABBREVIATIONS:
            continue
        parts.append(claimed[start : end.start()])
        start = end.end()
    return [*parts, claimed[start:]]


# A first sentence that is about the user, not the task: "ugh i keep forgetting. book …".
_ABOUT_ME = re.compile(
    rf"^(?:{ASIDE_OPENER_RE}|omg|oh\s+no|(?:i|i'?m|im|i'?ve|ive|we'?re|it'?s|its|this\s+is|"
    r"that'?s|so)\b(?!\s+(?:need|have|must|gotta|got\s+to|should|want|wanna|ought|will|'ll|"
    r"better|'d)\b))",
    re.I,
)


def _title_of_sentences(text: str, now: datetime) -> tuple[str, Attributes, str | None]:
    """Title, attributes and what the other sentences say: "call bank fri. about the card
    thing" is "call bank" due friday, with "about the card thing" as its note. The details
    count wherever they are said ("renew passport. high priority, mine expires in june")."""
    scratch = Scratch(text)
    found = take_attributes(scratch, now)
    rests = [Scratch(part).rest() for part in _sentences(text, scratch.text)]
    rests = [rest for rest in rests if rest and not is_filler(rest)]
    if len(rests) < 2:
        return scratch.rest(), found, None
    chosen = next((i for i, rest in enumerate(rests) if not _ABOUT_ME.match(rest)), 0)
    return rests[chosen], found, tidy(" ".join(rests[chosen + 1 :])) or None


# "…, no actually medium", "… scratch that, the 3rd", "…, er, make the tag apartment": what
# follows takes back a detail said before it.
_TAKE_BACK = re.compile(
    r"(?:(?:\s*(?:[,;.!?\u2026]+|\s[-\u2013\u2014]+)\s*|\s+)(?:(?:ugh+|er+m?|um+|hmm+|oh|ok)[\s,.]+)*"
    rf"{words_re(TAKE_BACK_LEADS)}|"
    # (a bare "no" only after a stop: "… thursday... no, just mondays", not "no longer urgent")
    r"\s*(?:[,;.!?\u2026]+|\s[-\u2013\u2014]+)\s*(?:(?:ugh+|er+m?|um+|hmm+|oh|ok)[\s,.]+)*"
    r"(?:no(?!\s+(?:longer|need|rush|hurry|more|big|idea|one|way|worries)\b)|nope|nah))\b[\s,.!-]*"
    r"(?:(?:no|actually|wait|just|only|make\s+(?:it|that|the)|change\s+it\s+to|sorry)\b[\s,.!-]*)*"
    r"|[\s,]+(?:(?:er+m?|um+)[\s,]+)?(?:make|change|set)\s+(?:it|that|the)\s+(?=tags?\b|priority\b|due\b)",
    re.I,
)
# "… the 15th. hmm or was it the 14th. yeah the 14th": the detail said again, agreed
_AGREED_AGAIN = re.compile(r"[.!,]\s*(?:yeah|yes|yep|ok)\b.*$", re.I)
# "call the plumber — not plumber, electrician sorry"
_SWAP_SAID = re.compile(r"(?:\s[-\u2013\u2014]+\s*|[,;.]\s*)(?P<tail>not\s+.+)$", re.I)
# What may be said around the corrected detail: "yeah the 14th", "medium, its not that urgent".
_AROUND_A_CORRECTION = re.compile(
    r"\b(?:yeah|yes|yep|sorry|the|it'?s|its|not|that|so|urgent|important|pressing)\b", re.I
)
_LEVEL_ALONE = re.compile(r"^(?P<level>high|medium|normal|low)\b", re.I)
# "call the plumber — not plumber, electrician sorry": a word of the title swapped
_WORD_SWAP = re.compile(
    r"^not\s+(?P<old>[\w'-]+(?:\s+[\w'-]+)?)\s*,\s*(?P<new>[\w'-]+(?:\s+(?!sorry\b)[\w'-]+)?)"
    r"(?:\s+(?:sorry|i\s+mean))?[\s.!]*$",
    re.I,
)


def _corrected(body: str, now: datetime) -> tuple[str, Attributes, str | None] | None:
    """The task said first, with the details said after a take-back in place of its own."""
    swap = _SWAP_SAID.search(body)
    swapped = _WORD_SWAP.match(swap["tail"]) if swap else None
    if swap and swapped:
        title, found, aside = _title_of_sentences(body[: swap.start()], now)
        old = re.compile(rf"\b{re.escape(swapped['old'])}\b", re.I)
        if old.search(title):
            return old.sub(swapped["new"], title, count=1), found, aside
    for marker in reversed(list(_TAKE_BACK.finditer(body))):
        head = body[: marker.start()]
        tail = _AGREED_AGAIN.sub("", body[marker.end() :]).strip(" .!")
        if not head.strip() or not tail:
            continue
        title, found, aside = _title_of_sentences(head, now)
        if not title:
            continue
        said = f"at {tail}" if tail[:1].isdigit() else tail
        rest, later = _title_and_attributes(said, now)
        level = _LEVEL_ALONE.match(rest)
        if level:  # "no actually medium, its not that urgent": the level said first
            later.priority = priority_word(level["level"]) or level["level"].lower()
            rest = rest[level.end() :]
        if not later.any or tidy(_AROUND_A_CORRECTION.sub("", rest)):
            continue
        return title, _overridden(found, later, now), aside
    return None


def _overridden(first: Attributes, later: Attributes, now: datetime) -> Attributes:
    merged = replace(first)
    if later.tags:
        merged.tags = later.tags
    merged.priority = later.priority or first.priority
    merged.reminder = later.reminder or first.reminder
    if later.recurrence is not None:
        merged.recurrence = later.recurrence
    when = later.when
    if when is not None and first.recurrence is not None and later.recurrence is None:
        day = when.day
        monthly = re.search(r"BYMONTHDAY=\d+", first.recurrence.rule)
        if (
            day is not None and monthly and when.clock is None
        ):  # "…every month. scratch that, the 3rd"
            rule = first.recurrence.rule.replace(monthly.group(0), f"BYMONTHDAY={day.day}")
            merged.recurrence = replace(first.recurrence, rule=rule)
            return merged
    if when is not None:
        before = first.when
        if before is not None and when.day is None and when.clock is not None and before.day:
            clock = when.clock
            if when.half_day_guessed and before.clock and before.clock.hour >= 12 > clock.hour:
                clock = clock.replace(hour=clock.hour + 12)  # "6pm… actually make it 7": 7pm
            when = resolve_when(now, before.day, ClockHit(clock, ()), None)
        elif before is not None and when.clock is None and before.clock is not None and when.day:
            when = resolve_when(now, when.day, ClockHit(before.clock, ()), None)
        merged.when = when
    return merged


def _merge_modifiers(found: Attributes, modifiers: str, now: datetime) -> None:
    extra = take_attributes(Scratch(modifiers), now)
    if re.search(r"\bimportant\b", modifiers, _FLAGS):
        extra.priority = extra.priority or "high"
    found.priority = found.priority or extra.priority
    found.recurrence = found.recurrence or extra.recurrence
    tags = [m["tag"].lower() for m in _TAG_MODIFIERS.finditer(modifiers)]
    found.tags = list(dict.fromkeys([*found.tags, *tags]))


def _line(
    title: str, description: str | None, found: Attributes, now: datetime, *, reminder: bool
) -> TaskLine:
    common: dict[str, Any] = {
        "title": title[:TITLE_MAX],
        "description": description[:DESCRIPTION_MAX] if description else None,
        "priority": found.priority,
        "tags": tuple(found.tags[:TAGS_MAX]),
        "recurrence": found.recurrence.rule if found.recurrence else None,
    }
    when = found.when
    if reminder and when is not None and when.offset is not None and found.recurrence is None:
        # "remind me in 2 hours to …": a moment to be reminded, not a deadline; "remind me to
        # pay the deposit in two weeks" is due that day too.
        fires = shift(now, when.offset)
        offset = when.offset
        in_days = not (offset.hours or offset.minutes or offset.seconds)
        return TaskLine(**common, due=fires.date() if in_days else None, remind_at=fires)

    due = due_of(found, now)
    fire: datetime | None = None
    if found.reminder is not None:
        fire = reminder_time(found.reminder, due, now)
    elif reminder and due is not None:
        fire = due if isinstance(due, datetime) else at(due, ALL_DAY_REMINDER_TIME, now)
    return TaskLine(**common, due=due, remind_at=fire)
