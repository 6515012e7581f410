"""Cleaning a message before it is interpreted: quotes, spacing, politeness."""

from __future__ import annotations

import re

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202f\ufeff]")

_POLITE_LEAD = re.compile(
    r"^(?:(?:please|pls|plz|kindly|hey|hi|hello|ok|okay|k|alright|all\s+right|right|so|um+|uh+|oh|"
    r"yep|yup|yeah|yes|"
    r"yo|also|and|now|then|actually|quick(?:ly)?|assistant|bot|todo\s+bot|great|cool|thanks|"
    r"thank\s+you|hmm+|well|oops|sorry|wait|next(?=\s*,)|one\s+more\s+thing|another\s+one|ugh+|argh+|omg|"
    r"(?:i\s+)?(?:almost|nearly)\s+forgot|before\s+i\s+forget|"
    r"welp|meh|lol|haha+|yay|btw|fyi|ooh|ah+|so\s+yeah|honestly|basically|literally|anyway|anyways|"
    r"(?:so\s+)?i\s+was\s+(?:just\s+)?thinking|by\s+the\s+way|quick\s+(?:one|question)|"
    r"just\s+wondering|real\s+quick)\b[\s,.!:;-]*)+",
    re.I,
)
_ASK_LEAD = re.compile(
    r"^(?:(?:would|do)\s+(?:you|u)\s+mind\s+|"
    r"(?:(?:would|could|will)\s+(?:you|u)\s+)?be\s+(?:so\s+kind|kind\s+enough|a\s+(?:dear|star|love))\s+"
    r"(?:as\s+to|to|and)\s+|"
    r"(?:can|could|would|will|won't)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|kindly\s+|just\s+)?|"
    r"(?:i\s+want|i'd\s+like|i\s+would\s+like|i\s+need)\s+you\s+to\s+|go\s+ahead\s+and\s+|"
    r"help\s+me\s+(?:to\s+)?|be\s+a\s+dear\s+and\s+|"
    r"(?:we|you|u)\s+can\s+(?:now\s+|just\s+|go\s+ahead\s+and\s+)?(?=(?:drop|delete|remove|cancel|scrap|"
    r"bin|forget|move|push|mark|tick|check|close|reopen|rename)\b)|"
    r"(?:note|remember|keep\s+in\s+mind|make\s+a\s+note)\s+that\s+(?=(?:i|we)\b)|"
    r"(?:i\s+want|i'd\s+like|i\s+would\s+like|i\s+wanna|let's|lets|let\s+me|i'll|i\s+will|"
    r"i\s+need)\s+(?:to\s+)?(?=(?:add|create|delete|remove|complete|mark|see|view|show|list|find|"
    r"search|rename|change|update|edit|move|reschedule|know|check|make\s+a\s+(?:new\s+)?(?:task|todo)|"
    r"set|tag|reopen|cancel|get\s+rid|look)\b))",
    re.I,
)
_POLITE_TAIL = re.compile(
    r"(?:[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|ty|for\s+me|ok|okay|will\s+you|would\s+you|"
    r"if\s+you\s+can|if\s+possible|lol|haha+|lmao|tbh|thanks\s+a\s+lot)\b)+[\s.!]*$",
    re.I,
)


# Trailing and leading punctuation, but not "!!!" standing alone: that is a priority.
_EDGE_END = re.compile(r"(?:(?<!\s)[?!.]+|\?+|\.+|(?<=\s)!(?!!))\s*$")
_EDGE_START = re.compile(r"^(?:[,.;:-]|!(?!!!))+\s*")


def normalize(text: str) -> str:
    """Uniform quotes and spacing; no control characters."""
    text = _INVISIBLE.sub(" ", text.translate(_QUOTES))
    return " ".join(text.split())


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def strip_politeness(text: str) -> str:
    """ "hey, can you please add milk, thanks!" → "add milk"."""
    previous = None
    while previous != text:
        previous = text
        text = _POLITE_LEAD.sub("", text)
        text = _ASK_LEAD.sub("", text)
        text = _POLITE_TAIL.sub("", text)
        text = _EDGE_END.sub("", _EDGE_START.sub("", text.strip()))
    return text
