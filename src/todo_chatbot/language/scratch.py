"""A piece of text that extractors take apart; whatever nobody claimed becomes the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from todo_chatbot.language.lexicon import DAY_PARTS, PARTICLE_VERBS, PHRASE_OPENERS, word_set

# Claimed characters become NUL: patterns cannot match across it (it is neither a
# word character nor whitespace), so two phrases never fuse once the words between them went.
HOLE = "\x00"

# Words left dangling once the phrase they introduced was taken out ("due by ·", "· and").
_CONNECTORS = word_set(
    "on at by due for from starting until till til before after and in around to then also or "
    "is are now every each like @ & +"
)
_PUNCTUATION = ",;:-"
# Left only before a claimed phrase: "on the · wednesday", "the midterm, it's · dec 2".
_BEFORE_A_PHRASE = word_set("the it's its")
# Said only to introduce a deadline: "renew the insurance, needs doing · by the 28th",
# "book the studio has to be done · by the 9th", "presentation, deadline is · in 3 march".
_BEFORE_A_DEADLINE = re.compile(
    r"(?:[\s,;:-]*(?:(?:it|this|that)\s+)?(?:(?:needs?|has|have)\s+to\s+(?:be\s+)?(?:done|finished|"
    r"happen|sorted|in)|needs?\s+doing|(?:i\s+)?need\s+(?:it|them)|(?:the\s+)?deadline\s+is|"
    r"due\s+date\s+is|(?:it'?s|its)\s+due)|\s*,\s*(?:the\s+)?(?:deadline|due\s+date)|"
    r"\s*,\s*(?:it\s+|that\s+|registration\s+)?(?:closes|ends|expires|lapses))\s*$",
    re.I,
)


def _dangling(token: str) -> bool:
    bare = token.strip(_PUNCTUATION)
    return not bare or bare.lower() in _CONNECTORS


def _trim(piece: str, *, leading: bool, trailing: bool) -> str:
    tokens = piece.split()
    # "pick up Emma [at 5:30] from swim practice": a preposition that opens a phrase of its
    # own stays; one left before a lone word or nothing was part of the claimed phrase.
    opens_phrase = (
        leading
        and len(tokens) >= 3
        and tokens[0].lower() in PHRASE_OPENERS
        and not any(_dangling(t) for t in tokens[1:])
    )
    while leading and not opens_phrase and tokens and _dangling(tokens[0]):
        tokens.pop(0)
    while trailing and tokens:
        particle = tokens[-1].strip(_PUNCTUATION).lower() in ("in", "on")
        if particle and tokens[0].lower() in PARTICLE_VERBS and len(tokens) > 1:
            break  # "let the gas engineer in [on thursday]": the verb's own "in"
        if _dangling(tokens[-1]) or tokens[-1].strip(_PUNCTUATION).lower() in _BEFORE_A_PHRASE:
            tokens.pop()
            continue
        kept = _BEFORE_A_DEADLINE.sub("", " ".join(tokens)).split()
        if kept == tokens:
            break
        tokens = kept
    return " ".join(tokens)


def _only_day_parts(piece: str) -> bool:
    words = [token.strip(_PUNCTUATION).lower() for token in piece.split()]
    return bool(words) and all(word in DAY_PARTS or _dangling(word) for word in words)


class Scratch:
    """Text whose phrases are claimed one by one (dates, tags, …)."""

    def __init__(self, text: str) -> None:
        self._chars = list(text)

    @property
    def text(self) -> str:
        return "".join(self._chars)

    def claim(self, start: int, end: int) -> None:
        for i in range(start, end):
            self._chars[i] = HOLE

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.text)

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(self.text)

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Find the first match and claim it."""
        match = pattern.search(self.text)
        if match:
            self.claim(*match.span())
        return match

    def rest(self) -> str:
        """What was not claimed, with words orphaned by the claimed phrases trimmed away."""
        pieces = self.text.split(HOLE)
        kept: list[str] = []
        for index, piece in enumerate(pieces):
            inside = 0 < index < len(pieces) - 1
            piece = _trim(piece, leading=index > 0, trailing=index < len(pieces) - 1)
            if inside and _only_day_parts(piece):
                continue  # "tmrw · morning, like · 8am": the part of the day the time is in
            if piece:
                kept.append(piece)
        return tidy(" ".join(kept))


_EDGE_PUNCTUATION = " \t,;:.!?-&+|/"


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


def tidy(text: str) -> str:
    """Collapse whitespace and drop punctuation and connector words hanging at either end."""
    text = " ".join(_EMPTY_BRACKETS.sub(" ", text.replace(HOLE, " ")).split())
    previous = None
    while previous != text:
        previous = text
        text = text.strip(_EDGE_PUNCTUATION)
        text = re.sub(r"^(?:and|then|also|to|that|about|but|,)\s+", "", text, flags=re.I)
        text = re.sub(
            r"\s+(?:and|then|also|by|due|starting|until|every|oh|ah|um)$",
            "",
            text,
            flags=re.I,
        )
    return unquote(text)


def unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`":
        return text[1:-1].strip()
    return text
