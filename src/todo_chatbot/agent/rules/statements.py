"""Edits said without an edit verb: "the vet visit is actually on monday at 4", "gym session
-> friday 6pm", "rent's paid". Only a reference that names an open task wholly counts, so
"call mom's friend tomorrow" stays a new task."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from todo_chatbot.agent.plan import Plan, TaskRef
from todo_chatbot.agent.rules.editing import SAME_MOMENT_RE, as_day_or_hour, on_task_day, value_args
from todo_chatbot.agent.rules.refs import Resolution, content_words, resolve, stem
from todo_chatbot.agent.rules.targets import Turn, ask_back, plan_target, update_plan
from todo_chatbot.language.attributes import Attributes, take_attributes
from todo_chatbot.language.lexicon import (
    CORRECTION_MARKERS,
    DONE_ADJECTIVES,
    DONE_ANY_VERB,
    EDIT_FILLER,
    IRREGULAR_PAST,
    MOVED_PARTICIPLES,
    NEGATIONS,
    REJECTED_VALUES,
    WEEKDAY_RE,
    is_past_form,
    weekday_index,
    words_re,
)
from todo_chatbot.language.scratch import Scratch

_FLAGS = re.I
_MOVED = words_re(MOVED_PARTICIPLES)
# What joins a task to its new value: "is actually", "is now", "->", ":", "moved to".
_LINK = re.compile(
    # ("my flight's been delayed to 11:40pm": before the bare "'s")
    rf"(?:(?:'s|'ve|\s+has|\s+have)\s+been\s+{_MOVED}\s+(?:back\s+)?(?:to\s+)?|"
    r"\s*(?:->|=>|→|:|=)\s*|"
    # "calling grandma should happen every sunday from now on"
    r"\s+should\s+(?:happen|be\s+done|repeat|recur|take\s+place)\s+|(?:\s+(?:is|are|'s|was|will\s+be|has\s+been|got)|'s)\s+(?:actually\s+|now\s+|"
    rf"{_MOVED}\s+(?:back\s+)?)?(?:to\s+)?|\s+(?:actually|now|instead)\s+|"
    r"\s+(?:(?:got|has|have|had|has\s+been|have\s+been|was|were|been)\s+)?"
    rf"{_MOVED}\s+(?:(?:me|us|it|them)\s+)?(?:back\s+)?(?:to\s+)?|"
    r"\s+(?=due\s)|\s+(?:to|until|till)\s+)",
    _FLAGS,
)
# Words beside new values that change nothing: a new day keeps the time anyway.
_NO_CHANGE = re.compile(
    rf"\b(?:{SAME_MOMENT_RE}|(?:on\s+)?(?:the\s+)?same\s+(?:day|date)|as\s+before|instead|please|pls|"
    # "-> p1, deadline tmrw": the field named beside its value
    r"now|actually|(?<=,\s)(?:deadline|due(?:\s+date)?|priority)(?=\s))\b",
    _FLAGS,
)
# When a report says it happened: "… finally", "… this morning", "… at the store".
_WHEN_DONE = (
    r"(?:,?\s+(?:now|already|today|too|finally|yesterday|earlier|at\s+last|just\s+now|"
    r"this\s+(?:morning|afternoon|evening)|last\s+night|(?:at|from|in)\s+the\s+[a-z]+|"
    r"by\s+(?:the|my|our|a)\s+[a-z]+))*"  # "… got fixed by the plumber"
)
_DONE_STATE = re.compile(
    r"^(?P<ref>.+?)(?:'s|\s+(?:is|are|was|were|has\s+been|have\s+been|got))?\s+(?:all\s+|now\s+|"
    r"finally\s+|already\s+)*(?P<state>(?!(?:it|them)\b)[a-z]+)(?P<it>\s+(?:it|them))?"
    rf"(?:\s+(?P<particle>up|off|out|in|back|over))?{_WHEN_DONE}[.!]*$",
    _FLAGS,
)
# "library books I brought back already", "birdseed, I got it at the store": the task named
# first, then what the user did to it.
_I_DID = re.compile(
    r"^(?P<ref>[^,]+?),?\s+(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:already\s+|just\s+|finally\s+|"
    r"also\s+)*(?P<verb>[a-z]+(?:'d)?)(?:\s+(?:it|them|that|those|these|him|her))?"
    rf"(?:\s+(?:up|off|out|in|back|over|down|away))?{_WHEN_DONE}[.!]*$",
    _FLAGS,
)


# "council tax due date → 5 july": the field named before the arrow
_FIELD_BEFORE_ARROW = re.compile(r"\s+(?:due\s+date|deadline|due)\s*(?=->|=>|\u2192)", _FLAGS)
# "balloons task -> high priority & tag #party": words that join the new values
_JOINERS = re.compile(r"\b(?:and|tag(?:ged)?|with|also|plus)\b|&", _FLAGS)


def plan_statement_edit(turn: Turn) -> Plan | None:
    """An update when the message names one task wholly and gives it new values."""
    turn = replace(turn, text=_FIELD_BEFORE_ARROW.sub(" ", turn.text))
    link = _LINK.search(turn.text)
    if not link:
        return None
    head = turn.text[: link.start()]
    resolution = resolve(head, turn.tasks)
    if not resolution.found or not resolution.exact:
        return None
    bare_link = link.group(0).strip().lower() in ("", "to", "until", "till")
    if bare_link and not _names_most_of(head, resolution, turn):
        return None  # "taxes due april 30" is a new task beside "Prepare tax documents"
    # "wed same time": what keeps its value is taken out before the new values are read.
    scratch = Scratch(as_day_or_hour(_NO_CHANGE.sub(" ", turn.text[link.end() :]).strip(" ,")))
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    leftover = _JOINERS.sub(" ", _NO_CHANGE.sub(" ", scratch.rest().replace("the", "")))
    if not args or re.search(r"[a-z]{3,}", leftover, _FLAGS):
        return None  # something besides values was said: not only an edit
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


_CORRECTION = re.compile(rf"\b{words_re(CORRECTION_MARKERS)}\b", _FLAGS)


def plan_restated_edit(turn: Turn) -> Plan | None:
    """ "call the insurance company on wednesday instead": a task named again (every word
    said is in its title) with new values and a word marking the correction. Without such a
    word, "yoga class every saturday" still changes the task whose whole title it says when it
    gives a repetition ("call mom tomorrow" may well be a new task)."""
    corrected = bool(_CORRECTION.search(turn.text))
    scratch = Scratch(turn.text)
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    named_day = found.when is not None and (found.when.day is not None or found.when.offset)
    if not args or (not corrected and named_day):
        return None
    if not corrected and not found.recurrence:
        return None
    rest = _CORRECTION.sub(" ", scratch.rest())
    resolution = resolve(rest, turn.tasks)
    if not resolution.found or not resolution.exact or resolution.by_id:
        return None
    if not corrected and not _names_whole_title(rest, resolution, turn):
        return None
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


def _names_whole_title(phrase: str, resolution: Resolution, turn: Turn) -> bool:
    said = content_words(phrase)
    return all(content_words(t.title) == said for t in turn.tasks if t.id in resolution.ids)


def plan_done_state(turn: Turn) -> Plan | None:
    """ "rent's paid", "milk is bought": a past participle of the task's own verb."""
    did = _I_DID.match(turn.text)
    if did and not _negated(did["ref"]) and _is_past(did["verb"].lower()):
        resolution = resolve(did["ref"], turn.tasks)
        if resolution.found and resolution.exact and not resolution.by_id:
            return plan_target("complete_task", did["ref"], turn.tasks)
        if resolution.status == "ambiguous":
            return ask_back(resolution, "complete_task")
    match = _DONE_STATE.match(turn.text)
    if not match or _negated(match["ref"]) or "," in match["ref"]:
        return None  # "the lawn isn't done, it rained" reports nothing done
    state = match["state"].lower()
    particle = (match["particle"] or "").lower()
    if state in ("out", "off", "up") and _title_has(resolve(match["ref"], turn.tasks), state, turn):
        state = "done"  # "recycling is out" beside "Take out the recycling"
    if (state in DONE_ANY_VERB and (state != "got" or match["it"])) or (
        (state, particle) in (("went", "out"), ("back", ""))
    ):
        # "rents sorted", "milk got it", "the invoice went out": whatever the task's verb.
        resolution = resolve(match["ref"], turn.tasks)
        if resolution.found and resolution.exact and not resolution.by_id:
            return plan_target("complete_task", match["ref"], turn.tasks)
        return ask_back(resolution, "complete_task") if resolution.status == "ambiguous" else None
    if weekday_index(state) is not None:
        return None  # "… next wed", "… for next sat": a day, not a past participle
    irregular = IRREGULAR_PAST.get(state)
    verbs = [irregular] if irregular else _base_forms(state)
    adjective = not verbs and state in DONE_ADJECTIVES
    if adjective:
        verbs = [DONE_ADJECTIVES[state]]
    # "payroll is submitted" beside "Submit payroll": the first base form that names it
    named = ((v, resolve(f"{v} {match['ref']}", turn.tasks)) for v in verbs)
    verb, hit = next(((v, r) for v, r in named if r.found and r.exact), ("", None))
    if hit is None:
        # "timesheet submitted" beside "Timesheet": a title without a verb, said whole
        whole = resolve(match["ref"], turn.tasks) if is_past_form(state) else None
        if whole and whole.found and _names_whole_title(match["ref"], whole, turn):
            return plan_target("complete_task", match["ref"], turn.tasks)
        return None  # every word said must be in the task's title
    if adjective and not _title_has(hit, verb, turn):
        return None  # "the milk is clean" says nothing about "Buy milk"
    return plan_target("complete_task", f"{verb} {match['ref']}", turn.tasks)


def _base_forms(participle: str) -> list[str]:
    """ "submitted" → submit, "baked" → bake, "renewed" → renew: the verbs it may come from."""
    if len(participle) <= 4 or not participle.endswith("ed"):
        return []
    stem = participle[:-2]
    forms = [stem, participle[:-1]]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.insert(0, stem[:-1])
    return forms


def _is_past(verb: str) -> bool:
    if verb.endswith("'d"):
        return True  # "RSVP'd"
    return is_past_form(verb)


def _title_has(resolution: Resolution, verb: str, turn: Turn) -> bool:
    titles = [task.title for task in turn.tasks if task.id in resolution.ids]
    return bool(titles) and all(
        stem(verb) in {stem(w) for w in re.findall(r"[a-z']+", title.lower())} for title in titles
    )


def _negated(text: str) -> bool:
    return any(word in NEGATIONS for word in re.findall(r"[a-z']+", text.lower()))


def _names_most_of(phrase: str, resolution: Resolution, turn: Turn) -> bool:
    """Whether the phrase says at least half of the words of the task's title."""
    said = content_words(phrase)
    titles = [content_words(t.title) for t in turn.tasks if t.id in resolution.ids]
    return all(2 * len(said & title) >= len(title) for title in titles)


# "every 3 days not daily", "tue rather than wed": the old value, turned down.
_TURNED_DOWN = re.compile(
    rf"[,;]?\s*\b(?:not|instead\s+of|rather\s+than)\s+(?:the\s+|on\s+)?(?:{words_re(REJECTED_VALUES)}|"
    rf"{WEEKDAY_RE})\b",
    _FLAGS,
)
# "put high", "make it important": a priority given by a verb, said after the task's name.
_PUT_PRIORITY = re.compile(
    r"\b(?:put|set|make|mark)\s+(?:it\s+|this\s+)?(?:as\s+|to\s+|on\s+)?(?P<p>high|low|medium|urgent|"
    r"important)\b",
    _FLAGS,
)
# "cards can be tue": the link says nothing the values do not.
_MODAL_BE = re.compile(
    r"\b(?:can|could|should|shld|shd|must|will|needs?\s+to|has\s+to|have\s+to)\s+be\b", _FLAGS
)
_SAME = re.compile(
    r"\b(?:same|another|other|different|new)\s+(?:time|hour|day|date)\b|\bas\s+before\b", _FLAGS
)
_NO_LONGER = re.compile(r"\b(?:anymore|any\s+more|no\s+longer)\b", _FLAGS)
_BARE_HOUR = re.compile(
    r"(?<!\bat\s)(?<!\bby\s)(?<!\bon\s)(?<!\bthe\s)(?<![\w#:/.-])(?:1[0-2]|[1-9])(?![\w:/.-])"
    r"(?!\s*(?:am|pm|a\.m|p\.m|days?|weeks?|months?|hours?|mins?|minutes?|times?)\b)",
    _FLAGS,
)
_NOT_SO = re.compile(r"\bnot\s+(?:so|all\s+that|that)\b", _FLAGS)
_COPULA = re.compile(r"\b(?:is|are)\b|'s\b", _FLAGS)
# "… make it for next monday": an edit verb aimed at the task just named.
_EDIT_IT = re.compile(
    r"\b(?:make|set|put|move|change|push|switch|mark|do|schedule|plan)\s+(?:it|this|that)\b", _FLAGS
)


_ONLY_AN_ID = re.compile(r"^(?:task|todo|item|number|no|#)?\s*#?\d{1,9}$", re.I)


def plan_fragment_edit(turn: Turn) -> Plan | None:
    """ "cards tmrw", "car service every 6 months pls", "bike tire p1 now, need it by mon": new
    values for the one task whose title holds every other word said. Part of a title said
    without its verb is no new task; a whole title ("call mom tomorrow") only when the values
    could not start one (a reminder, a priority, a tag) or an edit verb aims at it."""
    text = _MODAL_BE.sub(" ", _NO_CHANGE.sub(" ", _TURNED_DOWN.sub(" ", turn.text)))
    text = _NOT_SO.sub("not", text)  # "not so important"
    if _CORRECTION.search(turn.text) or turn.corrected:
        text = _BARE_HOUR.sub(r"at \g<0>", text, count=1)  # "haircut 4 instead"
    text = " ".join(text.split())
    put = _PUT_PRIORITY.search(text)
    if put:
        text = text[: put.start()] + " " + text[put.end() :]
    scratch = Scratch(text)
    found = take_attributes(scratch, turn.now)
    if put and not found.priority:
        level = put["p"].lower()
        found.priority = level if level in ("low", "medium") else "high"
    args = value_args(found, turn.now)
    if not args:
        return None
    rest = _EDIT_IT.sub(" ", scratch.rest())
    words = [w for w in re.findall(r"[a-z0-9']+", rest.lower()) if w not in EDIT_FILLER]
    phrase = " ".join(words)
    resolution = resolve(phrase, turn.tasks)
    if resolution.status == "ambiguous" and _names_each(words, resolution.candidates):
        return ask_back(resolution, "update_task")  # "milk tmrw" beside two milk tasks
    if resolution.found and resolution.by_id and _ONLY_AN_ID.match(phrase):
        return update_plan(resolution, on_task_day(args, found, resolution, turn))  # "task 7 p1"
    if not resolution.found or not resolution.exact or resolution.by_id:
        return None
    said = content_words(phrase)
    titles = [t.title for t in turn.tasks if t.id in resolution.ids]
    if not all(_every_word_in(words, title) for title in titles):
        return None  # "the dentist is closed on mondays" says more than the task's name
    whole = all(_title_stems(title) <= {stem(w) for w in words} for title in titles)
    opens_like = any(_opens_like(words, title) for title in titles)
    if whole:
        aimed = (
            not opens_like  # "landlord call high prio": the title turned into a noun
            or put is not None
            or turn.corrected
            or set(args) == {"remind_at"}
            or any(
                p.search(turn.text) for p in (_EDIT_IT, _MODAL_BE, _CORRECTION, _NO_LONGER, _SAME)
            )
        )
        if not aimed and not (_COPULA.search(turn.text) and not {"due", "recurrence"} & set(args)):
            return None  # "call mom, high priority" may be a new task of the same name
    elif len(said) > 1 and opens_like:
        return None  # "buy milk tomorrow" beside "Buy oat milk": a new errand
    return update_plan(resolution, on_task_day(args, found, resolution, turn))


def _names_each(words: list[str], candidates: Sequence[TaskRef]) -> bool:
    """Every candidate holds every word said, and none opens with them (its verb)."""
    return bool(words) and all(
        _every_word_in(words, task.title) and not _opens_like(words, task.title)
        for task in candidates
    )


def _title_stems(title: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z0-9']+", title.lower()) if w not in EDIT_FILLER}


def _every_word_in(words: list[str], title: str) -> bool:
    """Every word said (filler aside) is a word of the title, even a list word like "close"."""
    title_words = {stem(w) for w in re.findall(r"[a-z0-9']+", title.lower())}
    return all(stem(w) in title_words for w in words)


def _opens_like(words: list[str], title: str) -> bool:
    """Whether the words open with the title's first word (usually its verb)."""
    first = re.findall(r"[a-z0-9']+", title.lower())[:1]
    return bool(words and first) and stem(words[0]) == stem(first[0])


# "the eye doctor's office rang; they need to move me to wednesday at the same time": a move
# told about, with the task named somewhere before it.
_TOLD_MOVE = re.compile(
    r"^(?P<before>.*?)\b(?:move[ds]?|moving|push(?:ed|ing)?|reschedul(?:e|ed|ing)|postpon(?:e|ed|ing)|"
    r"shift(?:ed|ing)?|bump(?:ed|ing)?|slip(?:s|ped|ping)?|slid(?:e|es|ing)?)\s+(?P<what>(?:[\w']+\s+){0,4}?)(?:back\s+)?(?:to|till|until)\s+"
    r"(?P<when>.+)$",
    _FLAGS,
)


def _new_day(when: str, turn: Turn) -> tuple[dict[str, Any] | None, Attributes | None]:
    """The new due value said, when nothing else is."""
    scratch = Scratch(as_day_or_hour(when))
    found = take_attributes(scratch, turn.now)
    args = value_args(found, turn.now)
    if set(args) != {"due"} or re.search(r"[a-z]{3,}", scratch.rest().replace("the", ""), _FLAGS):
        return None, None
    return args, found


def plan_told_move(turn: Turn) -> Plan | None:
    """A new day or time for the one task the message names, told in a sentence of its own."""
    match = _TOLD_MOVE.match(turn.text)
    if not match:
        return None
    when = " ".join(_NO_CHANGE.sub(" ", match["when"]).split()).strip(" ,.")
    args, found = _new_day(when, turn)
    if args is None and ", " in when:  # "… to thursday at 2, Mr Henderson called this morning"
        args, found = _new_day(when.split(", ", 1)[0], turn)
    if args is None or found is None:
        return None
    resolution = resolve(f"{match['before']} {match['what']}", turn.tasks)
    if not resolution.found or resolution.by_id:
        return None
    return update_plan(resolution, on_task_day(args, found, resolution, turn))
