"""Reading a whole message for what kind of thing it is, before any one rule claims it.

Each cue adds evidence for an intent; the planner weighs the candidates built by every
interpreter with it, so a message that only looks like a task (a question without a list
verb, chatter, an edit without an edit verb) is never filed as a new task.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from todo_chatbot.agent.rules.refs import ID_REF_RE
from todo_chatbot.language.lexicon import (
    AFTER_PARTICIPLE,
    CAUSATIVE_VERBS,
    CHATTER_WORDS,
    COMMAND_WORDS,
    CORRECTION_MARKERS,
    DONE_ADJECTIVES,
    DONE_MARKS,
    DONE_WORDS,
    INQUIRY_OPENERS,
    INTERJECTIONS,
    MONTH_RE,
    MOVED_PARTICIPLES,
    NOT_TYPOS,
    ORDINAL_RE,
    POSSESSIVES,
    QUESTION_OPENERS,
    QUESTION_SUBJECTS,
    REMARK_SUBJECT_RE,
    STATEMENT_OPENERS,
    TAKE_BACK_WORDS,
    WEEKDAY_RE,
    is_past_form,
    weekday_index,
    words_re,
)

_WORD = re.compile(r"[a-z][a-z'-]*", re.I)  # curly quotes are straightened before
_TOKEN = re.compile(r"#?\d+|[a-z][a-z'-]*", re.I)
# Possessive: "um" is also an interjection, and a long "um um um …" must not backtrack.
_DATE_HEADING = re.compile(
    rf"^\s*(?:(?:{words_re(INTERJECTIONS)}|um+)[\s,]+)*+(?:the\s+)?(?:{ORDINAL_RE}|{WEEKDAY_RE}|{MONTH_RE}\s+\d{{1,2}}|today|tonight|tomorrow|"
    r"(?:next|this)\s+\w+)\s*:\s*",
    re.I,
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
_DONE_MARK = re.compile(f"[{DONE_MARKS}]\ufe0f?")
_CROSS_MARK = re.compile("[\u274c\u2716\u2717\u2718]")
# "any errands?!", "any errands? 🙏": a question mark near the end, whatever follows it.
_ENDS_ASKING = re.compile(r"\?(?:[\s!?.,\W]|please|pls|plz|thanks|thx|ty)*$", re.I)
# Said before a task to be done: "urgent!! get the car registration done".
_PRESSING_FIRST = frozenset({"urgent", "asap", "important", "pls", "please", "todo"})
# "get the car registration done today": to be got done, not reported as done
_TO_GET_DONE = re.compile(
    rf"^(?:{words_re(_PRESSING_FIRST)}\W*\s+)?(?:get|gotta\s+get|need\s+to\s+get|have\s+to\s+get)\s",
    re.I,
)
_ENDS_DONE = re.compile(
    rf"\b{words_re(DONE_WORDS)}(?:[\s,.!]+(?:now|already|today|finally|at\s+last|lol|yay))*[\s.!]*$",
    re.I,
)


@dataclass(frozen=True)
class Cues:
    words: tuple[str, ...]
    question: bool  # ends with "?" or opens with a question word
    chatter: bool  # every word is chatter (or there are none: emoji only)
    statement: bool  # opens like a sentence about something ("the vet visit is …")
    done_mark: bool  # "milk ✅"
    reports_done: bool  # ends by saying something is finished: "lawn done, finally"
    inquiry: bool  # opens like a question about the tasks: "is the phone bill due …?"
    edit_like: bool  # "gym -> friday", "… instead", "… should be …", "parcel picked up"
    asks: bool = False  # ends with "?" and is no request put as a question ("could you …?")

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""


_POLITE_REQUEST = re.compile(
    r"^\W*(?:(?:hi|hello|hey|please|so|ok|okay)\W+)*(?:can|could|would|will)\s+(?:you|u)\b", re.I
)
# "do" and "did" open a question only before its subject: "do I have …", "did you add …".
_AUXILIARIES = frozenset(("do", "did"))


def read_cues(text: str) -> Cues:
    words = tuple(w.lower() for w in _WORD.findall(text))
    # "#4 is done" opens with the task, "the 12th: pay the bill" after its heading.
    tokens = [t.lower() for t in _TOKEN.findall(_DATE_HEADING.sub("", text))]
    opening = next((t for t in tokens if t not in INTERJECTIONS), "")
    after = (
        tokens[tokens.index(opening) + 1]
        if opening and tokens.index(opening) + 1 < len(tokens)
        else ""
    )
    ordered = after not in QUESTION_SUBJECTS or (opening == "do" and after in POSSESSIVES)
    if opening in _AUXILIARIES and after and "?" not in text and ordered:
        opening = ""  # "do laundry sunday", "do my taxes": an order, not "do I …?"
    done_mark = bool(_DONE_MARK.search(text))
    asked = bool(_ENDS_ASKING.search(text))
    # "did the laundry ✅": a tick answers no question, whatever the first word.
    opens_asking = not done_mark or asked
    return Cues(
        words=words,
        question=asked or (opening in QUESTION_OPENERS and opens_asking),
        chatter=all(w in CHATTER_WORDS for w in words),
        statement=opening in STATEMENT_OPENERS,
        done_mark=done_mark,
        reports_done=bool(_ENDS_DONE.search(text)) and not _TO_GET_DONE.search(text),
        inquiry=opening in INQUIRY_OPENERS and opens_asking,
        asks=asked and not _POLITE_REQUEST.match(text),
        # "milk ❌": crossed out, whether done or dropped; never a new task.
        edit_like=bool(_EDIT_MARKS.search(text) or _CROSS_MARK.search(text))
        or _ends_with_participle(words),
    )


# Marks of an edit to an existing task, never of a new one.
_EDIT_MARKS = re.compile(
    rf"->|=>|→|\s=\s|\b(?:{words_re(CORRECTION_MARKERS)}|(?:should|needs?\s+to|must|has\s+to)\s+(?:be(?!\s+(?:done|finished|sorted|booked|paid|sent|in)\s+by\b)|"
    r"repeat|recur)|is\s+now|"
    rf"{words_re(MOVED_PARTICIPLES)}\s+(?:back\s+)?to|"
    r"same\s+(?:time|hour|day|date))\b|"
    r"\b(?:is|are)\b.+\bnow$",
    re.I,
)


def _ends_with_participle(words: tuple[str, ...]) -> bool:
    """ "expense report submitted", "parcel picked up": a report, unless "get the car washed"."""
    rest = list(words)
    while rest and rest[-1] in AFTER_PARTICIPLE:
        rest.pop()
    while rest and rest[0] in _PRESSING_FIRST:
        rest.pop(0)
    if len(rest) < 2 or rest[0] in CAUSATIVE_VERBS:
        return False
    last = rest[-1]
    if weekday_index(last) is not None:
        return False  # "… next sat"
    if last in DONE_ADJECTIVES:
        return True  # "oven is clean", "slides are ready"
    return is_past_form(last)


def without_emoji(text: str) -> str:
    return " ".join(_EMOJI.sub(" ", _DONE_MARK.sub(" ", text)).split())


# An emoji between two words ends what came before it: "up all night 🙃 add coffee".
_EMOJI_BETWEEN = re.compile(rf"(?<=[\w!?.])\s*(?:{_EMOJI.pattern})\s+(?=\w)")


_EMOJI_BEFORE_REMARK = re.compile(
    rf"(?<=[\w!?.])\s*(?:{_EMOJI.pattern})\s+(?=(?:{REMARK_SUBJECT_RE}|wish|hopefully|finally|lol|"
    r"haha|ugh)\b)",
    re.I,
)


def emoji_as_stop(text: str) -> str:
    return _EMOJI_BETWEEN.sub(". ", text)


def strip_emoji(text: str) -> str:
    """Emoji carry mood, not task words; a done mark becomes the word "done"."""
    text = _DONE_MARK.sub(" done ", text)
    # Before a remark an emoji ends the task: "grab coffee beans 😅 we're totally out".
    text = _EMOJI_BEFORE_REMARK.sub(", ", text)
    return " ".join(_EMOJI.sub(" ", text).split())


def correct_command_word(text: str) -> str | None:
    """ "remnd me …", "compelte task 8": the first word read as the command it misspells;
    None when it is no such typo."""
    match = _WORD.match(text)
    if not match:
        return None
    word = match.group(0).lower()
    if word in COMMAND_WORDS or word in NOT_TYPOS or len(word) < 2:
        return None
    swapped = _transposed(word)
    close = swapped or difflib.get_close_matches(word, sorted(COMMAND_WORDS), n=1, cutoff=0.8)
    if not close:
        return None
    return close[0] + text[match.end() :]


def _transposed(word: str) -> list[str]:
    """ "shwo" → ["show"]: two neighbouring letters typed the wrong way round."""
    for i in range(len(word) - 1):
        fixed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if fixed in COMMAND_WORDS:
            return [fixed]
    return []


# "vet visit: make it low priority", "nvm about calling mom, delete it": the task is named
# first and then called "it".
_NAMED_THEN_IT = re.compile(
    r"^(?:(?:nvm|never\s*mind|forget|about|re|so|ok|okay)\s+)*(?:about\s+)?(?P<ref>[^,:;]+?)\s*"
    r"(?:[,:;]|\s-)\s*(?:(?:can|could|would|will)\s+(?:we|you|u)\s+)?(?:just\s+|please\s+|pls\s+)?"
    r"(?P<verb>[a-z]+)\s+(?:it|that|this)\b(?P<rest>.*)$",
    re.I,
)


# "license renewal make it high priority": an edit verb says where the name ends.
# (not a new task, then "it": "add call bob and make it urgent")
_NAMED_THEN_EDIT = re.compile(
    r"^(?:(?:for|about|re)\s+)?(?!(?:add|create|new|remind|schedule|put|note|jot)\b)"
    r"(?P<ref>(?:[\w'-]+\s+){1,6}?)(?<!\band\s)(?:just\s+|please\s+|pls\s+)?"
    r"(?P<verb>make|mark|tag|move|push|bump|set|change|delete|remove|rename|reschedule|postpone|tick|"
    r"check|cross)\s+"
    r"(?:it|that|this|them|those)\b(?P<rest>.*)$",
    re.I,
)


# "Task 5: raise to high priority", "#12 - push to friday": the task's number, then what to do.
_NUMBER_THEN_COMMAND = re.compile(
    r"^(?:task\s+|todo\s+|item\s+|#)(?P<id>\d{1,9})\s*[:,-]\s*(?!(?:it|that|this)\b)(?P<verb>[a-z]+)\b"
    r"(?!\s+(?:it|that|this)\b)(?P<rest>.*)$",
    re.I,
)


def name_for_it(text: str) -> str | None:
    """The message with "it" replaced by the task named before it; None when there is none."""
    numbered = _NUMBER_THEN_COMMAND.match(text)
    if numbered is not None:
        return f"{numbered['verb']} task {numbered['id']}{numbered['rest']}"
    said_apart = _NAMED_THEN_IT.match(text)
    match = said_apart or _NAMED_THEN_EDIT.match(text)
    if not match or match["verb"].lower() in STATEMENT_OPENERS:
        return None
    rest = re.split(r"[.!?]\s", match["rest"], maxsplit=1)[0]  # "…. city says the queue is long"
    if not said_apart and match["verb"].lower() == "tag" and re.match(r"\s+[a-z]", rest, re.I):
        # "the cards tag them family": the tag after the name said ("buy batteries, tag it
        # errands" stays a new task with its tag)
        rest = f" as{rest}"
    return f"{match['verb']} {match['ref'].strip()}{rest}"


# A command on "it" after the task was described: "the expense report I marked as done by
# mistake, can you put it back please", "kitchen I don't need anymore, remove it please",
# "fridge isnt clean yet, reopen", "task 96 nvm delete". Each phrasing → its plain verb.
_PRONOUN = r"(?:it|that|this|them|this\s+one|that\s+one)"
_ON_MY_LIST = (
    r"(?:\s+(?:on(?:to)?|in(?:to)?|to|from|off|out\s+of)\s+(?:my|the)\s+(?:to-?do\s+)?"
    r"(?:list|tasks))?"
)
_CANONICAL = (
    (
        "reopen",
        rf"(?:put|bring|add|set|move)\s+{_PRONOUN}\s+back(?:\s+to\s+(?:not\s+done|open|pending|undone|"
        rf"to-?do))?{_ON_MY_LIST}|(?:re-?open|undo|un-?check|un-?tick|un-?mark|restore)(?:\s+{_PRONOUN})?|"
        rf"(?:mark|set)\s+{_PRONOUN}\s+(?:as\s+)?(?:not\s+done|undone|open|pending|incomplete)",
    ),
    (
        "delete",
        rf"(?:delete|remove|erase|trash|drop|scrap|ditch)(?:\s+{_PRONOUN})?{_ON_MY_LIST}|"
        rf"(?:get\s+rid\s+of|take)\s+{_PRONOUN}(?:\s+off)?{_ON_MY_LIST}",
    ),
    (
        "complete",
        rf"(?:check|tick|cross)\s+{_PRONOUN}\s+off{_ON_MY_LIST}|mark\s+{_PRONOUN}\s+(?:as\s+)?"
        r"(?:done|complete|completed|finished)",
    ),
)
_COMMAND_AFTER = re.compile(
    r"^(?P<ref>.+?)(?:\s*[,;:.!]\s*|\s+-\s+|\s+)(?:(?:and|so|but|then|nvm|never\s*mind|ok|okay)\s+)*"
    r"(?:(?:can|could|would|will)\s+you\s+|you\s+(?:can|could|may)\s+)?(?:(?:please|pls|plz|just|kindly)\s+)*"
    rf"(?:{'|'.join(f'(?P<{verb}>{pattern})' for verb, pattern in _CANONICAL)})"
    r"(?:\s+(?:please|pls|plz|for\s+me|thanks|thank\s+you|dear|again))*[\s.!?]*$",
    re.I,
)


_ON_A_LIST = re.compile(
    r"\s+(?:in|on|from|off)\s+(?:the|my)\s+(?:to-?do\s+)?(?:list|tasks)\s*$", re.I
)
# "the expense report I marked as done by mistake": a thing, then what the user says of it.
_DESCRIBED = re.compile(
    r"^(?!(?:i|we)\b)(?P<thing>[^,;]+?)(?:\s*[,;]\s*|\s+)(?:i|we)\s+\S.*$", re.I
)
_OTHER_REQUESTS = frozenset(("add", "create", "new", "remind", "show", "list", "find", "search"))


def command_after_name(text: str) -> str | None:
    """The message as a plain command on the task described before it; None when it is not
    one."""
    match = _COMMAND_AFTER.match(text)
    if not match:
        return None
    ref = _ON_A_LIST.sub("", match["ref"]).strip(" ,;:")
    described = _DESCRIBED.match(ref)
    if described:
        ref = described["thing"]  # "the paint for the bedroom i still need more": the paint
    first = _WORD.match(ref)
    if first is None or first.group(0).lower() in _OTHER_REQUESTS:
        return None  # "add milk and delete" is no command on a task named first
    verb = next(verb for verb, _ in _CANONICAL if match[verb])
    return f"{verb} {ref}"


# "the submit timesheet one — swap the work tag for admin": the task, then the change to it.
_TASK_THEN_CHANGE = re.compile(
    r"^(?P<ref>(?:the|my|that)\s+[^,;:\u2014\u2013]+?)\s*(?:[,;:]|\s[-\u2014\u2013]+)\s*"
    r"(?P<rest>(?:swap|change|switch|replace|tag|untag|rename|move|push|set|make|put)\b.+)$",
    re.I,
)


def change_said_after_task(text: str) -> str | None:
    """The change, then "on" the task said before it."""
    match = _TASK_THEN_CHANGE.match(text)
    return f"{match['rest']} on {match['ref']}" if match else None


_ID_FIRST = re.compile(rf"^(?P<ref>{ID_REF_RE})(?:\s*[,:;-]\s*|\s+)(?P<rest>[a-z].*)$", re.I)


def id_said_last(text: str) -> str | None:
    """ "#12 reopen", "task 7 stop repeating": the command with the task it names after it."""
    match = _ID_FIRST.match(text)
    return f"{match['rest']} {match['ref']}" if match else None


# "my sister's birthday is coming up …, so could you remind me to buy her a gift on the 1st":
# a request that begins after what led up to it.
_REQUEST_CLAUSE = re.compile(
    r"(?:[,.;:!?)]\s+|\s+-\s+|\.{3}\s*|\s+(?=(?:so|but|and)\s))"
    r"(?:(?:so|but|and|anyway|anyways|ok|okay|then|just|actually|doesn'?t\s+matter|whatever|"
    r"never\s*mind|nvm)[\s,]+)*"
    r"(?:(?:i\s+guess|i\s+think|maybe|perhaps)[\s,]+)?(?:just\s+)?"
    # ("…, add a note: …" belongs to what came before it)
    r"(?!(?:please\s+)?(?:add|put|leave|attach)\s+(?:a\s+|the\s+)?(?:notes?|description|desc|details?|"
    r"comments?)\b)"
    r"(?=(?:(?:please\s+|pls\s+|plz\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|maybe\s+|just\s+)?|"
    r"(?:please|pls|plz)\s+|"
    r"(?:you|u)\s+(?:can|could|may)\s+(?:now\s+)?)?"
    r"(?:add|remind\s+me|take\s+(?:that|it|this)\s+off|show\s+me|put|create|schedule|list|delete|remove|mark|rename|move|push|"
    r"change|set|make|bump|tick|cancel|reopen|drop|bring\s+back|restore|bin|scrap|ditch|trash|"
    r"get\s+rid\s+of|stop\s+(?:repeating|reminding|the\b|my\b|that\b)|kill|nuke|axe|erase|"
    r"take\s+(?:the|that|its)\s+(?:reminder|due\s+date|date|deadline|tags?)\s+off)\b)",
    re.I,
)


# "the contractor finally showed up, whatever. I need to buy drop cloths by saturday",
# "I'm losing my mind, but anyway: pick up paint samples": after a full stop, or "anyway".
_NEXT_SENTENCE_REQUEST = re.compile(
    r"(?:[.!?;]\s+(?=(?:(?:i|we)\s+)?(?:really\s+|still\s+|also\s+)?(?:need|have|gotta|must|got)\s+to\b|"
    r"(?:i|we)\s+(?:really\s+|still\s+|also\s+)?(?:need|have|gotta|must|got)\b)|"
    r"\banyways?\s*[:,]\s*|\banyways?\s+(?=(?:i|we)\s))",
    re.I,
)


def request_clauses(text: str) -> list[tuple[str, bool]]:
    """Every tail of the message that opens as a request after words that led up to it
    (not a "no" or "wait"), the last one first; True when a full stop or "anyway" marks it
    as the request, so even a bare task line counts."""
    marked = [(m, True) for m in _NEXT_SENTENCE_REQUEST.finditer(text)]
    found = [*((m, False) for m in _REQUEST_CLAUSE.finditer(text)), *marked]
    tails = []
    for match, is_marked in sorted(found, key=lambda pair: pair[0].end()):
        lead = {word.lower() for word in _WORD.findall(text[: match.start()])}
        if lead and not lead <= TAKE_BACK_WORDS and text[match.end() :].strip():
            tails.append((text[match.end() :], is_marked))
    return tails[::-1]


# "roofer quote needs to happen by friday": said of a task, that is when it is due.
_HAS_TO_HAPPEN = re.compile(
    r"^(?P<ref>.+?)\s+(?:needs?|has|have)\s+to\s+(?:happen|be\s+done|get\s+done|be\s+finished|"
    r"be\s+sent|go\s+out|be\s+in)\s+(?:by|before|on)\s+(?P<when>.+)$",
    re.I,
)


# "due date for 20 -> mar 15", "deadline of the report: friday"
_DUE_OF = re.compile(
    r"^(?:the\s+)?(?:new\s+)?(?:due(?:\s+date)?|deadline)\s+(?:for|of|on)\s+(?P<ref>.+?)\s*"
    r"(?:->|=>|\u2192|:|=|\s(?:is|to|should\s+be|becomes)\s)\s*(?P<when>\S.*)$",
    re.I,
)


def due_restated(text: str) -> str | None:
    """ "X needs to happen by friday", "due date for X -> friday" as "X is due friday"; None
    when it is not said so."""
    match = _HAS_TO_HAPPEN.match(text) or _DUE_OF.match(text)
    return f"{match['ref']} is due {match['when']}" if match else None
