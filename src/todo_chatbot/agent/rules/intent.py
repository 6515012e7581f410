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
    CHATTER_WORDS,
    COMMAND_WORDS,
    DONE_MARKS,
    NOT_TYPOS,
    QUESTION_OPENERS,
    STATEMENT_OPENERS,
)

_WORD = re.compile(r"[a-z][a-z'-]*", re.I)  # curly quotes are straightened before
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
_DONE_MARK = re.compile(f"[{DONE_MARKS}]\ufe0f?")


@dataclass(frozen=True)
class Cues:
    words: tuple[str, ...]
    question: bool  # ends with "?" or opens with a question word
    chatter: bool  # every word is chatter (or there are none: emoji only)
    statement: bool  # opens like a sentence about something ("the vet visit is …")
    done_mark: bool  # "milk ✅"

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""


def read_cues(text: str) -> Cues:
    words = tuple(w.lower() for w in _WORD.findall(text))
    first = words[0] if words else ""
    return Cues(
        words=words,
        question=text.rstrip().endswith("?") or first in QUESTION_OPENERS,
        chatter=all(w in CHATTER_WORDS for w in words),
        statement=first in STATEMENT_OPENERS,
        done_mark=bool(_DONE_MARK.search(text)),
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
    close = difflib.get_close_matches(word, sorted(COMMAND_WORDS), n=1, cutoff=0.8)
    if not close:
        return None
    return close[0] + text[match.end() :]


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
