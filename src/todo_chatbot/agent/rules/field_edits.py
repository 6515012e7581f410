"""Edits with unmistakable wording: rename, notes (description), tags, clearing a field."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from todo_chatbot.agent.plan import Plan, TaskRef
from todo_chatbot.agent.rules.refs import ID_REF_RE, resolve
from todo_chatbot.agent.rules.targets import Turn, ask_back, update_or_ask, update_plan
from todo_chatbot.language.attributes import slug, take_priority
from todo_chatbot.language.lexicon import WEEKDAY_PLURAL_RE, WEEKDAY_RE
from todo_chatbot.language.scratch import Scratch, tidy, unquote

_FLAGS = re.I


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source, _FLAGS) for source in sources)


# --- rename --------------------------------------------------------------------------------

_RENAME_CALL_IT = re.compile(
    # "change the professor lee one, call it email professor lee about the extension"
    r"^(?:change|edit|update|rename)\s+(?P<ref>.+?)\s*[,;:-]\s*(?:and\s+)?(?:call|name|title|rename)\s+it\s+"
    r"(?:to\s+)?(?P<title>\S.*)$",
    _FLAGS,
)
_RENAME = _patterns(
    r"^(?:re-?name|re-?title)\s+(?P<rest>.+)$",
    r"^(?:change|update|edit|set|modify|fix)\s+(?:the\s+)?(?:title|name|wording|text)\s+(?:of|for|on)"
    r"\s+(?P<rest>.+)$",
)
# "call the lee one "meet prof lee re thesis" instead": naming a task (not a phone call: the
# new name is quoted, and said of "the … one" or "instead")
_CALL_IT = re.compile(
    r"^(?:call|name|title)\s+(?P<ref>.+?\b(?:one|task|item|thing|it|that))\s+[\"\u201c'\u2018](?P<title>[^\"\u201d]+?)"
    r"[\"\u201d'\u2019](?:\s+instead)?$|"
    r"^(?:call|name|title)\s+(?P<ref2>.+?)\s+[\"\u201c'\u2018](?P<title2>[^\"\u201d]+?)[\"\u201d'\u2019]\s+instead$",
    _FLAGS,
)
_RENAME_POSSESSIVE = re.compile(
    r"^(?:change|update|edit|set|modify|fix)\s+(?P<ref>.+?)(?:'s|s')\s+(?:title|name)\s+to\s+"
    r"(?P<title>.+)$|"
    # "task 5 title → Order cake", "#5 new name: Order cake"
    # "the misc one should be called 'Sort out garage shelves'"
    r"^(?P<ref3>.+?)\s+(?:should|needs\s+to|must|can)\s+be\s+(?:called|named|renamed(?:\s+to)?|titled)\s+"
    r"(?P<title3>\S.*)$|"
    rf"^(?P<ref2>{ID_REF_RE})\s*,?\s+(?:(?:re-?name|call)\s+(?:it\s+)?(?:to\b|as\b)?|(?:new\s+)?(?:title|name)\s*"
    r"(?:->|=>|→|=|:|\bto\b|\bis\b)|(?:should|needs\s+to|must)\s+(?:say|read|be\s+called|be\s+named))\s*"
    r"(?P<title2>\S.*)$",
    _FLAGS,
)
_RENAME_TO = r"to|as|into|so\s+(?:that\s+)?it\s+(?:reads|says)"
_RENAME_SPLIT = re.compile(rf"\s+(?:{_RENAME_TO}|->|=>)\s+|\s*(?:->|=>|\u2192|:)\s*", _FLAGS)


def _rename(turn: Turn) -> Plan | None:
    called = _CALL_IT.match(turn.text) or _RENAME_CALL_IT.match(turn.text)
    if called:
        told = {name: value for name, value in called.groupdict().items() if value}
        ref, title = told.get("ref") or told["ref2"], told.get("title") or told["title2"]
        return update_or_ask(ref, {"title": title.strip()[:200]}, turn.tasks)
    possessive = _RENAME_POSSESSIVE.match(turn.text)
    if possessive:
        ref, title = (
            possessive["ref"] or possessive["ref2"] or possessive["ref3"],
            possessive["title"] or possessive["title2"] or possessive["title3"],
        )
        return update_or_ask(ref, {"title": _title(title)}, turn.tasks)
    for pattern in _RENAME:
        match = pattern.match(turn.text)
        if match:
            return split_rename(match["rest"], turn.tasks)
    return None


# "rename it to 'Pie and cookie sign-ups' since we're doing both": the quoted part is the name.
_QUOTES = "\"'\u2018\u2019\u201c\u201d"
# Inside quotes, an apostrophe between letters is part of the words: 'call vet re Rosie's leg'.
_QUOTED_TEXT = rf"(?:[^{_QUOTES}]|(?<=[A-Za-z])['\u2019](?=[A-Za-z]))+"
_QUOTED_FIRST = re.compile(rf"^\s*[{_QUOTES}](?P<title>[^{_QUOTES}]+)[{_QUOTES}](?=\s+\S)")


# "rename 12 to Finish Q4 report, no, Finish annual report": the last name said is the one.
# A bare "no" counts only with a pause after it ("call Bob, no rush" is one name).
_NAME_TAKEN_BACK = re.compile(
    r"^.+?\s*[,;.]\s*(?:(?:no(?=\s*[,.!]|\s+wait|\s+sorry)|wait|sorry|oops|actually|i\s+mean|"
    r"or\s+rather)\b[\s,:.!]*)+(?P<new>\S.*)$",
    _FLAGS,
)


# "rename buy milk into buy oat milk, I'm trying vegan this month": why, after the name.
_WHY_AFTER_NAME = re.compile(
    r"\s*[,;]\s+(?:i'?m|i\s+am|i'?ve|i\s+have|we'?re|because|since|cause|cos|coz|as\s+i|it'?s\s+for)\b.*$",
    _FLAGS,
)


def _title(text: str) -> str:
    quoted = _QUOTED_FIRST.match(text)
    if quoted is not None:
        return quoted["title"].strip()[:200]
    while (corrected := _NAME_TAKEN_BACK.match(text)) is not None:
        text = corrected["new"]
    return unquote(tidy(_WHY_AFTER_NAME.sub("", text)))[:200]


_TWO_QUOTED = re.compile(
    rf"^\s*[{_QUOTES}](?P<ref>[^{_QUOTES}]+)[{_QUOTES}]\s*(?:{_RENAME_TO}|->|=>|\u2192|:)\s*"
    rf"[{_QUOTES}](?P<title>{_QUOTED_TEXT})[{_QUOTES}]"
)


_NAME_QUOTED_LAST = re.compile(
    rf"^(?P<ref>[^{_QUOTES}]+?)\s+[{_QUOTES}](?P<title>[^\"\u201c\u201d]+)[{_QUOTES}]\s*$"
)


def split_rename(rest: str, tasks: Sequence[TaskRef]) -> Plan:
    quoted = _TWO_QUOTED.match(rest)  # "'call mom' to 'call mom and dad', they're both home"
    if quoted is not None:
        return update_or_ask(quoted["ref"], {"title": quoted["title"].strip()[:200]}, tasks)
    named = _NAME_QUOTED_LAST.match(rest)  # "the paint one 'buy paint samples from B&Q'"
    if named is not None and resolve(named["ref"], tasks).found:
        return update_or_ask(named["ref"], {"title": named["title"].strip()[:200]}, tasks)
    splits = list(_RENAME_SPLIT.finditer(rest))
    if not splits:
        return Plan.clarify(
            "What should the new name be? Say e.g. 'rename task 3 to Buy oat milk'."
        )
    first: tuple[str, str] | None = None
    for split in splits:
        ref, title = rest[: split.start()], rest[split.end() :]
        if not ref.strip() or not title.strip():
            continue
        first = first or (ref, title)
        if resolve(ref, tasks).found:
            return update_or_ask(ref, {"title": _title(title)}, tasks)
    if first is None:
        return Plan.clarify("What should the new name be?")
    return update_or_ask(first[0], {"title": _title(first[1])}, tasks)


# --- description ---------------------------------------------------------------------------

_NOTE = r"(?:notes?|description|details?|comments?|memo)"
_SHOULD_SAY = r"(?:should\s+(?:say|read|be)|needs\s+to\s+say|must\s+say|says|reads|=)"
_DESCRIPTION = _patterns(
    rf"^(?:add|attach|put|set|write|append|include|leave)\s+(?:a\s+|the\s+|some\s+|this\s+)?{_NOTE}\s+"
    r"(?:to|on|for)\s+(?P<ref>.+?)\s*(?::|\bsaying\b|\bthat\s+says\b|\breading\b|\s-\s)\s*(?P<desc>.+)$",
    rf"^(?:set|change|update|edit|replace)\s+(?:the\s+)?{_NOTE}\s+(?:of|for|on)\s+(?P<ref>.+?)\s+"
    r"(?:to|with)\s*:?\s*(?P<desc>.+)$",
    rf"^(?:set|change|update|edit|replace)\s+(?:the\s+)?{_NOTE}\s+(?:of|for|on)\s+(?P<ref>{ID_REF_RE}|[^:]+?)\s*:\s*"
    r"(?P<desc>.+)$",
    # "change the milk one's description to 'oat, not almond'", "set the gym description to …"
    rf"^(?:set|change|update|edit|replace)\s+(?P<ref>(?!(?:the|a|my)\s+{_NOTE}\b).+?)(?:'s|s')?\s+"
    rf"{_NOTE}\s+(?:to|with)\s*:?\s*(?P<desc>.+)$",
    r"^describe\s+(?P<ref>.+?)\s+as\s+(?P<desc>.+)$",
    rf"^(?:add|attach|put|set)\s+(?:a\s+|the\s+)?{_NOTE}\s*[:\-]?\s*(?P<desc>.+?)\s+(?:to|on|for)\s+"
    r"(?P<ref>task\s+#?\d+|#\d+)$",
    rf"^{_NOTE}\s+(?:for|on|to)\s+(?P<ref>.+?)\s*:\s*(?P<desc>.+)$",
    rf"^(?:add|attach|put|write)\s+(?P<desc>.+?)\s+as\s+(?:a\s+|the\s+)?{_NOTE}\s+(?:to|on|for)\s+"
    r"(?P<ref>.+)$",
    rf"^(?P<ref>.+?)\s+(?:needs|gets|should\s+have|could\s+use)\s+(?:a|the|this|one|another)\s+{_NOTE}"
    r"\s*[:\-]\s*(?P<desc>.+)$",
    # "vpn ticket: set description to 'need access to staging + prod'"
    rf"^(?P<ref>[^:]+?)\s*:\s*(?:set|change|update|make)\s+(?:the\s+)?{_NOTE}\s+(?:to|as)\s*:?\s*(?P<desc>.+)$",
    # "for the train tickets put in the description window seat"
    rf"^for\s+(?P<ref>.+?),?\s+(?:put|add|write|set)\s+(?:in\s+|down\s+)?(?:the\s+|a\s+)?{_NOTE}\s*(?::|\bas\b|\bsaying\b)?\s*(?P<desc>.+)$",
    # "give the stamps task a description: first class x 12"
    rf"^give\s+(?P<ref>.+?)\s+(?:a|the|this|some)\s+(?:new\s+)?{_NOTE}\s*(?:[:\-]|\bsaying\b|\bof\b)\s*(?P<desc>.+)$",
    # "task 11: description should say bring the blue folder", "the notes for #4 should read …"
    rf"^(?P<ref>[^:]+?)\s*(?::|\s-\s|'s|s')\s*(?:the\s+)?{_NOTE}\s+{_SHOULD_SAY}\s*:?\s*(?P<desc>.+)$",
    rf"^(?:the\s+)?{_NOTE}\s+(?:of|for|on)\s+(?P<ref>.+?)\s+{_SHOULD_SAY}\s*:?\s*(?P<desc>.+)$",
    # "task 33 description: bring mat and water bottle"
    rf"^(?P<ref>{ID_REF_RE})\s*,?\s+{_NOTE}\s*(?::|=|->|\u2192)\s*(?P<desc>.+)$",
)


# "cabinet handles: add a note that they're the brass ones": the task named first, when it
# exists (otherwise a new task with that description).
_NAMED_THEN_NOTE = re.compile(
    rf"^(?P<ref>[^:]+?)\s*(?::|\s-\s|,)?\s+(?:please\s+)?(?:add|attach|put|leave)\s+(?:a\s+|the\s+)?"
    rf"{_NOTE}\s*(?::|\bthat\s+says\b|\bsaying\b|\bthat\b)?\s*(?P<desc>.+)$",
    _FLAGS,
)


def _description(turn: Turn) -> Plan | None:
    for pattern in _DESCRIPTION:
        match = pattern.match(turn.text)
        if match:
            description = unquote(match["desc"].strip())[:4000]
            return update_or_ask(match["ref"], {"description": description}, turn.tasks)
    named = _NAMED_THEN_NOTE.match(turn.text)
    if named and resolve(named["ref"], turn.tasks).found:
        description = unquote(named["desc"].strip())[:4000]
        return update_or_ask(named["ref"], {"description": description}, turn.tasks)
    return None


# --- tags ----------------------------------------------------------------------------------

_HASHTAGS = r"#[A-Za-z][\w-]*(?:(?:\s*,\s*|\s+and\s+|\s+)#[A-Za-z][\w-]*)*"
_TAGGING = _patterns(
    r"^(?:re-?)?(?:tag|label)\s+(?P<ref>.+?)\s+(?:with|w/|as|under|using)\s+(?:the\s+)?(?:tags?\s+|labels?\s+)?"
    r"(?P<tags>.+)$",
    rf"^(?:tag|label)\s+(?P<ref>.+?)\s+(?P<tags>{_HASHTAGS})$",
    r"^(?:add|attach|put|apply)\s+(?:the\s+)?(?:tags?|labels?)\s+(?P<tags>.+?)\s+(?:to|on)\s+"
    r"(?P<ref>.+)$",
    rf"^(?:add|attach|put|apply)\s+(?P<tags>{_HASHTAGS})\s+(?:tags?\s+|labels?\s+)?(?:to|on)\s+"
    r"(?P<ref>.+)$",
    rf"^(?:put|move|file)\s+(?P<ref>.+?)\s+(?:under|in|into)\s+(?P<tags>{_HASHTAGS})$",
    # "file the water bill under finance"
    r"^file\s+(?P<ref>.+?)\s+under\s+(?:the\s+)?#?(?P<tags>[a-z][\w-]*)(?:\s+(?:tag|label|category))?$",
    # "put the family tag on the thank you notes"
    r"^(?:add|attach|put|apply|stick|slap)\s+(?:the|a|an)\s+#?(?P<tags>[a-z][\w-]*)\s+(?:tag|label)\s+"
    r"(?:to|on|onto)\s+(?P<ref>.+)$",
    r"^(?:give|add)\s+(?!me\b)(?P<ref>.+?)\s+(?:a|the|an)\s+(?:tags?|labels?)\s+(?:of\s+|called\s+|named\s+)?"
    r"(?P<tags>.+)$",
    # "label the milk task errands": the words after the task noun are the tags.
    r"^(?:tag|label)\s+(?P<ref>.+?\b(?:task|one|item|todo))\s+(?:as\s+)?"
    r"(?P<tags>[a-z][\w-]*(?:\s*(?:,|&|\band\b)\s*[a-z][\w-]*)*)$",
)


_ONE_TAG = rf"(?:{_HASHTAGS}|#?[a-z][\w-]*)"
# "take the #urgent tag off the Henderson one", "remove #work from task 3"
_UNTAGGING = _patterns(
    rf"^(?:take|remove|drop|strip|delete|get\s+rid\s+of|clear)\s+(?:the\s+)?(?P<tags>{_ONE_TAG})\s+"
    r"(?:tags?|labels?)\s+(?:off(?:\s+of)?|from)\s+(?P<ref>.+)$",
    rf"^(?:untag|remove|drop|take)\s+(?P<tags>{_HASHTAGS})\s+(?:off(?:\s+of)?|from)\s+(?P<ref>.+)$",
    rf"^untag\s+(?P<ref>.+?)\s+(?P<tags>{_HASHTAGS})$",
)
# "change the tag on 3 from school to exams", "retag 3 from #school to #exams"
_RETAGGING = _patterns(
    r"^(?:(?:change|switch|swap|move)\s+(?:the\s+)?(?:tag|label)s?\s+(?:on|of|for)|re-?tag)\s+(?P<ref>.+?)\s+"
    r"from\s+#?(?P<old>[a-z][\w-]*)\s+to\s+(?P<tags>.+)$",
    # "swap #work for #admin on the report", "replace #work with #admin on 31"
    rf"^(?:swap|replace|switch|change)\s+#(?P<old>[a-z][\w-]*)\s+(?:for|with|to)\s+(?P<tags>{_HASHTAGS})\s+"
    r"(?:on|in|for)\s+(?P<ref>.+)$",
    # "swap the work tag for admin on the timesheet one"
    r"^(?:swap|replace|switch|change)\s+(?:the\s+)?#?(?P<old>[a-z][\w-]*)\s+(?:tag|label)\s+(?:for|with|to)\s+"
    r"(?:the\s+)?#?(?P<tags>[a-z][\w-]*)(?:\s+(?:tag|label|one))?\s+(?:on|in|for)\s+(?P<ref>.+)$",
)
# "… to #admin instead of #work", "… #admin, not #work": the tag said after it is swapped out.
_INSTEAD_OF_TAG = re.compile(
    r"\s*,?\s+(?:instead\s+of|not|rather\s+than)\s+(?:the\s+)?#(?P<old>[a-z][\w-]*)"
    r"(?:\s+(?:tag|label))?\s*[.!]*$",
    _FLAGS,
)
# With the tag swapped out set aside: "change the tags on 31 to #admin", "31 should be #admin"
_SET_TAGS_TO, _SHOULD_BE_TAGGED = _patterns(
    r"^(?:change|switch|set|make)\s+(?:the\s+)?(?:tag|label)s?\s+(?:on|of|for)\s+(?P<ref>.+?)\s+to\s+(?P<tags>.+)$",
    rf"^(?P<ref>.+?)\s+should\s+be\s+(?:tagged\s+|labell?ed\s+|under\s+)?(?P<tags>{_HASHTAGS})$",
)
# "q4 claims: add a #finance tag", "deck: tag it #work", "server logs task add #work #ops"
_NAMED_THEN_TAG = _patterns(
    rf"^(?P<ref>[^:]+?\s(?:task|one|item))\s+(?:add|tag(?:\s+it)?|put)\s+(?P<tags>{_HASHTAGS})$",
    rf"^(?P<ref>[^:]+?)\s*:\s*(?:add|put|give\s+it|attach)\s+(?:a\s+|the\s+|an\s+)?(?P<tags>{_ONE_TAG})"
    r"(?:\s+(?:tag|label))?$",
    rf"^(?P<ref>[^:]+?)\s*:\s*(?:tag|label)\s+it\s+(?:with\s+|as\s+)?(?P<tags>{_ONE_TAG})$",
    # "could the gym one be tagged health and fitness?"
    r"^(?:could|can|would|should)\s+(?P<ref>.+?)\s+be\s+(?:tagged|labell?ed)\s+(?:as\s+|with\s+)?(?P<tags>[^?]+?)\??$",
    # "physio one should be under #health", "the rent task goes in #bills"
    rf"^(?P<ref>.+?)\s+(?:should\s+(?:be|go)|goes|belongs)\s+(?:under|in|into)\s+(?P<tags>{_HASHTAGS})$",
)


_RETAG = re.compile(r"^re-?(?:tag|label)\b", _FLAGS)


def _retagged(
    ref: str, tasks: Sequence[TaskRef], *, add: Sequence[str] = (), drop: Collection[str] = ()
) -> Plan:
    """The update that adds `add` to the tags of the one task `ref` names and takes `drop`
    off (update_task replaces the whole list, so the other tags are kept)."""
    resolution = resolve(ref, tasks)
    if not resolution.found:
        return ask_back(resolution, "update_task")
    named = [t for t in tasks if t.id in resolution.ids] if len(resolution.ids) == 1 else []
    kept = [slug(tag) for task in named for tag in task.tags if slug(tag) not in drop]
    return update_plan(resolution, {"tags": list(dict.fromkeys([*kept, *add]))[:20]})


def _tag_values(phrase: str) -> list[str]:
    words = re.split(r"\s*(?:,|&|\band\b|\s)\s*", phrase.strip(), flags=_FLAGS)
    noise = {"tag", "tags", "label", "labels", "the", "a", "an", "as", "with", ""}
    return list(dict.fromkeys(slug(w) for w in words if w.lower() not in noise and slug(w)))


# "tag foam roll recovery": the last word is the tag, when the rest names a task exactly.
_TAG_LAST_WORD = re.compile(
    r"^(?:tag|label)\s+(?P<ref>.+?)\s+(?:as\s+)?(?P<tags>[a-z][\w-]*)$", _FLAGS
)


def _tagging(turn: Turn) -> Plan | None:
    """A tag added joins the task's tags (update_task replaces the whole list); one taken
    off or swapped leaves the others."""
    for pattern in _UNTAGGING:
        match = pattern.match(turn.text)
        if match:
            return _retagged(match["ref"], turn.tasks, drop=set(_tag_values(match["tags"])))
    for pattern in _RETAGGING:
        match = pattern.match(turn.text)
        if match:
            said = _tag_values(match["tags"])
            return _retagged(match["ref"], turn.tasks, add=said, drop={slug(match["old"])})
    instead = _INSTEAD_OF_TAG.search(turn.text)
    if instead:
        said_first = turn.text[: instead.start()]
        for pattern in (_SET_TAGS_TO, _SHOULD_BE_TAGGED, *_TAGGING, *_NAMED_THEN_TAG):
            match = pattern.match(said_first)
            if match and _tag_values(match["tags"]):
                add = _tag_values(match["tags"])[:20]
                return _retagged(match["ref"], turn.tasks, add=add, drop={slug(instead["old"])})
    set_to = _SET_TAGS_TO.match(turn.text)  # "change the tag on 12 to admin": those only
    if set_to and _tag_values(set_to["tags"]):
        return update_or_ask(set_to["ref"], {"tags": _tag_values(set_to["tags"])[:20]}, turn.tasks)
    for pattern in (*_TAGGING, *_NAMED_THEN_TAG):
        match = pattern.match(turn.text)
        if match:
            said = _tag_values(match["tags"])[:20]
            if not said:
                return Plan.clarify("Which tag should I add?")
            if _RETAG.match(turn.text):  # "retag 31 as #home": those tags only
                return update_or_ask(match["ref"], {"tags": said}, turn.tasks)
            return _retagged(match["ref"], turn.tasks, add=said)
    last = _TAG_LAST_WORD.match(turn.text)
    if last:
        resolution = resolve(last["ref"], turn.tasks)
        if resolution.found and resolution.exact and _tag_values(last["tags"]):
            return update_or_ask(last["ref"], {"tags": _tag_values(last["tags"])}, turn.tasks)
    return None


# --- clearing a field ----------------------------------------------------------------------

_FIELD_WORDS = (
    r"due\s+date|deadline|due|date|reminders?|alarm|alert|recurrence|repeat|repetition|schedule|"
    r"(?:recurring|repeating|repeat)\s+(?:bit|part|thing|setting)|"
    r"description|notes?|details|tags?|labels?|priority"
)
_CLEAR = _patterns(
    r"^(?:remove|clear|delete|drop|unset|erase|cancel|get\s+rid\s+of|take\s+off|take\s+away|wipe|"
    rf"reset|stop|end|kill|disable|(?:turn|switch)\s+off)\s+(?:the\s+|all\s+(?:the\s+)?)?(?P<field>{_FIELD_WORDS})\s+(?:from|of|on|for|in|off)\s+"
    r"(?P<ref>.+)$",
    rf"^(?:take|get|strip)\s+(?:the\s+)?(?P<field>{_FIELD_WORDS})\s+(?:off|away\s+from|out\s+of)\s+"
    r"(?:of\s+)?(?P<ref>.+)$",
    r"^(?P<ref>.+?)\s+(?:doesn't|does\s+not|don't|do\s+not)\s+(?:need|have)\s+(?:a\s+|an\s+|any\s+)?"
    r"(?P<field>due\s+date|deadline|date|reminder|tags?|description|notes?)(?:\s+any\s*more)?$",
    # "the plumber thing has no deadline now", "the ring pickup has no fixed date any more"
    r"^(?!(?:which|what|how|any|do|does|are|is)\b)(?P<ref>.+?)\s+(?:has|have|'s\s+got)\s+no\s+(?:fixed\s+|set\s+)?(?P<field>due\s+date|deadline|date|reminder)"
    r"(?:\s+(?:now|any\s*more|after\s+all))*(?:\s*,\s*(?:so\s+)?(?:take|clear|remove)\s+(?:the|that|its)\s+"
    r"(?:date|due\s+date|deadline|reminder)(?:\s+off)?)?$",
    # "i dont need a reminder for the dentist anymore"
    # ("I don't need the reminder about the boiler anymore" may mean the task itself)
    r"^(?:i|we)\s+(?:don't|do\s+not|no\s+longer)\s+need\s+(?:a|any)\s+(?P<field>reminders?|alerts?|"
    r"due\s+date|deadline)\s+(?:on|for|about)\s+(?P<ref>.+?)(?:\s+any\s*(?:more|longer))?$",
    # "no need for a reminder on the pharmacy pickup anymore"
    r"^no\s+need\s+for\s+(?:a|the|any)\s+(?P<field>reminders?|alerts?|due\s+date|deadline)\s+(?:on|for|about)\s+"
    r"(?P<ref>.+?)(?:\s+any\s*(?:more|longer))?$",
    # "library books: remove the due date", "holiday cards - take off the reminder"
    r"^(?P<ref>[^:]+?)\s*(?::|\s[-\u2013\u2014])\s*(?:please\s+)?(?:remove|clear|delete|drop|take\s+off|take\s+away|"
    r"get\s+rid\s+of|no\s+more)\s+(?:the\s+|its\s+|any\s+)?(?P<field>due\s+date|deadline|reminders?|alerts?|alarm|"
    r"recurrence|repeats?|repetitions?|description|notes?)(?:\s+(?:please|pls))?$",
    # "the passport one - no deadline any more", "physio, no more repeats"
    r"^(?P<ref>.+?)\s*(?:[:,;]|\s[-\u2013\u2014])\s*no\s+(?:more\s+)?(?P<field>due\s+date|deadline|reminders?|alerts?|"
    r"repeats?|repetitions?|recurrence)"
    r"(?:\s+(?:needed|any\s*(?:more|longer)|now))*$",
    # "#3 no due", "task 8 no reminder"
    rf"^(?P<id>{ID_REF_RE})\s*,?\s+no\s+(?:more\s+)?(?P<field>due(?:\s+date)?|date|deadline|reminders?|alerts?|"
    r"repeats?|recurrence|tags?|notes?|description)$",
    r"^no\s+(?:more\s+)?(?P<field>due\s+date|deadline|reminders?|alerts?|tags?)\s+"
    r"(?:(?:needed|necessary|required)\s+)?(?:(?:for|on|about)\s+"
    rf"(?P<ref>.+?)|(?P<id>{ID_REF_RE}))(?:\s+any\s*(?:more|longer)|\s+now)?$",
    # "stop reminding me about rent", "turn off the reminder on rent", "mute the gym alerts"
    r"^(?:stop|quit|no\s+more)\s+(?P<field>remind)(?:ing|ers?)\s+(?:me\s+)?(?:about|of|for|on|to)\s+"
    r"(?P<ref>.+)$",
    r"^(?:turn|switch|shut)\s+off\s+(?:the\s+)?(?P<field>reminders?|alarms?|alerts?)\s+"
    r"(?:for|on|of|about)\s+(?P<ref>.+)$",
    r"^(?:turn|switch|shut)\s+(?:the\s+)?(?P<field>reminders?|alarms?|alerts?)\s+(?:for|on|of|about)\s+"
    r"(?P<ref>.+?)\s+off$",
    r"^(?:mute|silence|disable)\s+(?:the\s+)?(?P<field>reminders?|alarms?|alerts?)\s+"
    r"(?:for|on|of|about)\s+(?P<ref>.+)$",
    r"^(?:stop|don't|do\s+not)\s+(?:repeating|recurring|repeat)\s+(?P<ref>.+)$",
    r"^stop\s+(?P<ref>.+?)\s+(?:from\s+)?(?:repeating|recurring)$",
    r"^make\s+(?P<ref>.+?)\s+(?:not\s+repeat|non-?recurring|one-?off|a\s+one[\s-]time\s+(?:task|thing))$",
    r"^stop\s+making\s+(?P<ref>.+?)\s+(?:repeat|recur)(?:\s+any\s*more)?$",
    r"^(?P<ref>.+?)\s+(?:should\s+not|shouldn't|needn't|need\s+not|(?:doesn't|does\s+not|don't|do\s+not)(?:\s+need\s+to)?|"
    r"no\s+longer(?:\s+needs?\s+to)?|should\s+no\s+longer)\s+(?:repeat|recur)(?:\s+any\s*more)?"
    r"(?:[\s,]+(?:(?:can|could)\s+(?:you|u)\s+)?(?:please\s+)?stop\s+(?:that|it))?$",
)
_SPECIFIC_TAG = re.compile(
    r"^(?:remove|delete|drop|take\s+off|untag)\s+(?:the\s+)?#?[\w-]+\s+(?:tag|label)\s+from\s+|"
    r"^(?:remove|delete|drop|take\s+off)\s+#[A-Za-z][\w-]*\s+from\s+|^untag\s+",
    _FLAGS,
)


def _cleared_value(field: str) -> tuple[str, Any]:
    field = field.lower()
    if field.startswith(("remind", "alarm", "alert")):
        return "remind_at", None
    if field.startswith(("recur", "repeat", "repetition", "schedule")):
        return "recurrence", None
    if field.startswith(("desc", "note", "detail")):
        return "description", None
    if field.startswith(("tag", "label")):
        return "tags", []
    if field.startswith("prior"):
        return "priority", "medium"
    return "due", None


_SO_THEN = re.compile(r"(?:,\s*|[.;]\s+)(?:and\s+)?so\s+", _FLAGS)
_REMARK_AFTER_CLEARING = re.compile(
    r"^(?P<head>.+?(?:repeat(?:ing)?|recur(?:ring)?)(?:\s+any\s*more)?)\s*(?:[,;.!]+\s*|\s+[-\u2014]\s+|\s+(?=(?:its|it's|it\s+is|"
    r"they|the|we|since|because|cause|coz)\b))(?P<why>\S.*)$",
    _FLAGS,
)
# What a remark would say if it were a change of its own: "…, move it to friday".
_SAYS_WHEN = re.compile(
    r"\d|\b(?:move|push|make|set|change|put|every|each|daily|weekly|monthly|until|till|tomorrow|"
    rf"today|tonight|next)\b|\b(?:{WEEKDAY_PLURAL_RE}|{WEEKDAY_RE})(?![a-z])",
    _FLAGS,
)


def _clearing(turn: Turn) -> Plan | None:
    if _SPECIFIC_TAG.match(turn.text):
        if any(pattern.match(turn.text) for pattern in _UNTAGGING):
            return None  # one tag taken off: _tagging keeps the rest
        # never read as clearing every tag
        return Plan.clarify(
            "Which tag should I take off which task? Say e.g. 'take #home off task 3'."
        )
    # "the dance practice doesnt need to repeat anymore, wedding's over lol": why, after it
    said = [turn.text]
    # "I've stopped going on Tuesdays, so the choir task needn't repeat any more": the change
    # after why
    said += [turn.text[so.end() :] for so in _SO_THEN.finditer(turn.text)]
    for text in list(said):
        remark = _REMARK_AFTER_CLEARING.match(text)
        why = re.sub(r"\bnot\s+(?:every|each)\s+\w+", "", remark["why"]) if remark else ""
        if remark and not _SAYS_WHEN.search(why):  # ("…, just not every week" says no when)
            said.append(remark["head"])
    for pattern, text in ((p, t) for t in said for p in _CLEAR):
        match = pattern.match(text)
        if match:
            field = match.groupdict().get("field") or "repeat"
            key, value = _cleared_value(field)
            ref = match.groupdict().get("ref") or match.groupdict().get("id") or ""
            return update_or_ask(ref, {key: value}, turn.tasks)
    return None


# --- raising or lowering the priority ------------------------------------------------------

_PRIORITY_SHIFT = _patterns(
    r"^(?P<way>lower|reduce|decrease|drop|downgrade|raise|increase|bump(?:\s+up)?|up|upgrade|boost)"
    r"\s+(?:the\s+)?(?:priority|importance|prio)\s+(?:of|on|for)\s+(?P<ref>.+)$",
    r"^(?P<way>lower|reduce|decrease|downgrade|raise|increase|bump(?:\s+up)?|upgrade|boost)\s+"
    r"(?P<ref>(?:(?!\bto\s).)+?)(?:'s)?\s+(?:priority|importance|prio)$",
    r"^(?P<way>de-?prioriti[sz]e|prioriti[sz]e)\s+(?P<ref>.+)$",
    r"^(?:make|mark|set)\s+(?P<ref>.+?)\s+(?P<way>less|more)\s+(?:important|urgent|pressing|"
    r"of\s+a\s+priority)$",
)
_LOWER = ("lower", "reduce", "decrease", "drop", "downgrade", "de", "less")


# "drop task 2 to p3", "bump the insurance thing to low prio": the level said is the one set.
_PRIORITY_TO = re.compile(
    r"^(?:drop|bump|knock|push|move|lower|raise|bring|take)\s+(?P<ref>.+?)\s+(?:down\s+|up\s+)?to\s+"
    r"(?:a\s+)?(?P<level>p[1-4]|low|lowest|medium|normal|mid|high|highest|top|urgent)"
    r"(?:\s+(?:priority|prio|pri))?$",
    _FLAGS,
)
_PRIORITY_ON = re.compile(
    r"^(?P<level>p[1-4]|high|low|urgent|top)(?:\s+(?:priority|prio|pri))?\s+(?:on|for|to)\s+(?P<ref>.+)$"
    # "p1 the email task": the level, then a task named as one
    r"|^(?P<level2>p[1-4])\s+(?P<ref2>(?:the|that|my)\s+.+?\s(?:task|one|item|todo|thing))$"
    # "prio 3 high", "priority #12 low": the shorthand of a keyboard person
    r"|^(?:prio|pri|priority)\s+(?P<id>(?:#|task\s+)?\d{1,9})\s*[:=]?\s*"
    r"(?P<id_level>p[1-4]|low|medium|normal|high|urgent|top)$",
    _FLAGS,
)


# "book holiday isnt urgent at all, whenever is fine": no longer pressing, said of a task.
_NOT_PRESSING = re.compile(
    r"^(?P<ref>.+?)\s+(?:(?:is\s+not|isn'?t|isnt|'s\s+not|is\s+no\s+longer)\s+(?:so\s+|that\s+|very\s+|as\s+)?"
    r"(?:urgent|important|pressing|a\s+priority|a\s+big\s+deal)|can\s+wait)(?:\s+(?:at\s+all|any\s*more|now|after\s+all))*"
    r"(?:\s*[,.;-]+\s*(?:whenever|no\s+rush|no\s+hurry|it\s+can\s+wait|low\s+prio(?:rity)?)"
    r"(?:\s+is\s+fine|\s+on\s+(?:it|that))?)?[\s.!]*$",
    _FLAGS,
)


def _priority_shift(turn: Turn) -> Plan | None:
    said = _PRIORITY_TO.match(turn.text) or _PRIORITY_ON.match(turn.text)
    if said:
        told = said.groupdict()
        word = told["level"] or told.get("level2") or told["id_level"]
        level = take_priority(Scratch(f"{word} priority"))
        ref = told["ref"] or told.get("ref2") or told["id"]
        return update_or_ask(ref, {"priority": level}, turn.tasks)
    calm = _NOT_PRESSING.match(turn.text)
    if calm and resolve(calm["ref"], turn.tasks).exact:
        return update_or_ask(calm["ref"], {"priority": "low"}, turn.tasks)
    for pattern in _PRIORITY_SHIFT:
        match = pattern.match(turn.text)
        if match:
            priority = "low" if match["way"].lower().startswith(_LOWER) else "high"
            return update_or_ask(match["ref"], {"priority": priority}, turn.tasks)
    return None


def plan_field_edit(turn: Turn) -> Plan | None:
    """Updates whose wording is unmistakable (checked before other commands)."""
    # "drop the priority on the plumber" lowers it; "remove the priority from …" clears it.
    for step in (_priority_shift, _clearing, _rename, _description, _tagging):
        plan = step(turn)
        if plan is not None and plan.kind == "clarify" and _ADD_FIRST.match(turn.text):
            return None  # "add clean the shed under the tag home": a new task, not one to find
        if plan is not None:
            return plan
    return None


_ADD_FIRST = re.compile(r"^add\s+(?!(?:a|the|an)\s+(?:#|tag|label|note|description)\b)", _FLAGS)
