"""Reading a whole message for what kind of thing it is, before any one rule claims it.

Each cue adds evidence for an intent; the planner weighs the candidates built by every
interpreter with it, so a message that only looks like a task (a question without a list
verb, chatter, an edit without an edit verb) is never filed as a new task.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

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
    IRREGULAR_PAST,
    MONTH_RE,
    NOT_PARTICIPLES,
    NOT_TYPOS,
    ORDINAL_RE,
    QUESTION_OPENERS,
    STATEMENT_OPENERS,
    WEEKDAY_RE,
    weekday_index,
    words_re,
)

_WORD = re.compile(r"[a-z][a-z'-]*", re.I)  # curly quotes are straightened before
_TOKEN = re.compile(r"#?\d+|[a-z][a-z'-]*", re.I)
_DATE_HEADING = re.compile(
    rf"^\s*(?:(?:{words_re(INTERJECTIONS)}|um+)[\s,]+)*(?:the\s+)?(?:{ORDINAL_RE}|{WEEKDAY_RE}|{MONTH_RE}\s+\d{{1,2}}|today|tonight|tomorrow|"
    r"(?:next|this)\s+\w+)\s*:\s*",
    re.I,
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
_DONE_MARK = re.compile(f"[{DONE_MARKS}]\ufe0f?")
# "any errands?!", "any errands? 🙏": a question mark near the end, whatever follows it.
_ENDS_ASKING = re.compile(r"\?(?:[\s!?.,\W]|please|pls|plz|thanks|thx|ty)*$", re.I)
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

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""


def read_cues(text: str) -> Cues:
    words = tuple(w.lower() for w in _WORD.findall(text))
    # "#4 is done" opens with the task, "the 12th: pay the bill" after its heading.
    tokens = [t.lower() for t in _TOKEN.findall(_DATE_HEADING.sub("", text))]
    opening = next((t for t in tokens if t not in INTERJECTIONS), "")
    return Cues(
        words=words,
        question=bool(_ENDS_ASKING.search(text)) or opening in QUESTION_OPENERS,
        chatter=all(w in CHATTER_WORDS for w in words),
        statement=opening in STATEMENT_OPENERS,
        done_mark=bool(_DONE_MARK.search(text)),
        reports_done=bool(_ENDS_DONE.search(text)),
        inquiry=opening in INQUIRY_OPENERS,
        edit_like=bool(_EDIT_MARKS.search(text)) or _ends_with_participle(words),
    )


# Marks of an edit to an existing task, never of a new one.
_EDIT_MARKS = re.compile(
    rf"->|=>|→|\b(?:{words_re(CORRECTION_MARKERS)}|(?:should|needs?\s+to|must|has\s+to)\s+(?:be|repeat|recur)|is\s+now|"
    r"(?:moved|rescheduled|pushed|postponed|bumped|shifted|changed)\s+(?:back\s+)?to)\b|"
    r"\b(?:is|are)\b.+\bnow$",
    re.I,
)


def _ends_with_participle(words: tuple[str, ...]) -> bool:
    """ "expense report submitted", "parcel picked up": a report, unless "get the car washed"."""
    rest = list(words)
    while rest and rest[-1] in AFTER_PARTICIPLE:
        rest.pop()
    if len(rest) < 2 or rest[0] in CAUSATIVE_VERBS:
        return False
    last = rest[-1]
    if weekday_index(last) is not None:
        return False  # "… next sat"
    if last in DONE_ADJECTIVES:
        return True  # "oven is clean", "slides are ready"
    return last in IRREGULAR_PAST or (
        len(last) > 4 and last.endswith("ed") and last not in NOT_PARTICIPLES
    )


def without_emoji(text: str) -> str:
    return " ".join(_EMOJI.sub(" ", _DONE_MARK.sub(" ", text)).split())


def strip_emoji(text: str) -> str:
    """Emoji carry mood, not task words; a done mark becomes the word "done"."""
    text = _DONE_MARK.sub(" done ", text)
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
    r"(?:[,:;]|\s-)\s*(?:just\s+|please\s+|pls\s+)?(?P<verb>[a-z]+)\s+(?:it|that|this)\b(?P<rest>.*)$",
    re.I,
)


def name_for_it(text: str) -> str | None:
    """The message with "it" replaced by the task named before it; None when there is none."""
    match = _NAMED_THEN_IT.match(text)
    if not match or match["verb"].lower() in STATEMENT_OPENERS:
        return None
    return f"{match['verb']} {match['ref'].strip()}{match['rest']}"
