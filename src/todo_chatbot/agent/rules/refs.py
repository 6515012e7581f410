"""Which task does the user mean? Ids ("task 3", "#3") or words of its title ("the milk task").

A title reference picks the task sharing the most (stemmed) words with it. When several tasks
tie, the one whose whole title was said wins; otherwise the reference is ambiguous and the
engine must ask back — it never guesses between tasks.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from todo_chatbot.agent.plan import TaskRef
from todo_chatbot.language.lexicon import (
    COMMAND_NOUNS,
    DIGIT_WORDS,
    IRREGULAR_PAST,
    TEEN_WORDS,
    TENS_WORDS,
    TITLE_ABBREVIATIONS,
    weekday_index,
    word_set,
)

Status = Literal["found", "ambiguous", "not_found", "missing"]

# One task named by its number: "#12", "task 12", "no. 12".
ID_REF_RE = r"(?:(?:task|item|todo|no\.?|nr\.?|number)\s*#?|#)\d{1,9}"
_IDS = re.compile(
    r"(?:\b(?:tasks?|todos?|to-dos?|items?|numbers?|nos?\.?|nr\.?|ids?|#)\s*(?:number\s+|no\.?\s*|nr\.?\s*|#\s*)?|"
    r"(?<![\w#])#)(?P<first>\d{1,9})\b(?P<more>(?:\s*(?:,|&|\+|\band\b|\bor\b)\s*(?:and\s+)?(?:tasks?\s+)?#?\d{1,9}"
    r"\b)*)",
    re.I,
)
# (with "'s" and a field after it: "change 44's due to the 28th")
_BARE_NUMBERS = re.compile(
    r"^\s*#?(\d{1,9})(?:(?:\s*(?:,|&|\band\b)\s*|\s+)#?(\d{1,9}))*"
    r"(?:'s(?:\s+(?:due(?:\s+date)?|deadline|date|time|priority|prio|title|name|reminder))?)?\s*$",
    re.I,
)
_PRONOUNS = re.compile(
    r"^\s*(?:it|that|this|them|those|these|that\s+one|this\s+one|the\s+last\s+one|the\s+one|"
    r"same|one)\s*$",
    re.I,
)
# "the last one i added", "the newest task": the one made most recently.
_LAST_ADDED = re.compile(
    r"^\s*(?:the\s+)?(?:(?:latest|newest|most\s+recent(?:ly\s+added)?)\s+(?:one|task|thing|item|todo)"
    r"(?:\s+(?:i|we)\s+(?:just\s+)?(?:added|made|created|entered))?|last\s+(?:one|task|thing|item|todo)"
    r"\s+(?:i|we)\s+(?:just\s+)?(?:added|made|created|entered|put\s+in))\s*$",
    re.I,
)
_LAST_LISTED = re.compile(
    r"^\s*(?:the|that)\s+(?:very\s+)?last\s+(?:one|task|item|thing)(?:\s+on\s+(?:the|my)\s+list)?\s*$",
    re.I,
)
_EVERYTHING = re.compile(
    r"^\s*(?:all|everything|every\s+task|all\s+of\s+(?:them|it|my\s+tasks)|"
    r"(?:all|each)\s+(?:(?:my|the|of\s+my|of\s+the)\s+)?(?:\w+\s+)?(?:tasks|todos|items|reminders))\s*$",
    re.I,
)

STOP_WORDS = word_set(
    "a an the my our your his her their its it this that these those some any all i i'm im "
    "i've ive me we us you he she they to of on in at by for from with about as into onto off "
    "up out over and or but so then also just already finally now actually really still yet "
    "again back is are was were be been being am do does did done doing have has had having "
    "task tasks todo todos to-do item items entry entries thing things stuff one ones list "
    "reminder reminders called named titled number no id mark marked check checked tick "
    "ticked cross crossed complete completed completing finish finished close closed delete "
    "deleted remove removed erase drop trash cancel cancelled canceled reopen reopened undo "
    "uncheck restore rename change changed update edit modify move moved reschedule "
    "rescheduled postpone push delay set make tag tagged label labelled labeled priority due "
    "date deadline title name description note notes details repeat recurrence get got rid "
    "forget please can could would will should need want let not don't dont didn't didnt "
    "isn't isnt"
)

_KEEP_DOUBLE = frozenset("lsz")


def stem(word: str) -> str:
    """A light stemmer: enough for "calling"~"call", "groceries"~"grocery", "bought"~"buy"."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    w = IRREGULAR_PAST.get(w, w)
    if len(w) > 6 and w.endswith("ment"):  # "rent payment" ~ "Pay rent"
        w = w[:-4]
    elif len(w) > 5 and w.endswith("wal"):  # "license renewal" ~ "Renew driver's license"
        w = w[:-2]
    elif len(w) > 7 and w.endswith("ation"):  # "internet install" ~ "Internet installation"
        w = w[:-5]
    elif len(w) > 6 and w.endswith(("ction", "ctor")):  # "the inspector" ~ "Health inspection"
        w = w[: -3 if w.endswith("ion") else -2]
    if len(w) > 5 and w.endswith("ings"):  # "recyclings" ~ "recycling"
        w = w[:-1]
    if len(w) > 4 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _KEEP_DOUBLE and w[-1] not in "aeiou":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def ordered_content_words(text: str) -> list[str]:
    """The stemmed words that identify a task (ignoring filler and command words), in order."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
    words = [TITLE_ABBREVIATIONS.get(w, w) for w in words]
    found = [stem(w) for w in words if w not in STOP_WORDS and stem(w) not in STOP_WORDS]
    return list(dict.fromkeys(w for w in found if w))


def content_words(text: str) -> frozenset[str]:
    return frozenset(ordered_content_words(text))


@functools.lru_cache(maxsize=4096)
def _joined_pairs(text: str) -> frozenset[str]:
    """ "back up" as "backup", "check in" as "checkin": two words said as one."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(stem(a + b) for a, b in itertools.pairwise(words))


@dataclass(frozen=True)
class Resolution:
    status: Status
    ids: tuple[int, ...] = ()
    candidates: tuple[TaskRef, ...] = ()
    phrase: str = ""
    by_id: bool = False
    exact: bool = False  # every word the user said is in the task's title

    @property
    def found(self) -> bool:
        return self.status == "found"


def _opens_with(phrase: str, word: str) -> bool:
    """Whether the phrase's first word is ``word`` (stemmed): in "the plumber came" or
    "called mom yesterday" the first content word is not where the phrase starts."""
    first = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", phrase.lower())[:1]
    return bool(first) and stem(TITLE_ABBREVIATIONS.get(first[0], first[0])) == word


_NUMBER_WORD = "|".join(sorted({*DIGIT_WORDS, *TEEN_WORDS, *TENS_WORDS, "hundred"}, key=len)[::-1])
# "task four oh four", "number nine oh four": a task number as dictated.
_SPOKEN_NUMBER = rf"(?:{_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_NUMBER_WORD}))*"
_SPOKEN_ID = re.compile(
    rf"\b(?P<lead>tasks?|todos?|items?|numbers?|no\.?)\s+(?P<n>{_SPOKEN_NUMBER})\b", re.I
)


def _number_words(said: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", said.lower()) if w != "and"]


def _spoken_value(words: list[str]) -> int | None:
    """ "four oh four" → 404, "twenty three" → 23, "one hundred and five" → 105."""
    groups: list[int] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in TENS_WORDS:
            value = int(TENS_WORDS[word])
            if nxt in DIGIT_WORDS and DIGIT_WORDS[nxt] != "0":
                value += int(DIGIT_WORDS[nxt])
                i += 1
        elif word in TEEN_WORDS:
            value = int(TEEN_WORDS[word])
        elif word in DIGIT_WORDS and nxt == "hundred":
            rest = _spoken_value([w for w in words[i + 2 :] if w != "and"]) or 0
            return int("".join(map(str, groups)) + str(int(DIGIT_WORDS[word]) * 100 + rest))
        elif word in DIGIT_WORDS:
            value = int(DIGIT_WORDS[word])
        else:
            return None
        groups.append(value)
        i += 1
    return int("".join(map(str, groups))) if groups else None


def _dictated_ids(phrase: str) -> str:
    def digits(match: re.Match[str]) -> str:
        words = _number_words(match["n"])
        # "my number one priority" is no task number: "number" needs two words said.
        if match["lead"].lower().startswith(("number", "no")) and len(words) < 2:
            return match.group(0)
        value = _spoken_value(words)
        return match.group(0) if value is None else f"{match['lead']} {value}"

    return _SPOKEN_ID.sub(digits, phrase)


# "mark forty five as complete", "number four is done": only a number, said in words.
_ONLY_SPOKEN = re.compile(
    rf"^\s*(?:(?P<lead>(?:the\s+)?(?:task|number|no\.?|item)(?:\s+number)?)\s+)?(?P<n>{_SPOKEN_NUMBER})\s*$",
    re.I,
)


def _spoken_only(phrase: str) -> int | None:
    match = _ONLY_SPOKEN.match(phrase)
    if match is None:
        return None
    words = _number_words(match["n"])
    if not match["lead"] and len(words) < 2:
        return None  # "delete one", "the one": no number meant
    return _spoken_value(words)


def explicit_ids(phrase: str) -> list[int]:
    """Task ids written out: "task 3", "#3", "tasks 3 and 4", or a phrase that is only numbers."""
    spoken = _spoken_only(phrase)
    if spoken is not None:
        return [spoken]
    phrase = _dictated_ids(phrase)
    match = _IDS.search(phrase) or _BARE_NUMBERS.match(phrase)
    if not match:
        return []
    return [int(n) for n in re.findall(r"\d{1,9}", match.group(0))]


def is_everything(phrase: str) -> bool:
    return bool(_EVERYTHING.match(phrase))


def _typo_distance(a: str, b: str) -> int:
    """Edits from one word to the other, a swap of two neighbours counting as one
    ("dishwahser" is 1 from "dishwasher")."""
    before, row = list(range(len(b) + 1)), list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[len(b)]


def _misspelt(said: str, title_word: str) -> bool:
    """A long word typed with a slip: one edit in 5-7 letters, two from 8."""
    if min(len(said), len(title_word)) < 5 or said[0] != title_word[0]:
        return False
    allowed = 1 if len(title_word) < 8 else 2
    return (
        abs(len(said) - len(title_word)) <= allowed and _typo_distance(said, title_word) <= allowed
    )


def _misspelt_matches(
    wanted: frozenset[str], tasks: Sequence[TaskRef]
) -> list[tuple[int, TaskRef, frozenset[str]]]:
    """When no title shares a word with the reference: titles sharing a misspelt one."""
    scored = []
    for task in tasks:
        title_words = content_words(task.title)
        score = sum(any(_misspelt(w, t) for t in title_words) for w in wanted)
        if score:
            scored.append((score, task, title_words))
    return scored


def title_of(task_id: int, tasks: Sequence[TaskRef]) -> str:
    """The title of the task with that id on the list ("" when it is not there)."""
    return next((task.title for task in tasks if task.id == task_id), "")


def _same_words(title: str, phrase: str) -> bool:
    words = re.findall(r"[\w']+", phrase.lower())
    if words[:1] == ["the"]:
        words = words[1:]
    return bool(words) and words == re.findall(r"[\w']+", title.lower())


def resolve(phrase: str, tasks: Sequence[TaskRef], *, verb_first: bool = False) -> Resolution:
    """Resolve a reference; "found" only when exactly one task fits (or ids were given).

    ``verb_first``: the phrase may open with a verb ("calling the plumber") that must not
    decide on its own which task is meant.
    """
    ids = explicit_ids(phrase)
    if ids:
        return Resolution("found", tuple(dict.fromkeys(ids)), phrase=phrase, by_id=True, exact=True)
    if _LAST_ADDED.match(phrase) and tasks:  # the highest number is the newest task
        return Resolution("found", (max(task.id for task in tasks),), phrase=phrase, exact=True)
    if _LAST_LISTED.match(phrase) and tasks:  # "that last one": the last the user sees
        return Resolution("found", (tasks[-1].id,), phrase=phrase, exact=True)
    if _PRONOUNS.match(phrase) or is_everything(phrase):
        return Resolution("missing", phrase=phrase)
    named = [task for task in tasks if _same_words(task.title, phrase)]
    if len(named) == 1:  # "rename 'stuff' to …": a title said whole, whatever its words
        return Resolution("found", (named[0].id,), phrase=phrase, exact=True)
    ordered = ordered_content_words(phrase)
    wanted = frozenset(ordered)
    if not wanted:  # "the back up task" beside "Backup the server"
        titles = frozenset().union(*(_joined_pairs(task.title) for task in tasks))
        wanted = _joined_pairs(phrase) & titles
        ordered = sorted(wanted)
        if not wanted:
            return _by_command_noun(phrase, tasks)

    scored: list[tuple[int, TaskRef, frozenset[str]]] = []
    for task in tasks:
        title_words = content_words(task.title)
        if wanted - title_words:  # "the backup task" is "Back up client files": one word as two
            title_words |= wanted & _joined_pairs(task.title)
        score = len(wanted & title_words)
        if score:
            scored.append((score, task, title_words))
    if not scored:
        scored = _misspelt_matches(wanted, tasks)
    if not scored:
        return Resolution("not_found", phrase=phrase)

    top = max(score for score, _, _ in scored)
    best = [(task, words) for score, task, words in scored if score == top]
    if len(best) > 1:
        # Several tasks share the words; one whose full title was said is still unambiguous
        # (its verb too: "the mum one" is not "Call mum" beside "Mum's birthday present").
        said = _all_stems(phrase)
        whole = [(task, words) for task, words in best if _all_stems(task.title) <= said]
        if len(whole) == 1:
            best = whole
    if len(best) > 1:
        # "the electirc bill" beside two bills: the word no title has, misspelt in one
        unmatched = wanted - frozenset().union(*(words for _, words in best))
        fuzzy = _misspelt_matches(frozenset(unmatched), [task for task, _ in best])
        if len(fuzzy) == 1:
            best = [(fuzzy[0][1], fuzzy[0][2] | unmatched)]
    if len(best) != 1:
        return Resolution("ambiguous", candidates=tuple(t for t, _ in best), phrase=phrase)
    task, words = best[0]
    if (
        verb_first
        and len(ordered) > 1
        and wanted & words == {ordered[0]}
        and _opens_with(phrase, ordered[0])
    ):
        # Only the leading word, usually the verb, matched: "calling the plumber" is not
        # "Call mom", and "buy bread" is not "Buy milk".
        return Resolution("not_found", phrase=phrase)
    # "the shift on saturday" names wholly the shift due that Saturday
    due_on = _due_weekday(task)
    exact = all(
        word in words or (due_on is not None and weekday_index(word) == due_on) for word in wanted
    )
    return Resolution("found", (task.id,), phrase=phrase, exact=exact)


def _by_command_noun(phrase: str, tasks: Sequence[TaskRef]) -> Resolution:
    """A phrase of command words only names a task when one of them is a noun of its title."""
    said = {stem(w) for w in re.findall(r"[a-z']+", phrase.lower()) if w in COMMAND_NOUNS}
    if not said:
        return Resolution("missing", phrase=phrase)
    fits = [t for t in tasks if said & {stem(w) for w in re.findall(r"[a-z']+", t.title.lower())}]
    if len(fits) == 1:
        return Resolution("found", (fits[0].id,), phrase=phrase, exact=True)
    if fits:
        return Resolution("ambiguous", candidates=tuple(fits), phrase=phrase)
    return Resolution("not_found", phrase=phrase)


_ARTICLES = frozenset({"a", "an", "the", "my", "our", "to", "of", "for", "on", "in", "at", "and"})


def _all_stems(text: str) -> frozenset[str]:
    """Every word of a title but its articles, stemmed: the verbs and the nouns."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
    return frozenset(stem(TITLE_ABBREVIATIONS.get(w, w)) for w in words if w not in _ARTICLES)


def _due_weekday(task: TaskRef) -> int | None:
    try:
        return date.fromisoformat((task.due or "")[:10]).weekday()
    except ValueError:
        return None


# "move the phone bill to friday - not the work one, the home one": which of two alike.
_CONTRAST = re.compile(
    r"\s*(?:[,;]|\s-)\s*(?:(?:i\s+mean\s+)?not\s+the\s+(?P<no>[\w-]+)\s+one\s*[,;]?\s*(?:but\s+)?)?"
    r"(?:i\s+mean\s+)?the\s+(?P<yes>[\w-]+)\s+one[\s.!]*$",
    re.I,
)


def _mentions(task: TaskRef, word: str) -> bool:
    word = word.lower()
    return word in (tag.lower() for tag in task.tags) or stem(word) in content_words(task.title)


def narrowed_by_contrast(text: str, tasks: Sequence[TaskRef]) -> tuple[str, Sequence[TaskRef]]:
    """The message without a closing "not the X one, the Y one", and the tasks it leaves:
    none that is "X", and of those that share a word with the rest, only ones that are "Y"."""
    match = _CONTRAST.search(text)
    if match is None or stem(match["yes"].lower()) in STOP_WORDS:
        return text, tasks
    rest = text[: match.start()]
    wanted = content_words(rest)
    kept = [
        task
        for task in tasks
        if not (match["no"] and _mentions(task, match["no"]))
        and (_mentions(task, match["yes"]) or not wanted & content_words(task.title))
    ]
    if not any(wanted & content_words(task.title) for task in kept):
        return text, tasks  # "… - the other one": no task is called that
    return rest, kept
