"""Turning "add …", "remind me to …", "I need to …" into an add_task call.

Descriptions: everything after "description:", "notes:", "details:", "with note(s) …",
"with the description …" or " -- " is the description; so is the part after a colon that
follows the title ("add send invoice: include the hours for November"). A quoted phrase is
taken as the title verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from todo_chatbot.agent.plan import Plan, ToolCall
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.language.attributes import take_attributes
from todo_chatbot.language.clock import find_clock
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import (
    ASKED_RE,
    BEFORE_A_VERB,
    DOTTED_ABBREVIATIONS,
    EVENT_NOUNS,
    FORGETTING_RE,
    LIST_NAMES,
    MONTH_RE,
    MOTION_VERBS,
    NUMBER_RE,
    NUMBER_WORDS,
    OBLIGATIONS,
    QUESTION_OPENERS,
    REMARK_SUBJECT_RE,
    STATEMENT_OPENERS,
    TASK_NOUN_TYPOS,
    TASK_VERBS,
    WEEKDAY_RE,
    word_set,
    words_re,
)
from todo_chatbot.language.scratch import HOLE, Scratch
from todo_chatbot.language.task_line import (
    ANY_MOMENT,
    QUOTED,
    is_filler,
    only_attributes,
    read_task_line,
    split_description,
)

_FLAGS = re.I

_MODIFIERS = (
    r"urgent|important|high[\s-]priority|low[\s-]priority|medium[\s-]priority|normal[\s-]priority|"
    r"top[\s-]priority|quick|recurring|repeating|daily|weekly|monthly|yearly|annual|new|p[1-4]|"
    r"small|simple|separate|personal|work|home|school|family"
)
# "add a work task: …" files the task under that tag.
_TAG_MODIFIERS = re.compile(r"\b(?P<tag>personal|work|home|school|family)\b", _FLAGS)
_NOUN = (
    rf"(?:(?:task|todo|to-do|to\s+do|item|reminder|entry|note|one|{words_re(TASK_NOUN_TYPOS)})s?"
    # ("add the thing for the trip" names no task; "add a thing: …" is one)
    r"|things?(?=\s*[:\-]|\s+to\s)"
    # "add the following: …", "add something for me: …"
    r"|following(?:\s+(?:task|todo|item|reminder)s?)?|something(?=\s+for\s+(?:me|us)\b|\s*:)"
    r"|(?:chore|errand|job)s?(?=\s*[:\-]))"  # "add chore: vacuum the stairs"
)
# (not the "new" of "new years eve party prep")
_ARTICLES = r"(?:\s+(?:a|an|another|one\s+more|the|new(?!\s+year)|my|some|this))*"
_CONNECT = (
    # "add a task w/ a note - call Old Dominion …. note: …": the note follows the title
    r"(?:\s+(?:with|w/)\s+(?:a\s+)?(?:note|description)\s*[:\-,]|"
    r"\s+for\s+(?:me|us)(?:\s+to|\s*[:,])?|(?:\s+(?:please|pls))?\s*[:\-,]|\s+that(?=\s+(?:i|we)\b)|\s+(?:to|for|called|named|titled|saying|"
    r"that\s+says|about|:))?"
)
# Verbs that always announce a new task and are not part of its title.
_ADD_VERB = (
    r"(?:add(?:ing)?|create|new(?=\s*[:\-])|schedule|(?:jot|note|write|put)\s+(?:(?:this|that|it)\s+)?down|"
    r"insert|diari[sz]e|put\s+in(?=\s+(?:a|an|the)\s+(?:new\s+)?(?:task|todo|to-do|reminder)\b)|"
    # "put return library books on for monday": "put" before the task's own verb
    rf"put(?=\s+(?:{words_re(TASK_VERBS)})\s)|"
    r"(?:set\s+up|make|put|schedule)(?=\s+[\"'])|"  # "could you set up 'physio exercises' …"
    r"enter|todo|"
    r"to-do)"
)
# Verbs that only do so when followed by a noun: "make a task …" (but "make dinner").
# ("new" too: "new task call grandma", but "new years party prep" is a title.)
_ADD_VERB_WITH_NOUN = (
    r"(?:make|put|set\s+up|set|log|record|save|plan|track|open|start|give\s+me|new)"
)

_ADD_PREFIX = re.compile(
    rf"^(?:{_ADD_VERB}(?:\s+(?:for\s+)?(?:me|us))?{_ARTICLES}(?:(?P<mods>(?:\s+(?:{_MODIFIERS}))*)\s+{_NOUN})?"
    rf"(?:\s+(?:item|entry))?{_CONNECT}"
    rf"|{_ADD_VERB_WITH_NOUN}(?:\s+(?:for\s+)?(?:me|us))?{_ARTICLES}(?P<mods2>(?:\s+(?:{_MODIFIERS}))*)"
    rf"\s+{_NOUN}{_CONNECT})(?:\s+|$)",
    _FLAGS,
)
LABEL_PREFIX = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|alright)[\s,]+)?(?:(?:(?:a|an|one)\s+)?(?:new\s+|quick\s+)?"
    r"(?:(?:recurring|repeating|daily|weekly)\s+)?(?:task|todo|to-do|to\s+do|reminder|note|routine|habit|chore)"
    r"(?:\s+to\s+(?:self|myself))?|"
    # "new one for the list: …", "ok last one for today I swear: …", "one more:"
    r"(?:(?:a\s+)?new|another|one\s+more|(?:the\s+)?last|(?:the\s+)?next)(?:\s+(?:one|thing|item|up))?"
    r"(?:\s+for\s+(?:the|my)\s+list|\s+for\s+(?:you|ya))?"
    r"(?:\s+for\s+(?:today|now|tonight))?(?:\s+i\s+(?:swear|promise))?|"
    # "Action item from today's call: send the quote"
    r"(?:new\s+)?(?:action\s+item|follow[\s-]?up\s+item|to-?do\s+item)(?:\s+from\s+[^:]{1,40})?|"
    # "make a taks: go to the bank", "add to do list: …", "I would like to make a new task, it
    # is: …"
    r"(?:(?:make|create|add|open)\s+(?:a\s+|one\s+)?(?:new\s+)?(?:(?:recurring|repeating)\s+)?"
    r"(?:task|taks|tsak|todo|to-?do)(?:,?\s+it\s+is)?|add\s+(?:to\s+(?:my\s+|the\s+)?)?(?:to-?do\s+|to\s+do\s+|do\s+)?list)"
    r"(?=\s*:)|"
    # "ok wedding stuff: book the florist tasting …": what the tasks are for, then the task
    r"(?:[a-z]+\s+){1,3}(?:stuff|things|bits|admin|prep|todos|to-?dos)(?=\s*(?::|-\s))|"
    # "t: dentist fri 3pm", "td: renew car tax": a notes app's shorthand (only before a colon)
    r"(?:t|td|tsk)(?=\s*:)|"
    # "not sure if this is how it works but: …", "ok I'm going to try this: …": a word on
    # how to ask, then the task
    r"(?:not\s+sure\s+(?:if|whether|how)[^:]{0,40}?\s+but|(?:i'?m\s+|i\s+am\s+)?(?:going\s+to|gonna)\s+"
    r"try\s+(?:this|it)|(?:let'?s\s+)?try\s+(?:this|it)|here\s+goes(?:\s+nothing)?|first\s+one)(?=\s*:))"
    # "Task for tomorrow: …": the day said in the label belongs to the task
    rf"(?:\s+for\s+(?P<when>today|tonight|tomorrow|later|(?:this|next)\s+\w+|the\s+weekend|{WEEKDAY_RE}))?"
    r"(?:\s+(?:please|pls))?\s*(?:->|=>|\u2192|[:\-])\s*",
    _FLAGS,
)
_NEED_PREFIX = re.compile(
    # "maybe I should …", "I think I need to …": a hedge before the need is still the need
    r"^(?:(?:maybe|perhaps|probably|i\s+think|i\s+guess|i\s+suppose)\s+)?"
    r"(?:(?:i|we)(?:\s+|(?=')))?(?:really\s+|still\s+|also\s+|definitely\s+|just\s+|probably\s+)?"
    r"(?:(?:'m\s+|am\s+)?(?:gonna|going\s+to)\s+(?:need|have)\s+to|'m\s+gonna|gonna|"
    r"need\s+to|have\s+to|has\s+to|must|should|gotta|got\s+to|'ve\s+got\s+to|have\s+got\s+to|"
    r"ought\s+to|want\s+to|wanna|'ll\s+need\s+to|will\s+need\s+to|(?:'m|am)\s+supposed\s+to|"
    rf"{FORGETTING_RE}|"
    # "I'm going to the store" says where, not what to do
    r"(?:am|'m)\s+going\s+to(?!\s+(?:the|a|an|my|our|your|his|her|their|this|that|bed|sleep|work|school|"
    r"church|town|be)\b)|"
    r"plan\s+to|intend\s+to|have\s+got\s+to|'d\s+better|better|'d\s+like\s+to|would\s+like\s+to|"
    r"need(?!\s+to\b)(?=\s+\w))\s+"
    # "should i call my mom?" asks; "I must say I love it" remarks: neither files anything
    r"(?!(?:i|we|you|u|say|admit|confess|agree)\b)(?:really\s+|finally\s+|probably\s+|definitely\s+|actually\s+|just\s+)?",
    _FLAGS,
)
_FORGET_PREFIX = re.compile(
    r"^(?:(?:please\s+)?(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget\s*:?\s*(?:to\s+|about\s+)?|"
    r"(?:i|we)\s+(?:must|should|mustn'?t|can'?t|cannot|shouldn'?t)\s+(?:not\s+)?forget\s+(?:to\s+|about\s+)?|"
    # "I keep forgetting to check the dehumidifier", "I don't want to forget this: …"
    r"(?:i|we)\s+(?:keep|always|often)\s+(?:on\s+)?forget(?:ting)?\s+(?:to\s+|about\s+(?:my\s+)?|my\s+)|"
    r"(?:i|we)\s+(?:don'?t|do\s+not)\s+want\s+to\s+forget\s+(?:this|that|to|about)?\s*:?\s*|"
    r"(?:i\s+)?(?:must\s+|should\s+|need\s+to\s+)?remember\s*(?:to\s+|:\s*)|"
    r"make\s+sure\s+(?:i|to)\s+|"
    # "it'd be great if I remembered to call grandma"
    r"(?:it'?d|it\s+would|would)\s+be\s+(?:great|good|nice|helpful|smart|wise|ideal)\s+if\s+(?:i|we)\s+"
    r"(?:remembered|remember|could\s+remember|didn'?t\s+forget)\s+(?:to\s+|about\s+)|"
    r"note\s+to\s+self\s*:?\s*|"
    # "put in my book that the doctor is on the Tuesday", "put in for me that I am to see …"
    r"(?:put|write|note|jot)\s+(?:it\s+)?(?:down\s+|in\s+)?(?:(?:my|the)\s+(?:book|diary|calendar|list|planner)\s+)?"
    r"(?:for\s+me\s+)?that\s+(?:i\s+(?:am|have)\s+to\s+|i\s+need\s+to\s+)?)",
    _FLAGS,
)
REMIND_PREFIX = re.compile(
    r"^(?:remind\s+(?:me|us)|(?:make\s+me\s+)?remember\s+me(?=\s+to\b)|make\s+me\s+remember(?=\s+to\b)|set\s+(?:a\s+|up\s+a\s+)?reminder|create\s+a\s+reminder|"
    r"(?:put|make|give)\s+(?:me\s+)?a\s+reminder|"
    r"(?:i\s+(?:want|would\s+like)|i'd\s+like|(?:can|could|may)\s+i\s+(?:get|have|please\s+(?:get|have)))"
    r"\s+a\s+reminder|"
    # "I should like to be reminded to telephone my sister", "I want to be reminded about …"
    r"(?:i\s+(?:should|would)\s+like|i'd\s+like|i\s+want|i\s+need)\s+to\s+be\s+reminded|"
    r"add\s+a\s+reminder|new\s+reminder|reminder(?!\s+to\s+(?:self|myself)\b)|ping\s+me|alert\s+me|"
    # "lmk tomorrow at 6am to put the turkey in" (not "let me know what's due")
    r"(?:lmk|let\s+me\s+know)(?=\s+(?:to|at|on|in|tomorrow|tmrw|today|tonight|every|next)\b)|"
    r"notify\s+me|nudge\s+me)(?![a-z])"
    # "add a reminder for me to call my sister", "remind me 2 call mom"
    r"(?:\s+for\s+(?:me|us)(?=\s+to\b))?"
    r"(?P<conn>\s*:|\s+(?:to|that|about|for|of|on)\b|\s+2(?=\s+(?!(?:min(?:ute)?|h(?:ou)?r|day|week|"
    r"month|year)s?\b)[a-z]{2,}))?\s*",
    _FLAGS,
)
_TO_MY_LIST = re.compile(
    r"\s*(?:\b(?:to|on(?:to)?|in(?:to)?)\s+(?:my|the)\s+(?:(?P<tag>[a-z][a-z-]*)\s+)?"
    r"(?:list|tasks|todos|agenda|planner|to-?do\s+list)|(?<=\S)\s+on\s+there(?=\s*(?:[,.!?]|$|(?:for|by|on|at|this|next|tomorrow|today|tonight|every)\b)))\b"
    r"(?:\s+(?:please|pls|plz))?\s*:?",
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


_LIST_VERB = re.compile(
    r"^(?:put|add|place|stick|write|jot|throw|pop|get)\s+(?:down\s+)?(?:(?:it|this|that)\s+(?=\S))?",
    _FLAGS,
)


_ASKS_WHATS_ON = re.compile(
    r"\b(?:what'?s|whats|what\s+is|what\s+else\s+is|anything(?:\s+else)?)\s+(?:on|in)\s+(?:my|the)\s+",
    _FLAGS,
)
_BACK_ON_LIST = re.compile(
    r"\bback\s+(?:on(?:to)?|in(?:to)?|to)\s+(?:my|the)\s+|^(?:restore|reinstate|revive)\s", _FLAGS
)


def list_addition(text: str) -> AddRequest | None:
    """ "put 'buy stamps' on my list": an add, whatever verb is used."""
    listed = _TO_MY_LIST.search(text)
    if not listed or _BACK_ON_LIST.search(text) or _ASKS_WHATS_ON.search(text):
        return None  # "put the gym session back on my list" reopens it; "what's on my list?"
    if listed.group(0).strip().lower().startswith("on there") and not _LIST_VERB.match(text):
        return None  # "any meal prep stuff on there?" asks; "put X on there" adds
    rest = _without_list(text)
    return add_request(rest) or plain_request(_LIST_VERB.sub("", rest))


_LEADING_WHEN = re.compile(
    r"^(?P<when>today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|weekend)|"
    rf"(?:on\s+|next\s+|this\s+)?{WEEKDAY_RE}|next\s+week|later\s+today)\s*,?\s+(?=(?:i|we)\b)",
    _FLAGS,
)
# "in two weeks I have to …", "on the third of December I need to …": any opening that
# only says when, before the user says what they must do.
_LEADING_PHRASE = re.compile(
    r"^(?P<when>(?:[\w'-]+\s+){0,6}?[\w'-]+)\s*,?\s+(?=(?:i|we)(?:\s+|(?='))(?:really\s+|also\s+)?"
    r"(?:need|have|must|should|gotta|got|'ve|'ll|will|want|'d|would|am|'m)\b)",
    _FLAGS,
)


def _leading_when(text: str) -> re.Match[str] | None:
    lead = _LEADING_WHEN.match(text)
    if lead:
        return lead
    lead = _LEADING_PHRASE.match(text)
    return lead if lead and only_attributes(lead["when"]) else None


_HAVE_EVENT = re.compile(
    r"^(?:(?:i|we)(?:'ve|\s+have)?\s+got|(?:i|we)\s+have|there'?s|there\s+is)\s+"
    r"(?:(?:a|an|my|our|the|another)\s+)?",  # "i have soccer practice tomorrow"
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


# "… please make a task", "call the vet, add that one too", "…, please set it up as a
# recurring task": the request to add said after the task.
_TRAILING_ADD = re.compile(
    r"(?>(?:[\s,;.]+(?:um+|uh+|so|and|oh)\b)*)"  # atomic: "um um um …" must not backtrack
    # an add verb with what to add: "add that one", "make a task", "set it up"
    rf"(?:[\s,;.]+{ASKED_RE}(?:(?:add|save|note|log|record)\s+(?:it|that|this)(?:\s+one)?|"
    r"(?:make|create|put|enter)\s+(?:it|that|this)(?:\s+(?:down|in))?|set\s+(?:it|that|this)\s+up|"
    r"(?:make|create|put|set\s+up|enter)\s+"
    r"(?:a|an|the)(?:\s+new)?\s+(?:task|todo|to-do|reminder|entry)(?:\s+(?:of|for)\s+(?:it|that|this))?|"
    r"make\s+(?:it|that|this)\s+(?:repeat|recur(?:ring)?|a\s+(?:task|todo))|"
    r"(?:put|write|jot)\s+(?:it|that|this)\s+down)|"
    # a bare add verb only after a pause or a please: "…, add", "… please add"
    rf"(?:\s*[,;.]\s*|\s+(?:please|pls|plz|kindly)\s+|\s+(?:can|could|would|will)\s+(?:you|u)\s+)"
    rf"{ASKED_RE}(?:add|save))"
    r"(?:\s+(?:as|into|in|to|on)\s+(?:an?\s+|my\s+|the\s+)?(?:new\s+)?(?:recurring\s+|repeating\s+)?"
    r"(?:task|todo|to-do|reminder|list|entry))?"
    r"(?:\s+(?:too|as\s+well|also|for\s+me|please|pls|thanks|then))*[\s.!]*$",
    _FLAGS,
)
_NOT_A_TASK_END = word_set("i we you u to should can could would will do shall may might what")
_STATED_EVENT = re.compile(
    r"^(?:(?:the|my|our)\s+)?(?P<event>.+?)\s+(?:is|are|'s|will\s+be)\s+(?P<when>.+)$", _FLAGS
)
_LEADING_FOR = re.compile(r"^(?:for|about)\s+(?:the\s+|my\s+|a\s+)?", _FLAGS)


# "for tomorrow add buy tape", "on friday please remind me to call Jo": the day said first.
_WHEN_THEN_ADD = re.compile(
    r"^(?:for\s+)?(?P<when>(?:[\w'-]+\s+){0,4}?[\w'-]+)\s*,?\s+(?:(?:please|pls|kindly|just)\s+)?"
    r"(?P<rest>(?:add|remind\s+(?:me|us)|create|schedule|put|make\s+a)\b.*)$",
    _FLAGS,
)


def _when_then_add(text: str) -> AddRequest | None:
    match = _WHEN_THEN_ADD.match(text)
    if not match or not only_attributes(match["when"]):
        return None
    return add_request(f"{match['rest']} {match['when']}")


def _trailing_add(text: str) -> AddRequest | None:
    """ "for the yoga class every tuesday please make a task" → the task before the request."""
    match = _TRAILING_ADD.search(text)
    if not match or match.start() == 0:
        return None
    body = _LEADING_FOR.sub("", text[: match.start()].strip(" ,;."))
    words = body.lower().split()
    if not words or words[0] in QUESTION_OPENERS or words[-1] in _NOT_A_TASK_END:
        return None  # "what should I add", "can you add"
    request = add_request(body)
    if request is not None:
        return request
    stated = _STATED_EVENT.match(body)
    if stated and only_attributes(stated["when"]):
        body = f"{stated['event']} {stated['when']}"  # "the dentist is on friday, add it"
    return plain_request(body)


# "The concert is on the 11th at six, could you please remind me two hours before": an event
# stated with its moment, then a reminder asked for.
_EVENT_THEN_REMIND = re.compile(
    r"^(?:(?:the|my|our|a|an)\s+)?(?P<event>[^,.;]+?)\s+(?:is|are|'s|will\s+be|takes\s+place)\s+"
    r"(?:(?:now|also|going\s+to\s+be|scheduled|planned|set)\s+)*(?:for\s+)?"
    r"(?P<when>(?:on|at|this|next|tomorrow|today|tonight|in)\b[^;]+?)[\s,;.]+"
    r"(?:so\s+|and\s+)?(?:(?:please|kindly)\s+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+)?"
    r"(?:(?:please|kindly)\s+)?(?P<remind>(?:remind|alert|notify|ping)\s+(?:me|us)\b.*)$",
    _FLAGS,
)
# "remind me that morning, at nine": on the day of the event, at the hour said.
_THAT_DAY = re.compile(
    r"^(?P<verb>\S+\s+\S+)\s+(?:on\s+)?that\s+(?:same\s+)?(?:morning|day)\s*,?\s*", _FLAGS
)


def _event_then_reminder(text: str) -> AddRequest | None:
    match = _EVENT_THEN_REMIND.match(text)
    if not match:
        return None
    remind = _THAT_DAY.sub(lambda m: f"{m['verb']} ", match["remind"])
    return _request(f"{match['event']} {match['when']} {remind}", "", reminder=False)


_LINKING_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|'s|'re|ends?|expires?)\b", _FLAGS
)


def _is_statement(text: str) -> bool:
    """ "the car is making noise", "in two weeks the lease ends": said about something."""
    words = text.lower().split()
    return bool(words) and (words[0] in STATEMENT_OPENERS or bool(_LINKING_VERB.search(text)))


# A reason said first, with its day, then what the user must do about it.
_REASON_THEN_NEED = re.compile(
    r"^(?P<reason>[^,;]+?)\s*[,;]\s*(?:so\s+|and\s+)?(?P<need>(?:i|we)\s+(?:really\s+)?"
    rf"{words_re(OBLIGATIONS)}\s+.+|"
    # "i have a long day tomorrow, remind me to pack lunch": only after a statement
    r"(?<=(?P<said>.))(?:please\s+)?remind\s+(?:me|us)\s+to\s+.+)$",
    _FLAGS,
)

# "after the dentist I need to pick up the prescription", "once the boiler's fixed I need to
# bleed the radiators": the condition is context; only its day belongs to the task.
_CONDITION_THEN_NEED = re.compile(
    r"^(?:(?:oh\s+)?(?:also|and)\s*[-,]?\s*)?(?:after|once|when|as\s+soon\s+as)\s+(?P<condition>.+?)"
    rf"\s*,?\s+(?P<need>(?:i|we)\s+(?:really\s+|also\s+|then\s+)?{words_re(OBLIGATIONS)}\s+.+)$",
    _FLAGS,
)


# "add flu jab 14th": a day of the month in digits said last, after a word of the title, is
# the day it is due (not "for his 21st", "on may 10th", "monthly on the 15th").
_DAY_NUMBER_LAST = re.compile(
    r"(?P<before>[a-z']+)\s+(?P<day>(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th))[\s.!]*$", _FLAGS
)
_NOT_A_TITLE_WORD = re.compile(
    rf"^(?:{MONTH_RE}|the|on|of|by|until|till|before|after|from|since|his|her|my|our|your|their|"
    r"[a-z]+'s)$",
    _FLAGS,
)


def _day_number_last(text: str) -> str:
    said = _DAY_NUMBER_LAST.search(text)
    if said is None or _NOT_A_TITLE_WORD.match(said["before"]):
        return text
    return f"{text[: said.start('day')]}on the {said['day']}"


# "i keep forgetting to floss lol. add floss every night": the request in a sentence of its
# own after what led up to it (not "… Add it for tomorrow": that one points back).
_ADD_SENTENCE_LATER = re.compile(
    r"(?<=[.!?])\s+(?=(?:add|remind\s+me\s+to|create|new\s+task)\b(?!\s+(?:it|that|this|them)\b))",
    _FLAGS,
)
_OPENS_WITH_ADD = re.compile(r"^(?:add|remind|create|new\s+task|put|note)\b", _FLAGS)


def add_request(text: str) -> AddRequest | None:
    """Recognise an add-style message and split it; None when it is not one."""
    text = _without_list(text)
    later = _ADD_SENTENCE_LATER.search(text)
    if later is not None and not _OPENS_WITH_ADD.match(text):
        request = add_request(text[later.end() :])
        if request is not None:
            return request
    trailing = _trailing_add(text) or _event_then_reminder(text) or _when_then_add(text)
    if trailing is not None:
        return trailing
    lead = _leading_when(text)
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
            when = match.groupdict().get("when")
            if when and only_attributes(when):
                body = f"{body} {when}"
            inner = _FORGET_PREFIX.match(body)  # "gotta remember to email Sam"
            return _request(body[inner.end() :] if inner else body, "", reminder=False)
    reason = _REASON_THEN_NEED.match(text)
    said_first, said = _title_and_said(reason["reason"]) if reason else ("", [])
    if reason and _is_statement(said_first):
        # "in two weeks the lease ends, I must call the landlord"
        request = add_request(reason["need"])
        if request is not None:
            body = " ".join([request.body, *said])
            return _request(body, request.modifiers, reminder=request.reminder)
    condition = _CONDITION_THEN_NEED.match(text)
    if condition:
        request = add_request(condition["need"])
        if request is not None:
            body = " ".join([request.body, *_title_and_said(condition["condition"])[1]])
            return _request(body, request.modifiers, reminder=request.reminder)
    event = _event_on_a_day(text)
    if event is not None:
        return _request(event, "", reminder=False)
    match = _ADD_PREFIX.match(text)
    if match:
        modifiers = (match["mods"] or "") + " " + (match["mods2"] or "")
        body = _day_number_last(text[match.end() :])
        body = _event_on_a_day(body) or body  # "I have a dentist appointment …, add that"
        need = _NEED_PREFIX.match(body) if re.match(r"(?:i|we)\b", body, _FLAGS) else None
        if need is not None and need.end() < len(body):
            body = body[need.end() :]  # "I'm supposed to send the RSVP …, could you jot that down?"
        return _request(_tag_at_end(body), modifiers.strip(), reminder=False)
    return None


_A_REMINDER_TO = re.compile(r"^(?:a\s+|another\s+)?reminder\s+(?:to|about|for)\s+", _FLAGS)
# "need a task to renew the permit": the task is what follows.
_A_TASK_TO = re.compile(
    r"^(?:a|an|another)\s+(?:new\s+)?(?:task|todo|to-do)\s+(?:to|for)\s+", _FLAGS
)
# "add for tomorrow the task to call mom": the noun said after a day.
_DAY_THEN_NOUN = re.compile(
    r"^(?P<lead>(?:(?:for|on)\s+)?\S+(?:\s+\S+)?)\s+(?:a|the|one)\s+(?:new\s+)?(?:task|todo|to-do|item)\s+"
    r"(?:to|for|about|called|named)\s+(?P<rest>.+)$",
    _FLAGS,
)


# "put down that I need to buy a coat", "add something: I'd like to book a table": the
# task is what the user says they need to do.
_NEED_LEAD = re.compile(
    r"^(?P<when>(?:every|each|on)\s+(?:[\w,&]+\s+){1,5}?)?(?:that\s+)?"
    r"(?:(?:i|we)(?:\s+|(?='))|(?=(?:gotta|need\s+to|have\s+to|got\s+to)\s))"
    r"(?:really\s+|still\s+|also\s+)?(?:need\s+to|have\s+to|must|should|"
    r"want\s+to|'d\s+like\s+to|would\s+like\s+to|'ve\s+got\s+to|have\s+got\s+to|gotta|got\s+to|"
    r"am\s+going\s+to|'m\s+going\s+to|'ll|will)\s+",
    _FLAGS,
)


# "every mon and wed i got soccer practice": the event one has is the task.
_HAVE_EVENT_LEAD = re.compile(
    r"^(?P<when>(?:every|each|on)\s+(?:[\w,&]+\s+){1,5}?)?(?:i|we)\s+(?:usually\s+|always\s+|normally\s+)?"
    rf"(?:have\s+got|have|got)\s+(?=(?:[\w'-]+\s+){{0,3}}?{words_re(EVENT_NOUNS)}\b)",
    _FLAGS,
)
# "every friday I go to the swimming pool": what the user does is the task.
_HABIT_LEAD = re.compile(
    r"^(?P<when>(?:every|each|on)\s+(?:[\w,&]+\s+){1,5}?)?(?:i|we)\s+(?:usually\s+|always\s+|normally\s+)?"
    r"(?=(?:go|have|got|attend|visit|take|meet|see|play|"
    r"do|pay|call|water|feed|walk|clean|train|practice|practise|work|run|check|send)\b)",
    _FLAGS,
)


# "milk, no wait, oat milk", "bread, actually sourdough bread": the user takes back what they
# just said. A bare "no" only counts with a pause after it ("milk, no sugar" keeps both).
_TAKEN_BACK = re.compile(
    r"^(?P<old>.+?)\s*[,;.]\s*(?:(?:no(?=\s*[,.!]|\s+wait|\s+sorry)|wait|sorry|oops|actually|i\s+meant?|"
    r"or\s+rather|rather|scratch\s+that|(?:make|change)\s+(?:it|that)(?:\s+to)?)\b[\s,:.!]*)+"
    r"(?P<new>\S.*)$",
    _FLAGS,
)


# Words that open a remark or an addition after "actually", not a new title.
_NOT_A_NEW_TITLE = word_set(
    "i i'm i'll we it it's that this he she they you there also and plus too "
    # ("… #errands .. wait did i already put this in?": a question, not a new title)
    "did do does is are have has what when where how why can could"
)


_ONLY = re.compile(r"^(?:just|only|simply)\b\s*", _FLAGS)


def _taken_back(body: str) -> str:
    """The body as corrected: new title words replace the old ones; what the old part said
    about anything the new part does not (a day, a tag) stays."""
    match = _TAKEN_BACK.match(body)
    if not match:
        return body
    old_title, old_said = _title_and_said(match["old"])
    new_title, new_said = _title_and_said(match["new"])
    new_title = _ONLY.sub("", new_title)  # "… thursday... no, just mondays": no new words
    if not new_title or not old_title or is_filler(new_title):
        return body  # "wed, actually thu": a date said again is the date rules' to read
    old_words, new_words = old_title.split(), new_title.split()
    said_first = match["new"].split()[0].lower()
    if said_first in _NOT_A_NEW_TITLE or (
        len(new_words) == 1 and (new_words[0].isdigit() or new_words[0].lower() in NUMBER_WORDS)
    ):
        return body  # "pick up the kids, actually I can do it friday", "milk, make it two"
    kept: list[str] = []
    lowered = [w.lower() for w in old_words]
    if len(new_words) < len(old_words):
        if new_words[0].lower() in lowered:  # "call sarah" + "call sara" → "call sara"
            kept = old_words[: len(lowered) - 1 - lowered[::-1].index(new_words[0].lower())]
        elif new_words[-1].lower() == lowered[-1]:  # "buy milk" + "oat milk" → "buy oat milk"
            kept = old_words[:-1]
        elif not {w.lower() for w in new_words} & set(lowered):  # "call mom" + "dad"
            kept = old_words[: -len(new_words)]
    restated = set().union(*(_kinds(phrase) for phrase in new_said))
    old_kept = [phrase for phrase in old_said if not _kinds(phrase) & restated]
    return " ".join([*kept, new_title, *new_said, *old_kept])


def _title_and_said(text: str) -> tuple[str, list[str]]:
    """The title words of a phrase, and the attribute phrases it says (dates, tags, …)."""
    scratch = Scratch(text)
    take_attributes(scratch, ANY_MOMENT)
    claimed = "".join(c if c == HOLE else " " for c in scratch.text)
    said = [text[m.start() : m.end()].strip() for m in re.finditer(f"{HOLE}+", claimed)]
    return scratch.rest(), [phrase for phrase in said if phrase]


def _kinds(phrase: str) -> set[str]:
    found = take_attributes(Scratch(phrase), ANY_MOMENT)
    named = {
        "tags": bool(found.tags),
        "priority": bool(found.priority),
        "reminder": found.reminder is not None,
        "recurrence": found.recurrence is not None,
        "when": found.when is not None,
    }
    return {kind for kind, said in named.items() if said}


_REMEMBER_TO = re.compile(r"^(?:to\s+)?remember\s+to\s+", _FLAGS)
# What the user adds about a task after it: "…, he gets lonely", "… — my turn on the rota",
# "… or I'll get fined", "… wish me luck". A pause, then a remark of their own.
_COMMENT = re.compile(
    r"(?:\s*(?:[,;!]+|\.{2,}|\u2026|\s[-\u2013\u2014]|[-\u2013\u2014]\s)\s*|\s+(?=or\s+(?:else\s+)?(?:i|we|it|they)\b)|"
    r"\s+(?=wish\s+me\s+luck\b|here\s+i\s+come\b)|"
    # "pay parking ticket in 10 days before it doubles": why then, not part of the task
    r"\s+(?=before\s+(?:it|they|he|she)\s+(?!(?:is|are|'s|'re)\s+due\b)[a-z']+\b))"
    rf"(?P<comment>(?:{REMARK_SUBJECT_RE}|before\s+(?:it|they|he|she)|prices?|or\s+(?:else\s+)?(?:i|we|it|they)(?:'[a-z]+)?|wish\s+me\s+luck|hold\s+music|"
    r"here\s+i\s+come|fingers\s+crossed|hopefully|apparently|as\s+usual|(?:my|his|her|their)\s+turn|"
    # "…, the dog keeps getting out": something else, and what it does
    r"(?:the|my|our|his|her|their)\s+[a-z]+\s+(?:keeps|is|are|was|were|has|have|needs|won't|wont|"
    r"doesn't|isn't|can't|broke|died))"
    r"(?![\w'-]).*)$",
    _FLAGS,
)
_TRAILING_THO = re.compile(r"\s+(?:tho|though)[\s.!]*$", _FLAGS)


def _without_comment(body: str) -> str:
    """The body without a remark after the task; what the remark says of the task (a day, a
    priority: "…, important, she needs it by tomorrow noon") stays."""
    body = _TRAILING_THO.sub("", body)
    match = _COMMENT.search(body)
    if match is None or not match.start() or QUOTED.search(match["comment"]):
        return body  # ("…, I guess, just put down 'oil change'": the quoted task is in it)
    # (a "!!!" before it stays: it says the priority)
    head = body[: match.start("comment")].rstrip(" ,;:.\u2026-\u2013\u2014")
    if not _title_and_said(head)[0]:
        return body  # nothing of the task before it: the whole is the task
    # (a day the remark names is kept; "he's off fridays" does not make the task repeat)
    said = [p for p in _title_and_said(match["comment"])[1] if _kinds(p) <= {"when", "priority"}]
    return " ".join([head, *said])


def _request(body: str, modifiers: str, *, reminder: bool) -> AddRequest:
    body = _REMEMBER_TO.sub("", body)  # "remind me to remember to call the bank"
    body = _HAVE_EVENT_LEAD.sub(r"\g<when>", _NEED_LEAD.sub(r"\g<when>", body))
    body = _without_comment(_HABIT_LEAD.sub(r"\g<when>", body))
    body = _taken_back(body)
    body = _REMEMBER_TO.sub("", body)  # "I must remember to feed the birds"
    body = _A_TASK_TO.sub("", body)
    lead = _DAY_THEN_NOUN.match(body)
    if lead and only_attributes(lead["lead"]):
        body = f"{lead['rest']} {lead['lead']}"
    # "I need a reminder to call the vet": the task is what follows.
    trimmed = _A_REMINDER_TO.sub("", body)
    reminder = reminder or trimmed != body
    body, description = split_description(trimmed)
    if description and only_attributes(body):
        # "weekly on fridays: clean the bathroom": the heading says when, the rest is the task.
        body, description = f"{description} {body}", None
    return AddRequest(body.strip(), description, modifiers, reminder)


# Where a sentence ends inside a title: "bring the contract? they need it for the permit".
_SENTENCE_END = re.compile(r"(?<=\w)(?:\s*[.?!])+\s+(?=[a-z])", re.I)


def _first_sentence(title: str) -> str:
    """A title is one sentence: what follows is why, or what the user thinks of it."""
    for end in _SENTENCE_END.finditer(title):
        before = title[: end.start()].split()
        if before and before[-1].lower() not in DOTTED_ABBREVIATIONS and end.start() >= 3:
            return title[: end.start()]
    return title


# A title that names nothing: "that thing", "the thing w/ the guy", "something".
_VAGUE_TITLE = re.compile(
    # ("do something about the thing", "sort out the stuff": a verb with nothing to act on)
    r"^(?:(?:do|sort(?:\s+out)?|deal\s+with|handle|see\s+to|look\s+into|modify|change|edit|update|"
    r"correct)\s+)?"
    r"(?:(?:that|this|the|a|an|some|my|one|w/|with|for|of|about|guy|person|stuff|thing|put|no|not|other|later|"
    r"things|something|somethin|smth|whatever|it|task|item|todo)(?=[\s,.]|$)[\s,.]*)+$",
    re.I,
)


_VAGUE_THING = re.compile(
    r"^(?:(?:about|re|regarding)\s+)?(?:(?:(?:the|that|this|a|some)\s+)?(?:thing|stuff|something)\s+(?:from|at|in|about|for|with|we|i|"
    r"you)|from\s+(?:the|that|this|our|my|yesterday'?s|today'?s))\b",
    re.I,
)
# "add the thing the guy at the hardware store told me about": what someone else named, unsaid
_TOLD_ME_ABOUT = re.compile(
    r"\b(?:told|mentioned|said|recommended|suggested|showed)\s+(?:me|us)(?:\s+about)?[\s.!]*$", re.I
)


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
    vague = _VAGUE_THING.match(request.body) or _TOLD_ME_ABOUT.search(line.title)
    if _VAGUE_TITLE.match(line.title) or vague:
        # "add that thing for tmrw", "add the thing from the meeting": which thing?
        return Plan.clarify("Which thing do you mean? Tell me the task in a few words.")
    args = line.as_args()
    args["title"] = _first_sentence(args["title"])
    if request.reminder:  # "remind me 15 min before the webinar": the task is "webinar"
        args["title"] = _LEADING_ARTICLE.sub("", args["title"]) or args["title"]
    call = ToolCall("add_task", args)
    return Plan.tools(call, reply=plan_summary(call))


# "add 3 tasks: email Tom, print boarding pass, charge headphones": one task per item.
_SEVERAL = re.compile(
    r"^(?:add|create|new|make)\s+(?:these|the\s+following|some)?\s*(?:\d{1,2}\s+|"
    rf"{NUMBER_RE}\s+)?(?:new\s+)?(?:tasks|things|items|todos|to-?dos)\s*:\s*(?P<items>.+)$",
    _FLAGS,
)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+|\s*\n\s*)", _FLAGS)
_MAX_ITEMS = 10


def plan_several(text: str, now: datetime) -> Plan | None:
    """Tasks listed after "add N tasks:", each read as its own line; None when it is not that."""
    match = _SEVERAL.match(text)
    if match is None:
        return None
    items = [item for item in _ITEM_SPLIT.split(match["items"]) if item.strip()][:_MAX_ITEMS]
    plans = [_plan_add(plain_request(item), now, asked=True) for item in items]
    calls = [
        call for plan in plans if plan is not None and plan.kind == "tools" for call in plan.calls
    ]
    if len(calls) < 2:
        return None
    return Plan.tools(*calls, reply=f"Adding {len(calls)} tasks.")
