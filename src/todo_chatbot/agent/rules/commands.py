"""Commands aimed at one existing task: complete, reopen, delete — and how users phrase them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from todo_chatbot.language.lexicon import (
    CALLED_OFF,
    DAY_NEWS_VERBS,
    DELETE_SLANG,
    FEELINGS,
    IRREGULAR_PAST,
    OBLIGATIONS,
    REASON_BREAKS,
    SOFT_DELETE_VERBS,
    WENT_WELL,
    word_set,
    words_re,
)

_FLAGS = re.I


@dataclass(frozen=True)
class Command:
    tool: str
    ref: str
    # The verb also begins ordinary new tasks ("finish the report by friday", "drop off the
    # parcel"): when the reference matches no task the message is taken as a new task.
    soft: bool = False


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source, _FLAGS) for source in sources)


_DONE = r"(?:done|complete|completed|finished|checked|ticked|resolved|closed|sorted)"
_NOT = (
    r"(?:is\s+not|isn't|isnt|was\s+not|wasn't|wasnt|are\s+not|aren't|has\s+not\s+been|"
    r"hasn't\s+been)"
)

_REOPEN = _patterns(
    # "I ticked off 52 too early, can you reopen it": done by mistake is not done
    r"^(?:i|we)\s+(?:accidentally\s+|mistakenly\s+)?(?:ticked|checked|crossed|marked|completed|closed)"
    r"(?:\s+off)?\s+(?P<ref>.+?)(?:\s+(?:off|as\s+(?:done|complete|completed|finished)|done))?\s+"
    r"(?:too\s+(?:early|soon)|by\s+(?:mistake|accident)|accidentally|prematurely|in\s+error)"
    r"(?:\s*[,;.].*)?$",
    # "undo complete on twenty three", "undo the tick on the milk"
    r"^undo\s+(?:the\s+)?(?:complete|completion|completing|done|tick|check|finish)\s+(?:on|of|for)\s+(?P<ref>.+)$",
    r"^(?:re-?open|un-?complete|un-?check|un-?tick|un-?mark|un-?finish|un-?do|reactivate|revive|"
    r"resurrect|bring\s+back|restore)\s+(?P<ref>.+?)"
    r"(?:\s+(?:back\s+)?(?:to|on(?:to)?)\s+(?:my|the)\s+(?:to-?do\s+)?list)?$",
    # "oops didnt actually call grandma": marked done, but not done
    r"^(?:i\s+|we\s+)?(?:didn'?t|did\s+not|haven'?t|have\s+not|hadn'?t|had\s+not)\s+(?:actually|really)\s+"
    r"(?:done|do|finished|finish|(?P<verb>[a-z]+))\s+(?P<ref>.+?)(?:\s+(?:yet|after\s+all))?$",
    # "please to open again the task 14", "open task 14 again"
    r"^open\s+again\s+(?P<ref>.+)$",
    r"^open\s+(?P<ref>.+?)\s+again$",
    # "can you put task 5 back to the open ones?"
    r"^(?:put|move|set|bring)\s+(?P<ref>.+?)\s+back\s+(?:to|on|in|into|with|among)\s+(?:the\s+)?(?:open|pending|"
    r"active|unfinished|undone|not\s+done)(?:\s+(?:ones|tasks|items|list))?$",
    rf"^mark\s+(?P<ref>.+?)\s+(?:as\s+)?(?:not\s+(?:yet\s+)?{_DONE}|undone|un-?[a-z]{{2,}}(?:ed|id)|incomplete|uncompleted|"
    r"unfinished|pending|open|active|to\s*-?do|outstanding|not\s+complete)$",
    r"^(?:set|put|move|change|turn)\s+(?P<ref>.+?)\s+(?:back\s+)?(?:to|into)\s+(?:pending|open|"
    r"not\s+done|incomplete|to\s*-?do|active|undone)$",
    rf"^(?P<ref>.+?)\s+{_NOT}\s+(?:actually\s+|really\s+)?{_DONE}"
    r"(?:\s+(?:yet|after\s+all|actually|really|either|though))*$",
    r"^(?:i|we)\s+(?:didn't|did\s+not|didnt|haven't|have\s+not|havent)\s+(?:actually\s+|really\s+)?"
    r"(?:finish|complete|do|finished|completed|done)\s+(?P<ref>.+?)(?:\s+(?:yet|after\s+all))?$",
    r"^(?:i|we)\s+(?:didn't|did\s+not|didnt|haven't|have\s+not|havent)\s+(?:actually|really)\s+"
    r"(?P<ref>.+?)(?:\s+(?:yet|after\s+all))?$",
    r"^(?:i|we)\s+(?:didn't|did\s+not|didnt|haven't|have\s+not|havent)\s+(?P<ref>.+?)\s+after\s+all$",
    r"^(?:put|bring|set)\s+(?P<ref>(?:task\s+|number\s+|#)\d{1,9})\s+back$",  # "put task 61 back"
    r"^(?:put|add|move)\s+(?P<ref>.+?)\s+back\s+(?:on(?:to)?|in(?:to)?|to)\s+(?:my|the)\s+"
    r"(?:to-?do\s+)?(?:list|tasks)(?:\s+as\s+(?:not\s+(?:yet\s+)?done|undone|open|pending|to\s*-?do))?$",
    r"^(?P<ref>.+?)\s+needs?\s+(?:to\s+be\s+)?(?:re-?done|re-?opened|re-?opening|doing\s+again|re-?doing|"
    r"another\s+go|to\s+be\s+done\s+again)$",
    # "rent not done yet", "rent, not done after all"
    rf"^(?P<ref>.+?),?\s+(?:still\s+)?not\s+(?:yet\s+)?(?:actually\s+|really\s+)?{_DONE}"
    r"(?:\s+(?:yet|after\s+all|actually|really|either|though))*$",
    # "laundry back to not done", "make the laundry not done again"
    r"^(?:(?:make|set|mark|put|turn|change)\s+)?(?P<ref>.+?)\s+(?:back\s+)?(?:to\s+|as\s+|into\s+)?"
    r"(?:not\s+(?:yet\s+)?(?:done|complete|completed|finished)|undone|incomplete|unfinished)"
    r"(?:\s+again)?$",
)

_COMPLETE = _patterns(
    rf"^mark\s+(?P<ref>.+?)\s+(?:as\s+)?{_DONE}$",
    # "mark the electric bill paid", "mark the parcel sent": what doing it is called
    r"^mark\s+(?P<ref>.+?)\s+(?:as\s+)?(?:paid|sent|posted|booked|submitted|returned|cleaned|fixed)$",
    r"^mark\s+(?:as\s+)?(?:done|complete|completed|finished)\s*:?\s+(?P<ref>.+)$",
    r"^(?:check|tick|cross|strike|scratch)\s+(?P<ref>.+?)\s+off(?:\s+(?:my|the)\s+(?:to-?do\s+)?"
    r"list)?$",
    r"^(?:check|tick|cross|strike|mark|scratch)\s+off\s+(?P<ref>.+)$",
    r"^(?:complete|completed)\s+(?P<ref>.+)$",
    r"^x\s+(?P<ref>#?\d{1,9})$",  # todo.txt marks a done line with "x"
    r"^(?:all\s+)?(?:done|finished|completed)(?:\s+with|\s+w/)?\s*[:\-]?\s+(?P<ref>.+)$",
    r"^(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?:done|finished|through)\s+with\s+(?P<ref>.+)$",
    r"^(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+|now\s+)*(?:finished|completed|"
    r"done|did|accomplished|wrapped\s+up|crossed\s+off|ticked\s+off|checked\s+off)\s+(?P<ref>.+)$",
    # "i have finish the iron shirt task", as some second-language speakers say it
    r"^(?:i|we)\s+(?:have|has|already)\s+(?:already\s+)?(?:finish|complete)\s+(?P<ref>.+)$",
    r"^(?:just\s+|already\s+|finally\s+)+(?:finished|completed|done|did)\s+(?P<ref>.+)$",
    r"^(?:i\s+|we\s+)?(?:got|have|had)\s+(?P<ref>.+?)\s+done$",
    r"^(?P<ref>.+?)(?:'s|\s+(?:is|are|was|were|has\s+been|have\s+been|got|is\s+now))\s+(?:all\s+|now\s+|"
    r"finally\s+|already\s+|been\s+)*(?:done|complete|completed|finished|finish|taken\s+care\s+of|"
    r"sorted(?:\s+out)?|handled|dealt\s+with|over|accomplished)"
    r"(?:\s+(?:now|already|today|for\s+(?:today|now|the\s+day|the\s+week|this\s+week)))?$",
    # (not "see the items I have already completed": asked to be shown)
    # (nor "urgent!! get the car registration done today": a task to get done)
    r"^(?!(?:see|show|view|list|display|find)\b)(?!(?:\S+\s+)?(?:get|gotta|need\s+to|have\s+to|must)\s)"
    r"(?P<ref>.+?)\s*[:\-,]?\s+(?:done|completed|finished|complete|✓|✔)"
    r"(?:[\s,]+(?:now|already|today|finally|at\s+last|yay|woo+|phew|yes|lol|for\s+(?:today|now|the\s+day|"
    r"this\s+week)))*$",
    rf"^(?:set|flag)\s+(?P<ref>.+?)\s+(?:as|to)\s+{_DONE}$",
    rf"^(?P<ref>.+?)\s+went\s+(?:really\s+|very\s+|pretty\s+|super\s+)?{words_re(WENT_WELL)}$",
    rf"^(?P<ref>.+?)\s+(?:can|could|should|may)\s+be\s+(?:marked\s+(?:as\s+)?)?{_DONE}(?:\s+now)?$",
)
_COMPLETE_SOFT = _patterns(
    r"^(?:finish|close(?:\s+out)?|resolve|accomplish|wrap\s+up|knock\s+out)\s+(?P<ref>.+)$",
    # "tick the laundry please", "cross out the gym for today"
    r"^(?:tick|cross\s+out|strike\s+out|strike\s+through)\s+(?P<ref>.+?)(?:\s+for\s+(?:today|now))?$",
)

_HARD_DELETE = (
    r"delete|remove|erase|trash|discard|nuke|ditch|purge|eliminate|destroy|del|rm|scrap|kill|"
    r"forget(?:\s+about)?|get\s+rid\s+of|axe|scratch|junk|" + words_re(DELETE_SLANG)
)
# Verbs that also begin ordinary tasks: "drop off the parcel", "cancel the gym membership".
_SOFT_DELETE = rf"{words_re(SOFT_DELETE_VERBS)}|throw\s+(?:away|out)"
_FROM_LIST = r"(?:\s+(?:from|off|out\s+of)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?(?:list|tasks))?"
_DELETE = _patterns(
    # "lose the Dave one" (not "lose weight"): said of a task named as one
    r"^(?:lose|bin|ditch)\s+(?P<ref>(?:the|that)\s+.+?\s(?:one|task|item|thing|reminder))$",
    # (not a noun: "strike on thursday so move the assembly")
    rf"^(?:{_HARD_DELETE})\s+(?!(?:on|at|in|is|was|day|days)\b)(?P<ref>.+?){_FROM_LIST}$",
    r"^(?:i\s+|we\s+)?(?:don't|do\s+not|dont|no\s+longer)\s+(?:need|have)\s+to\s+(?P<ref>.+?)"
    r"(?:\s+any\s*more)?$",
    r"^(?:no\s+need\s+to|there(?:'?s|\s+is)\s+no\s+(?:more\s+)?need\s+to)\s+(?P<ref>.+?)"
    r"(?:\s+any\s*more)?$",
    r"^(?:i\s+|we\s+)?(?:don't|do\s+not|dont|won't|will\s+not|no\s+need\s+to)\s+bother\s+"
    r"(?:with\s+|about\s+|doing\s+)?(?P<ref>.+?)(?:\s+any\s*more)?$",
    r"^(?:i\s+|we\s+)?(?:don't|do\s+not|dont)\s+need\s+(?P<ref>.+?)\s+any\s*(?:more|longer)$",
    r"^(?:i\s+|we\s+)?no\s+longer\s+need\s+(?P<ref>.+)$",
    r"^(?:i\s+|we\s+)?(?:won't|wont|will\s+not)\s+(?:be\s+needing|need)\s+(?P<ref>.+?)"
    r"(?:\s+any\s*(?:more|longer))?$",
    r"^(?P<ref>.+?)(?:'s|\s+(?:is|was|are|were))\s+(?:off|not\s+happening|no\s+longer\s+happening)"
    r"(?:\s+(?:now|anymore|any\s+more))?$",
    r"^(?P<ref>.+?)\s+(?:is|was|has\s+been|got)\s+(?:cancelled|canceled|called\s+off|"
    r"no\s+longer\s+needed|not\s+needed\s+any\s*more)$",
    r"^(?P<ref>.+?)\s+(?:isn't|is\s+not|isnt|aren't|are\s+not)\s+(?:needed|necessary|required|happening)"
    r"(?:\s+any\s*(?:more|longer))?$",
    r"^(?P<ref>.+?)\s+(?:can|could|should|may)\s+(?:be\s+)?(?:deleted|removed|cancelled|canceled|"
    r"dropped|trashed|go|be\s+gone)(?:\s+now)?$",
    # "milk not needed anymore", "nvm the milk", "milk nvm"
    r"^(?P<ref>.+?)\s+(?:not|no\s+longer)\s+(?:needed|necessary|required|happening)"
    r"(?:\s+any\s*(?:more|longer))?$",
    r"^(?:take|get)\s+(?P<ref>.+?)\s+off\s+(?:of\s+)?(?:my|the)\s+(?:to-?do\s+|task\s+)?list"
    r"(?:\s+(?:altogether|completely|entirely|for\s+good))?$",
    r"^(?P<ref>.+?)\s+can\s+(?:come|go|be\s+taken)\s+off\s+(?:my|the)\s+(?:to-?do\s+)?list$",
    rf"^(?P<ref>.+?)\s+(?:{words_re(CALLED_OFF)}|called\s+off)(?:\s+(?:now|today|too|anyway))?$",
    r"^(?:nvm|never\s*mind)\s+(?:about\s+)?(?!(?:add|create|remind|put|show|list|make|set|move|"
    r"change|delete|remove|mark|i|we|it|that|this|just|then|actually)\b)(?P<ref>.+)$",
    r"^(?P<ref>.+?)[,\s]+(?:nvm|never\s*mind)$",
)
_DELETE_SOFT = _patterns(
    rf"^(?:{_SOFT_DELETE})\s+(?P<ref>.+?){_FROM_LIST}$",
    r"^(?:(?:i|we|they)(?:'ve|\s+have)?\s+)?(?:just\s+|already\s+|finally\s+)*"
    rf"(?:{words_re(CALLED_OFF)}|called\s+off)\s+(?P<ref>.+)$",
)


_NOT_YET = re.compile(
    rf"^(?P<ref>.+?),?\s+(?:{_NOT}|(?:still\s+)?not)\s+(?:actually\s+|really\s+|been\s+)?(?P<part>[a-z]+)"
    r"(?:\s+(?:yet|after\s+all|actually|really|either|though))*$",
    _FLAGS,
)


def _not_yet_done(text: str) -> Command | None:
    """ "the library books aren't returned yet": the task's own verb, said as not done."""
    match = _NOT_YET.match(text)
    if not match:
        return None
    part = match["part"].lower()
    participle = part in IRREGULAR_PAST or (len(part) > 3 and part.endswith("ed"))
    if not participle or part in _NOT_A_COMPLETION or part in CALLED_OFF:
        return None
    return Command("reopen_task", f"{part} {match['ref'].strip()}")


# "bus to Toronto I must book again, the booking was cancelled": to be done once more.
_AGAIN = re.compile(
    rf"^(?P<ref>.+?)\s+(?:i|we)\s+{words_re(OBLIGATIONS)}\s+(?P<verb>[a-z]+)\s+(?:it\s+|them\s+)?"
    r"again\b",
    _FLAGS,
)


# "I marked the rent done by mistake", "rent was ticked off by accident": to be reopened.
_BY_MISTAKE = r"by\s+(?:mistake|accident)|accidentally|mistakenly|in\s+error"
_MARKED = r"marked|checked|ticked|crossed|completed|closed|finished|done"
_MISTAKE = re.compile(rf"\b(?:{_BY_MISTAKE})\b", _FLAGS)
_MARKED_DONE = re.compile(rf"\b(?:{_MARKED})\b", _FLAGS)
# Everything in such a message that is not the task's name.
_MISTAKE_WORDS = re.compile(
    rf"\b(?:oops|whoops|sorry|i|we|{_BY_MISTAKE}|wrongly|{_MARKED}|off|as|complete|was|got|"
    r"re-?open|undo|un-?mark|un-?check|pls|please|"
    r"has\s+been|have|had|it)\b",
    _FLAGS,
)


_MARKED_AS = re.compile(
    r"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+as\s+(?P<state>[a-z]+)(?:\s+(?:off|up|out|back))?$",
    _FLAGS,
)


def _is_completion(word: str) -> bool:
    if word in _NOT_A_COMPLETION or word in CALLED_OFF:
        return False
    return word in IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def _done_by_mistake(text: str) -> Command | None:
    if "," in text or not (_MISTAKE.search(text) and _MARKED_DONE.search(text)):
        return None
    ref = " ".join(_MISTAKE_WORDS.sub(" ", text).split()).strip(" ,.!")
    return Command("reopen_task", ref) if ref else None


def match_command(text: str) -> Command | None:
    """Recognise complete / reopen / delete phrasing; the reference is left unresolved."""
    again = _AGAIN.match(text)
    if again:
        return Command("reopen_task", f"{again['verb']} {again['ref'].strip()}")
    mistaken = _done_by_mistake(text)
    if mistaken is not None:
        return mistaken
    marked = _MARKED_AS.match(text)
    if marked and _is_completion(marked["state"].lower()):
        return Command("complete_task", marked["ref"])  # "mark the rent as paid"
    command = _match_whole(text)
    if command is not None and not command.soft:
        return command
    # "the lawn isn't done, it rained": a reopening with its reason tacked on; "the plumber
    # was here this morning, all fixed": a task named, then said to be done.
    for mark in REASON_BREAKS:
        if mark not in text:
            continue
        head, tail = (part.strip() for part in text.split(mark, 1))
        undone = _match_whole(head) if head else None
        if undone is not None and (undone.tool == "reopen_task" or not undone.soft):
            return undone  # "drop the gym membership item, I've decided not to renew"
        if head and _ALL_DONE.match(tail):
            return Command("complete_task", head)
    return command


_ALL_DONE = re.compile(
    r"^(?:so\s+|and\s+)?(?:(?:it'?s|all|now|that'?s|that\s+one'?s|that\s+one\s+is)\s+)*"
    r"(?:done|fixed|sorted(?:\s+out)?|finished|complete|"
    r"taken\s+care\s+of|handled)(?:\s+now)?[.!]*$",
    _FLAGS,
)


_ASKS_WHICH = re.compile(r"^(?:(?:see|show|view|know|check)\s+)?(?:what|which|how\s+many)$", _FLAGS)
_ENDS_NEGATED = re.compile(r"\b(?:not|never|isn'?t|aren'?t|wasn'?t|no\s+longer)$", _FLAGS)


def _match_whole(text: str) -> Command | None:
    for tool, patterns, soft in (
        ("reopen_task", _REOPEN, False),
        ("complete_task", _COMPLETE, False),
        ("complete_task", _COMPLETE_SOFT, True),
        ("delete_task", _DELETE, False),
        ("delete_task", _DELETE_SOFT, True),
    ):
        for pattern in patterns:
            match = pattern.match(text)
            ref = match["ref"].strip() if match else ""
            if tool == "complete_task":
                if _ENDS_NEGATED.search(ref) or _ASKS_WHICH.match(ref):
                    continue  # "… set it back to not done", "see what's done"
                ref = _WHEN_DONE.sub("", ref)  # "did the gym today": the task is "the gym"
            if ref:
                return Command(tool, ref, soft and not names_a_task(ref))
    return _not_yet_done(text)


_TASK_NOUN_END = re.compile(r"\b(?:task|todo|to-do|item|reminder|one|entry)s?$", _FLAGS)


def names_a_task(ref: str) -> bool:
    """ "the dog food one", "the vet task": a reference to a task, never a new one."""
    return bool(_TASK_NOUN_END.search(ref.strip()))


_WHEN_DONE = re.compile(
    r"(?:\s+(?:today|yesterday|earlier(?:\s+today)?|just\s+now|this\s+(?:morning|afternoon|evening)|"
    r"last\s+night|already|too|at\s+last|finally))+$",
    _FLAGS,
)


# "yesterday I called mom": when it happened, said first.
_WHEN_FIRST = re.compile(
    r"^(?:yesterday|today|earlier(?:\s+today)?|this\s+(?:morning|afternoon|evening)|last\s+night|"
    r"just\s+now)\s*,?\s+(?=(?:i|we)\b)",
    _FLAGS,
)
# "I bought the milk", "paid rent": a finished action, matched against the task titles.
_PAST_STATEMENT = re.compile(
    r"^(?:(?:i|we)(?:'ve|'d)?\s+)?(?:have\s+|has\s+|just\s+|already\s+|finally\s+|now\s+|also\s+)*"
    r"(?P<verb>[a-z]+(?:'d\b)?)\b(?!')(?P<rest>.*)$",
    _FLAGS,
)
_NOT_A_COMPLETION = word_set(
    "need needed used wanted decided planned scheduled started tried forgot missed hoped wished "
    "meant had liked loved hated wondered asked agreed promised supposed feed seed speed proceed "
    "need embed shed bed red bled bred fled sped shred succeed exceed breed weed heed deed "
    "added created noted"
)


_BACK_HOME = re.compile(r"^(?:back|home|in)\b(?!\s+(?:to|on)\s+(?:the|my)\b)", _FLAGS)


def is_home_again(statement: PastStatement) -> bool:
    """ "we just got back from portugal": where the user has been, unless a task says so
    ("just got back from the grocery run" beside "Grocery run")."""
    return _BACK_HOME.match(statement.rest) is not None


_PRONOUNS_D = word_set("i you he she it we they who that there what where how")


@dataclass(frozen=True)
class PastStatement:
    verb: str
    rest: str  # what the verb was done to: it must name the task, the verb alone does not

    @property
    def phrase(self) -> str:
        return f"{self.verb} {self.rest}".strip()


def past_statement(text: str) -> PastStatement | None:
    """ "I bought the milk" → verb "bought", rest "the milk"; None if it is no such report."""
    match = _PAST_STATEMENT.match(_WHEN_FIRST.sub("", text))
    if not match:
        return None
    verb = match["verb"].lower()
    if verb.endswith("'d"):
        if verb[:-2] in _PRONOUNS_D:
            return None  # "she'd like a call back"
        verb = f"{verb[:-2]}ed"  # "RSVP'd" is "rsvped", stemmed like any "-ed"
    if any(verb in words for words in (_NOT_A_COMPLETION, CALLED_OFF, DAY_NEWS_VERBS, FEELINGS)):
        return None  # ("tired, gym at 6" is no report of the gym done)
    if IRREGULAR_PAST.get(verb) == verb and match.start("verb") == 0:
        return None  # "set up the payments", "put out the bins": an order, not a report
    if verb in IRREGULAR_PAST or (len(verb) > 3 and verb.endswith("ed")):
        return PastStatement(verb, match["rest"].strip())
    return None
