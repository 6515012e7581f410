"""One chat turn → a Plan: which tool to call with which arguments, or what to ask back.

Every interpreter proposes a plan for the whole message and each proposal is scored: the
explicit ones (a command verb, a list question, an add verb) by how unmistakable their
phrasing is, the rest by the cues of the message (question, chatter, a sentence about an
existing task). The best proposal wins. A message that only might be a task is never filed:
a question gets an answer, chatter a reply, a vague edit a question back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from dateutil.relativedelta import relativedelta

from todo_chatbot.agent.plan import Plan, TaskRef, ToolCall
from todo_chatbot.agent.rules.adding import (
    LABEL_PREFIX,
    REMIND_PREFIX,
    add_request,
    list_addition,
    plain_request,
    plan_add,
    plan_bare_line,
    plan_several,
)
from todo_chatbot.agent.rules.bulk import plan_bulk
from todo_chatbot.agent.rules.commands import (
    Command,
    PastStatement,
    is_home_again,
    match_command,
    names_a_task,
    past_statement,
)
from todo_chatbot.agent.rules.compound import (
    ASKS_TO_ADD,
    EDIT_THEN_NOTE,
    POINTS_BACK,
    REMINDER_ONLY,
    STATED,
    Reader,
    adds,
    covers,
    edit_before_story,
    first_sentence_edit,
    merged,
    only_changes,
    story_reminder,
    story_task_edit,
)
from todo_chatbot.agent.rules.editing import (
    corrected_change,
    plan_general_update,
    plan_reminder_update,
    plan_shift,
)
from todo_chatbot.agent.rules.field_edits import plan_field_edit
from todo_chatbot.agent.rules.intent import (
    Cues,
    change_said_after_task,
    command_after_name,
    correct_command_word,
    due_restated,
    emoji_as_stop,
    id_said_last,
    name_for_it,
    read_cues,
    request_clauses,
    strip_emoji,
    without_emoji,
)
from todo_chatbot.agent.rules.listing import (
    includes_done,
    is_bare_day,
    is_list_phrase,
    is_list_request,
    looked_up,
    names_a_label,
    names_known_tag,
    plan_bare_list,
    plan_list,
    plan_lookup,
    task_question,
)
from todo_chatbot.agent.rules.refs import (
    Resolution,
    content_words,
    explicit_ids,
    narrowed_by_contrast,
    ordered_content_words,
    resolve,
    stem,
    title_of,
)
from todo_chatbot.agent.rules.replies import plan_summary
from todo_chatbot.agent.rules.smalltalk import (
    ACK_REPLY,
    MOOD_REPLY,
    UNKNOWN_REPLY,
    small_talk_reply,
)
from todo_chatbot.agent.rules.statements import (
    plan_done_state,
    plan_fragment_edit,
    plan_restated_edit,
    plan_statement_edit,
    plan_told_move,
)
from todo_chatbot.agent.rules.targets import Turn, ask_back, plan_target
from todo_chatbot.agent.rules.text import is_question, normalize, strip_politeness
from todo_chatbot.language.attributes import take_priority
from todo_chatbot.language.clock import find_clock
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import (
    BOOKED_EVENTS,
    EVENT_NOUNS,
    FEELINGS,
    HESITATIONS,
    HOUR_RE,
    IRREGULAR_PAST,
    LAUGH_RE,
    MONTH_RE,
    NUMBER_RE,
    ORDINAL_RE,
    PLEASE_WORDS,
    SOFT_DELETE_VERBS,
    TAKE_BACK_LEADS,
    TASK_VERBS,
    WEEKDAY_RE,
    is_past_form,
    number_value,
    words_re,
)
from todo_chatbot.language.recurrence import take_recurrence
from todo_chatbot.language.scratch import Scratch
from todo_chatbot.language.task_line import (
    only_attributes,
    prepare,
    restore_spelling,
    split_description,
)

# "due the 17th, not the 18th": the value said only to be turned down.
_REJECTED = re.compile(
    r"(?:,\s*|\s+)(?:not|instead\s+of|rather\s+than)\s+(?:the\s+|on\s+|at\s+)?"
    rf"(?:{ORDINAL_RE}|{WEEKDAY_RE}|{MONTH_RE}(?:\s+\d{{1,2}})?|\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)?|"
    rf"{HOUR_RE}(?:\s*(?:am|pm|o'?clock))?|"
    r"today|tonight|tomorrow|daily|weekly|monthly|yearly|every\s+(?:other\s+)?(?:day|week|month|"
    rf"year|weekday|{WEEKDAY_RE}))[.!]?$",
    re.I,
)
# "the electrician is coming at 3 not 1 on thursday": an hour turned down before the day.
_REJECTED_HOUR = re.compile(
    r"(?<=\d|m)\s*,?\s+(?:not|instead\s+of|rather\s+than)\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)?"
    r"(?=\s+(?:on|this|next|tomorrow|today)\b)",
    re.I,
)
# "should be low priority not high": the level said only to be turned down.
_REJECTED_LEVEL = re.compile(
    r"(?P<keep>\b(?:high|low|medium)(?:\s+priority)?)\s*,?\s+(?:not|instead\s+of|rather\s+than)\s+"
    r"(?:high|low|medium)(?:\s+priority)?(?=[.!]?$)",
    re.I,
)
_ADD_IT_BACK = re.compile(
    r"\b(?:add|put)\s+(?:it|that|this|them)\s+(?:back|again)(?:\s+(?:in|on))?\s*(?:pls|please)?\s*:\s*"
    r"(?P<line>\S.+)$",
    re.I,
)
_LIST_TAKEN_BACK = re.compile(
    rf"[,;.]\s*(?:{words_re(TAKE_BACK_LEADS)}|no|sorry)\b[\s,]*"
    r"(?:(?:no|wait|actually|just|only|make\s+it)\b[\s,]*)*(?P<tail>\S.+)$",
    re.I,
)


def _without_rejected(text: str) -> str:
    """The message without the values said only to be turned down."""
    text = _REJECTED.sub("", _REJECTED_HOUR.sub("", text))
    return _REJECTED_LEVEL.sub(r"\g<keep>", text)


_MAX_LENGTH = 2000  # longer messages are cut; a task title is at most 200 characters anyway
_REWORDED_PENALTY = 5  # a reading of a reworded message is a little less sure


@dataclass(frozen=True)
class Candidate:
    score: int
    plan: Plan


def plan_turn(
    text: str, *, now: datetime, tasks: Sequence[TaskRef], locale: str | None = None
) -> Plan:
    """Decide what to do with one user message. ``now`` is the user's clock, tz-aware;
    ``locale`` ("en-GB") decides whether "3/12" is the 3rd of December or March 12th."""
    return _in_own_words(_plan_turn(text, now=now, tasks=tasks, locale=locale), text)


def _in_own_words(plan: Plan, said: str) -> Plan:
    """Titles as the user spelt them ("abt", "mins"), though the rules read them spelt out."""
    calls = []
    for call in plan.calls:
        title = call.args.get("title")
        if isinstance(title, str):
            call = replace(call, args={**call.args, "title": restore_spelling(title, said)})
        calls.append(call)
    return replace(plan, calls=tuple(calls))


def _plan_turn(
    text: str, *, now: datetime, tasks: Sequence[TaskRef], locale: str | None = None
) -> Plan:
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.replace(tzinfo=UTC)  # without an offset the user's clock is taken as UTC
    message = prepare(normalize(text)[:_MAX_LENGTH], locale)
    message = _from_the_event_day(message, now)
    message, tasks = narrowed_by_contrast(message, tasks)
    message = _THEN_I_WILL.sub("", message)  # "pending #work items? then I'll add more"
    then = _THEN_LIST.match(message)
    if then is not None:  # "add grab coffee beans, then show me what's left": both, in turn
        request = plan_turn(then["head"], now=now, tasks=tasks, locale=locale)
        listing = plan_turn(then["tail"], now=now, tasks=tasks, locale=locale)
        lists = listing.kind == "tools" and listing.calls[0].tool == "list_tasks"
        if request.kind == "tools" and lists:
            return Plan.tools(*request.calls, *listing.calls, reply=request.reply)
    pressing = _AND_PRESSING.match(message)
    if pressing is not None:
        edit = plan_turn(pressing["head"], now=now, tasks=tasks, locale=locale)
        said = pressing["level"]  # ("… and make it medium": a level said alone)
        level = take_priority(Scratch(said)) or take_priority(Scratch(f"{said} priority"))
        only_edit = edit.kind == "tools" and [call.tool for call in edit.calls] == ["update_task"]
        if only_edit and level is not None and "priority" not in edit.calls[0].args:
            call = edit.calls[0]
            return replace(edit, calls=(replace(call, args={**call.args, "priority": level}),))
    if _ASKED_WITHOUT_WHAT.match(message):
        return Plan.clarify(_REMIND_OF_WHAT)
    words = without_emoji(message)
    if not words and message.strip():
        return Plan.answer(ACK_REPLY)  # "👍", "🙏": a reaction, not an order
    reply = small_talk_reply(words) if words else None
    if reply is not None:
        return Plan.answer(reply)
    if _ONE_MORE.match(message):
        return Plan.clarify(_NEXT_ONE)  # "and another one": the task is still to come
    polite = strip_politeness(strip_emoji(message))
    command = _without_rejected(polite)
    corrected = command != polite
    # "oh I almost forgot, pick up the cake": what the request itself opens with counts.
    # (the notes given for a task are no cue: "pick up the rug - add note: it's paid already")
    said = split_description(message)[0]
    of_said, of_command = read_cues(said), read_cues(command)
    # (an aside dropped from the command is no cue: "…, totally forgot it was ready")
    edit_like = of_said.edit_like and of_command.edit_like
    cues = replace(of_said, statement=of_command.statement, edit_like=edit_like)
    if _POSSIBLE_TO.match(said):  # "is it possible to delete the dentist one?": asked to do it
        cues = replace(cues, inquiry=False, question=False)
    if not command:
        if cues.words and all(word in PLEASE_WORDS for word in cues.words):
            return Plan.clarify(_WHAT_FOR)  # "pls": asked, but for what?
        if cues.words and all(word in HESITATIONS for word in cues.words):
            return Plan.clarify(_GO_ON)  # "um": about to say something
        reply = small_talk_reply("") if not cues.words else ACK_REPLY
        return Plan.answer(reply or UNKNOWN_REPLY)
    if _TRAILS_OFF.match(message):  # "printer ticket...": the thought is not finished
        return Plan.clarify(_GO_ON)
    if _SCHEDULE_ASKED.match(message):  # "next wk queue", "next week's schedule, please"
        return plan_list(message, now, known_tags(tasks))
    shown = _THEN_SHOW_ME.match(strip_emoji(message))
    if shown is not None and is_question(shown["asked"]):  # "is next week gonna be rough?? show me"
        return plan_list(shown["asked"], now, known_tags(tasks))
    back = _ADD_IT_BACK.search(command)
    if back is not None:  # "i deleted the vet one by accident, add it back: vet appt wed 3pm"
        again = plan_add(plain_request(back["line"]), now)
        if again.kind == "tools":
            return again
    best = _best(Turn(command, now, tuple(tasks), corrected), cues)
    if best.plan.kind == "tools" and best.plan.calls[0].tool == "list_tasks":
        redo = _LIST_TAKEN_BACK.search(command)
        if redo is not None:  # "show my high priority stuff, no wait, just the work ones"
            _, again = _reader(now, tasks, corrected)(redo["tail"])
            if again.kind == "tools" and again.calls[0].tool == "list_tasks":
                return again
    # (read from the message as said: "…, actually no, medium is fine" is no courtesy)
    taken_back = corrected_change(best.plan, Turn(message, now, tuple(tasks), corrected))
    if taken_back is not None:  # "could you delete 11, no sorry, 12"
        return taken_back
    id_last = id_said_last(command) if best.score < _EXPLICIT else None
    if id_last is not None:  # "#21 repeat every 2 weeks, 5 times": the task, then the change
        other = _best(Turn(id_last, now, tuple(tasks), corrected), cues)
        if other.score >= _EXPLICIT and other.plan.kind == "tools" and not adds(other.plan):
            return other.plan
    plain = command_after_name(command)
    if plain is not None:
        # "the expense report I marked by mistake, can you put it back": said of a task.
        other = _best(Turn(plain, now, tuple(tasks), corrected), cues)
        if not adds(other.plan) and (other.plan.kind == "tools" or adds(best.plan)):
            # (unless the whole message already said more of the same change: "MOT - tag it
            # #car and make it p1")
            return best.plan if _says_more(best.plan, other.plan) else other.plan
    named = name_for_it(command)
    if named is not None and adds(best.plan):
        # "i still need to call the plumber, reopen it": the task named first is "it".
        other = _best(Turn(named, now, tuple(tasks), corrected), cues)
        if other.plan.kind == "tools" and not adds(other.plan):
            return other.plan
    only_asks = best.plan.kind == "tools" and best.plan.calls[0].tool == "list_tasks"
    # "the presentation got moved, ugh, can you add 'prep slides' for sunday": the request
    # after what led up to it; "the fence repair is pressing now. make it urgent": an edit
    # of the task the story is about (the first request whole: "make it … and set it …").
    said_of_a_task = only_changes(best.plan, {"due", "priority", "recurrence", "remind_at"})
    weak = best.score < _EXPLICIT or best.plan.kind != "tools" or only_asks
    stops, clauses = "", []
    if said_of_a_task or weak:  # (a plain request reads on its own: no clauses to look for)
        stops = _REJECTED.sub("", strip_politeness(strip_emoji(emoji_as_stop(message))))
        clauses = request_clauses(stops)
    story_edit = None
    if clauses:
        said = clauses[-1][0]
        story = stops[: len(stops) - len(said)]
        story_edit = story_task_edit(
            story, strip_politeness(said), tasks, _reader(now, tasks, corrected)
        )
    if story_edit is not None and _says_more(best.plan, story_edit):
        return best.plan  # "MOT - tag it #car and make it p1": the last clause is part of it
    if story_edit is not None and said_of_a_task:
        # "the venmo jess thing is actually for next month, push it to jan 10": the last word
        return merged(best.plan, story_edit) or story_edit
    if weak:
        if story_edit is not None:
            return story_edit
        for said, marked in clauses if not only_asks else ():
            tail = strip_politeness(said)
            if REMINDER_ONLY.match(tail):
                reminded = story_reminder(stops[: len(stops) - len(said)], tail, now, tasks)
                if reminded is not None:
                    return reminded  # "is it monday at 5 right? remind me 30 min before"
                continue  # "…, and remind me at 8:30 that morning": of the task before it
            if POINTS_BACK.match(tail):
                break  # "…every Monday. Please add this as a recurring task": the story is it
            other = _best(Turn(tail, now, tuple(tasks), corrected), read_cues(tail))
            enough = _TASK_LINE if marked else _EXPLICIT
            if other.score >= enough and other.plan.kind == "tools":
                if not _holds(best.plan, other.plan):
                    return other.plan
                break
    noted = EDIT_THEN_NOTE.match(command)
    if noted is not None and only_changes(best.plan, {"description"}):
        # "move the plumber invoice to the 8th and add a note: net 15": both changes
        both = merged(_reader(now, tasks, corrected)(noted["edit"])[1], best.plan)
        if both is not None:
            return both
    if best.score < _EXPLICIT:
        said_first = first_sentence_edit(command, _reader(now, tasks, False)) or (
            edit_before_story(command, _reader(now, tasks, corrected))
        )
        if said_first is not None:
            # ("brushing the dog: every sunday, 8 times": the whole message says more)
            return best.plan if _says_more(best.plan, said_first) else said_first
        asked_last = _LAST_SENTENCE.search(command) or _LAST_QUESTION.search(command)
        # (over a bare task line only when it is asked: "so tired, what's due tomorrow")
        is_asked = asked_last is not None and bool(_QUESTION_OPENING.match(asked_last["last"]))
        if asked_last is not None and (best.plan.kind != "tools" or (is_asked and adds(best.plan))):
            # "Sitrep. What is due this week?": a story or a word, then the question
            _, plan = _reader(now, tasks, corrected)(asked_last["last"])
            if plan.kind == "tools" and plan.calls[0].tool == "list_tasks":
                return plan
        beside = _list_beside_remark(message, _reader(now, tasks, corrected))
        if beside is not None and (best.plan.kind != "tools" or adds(best.plan)):
            # "work stuff only pls, about to get into the office": a list, and why
            return beside
        feeling = _ENDS_FEELING.search(command)
        if feeling is not None and feeling.start():
            # "only high prio stuff pls im drowning": the request before how the user feels
            head = command[: feeling.start()].strip(" ,.")
            asked = _best(Turn(head, now, tuple(tasks), corrected), read_cues(head))
            if asked.plan.kind == "tools" and not adds(asked.plan):
                return asked.plan
    if best.score < _EXPLICIT or best.plan.kind == "clarify":
        # Rewordings: a misspelt command word, a task named first and then called "it".
        rewordings = (
            correct_command_word(command),
            name_for_it(command),
            due_restated(command),
            change_said_after_task(command),
        )
        for reworded in rewordings:
            if reworded is None:
                continue
            other = _best(Turn(reworded, now, tuple(tasks), corrected), cues)
            if adds(other.plan) and best.plan.kind == "tools" and not adds(best.plan):
                continue  # a reading as an edit is never traded for a new task
            if other.plan.kind != "tools" and best.plan.kind == "tools":
                continue  # nor for a question back ("marked the 10C essays": not "mark …")
            if _says_more(best.plan, other.plan):
                continue  # nor for less of the same edit
            if other.score - _REWORDED_PENALTY > best.score:
                best = other
    return best.plan


_CLAUSE_BREAK = re.compile(r"[.!?]+\s+|,\s+|\s+-\s+")
_LIST_READING = 52
_ASKS_FOR_TASKS = re.compile(
    r"\b(?:tasks?|things|stuff|items?|todos?|to-?dos|list|what|what's|which|anything|everything|"
    r"show)\b",
    re.I,
)


def _list_beside_remark(message: str, read: Reader) -> Plan | None:
    """A list asked for first or last, the rest a remark that asks nothing: "high priority
    things? only have like an hour", "friday finally 🙌 what did i get done this week"."""
    text = _without_rejected(strip_emoji(emoji_as_stop(message)))
    parts = [part for part in _CLAUSE_BREAK.split(text) if part.strip(" .!?")]
    if len(parts) < 2:
        return None
    for index in (0, len(parts) - 1):
        if not _ASKS_FOR_TASKS.search(parts[index]):
            continue  # ("replace fridge filter whenever, no rush": "no rush" is its priority)
        score, plan = read(strip_politeness(parts[index]))
        if score < _LIST_READING or plan.kind != "tools" or plan.calls[0].tool != "list_tasks":
            continue
        others = parts[:index] + parts[index + 1 :]
        if all(_only_remarks(part, read) for part in others):
            return plan
    return None


def _only_remarks(part: str, read: Reader) -> bool:
    words = re.findall(r"[a-z']+", part.lower())
    if not words or words == ["go"]:
        return True  # "my 3 highest priority tasks, go"
    if words[0] in TASK_VERBS or ASKS_TO_ADD.search(part) or only_attributes(part):
        return False  # ("…, call the bank", "…, tomorrow": more asked)
    score, plan = read(part)
    return score < _EXPLICIT and not (plan.kind == "tools" and not adds(plan))


# "our wedding is on october 9. 3 weeks before that we have to give the venue the headcount":
# a day counted from the day of an event told in a sentence of its own.
_FROM_THE_EVENT = re.compile(
    rf"\b(?P<n>{NUMBER_RE}|a|an|the)\s+(?P<unit>days?|weeks?|months?)\s+(?P<dir>before|after)"
    r"(?:\s+(?:that|it|then|the\s+[a-z]+(?:\s+[a-z]+)?))?\b",
    re.I,
)
_SENTENCE_STOP = re.compile(r"[.!?]+\s+")


def _from_the_event_day(message: str, now: datetime) -> str:
    counted = _FROM_THE_EVENT.search(message)
    if counted is None:
        return message
    stops = [stop for stop in _SENTENCE_STOP.finditer(message) if stop.end() <= counted.start()]
    if not stops:
        return message  # (the event's day must be told first, in its own sentence)
    told = message[: stops[-1].start()]
    if re.search(
        r"\bremind|\breminder|\bping|\bnotify", message[stops[-1].end() : counted.start()], re.I
    ):
        return message  # ("… friday at 2:30pm. remind me the day before": when to remind)
    event = find_day(told, now.date())
    if event is None or event.offset is not None or take_recurrence(Scratch(told)) is not None:
        return message
    n = counted["n"].lower()
    count = 1 if n in ("a", "an", "the") else number_value(n)
    unit = counted["unit"].lower()
    step = (
        relativedelta(days=count)
        if unit.startswith("day")
        else relativedelta(weeks=count)
        if unit.startswith("week")
        else relativedelta(months=count)
    )
    day = event.day - step if counted["dir"].lower() == "before" else event.day + step
    rest = message[stops[-1].end() :]
    start, end = counted.start() - stops[-1].end(), counted.end() - stops[-1].end()
    if start == 0:  # ("on <day> we have to …" would read as a question of that day)
        return f"{rest[end:].strip(' ,')} on {day.isoformat()}"
    return f"{rest[:start]}on {day.isoformat()}{rest[end:]}"


def _reader(now: datetime, tasks: Sequence[TaskRef], corrected: bool) -> Reader:
    def read(text: str) -> tuple[int, Plan]:
        best = _best(Turn(text, now, tuple(tasks), corrected), read_cues(text))
        return best.score, best.plan

    return read


def _holds(whole: Plan, part: Plan) -> bool:
    """Whether the reading of the whole message already adds what its request clause says
    (and more, such as a day said before it)."""
    if not (adds(whole) and adds(part)):
        return False
    said = part.calls[0].args
    if any(key != "title" and whole.calls[0].args.get(key) != value for key, value in said.items()):
        return False  # "truck comes between 6 and 8am so add 'be there' tuesday 6am": its own
    title = str(said.get("title", "")).lower()
    whole_title = str(whole.calls[0].args.get("title", "")).lower()
    # (not when the whole one carries what led up to the request: "long day. add filters")
    extra = len(whole_title.split()) - len(title.split())
    return bool(title) and title in whole_title and extra <= 2


def _says_more(plan: Plan, than: Plan) -> bool:
    """Whether `plan` makes the same call as `than` on the same task, with more in it."""
    if plan.kind != "tools" or than.kind != "tools" or not plan.calls or not than.calls:
        return False
    mine, theirs = plan.calls[0], than.calls[0]
    return (
        mine.tool == theirs.tool
        and mine.args.get("task_id") == theirs.args.get("task_id")
        and all(covers(mine.args.get(key), value) for key, value in theirs.args.items())
        and mine.args != theirs.args
    )


def _best(turn: Turn, cues: Cues) -> Candidate:
    best: Candidate | None = None
    for candidate in _candidates(turn, cues):
        if best is None or candidate.score > best.score:
            best = candidate
    assert best is not None  # the fallbacks always propose
    return best


# A request, then a list to see after it.
_THEN_LIST = re.compile(
    r"^(?P<head>.+?)\s*[,;]?\s+(?:and\s+)?then\s+(?P<tail>(?:show|list|what'?s|what\s+is|tell\s+me|"
    r"give\s+me|let\s+me\s+see)\b.+)$",
    re.I,
)
# "tag task 44 work and make it urgent", "task 44 should be tagged work and it's urgent": an
# edit, and how pressing the task is.
_AND_PRESSING = re.compile(
    r"^(?P<head>.+?)\s*,?\s+(?:and|&)\s+(?:make\s+it|it'?s|it\s+is|set\s+it\s+(?:to|as)|mark\s+it(?:\s+as)?)\s+"
    r"(?:(?:really|very|super|pretty|quite)\s+)?(?P<level>urgent|important|high\s+priority|top\s+priority|p[1-4]|"
    r"low\s+priority|not\s+urgent|(?:medium|normal|high|low)(?:\s+priority)?)[\s.!]*$",
    re.I,
)
# "gotta book flights for xmas lol": an errand, laughed about ("i need to get better at
# saying no lol" is a resolution, asked about).
_NOT_ERRANDS = frozenset({"get", "go", "do", "make", "take", "see", "meet", "ask", "tell"})
_ERRAND = re.compile(rf"^{words_re(TASK_VERBS - _NOT_ERRANDS)}\b", re.I)
_ONE_MORE = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|oh|also)[\s,]+)*(?:another(?:\s+one)?|one\s+more(?:\s+thing)?)[\s.!:,-]*$",
    re.I,
)
_MAKE_QUOTED = re.compile(
    r"^(?:make|set|change|turn)\s+[\"'\u2018\u201c](?P<title>[^\"'\u2019\u201d]+)[\"'\u2019\u201d]\s+\S",
    re.I,
)
_LONE_WORD = "What about '{word}'? Tell me what to do: e.g. 'find {word}', or 'add … {word} …'."
_POSSIBLE_TO = re.compile(
    r"^(?:(?:please|pls)\s+)?(?:is\s+(?:it\s+)?|would\s+it\s+be\s+)possible\s+(?:for\s+(?:you|u)\s+)?to\s+"
    r"(?=(?:delete|remove|move|change|mark|complete|reopen|rename|postpone|push|cancel|tick)\b)",
    re.I,
)
# What the user will do next: "…? then I'll add more".
_THEN_I_WILL = re.compile(
    r"(?<=[?.!,])\s*(?:and\s+)?then\s+(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to)|we'?ll)\b[^?.!]*[.!]*$",
    re.I,
)
_GO_ON = "Go on - what about it?"
_NEXT_ONE = "Go on - what's the next task?"
_WHAT_FOR = "What should I do? Tell me the task, e.g. 'add call mom tomorrow at 3'."
# "can you remind me", "could you add a task?": asked for, but not what (unlike "can you set
# reminders?", which asks what the assistant can do).
_ASKED_WITHOUT_WHAT = re.compile(
    r"^(?:(?:please|pls|hey|hi|ok)[\s,]+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?"
    r"(?:remind\s+me|add\s+(?:a\s+|one\s+)?(?:new\s+)?(?:task|reminder|something|one)|"
    r"set\s+(?:a|one)\s+reminder|make\s+(?:a\s+)?(?:new\s+)?(?:task|reminder))"
    r"(?:\s+(?:please|pls))?[\s?.!]*$",
    re.I,
)
# Asked, and only asked, of something the user has planned: "… again?", "… Lily's recital?".
_OF_ONES_OWN = re.compile(
    r"^(?:what|when|which|where)\b[^?]*(?:\bagain\W*|\b[a-z]+'s\s+[a-z]+[^?]*\?+\s*)$", re.I
)
_NOT_ON_THE_LIST = (
    "I couldn't find '{what}' on your list. Which task do you mean? Or say 'add …' to add it."
)
_REMIND_OF_WHAT = "Sure - what should I remind you about, and when?"
# A command word with nothing to act on ("undo", "delete", "asap"): ask which task.
_LONE_COMMAND = re.compile(
    r"^(?:asap|urgent(?:ly)?|fix|sort|handle|remember|note|save|"
    r"undo|delete|remove|erase|complete|done|finish(?:ed)?|reopen|rename|edit|update|change|"
    r"move|reschedule|postpone|mark|tag|cancel\s+it|check\s+off|tick\s+off|mark\s+(?:it\s+)?"
    r"(?:as\s+)?done|(?:put|bring|set)\s+(?:it|that|this)(?:\s+one)?\s+back)"
    r"(?:\s+(?:it|that|this|one|task|the\s+task))?$",
    re.I,
)
# An edit verb aimed at "it", "that one", "something": ask which task.
_VAGUE_EDIT = re.compile(
    r"^(?:push|move|bump|shift|make|change|set|reschedule|postpone|delay|edit|update|fix|do)\s+"
    r"(?:(?:all\s+)?(?:my|the|these|those)\s+(?=stuff|things|tasks))?"
    r"(?:it|that(?:\s+one)?|this(?:\s+one)?|them|something|anything|stuff|things|tasks|one|"
    r"the\s+(?:thing|usual|same))\b|"
    r"^(?:set|add|change|pick|give)\s+(?:a|the|it\s+a)\s+(?:time|date|day|due\s+date|deadline|reminder|"
    r"priority|tag)$",
    re.I,
)

_A_MOMENT = re.compile(r"\d|\b(?:at|by|tomorrow|tmrw|today|tonight|next|noon|midnight)\b", re.I)
_WHICH_DAY = "What about {day}? Say 'show {day}' to see what is due, or 'add ... {day}' for a task."
_WHAT_THEN = "What should I do then? Tell me the task too, e.g. 'add call mom tomorrow at 3'."
# "same again", "can you sort it out", "and the other one?": which task is not said.
_VAGUE_ASK = re.compile(
    r"^(?:and\s+|what\s+about\s+|how\s+about\s+)?(?:(?:the\s+)?same\s+again|do\s+(?:the\s+same|that\s+again)|"
    r"(?:sort|deal\s+with|take\s+care\s+of|handle|fix)\s+(?:it|that|this)(?:\s+out)?|"
    # "can you sort out my week": which change is not said
    r"(?:sort\s+out|sort|organi[sz]e|fix|plan|clean\s+up|tidy(?:\s+up)?)\s+(?:my|the)\s+(?:week|day|"
    r"weekend|month|life|schedule|list|tasks|mess)(?:\s+(?:out|for\s+me))?|"
    r"(?:put|push)\s+(?:it|that|this)(?:\s+one)?\s+off(?:\s+(?:till|until|til)\s+later|\s+for\s+now)?|"
    r"(?:put|leave|save|do)\s+(?:it|that|this)(?:\s+one)?\s+(?:for|till|until|til)\s+later|"
    r"(?:no,?\s+)?(?:the\s+)?other(?:\s+one)?|that\s+one\s+too|(?:and\s+)?this\s+one|"
    r"(?:and\s+)?(?:for|what\s+about|how\s+about)\s+the\s+other(?:\s+ones?)?|"
    # "hmm can you": asked, but not what
    r"(?:(?:hmm+|um+|so)\s+)?(?:can|could|would)\s+(?:you|u)|"
    # "I want to modify one task": which, and how?
    r"(?:i\s+(?:want|would\s+like|need)\s+to\s+|i'?d\s+like\s+to\s+)?(?:modify|change|edit|update|correct)\s+"
    r"(?:a|one|some|the|my)\s+(?:task|thing|item|todo)|"
    r"(?:the\s+)?same\s+(?:as|like)\s+(?:last\s+(?:time|week|month|year)|before|yesterday|usual|always))[\s?!.]*$",
    re.I,
)
# "Next week's schedule, please.", "Full list. Done and not done, all of it."
_LAST_SENTENCE = re.compile(r"[.!?]\s+(?P<last>[^.!?]+[.!?]*)$")
# "ugh I feel like I'm drowning, what do I even have left to do": a sigh, then the question
_QUESTION_OPENING = re.compile(
    r"(?:what|what's|whats|which|how\s+many|do\s+i|is\s+there|are\s+there|anything)\b", re.I
)
_LAST_QUESTION = re.compile(
    rf"(?:,|\s-)\s+(?P<last>(?:{_QUESTION_OPENING.pattern}|show\s+me\b|list\b)[^,.!?]*[?.!]*)$",
    re.I,
)
_SCHEDULE_ASKED = re.compile(
    r"^(?:(?:the|my)\s+)?(?:(?:full|whole|entire|complete)\s+list\b|(?:(?:this|next)\s+week|today|"
    rf"tomorrow|the\s+weekend|{WEEKDAY_RE})'?s?\s+(?:schedule|agenda|plans?|lineup|tasks|list|queue|"
    r"backlog|docket)\b)",
    re.I,
)
_THEN_SHOW_ME = re.compile(
    r"^(?P<asked>.+?[?!.]*)[\s,]+(?:(?:pls|please|just|ok|so)\s+)?(?:show|list|tell)\s+(?:me|them|it)"
    r"(?:\s+(?:pls|please|plz))?[\s?!.]*$",
    re.I,
)
# Scores: the explicit interpreters keep the order in which their phrasing is unmistakable;
# cue-based readings sit below them and above the fallbacks.
_EXPLICIT = 60
_TASK_LINE = 40  # a bare task line: "pick up paint samples on friday"
_ABOVE_LIST = 82  # a question about one task outranks any list of what is due or open


def _candidates(turn: Turn, cues: Cues) -> Iterator[Candidate]:
    text = turn.text
    if _LONE_COMMAND.match(text):
        yield Candidate(100, _which_task())
    bulk = plan_bulk(turn)
    if bulk is not None:
        yield Candidate(97, bulk)
    several = plan_several(text, turn.now)
    if several is not None:
        yield Candidate(93, several)
    if LABEL_PREFIX.match(text):
        labelled = add_request(text)  # "note to self: …", "todo: …"
        if labelled is not None:
            yield Candidate(92, plan_add(labelled, turn.now))
    listing = is_list_request(text, clear_only=True)
    special = plan_field_edit(turn)
    # ("…needn't repeat any more. I'd like to keep it on the list": a change, not an addition)
    changed = special is not None and special.kind == "tools"
    on_list = None if listing or changed else list_addition(text)
    if on_list is not None:
        yield Candidate(95, plan_add(on_list, turn.now))
    if special is not None:
        yield Candidate(90, special)
    reminder = _reminder_update(turn)
    if reminder is not None:
        yield Candidate(85, reminder)
    if listing:
        yield Candidate(80, plan_list(text, turn.now, known_tags(turn.tasks)))
    said = [word for word in cues.words if word not in HESITATIONS]  # "hmm tomorrow"
    bare_day = is_bare_day(text) and is_bare_day(" ".join(said))
    if bare_day and not cues.question:  # "tomorrow?", "tmrw pls": asked for that day
        yield Candidate(_ABOVE_LIST, Plan.clarify(_WHICH_DAY.format(day=text)))
    # "is the phone bill due this week?", "did I pay rent?": asked about, never changed.
    changes = not cues.inquiry
    # ("#travel incl done" asks for done tasks too; it marks nothing done)
    command = _command(turn) if changes and not includes_done(text) else None
    if command is not None:
        yield Candidate(75, command)
    moved = plan_shift(turn)
    if moved is not None:
        yield Candidate(88, moved)
    update = plan_general_update(turn) if changes else None
    if update is not None:
        yield Candidate(70, update)
    if is_list_request(text) or _SCHEDULE_ASKED.match(text):
        yield Candidate(65, plan_list(text, turn.now, known_tags(turn.tasks)))
    request = add_request(text)
    named = _MAKE_QUOTED.match(text)
    if named is not None and resolve(named["title"], turn.tasks).exact:
        request = None  # "make 'check RSVPs' weekly on mondays": that task, not a new one
    called_off = _CALLED_OFF_EVENT.match(text)
    if called_off is not None:
        # "cancel the vet appointment": the one on the list; "cancel the appointment": which?
        # (not "cancel my gym membership", a thing to do)
        yield Candidate(_TASK_LINE + 3, plan_target("delete_task", called_off["ref"], turn.tasks))
    word = text.strip(" .!?").lower()
    if " " not in word and resolve(word, turn.tasks).status in ("found", "ambiguous"):
        # "wedding" beside "Choose wedding rings": a word of a task, said without what to do
        yield Candidate(_TASK_LINE + 5, Plan.clarify(_LONE_WORD.format(word=word)))
    if request is not None:
        added = plan_add(request, turn.now)
        laughs_last = bool(cues.words) and re.fullmatch(LAUGH_RE, cues.words[-1]) is not None
        sighed = laughs_last and not ASKS_TO_ADD.search(text)
        title = str(added.calls[0].args.get("title", "")) if added.calls else ""
        if sighed and _title_only(added) and not _ERRAND.match(title):
            # "i really need to get better at saying no to people lol": a sigh, maybe a task
            yield Candidate(_TASK_LINE + 2, Plan.clarify(f"Should I add '{title}' as a task?"))
        else:
            yield Candidate(_EXPLICIT, added)
    finished = _finished(turn) if changes else None
    if finished is not None and finished.kind == "clarify" and _told_news(text, cues, turn.tasks):
        finished = Plan.answer(DONE_ALREADY_REPLY)  # "just picked my first tomatoes!": news
    # "got anything for friday?": a question is no report of work done.
    if finished is not None and not (cues.question and finished.kind == "clarify"):
        yield Candidate(55, finished)
    yield from _cue_readings(turn, cues)


def _cue_readings(turn: Turn, cues: Cues) -> Iterator[Candidate]:
    """Readings of a message without a command word, weighed by what it looks like."""
    text = turn.text
    if not cues.inquiry:
        done = plan_done_state(turn)
        if done is not None and done.kind != "tools" and _told_news(text, cues, turn.tasks):
            # "just harvested my first zucchini of the season!": news, not a task to find
            done = Plan.answer(DONE_ALREADY_REPLY)
        if done is not None:
            # Above a past-tense reading that found no task: "birdseed, I got it" names one.
            yield Candidate(56 if done.kind == "tools" else 54, done)
        edit = plan_statement_edit(turn) or plan_restated_edit(turn)
        if edit is None and not cues.asks:
            edit = plan_fragment_edit(turn)  # "cards tmrw?" asks; it changes nothing
        if edit is not None:
            yield Candidate(STATED, edit)
        told = plan_told_move(turn)
        if told is not None:
            yield Candidate(41, told)  # above a task line, below every plainer reading
    tag_asked = (cues.question or _MY_THINGS.match(text)) and (
        names_known_tag(text, known_tags(turn.tasks)) or names_a_label(text)
    )
    if is_list_phrase(text) or tag_asked:
        yield Candidate(52, plan_list(text, turn.now, known_tags(turn.tasks)))
    else:
        bare = plan_bare_list(text, turn.now, known_tags(turn.tasks))
        if bare is not None:
            yield Candidate(52, bare)
    if _VAGUE_EDIT.match(text) or _VAGUE_ASK.match(text):
        yield Candidate(51, _which_task())
    if cues.chatter:
        yield Candidate(50, Plan.answer(ACK_REPLY))
    searched = looked_up(text)
    if searched is not None:
        yield Candidate(_ABOVE_LIST, plan_lookup(*searched))
    asked_about = task_question(text) if cues.inquiry else None
    asked_of = resolve(asked_about, turn.tasks) if asked_about else None
    if asked_about and asked_of and asked_of.found:
        # "when is the MOT due": about that task, not a list of what is due
        yield Candidate(_ABOVE_LIST if asked_of.exact else 48, plan_lookup(asked_about))
    elif asked_about and asked_of and asked_of.status == "not_found" and _OF_ONES_OWN.search(text):
        # "what time is Lily's recital again?": none on the list is called that (a question
        # of the world, "when is thanksgiving", is answered as small talk)
        yield Candidate(46, Plan.clarify(_NOT_ON_THE_LIST.format(what=asked_about)))
    if cues.question:
        yield Candidate(45, Plan.answer(UNKNOWN_REPLY))
    if _REPORTED_SPEECH.match(text) and resolve(text, turn.tasks).status == "not_found":
        # "lol ceo just asked if the cloud is kept in the basement": a story, not a task
        yield Candidate(_TASK_LINE + 1, Plan.answer(MOOD_REPLY))
    labelled_done = _LABEL_DONE.match(text)
    if labelled_done is not None:  # "Regrip irons: done. Pro shop had them back by 1600."
        said = f"{labelled_done['ref']} is done"
        yield Candidate(57, _best(Turn(said, turn.now, turn.tasks, False), read_cues(said)).plan)
    plain = plan_bare_line(plain_request(text), turn.now)
    # "kids r being so loud today lol": a remark that ends in a laugh, whatever day it names
    laughs = bool(cues.words) and re.fullmatch(LAUGH_RE, cues.words[-1]) is not None
    # "4th night in a row im so knackered lol", "this week has been a dumpster fire"
    mood = bool(
        _BEEN_REMARK.match(text) or _ENDS_FEELING.search(text) or _ABOUT_TO_SNAP.search(text)
    )
    habit = bool(_HABIT_REMARK.match(text)) and not (cues.words and cues.words[0] in TASK_VERBS)
    # "9B were absolute animals today": how something was, whatever day it names
    told_past = bool(_REMARK.match(text)) and _PAST_COPULA.match(text) is not None
    remark = (
        mood
        or told_past
        or ((bool(_REMARK.match(text)) or habit) and (_title_only(plain) or laughs))
    )
    # "the oven is clean" reports on a task (asked about below); "my boss is annoying" is talk.
    talk = mood or (remark and not (cues.edit_like or cues.reports_done))
    if talk and resolve(text, turn.tasks).status == "not_found":
        # "the weather is lovely": chatter
        yield Candidate(35, Plan.answer(MOOD_REPLY if mood else UNKNOWN_REPLY))
    elif (mood or told_past) and not _asks(text, cues):
        # "if one more person microwaves fish in the staff room im quitting": a feeling,
        # whatever task shares its words
        yield Candidate(_TASK_LINE + 2, Plan.answer(MOOD_REPLY))
    task_like = (
        not (cues.statement or cues.question or cues.chatter or cues.reports_done or cues.edit_like)
        and not remark
    )
    if _SAYS_GOODNIGHT.search(text) and not ASKS_TO_ADD.search(text):
        # "anyway goodnight, tomorrow me can deal with it"
        yield Candidate(_TASK_LINE + 1, Plan.answer(GOODNIGHT_REPLY))
    if _told_as_done(cues) and resolve(text, turn.tasks).status == "not_found":
        # "Shot an 82 today. Best round since Fort Benning.": what the user did, no task
        yield Candidate(_TASK_LINE + 1, Plan.answer(DONE_ALREADY_REPLY))
    elif (
        _TOLD_OF_OTHERS.match(text)
        and not (_asks(text, cues) or cues.edit_like)
        and _past_verb_early(text)
    ):
        # "some guy just left a 1 star review because …", "this supplier sent me wilted lettuce
        # for the THIRD time": what someone did (a move or a change it tells is read above)
        yield Candidate(_TASK_LINE + 1, Plan.answer(MOOD_REPLY))
    elif _TOLD_OF_MINE.match(text) and not _asks(text, cues):
        # "my squat went up to 225 today, new PR!!!", "ive been practicing guitar every day
        # for 6 weeks now": how something of the user's went (a change of a task it names
        # is read above this)
        yield Candidate(_TASK_LINE + 2, Plan.answer(MOOD_REPLY))
    if plain is None:  # only dates or filler: nothing to file
        # "tomorrow at 3": when, but not what; said of nothing else, it is asked about
        # ("every other friday": how often, but not what)
        said_when = bool(_A_MOMENT.search(text)) or take_recurrence(Scratch(text)) is not None
        when_only = said_when and only_attributes(text)
        yield Candidate(40, Plan.clarify(_WHAT_THEN) if when_only else Plan.answer(UNKNOWN_REPLY))
    else:
        yield Candidate(_TASK_LINE if task_like else 10, plain)
        line = str(plain.calls[0].args.get("title", "")) if adds(plain) else text
        named = _named_strongly(text, line, turn.tasks)
        opens_as_order = bool(cues.words) and cues.words[0] in TASK_VERBS  # "call mom, high"
        # ("Dr. Patel appointment … tomorrow at 10:30am" beside "Fax forms to Dr. Patel": a
        # new event with its day, not word of that task)
        new_event = named is not None and _new_event(line, named, plain)
        if named is not None and not (task_like and opens_as_order) and not new_event:
            # "Liam's hockey pickup moves to 1800 going forward": said of a task on the list
            yield Candidate(_TASK_LINE + 1, Plan.clarify(_ABOUT_A_TASK.format(named.title)))
    yield Candidate(
        30,
        Plan.clarify(
            f"I'm not sure what to do with '{text[:80]}'. Should I add it as a task? "
            f"Say 'add {text[:80]}' and I will."
        ),
    )


# "milk is expensive", "haircut was great", "landlord said no": a remark about something,
# no task, unless it gives the thing a day, a time or a priority ("party is at 8 on sat").
_REMARK = re.compile(
    r"^(?:(?!(?:that|which|who|what|where|when|if|whatever)\b)[\w'-]+\s+){1,4}?"
    r"(?:is|are|was|were|looks?|looked|seems?|seemed|sounds?|sounded|feels?|"
    # ("the new place has a dishwasher finally"; not "the report has to be done")
    r"felt|said|says|tastes?|(?:has|have)(?!\s+(?:to|got|been)\b))\s+\S",
    re.I,
)
_PAST_COPULA = re.compile(
    r"^(?:[\w'-]+\s+){1,3}?(?:was|were)\s+(?:so\s+|such\s+|really\s+|absolute|absolutely|a\s+|an\s+|"
    r"total|totally|complete|great|awful|amazing|terrible|lovely|fun|brutal|wild|nuts|crazy|horrible|"
    r"fantastic|brilliant|rubbish|a\s+nightmare)",
    re.I,
)
# "clients never pay on time": what someone always does, not a thing to do ("call mom she
# never answers" opens with the thing to do).
_HABIT_REMARK = re.compile(
    r"^(?:(?!(?:to|and|or|please|pls|i|we)\b)[\w'-]+\s+){1,3}?(?:never|always|constantly|keep)\s+[a-z]",
    re.I,
)


_ENDS_FEELING = re.compile(
    # ("… by the 12th or im dead": what happens if it is not done, no feeling now)
    r"(?:(?<!\bor\s)\b(?:i'?m|im|i\s+am|i\s+feel|feeling)\s+|(?:^|(?<=[.!?])\s+)(?:it'?s\s+|its\s+|this\s+is\s+|"
    r"that'?s\s+)?(?=so\s|soo+\s|really\s|super\s))(?:so\s+|soo+\s+|really\s+|totally\s+|absolutely\s+|completely\s+|"
    rf"super\s+|proper\s+)*{words_re(FEELINGS)}\b[\s!.]*(?:(?:lol|haha+|fr|ugh+|tbh)\b[\s!.]*)*$",
    re.I,
)
# "if one more person asks me to bring snacks im going to scream": at the end of one's tether;
# "sharing one fridge between 4 people is chaos".
_ABOUT_TO_SNAP = re.compile(
    r"(?:\b(?:i'?m|im|i\s+am)\s+(?:literally\s+)?(?:(?:going\s+to|gonna|about\s+to)\s+(?:scream|cry|lose\s+it|"
    r"lose\s+my\s+mind|explode|snap|die|quit)|quitting|screaming|losing\s+it)|"
    r"\bwhat\s+could\s+(?:possibly\s+)?go\s+wrong|\b(?:is|are)\s+(?:such\s+|pure\s+|total\s+|absolute\s+)?"
    r"(?:chaos|a\s+nightmare|a\s+mess|madness|a\s+joke|hell))\b[\s!.]*(?:(?:lol|haha+|fr|ugh+)\b[\s!.]*)*$",
    re.I,
)
# "this week has been a dumpster fire": how something went, whatever day it names.
_BEEN_REMARK = re.compile(
    r"^(?:[\w'-]+\s+){0,4}?(?:\w+'s|has|have|had)\s+been\s+(?:a|an|so|such|really|very|super|"
    r"pretty|absolutely|totally|the|crazy|insane|rough|hard|hell|nuts|wild|brutal|awful|"
    r"terrible|exhausting|chaos|chaotic|long|great|amazing|lovely|fun)\b",
    re.I,
)


_ABOUT_A_TASK = (
    "Is that about '{}'? Tell me what to change (a day, a time, done), "
    "or say 'add …' for a new task."
)


_TRAILS_OFF = re.compile(r"^\s*(?:[\w'#-]+\s+){0,2}[\w'#-]+\s*(?:\.{3,}|\u2026)\s*$")
_REPORTED_SPEECH = re.compile(
    r"^(?:(?:lol|haha+|omg|so|ok)\s+)*(?:(?:my\s+|the\s+|our\s+)?[\w'-]+\s+(?:just\s+)?(?:asked|said|told|"
    r"texted|emailed|called|announced)\s+(?:me\s+|us\s+)?(?:if|that|whether|how|why|what)\b|"
    r"i\s+(?:just\s+)?(?:realised|realized|noticed|found\s+out|learned|learnt)\b)",
    re.I,
)
_SAYS_GOODNIGHT = re.compile(r"\b(?:good\s*night|nighty?\s*night|g'?night|bye\s+for\s+now)\b", re.I)
GOODNIGHT_REPLY = "Good night! Your tasks will be here tomorrow."
_LABEL_DONE = re.compile(
    r"^(?P<ref>[^:.!?]{2,60}):\s*(?:done|finished|completed?|sorted|handled|taken\s+care\s+of)\b",
    re.I,
)
DONE_ALREADY_REPLY = "Nice! That isn't on your list, so there is nothing to tick off."


def _told_as_done(cues: Cues) -> bool:
    """The message opens with a verb in the past: "shot an 82 today", "picked up the keys"."""
    words = list(cues.words)
    while words[:1] in (["i"], ["we"], ["just"], ["finally"]):
        words = words[1:]  # "we just got back from portugal"
    first = words[0] if words else ""
    # ("put", "set", "read" are orders too)
    return is_past_form(first) and IRREGULAR_PAST.get(first, "") != first


# What the user's own things did, or what the user has kept doing: told, not asked.
_TOLD_OF_MINE = re.compile(
    r"^(?:(?:my|our)\s+(?:[\w'-]+\s+){1,2}?(?:just\s+|finally\s+)?(?:went|got|came|grew|hit|"
    r"reached|turned|bloomed|sprouted|survived|died|broke|passed|arrived|started|stopped)\b|"
    r"(?:i'?ve|ive|i\s+have|we'?ve|we\s+have)\s+(?:now\s+|finally\s+)?been\s+"
    r"(?!(?:meaning|wanting|trying|needing|putting|thinking|planning|hoping|asked|told)\b)"
    r"[a-z]+ing\b.*\b(?:for\s+(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?)|since|now|lol|"
    r"haha+|lmao)\b)",
    re.I,
)


_TOLD_OF_OTHERS = re.compile(
    r"^(?:some|a|this|that|the|our|my)\s+(?:[\w'-]+\s+){0,2}?(?:just\s+|finally\s+|again\s+)?[a-z]+(?:ed|t)\b",
    re.I,
)


def _past_verb_early(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())[1:5]
    return any(is_past_form(word) and word not in ("need", "used") for word in words)


def _asks(text: str, cues: Cues) -> bool:
    return cues.asks or cues.question or ASKS_TO_ADD.search(text) is not None


def _told_news(text: str, cues: Cues, tasks: Sequence[TaskRef]) -> bool:
    """News of the user's day that names no task, does no task's verb ("I called the
    plumber" beside "Call the dentist" may mean it) and asks nothing."""
    verbs = {title.split()[0].lower() for title in (task.title for task in tasks) if title.split()}
    does_a_task = any(
        word.startswith(verb) for word in cues.words[:3] for verb in verbs if len(verb) > 2
    )
    return not (_asks(text, cues) or does_a_task) and resolve(text, tasks).status == "not_found"


def _new_event(line: str, named: TaskRef, plain: Plan) -> bool:
    args = plain.calls[0].args if adds(plain) else {}
    events = set(re.findall(r"[a-z-]+", line.lower())) & EVENT_NOUNS
    theirs = set(re.findall(r"[a-z-]+", named.title.lower()))
    return bool(args.get("due")) and bool(events) and not events & theirs


def _named_strongly(text: str, line: str, tasks: Sequence[TaskRef]) -> TaskRef | None:
    """The one task the message names with two or more of its words, or all of them, when
    it says more of it than its dates (``line``: the message read as a new task's title)."""
    found = resolve(text, tasks)
    if not found.found or found.by_id:
        return None
    task = next(task for task in tasks if task.id == found.ids[0])
    title, said = content_words(task.title), content_words(line)
    shared = said & title
    if said <= title:
        return None  # "yoga class tomorrow": the task itself, once more
    return task if len(shared) >= 2 or shared == title else None


def _title_only(plan: Plan | None) -> bool:
    return plan is not None and all(set(call.args) <= {"title"} for call in plan.calls)


# "my errands", "all my bills": a list of the user's own, by one of their tags.
_MY_THINGS = re.compile(
    r"^(?:(?:all\s+)?(?:of\s+)?my|the)\s+\S+(?:\s+(?:tasks|stuff|things|todos|items|list))?$", re.I
)


def known_tags(tasks: Sequence[TaskRef]) -> set[str]:
    return {tag.lower() for task in tasks for tag in task.tags}


_CALLED_OFF_EVENT = re.compile(
    r"^(?:cancel|call\s+off|scrap|scratch)\s+(?P<ref>(?:the|my|that|this|our)\s+(?:\w+\s+)?"
    rf"{words_re(BOOKED_EVENTS)}s?\b.*)$",
    re.I,
)


def _which_task() -> Plan:
    return Plan.clarify("Which task do you mean? You can say its number, e.g. 'task 3'.")


# "the dentist appointment needs a reminder the day before"
_NEEDS_REMINDER = re.compile(
    r"^(?P<ref>.+?)\s+(?:needs|should\s+have|gets|could\s+use)\s+(?:a\s+)?reminder\s+(?P<when>.+)$",
    re.I,
)


# "Add a reminder to the Sophie call: 0900 Sunday", "set a reminder on task 4 for friday 9am"
_REMINDER_ON_A_TASK = re.compile(
    r"^(?:add|set|put|attach|give)\s+(?:a\s+|the\s+)?reminder\s+(?:to|on|for)\s+(?P<ref>.+?)\s*"
    r"(?::\s*|\s+(?=(?:at|on|for|tomorrow|today|tonight|next|this|the\s+day|\d)\b))(?P<when>.+)$",
    re.I,
)
# "dentist reminder 1 hour before", "cards: reminder tomorrow 9am"
_REMINDER_NOUN = re.compile(
    r"^(?P<ref>[^,:;]+?)\s*[,:;-]?\s+(?:a\s+|the\s+)?reminder\s+(?P<when>.+)$", re.I
)


# "food safety cert renewal: remind me monday 9am", "for the CPR course remind me the day
# before at 8 pm": a task named, then when to be reminded of it.
_NAMED_THEN_REMIND = re.compile(
    r"^(?:for|about|re)?\s*(?P<ref>[^,:;]+?)\s*(?:[,:;-]\s*|\s+)(?:(?:would|could|can|will)\s+(?:you|u)\s+)?"
    r"(?:please\s+|pls\s+)?(?:remind\s+(?:me|us)|set\s+(?:a\s+)?reminder|ping\s+me)\s+(?P<when>.+)$",
    re.I,
)


def _reminder_update(turn: Turn) -> Plan | None:
    for pattern in (_REMINDER_ON_A_TASK, _NEEDS_REMINDER, _REMINDER_NOUN, _NAMED_THEN_REMIND):
        needs = pattern.match(turn.text)
        if needs:
            return plan_reminder_update(turn, f"{needs['ref']} {needs['when']}")
    reminder = REMIND_PREFIX.match(turn.text)
    if not reminder:
        return None
    body = turn.text[reminder.end() :]
    connective = (reminder["conn"] or "").strip().lower()
    # "remind me about the dentist appointment …" may mean an existing task; "remind me to
    # call mom" is a new one unless a task number is given ("add a reminder to task 3 …").
    # ("remind me 1 hour before the parent-teacher meeting" names one too)
    if (
        connective in ("about", "for", "of", "on")
        or explicit_ids(body)
        or _before_a_task(body, turn.tasks)
    ):
        return plan_reminder_update(turn, body)
    return None


_BEFORE_THE_TASK = re.compile(r"\bbefore\s+(?:(?P<the>the|my|our)\s+)?(?P<ref>[a-z].*)$", re.I)


def _before_a_task(body: str, tasks: Sequence[TaskRef]) -> bool:
    """ "… before the parent-teacher meeting", "… before yoga" beside "Yoga class"."""
    before = _BEFORE_THE_TASK.search(body)
    if before is None:
        return False
    if before["the"]:
        return True
    named = resolve(before["ref"], tasks)
    return named.found and named.exact and len(named.ids) == 1


_LEADING_ID = re.compile(
    r"^(?:task\s+|number\s+|no\.?\s*|#)?\d{1,9}(?=(?:\s+|\s*[-,;:]\s*)[a-z])", re.I
)


def _narrowed(command: Command, turn: Turn) -> tuple[Command, Resolution]:
    """The command aimed at the task its words name, without the reason said after it
    ("cancel the interview, he took another job", "reopen 38 pls i wasn't done") or the
    task's own day ("cancel physio tmrw" beside a physio task due tomorrow)."""
    resolution = resolve(command.ref, turn.tasks, verb_first=True)
    by_number = _LEADING_ID.match(command.ref)
    head = by_number.group(0) if by_number else re.split(r"[,.;!?]\s", command.ref, maxsplit=1)[0]
    if not (resolution.found and resolution.exact) and head != command.ref:
        first = resolve(head, turn.tasks, verb_first=True)
        if first.found and (first.exact or not resolution.found):
            command, resolution = replace(command, ref=head), first
    undated = _without_its_day(command.ref, turn)
    if undated is not None:
        command, resolution = replace(command, ref=undated), resolve(undated, turn.tasks)
    if command.tool == "complete_task" and resolution.status == "not_found":
        opening = _opening_naming_a_task(command.ref, turn.tasks)
        if opening is not None:
            command, resolution = replace(command, ref=opening[0]), opening[1]
    return command, resolution


def _opening_naming_a_task(ref: str, tasks: Sequence[TaskRef]) -> tuple[str, Resolution] | None:
    """ "electrician called back and it's all sorted" (said done): the opening words that
    name exactly one task by more than its verb, and the story of it after them."""
    words = ref.split()
    for count in range(len(words) - 1, 1, -1):
        opening = " ".join(words[:count])
        found = resolve(opening, tasks, verb_first=True)
        if not (found.found and found.exact and len(found.ids) == 1):
            continue
        beyond_verb = set(ordered_content_words(title_of(found.ids[0], tasks))[1:])
        if content_words(opening) & beyond_verb:  # ("calling the" names no "Call mom")
            return opening, found
    return None


_OTHER_NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+\b")


def _names_someone_else(ref: str, resolution: Resolution, turn: Turn) -> bool:
    """Whether the reference names a person or place (a capitalised word) that the task it
    matched does not have: then the match is only on the common words."""
    title = title_of(resolution.ids[0], turn.tasks).lower()
    return any(name.lower() not in title for name in _OTHER_NAME.findall(ref))


def _command(turn: Turn) -> Plan | None:
    command = match_command(turn.text)
    if command is None:
        return None
    command, resolution = _narrowed(command, turn)
    # "cancel the gym membership by the end of the month" is new work, not "Gym session":
    # a verb that also begins new tasks needs every word said to be in the title.
    weak = not resolution.exact or _names_a_day(command.ref, turn.now)
    partial = resolution.found and not resolution.by_id and not resolution.exact
    if partial and _names_someone_else(command.ref, resolution, turn):
        # "cancel the Johnson tasting" beside "Nguyen cake tasting": which one?
        return ask_back(replace(resolution, status="not_found"), command.tool)
    if command.soft and resolution.found and not resolution.by_id and weak:
        return None
    if resolution.found:
        tool = "complete_task" if _did_its_own_verb(command, resolution, turn) else command.tool
        return plan_target(tool, command.ref, turn.tasks)
    several = _each_named(command.ref, turn.tasks)
    if several:
        calls = [ToolCall(command.tool, {"task_id": task_id}) for task_id in several]
        return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))
    if command.soft and resolution.status == "not_found":
        return None
    if not _names_a_day(command.ref, turn.now) or names_a_task(command.ref):
        return ask_back(resolution, command.tool)  # "delete the one from yesterday"
    return None


_SOFT_DELETE_STEMS = frozenset(stem(verb) for verb in SOFT_DELETE_VERBS)


def _did_its_own_verb(command: Command, resolution: Resolution, turn: Turn) -> bool:
    """ "cancelled the gym membership" beside "Cancel gym membership", "dropped off the
    parcel" beside "Drop off parcel": the task's own verb said as done is no deletion."""
    if command.tool != "delete_task" or resolution.by_id or len(resolution.ids) != 1:
        return False
    title = title_of(resolution.ids[0], turn.tasks).split()
    verb = stem(title[0]) if title else ""
    said = re.findall(r"[a-z]+", turn.text.lower())
    return verb in _SOFT_DELETE_STEMS and any(
        is_past_form(word) and stem(word).startswith(verb) for word in said
    )


_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s&\s|\band\b|\bplus\b)\s*", re.I)


def _each_named(phrase: str, tasks: Sequence[TaskRef]) -> list[int]:
    """ "milk and rent": one task for each part, or nothing when any part is unclear."""
    parts = [part for part in _LIST_SPLIT.split(phrase) if part.strip()]
    if len(parts) < 2:
        return []
    ids: list[int] = []
    for part in parts:
        resolution = resolve(part, tasks, verb_first=True)
        if not resolution.found or len(resolution.ids) != 1:
            return []
        ids.extend(i for i in resolution.ids if i not in ids)
    return ids if len(ids) == len(parts) else []


def _finished(turn: Turn) -> Plan | None:
    finished = past_statement(turn.text)
    if finished is None or _ahead(finished, turn.now):
        return None
    # "I called the plumber" must not tick off "Call mom": the object has to match.
    named = resolve(finished.rest, turn.tasks)
    resolution = resolve(finished.phrase, turn.tasks, verb_first=True)
    if is_home_again(finished) and not (named.found or resolution.found):
        return None
    if named.status != "not_found" and resolution.found and not resolution.by_id:
        return plan_target("complete_task", finished.phrase, turn.tasks)
    several = _each_named(finished.phrase, turn.tasks)
    if len(several) > 1:  # "called mom and dad"
        calls = [ToolCall("complete_task", {"task_id": task_id}) for task_id in several]
        return Plan.tools(*calls, reply=" ".join(plan_summary(c) for c in calls))
    if resolution.status == "ambiguous":
        return ask_back(resolution, "complete_task")
    if _ALL_OF_IT.match(finished.rest):
        # "wrapped everything!!": the one task that the verb itself starts.
        own = [t.id for t in turn.tasks if _opens_with_verb(t.title, finished.verb)]
        if len(own) == 1:
            call = ToolCall("complete_task", {"task_id": own[0]})
            return Plan.tools(call, reply=plan_summary(call))
    return Plan.clarify(
        "I couldn't find an open task for that. Which task did you finish? "
        "You can say e.g. 'mark task 3 as done'."
    )


_ALL_OF_IT = re.compile(
    r"^(?:everything|it\s+all|them\s+all|all\s+of\s+(?:it|them)|the\s+lot|all)\b[\s!.]*$", re.I
)


def _opens_with_verb(title: str, verb: str) -> bool:
    first = re.findall(r"[a-z']+", title.lower())[:1]
    return bool(first) and stem(first[0]) == stem(verb)


def _ahead(finished: PastStatement, now: datetime) -> bool:
    """ "read 20 pages every night", "got a lunch friday at noon", "put out the bins
    tonight": work still to come, so no report of work done."""
    phrase = finished.rest
    if take_recurrence(Scratch(phrase)) is not None:
        return True
    hit = find_day(phrase, now.date())
    if hit is not None and hit.day > now.date():
        return True
    verb = finished.verb.lower()
    same_as_present = IRREGULAR_PAST.get(verb) == verb  # "put", "set", "read"
    return same_as_present and (find_clock(phrase) is not None or hit is not None)


def _without_its_day(phrase: str, turn: Turn) -> str | None:
    """ "physio tomorrow" beside a physio task due tomorrow → "physio": the day said is the
    task's own, so it tells which task; None otherwise."""
    hit = find_day(phrase, turn.now.date())
    if hit is None:
        return None
    rest = f"{phrase[: hit.start]} {phrase[hit.end :]}".strip()
    resolution = resolve(rest, turn.tasks)
    dues = [task.due for task in turn.tasks if task.id in resolution.ids and task.due]
    on_it = resolution.found and len(dues) == 1 and dues[0][:10] == hit.day.isoformat()
    return rest if on_it else None


def _names_a_day(phrase: str, now: datetime) -> bool:
    """ "finish the report by friday" describes new work, not a task to tick off (a day
    already past does not: "delete the one from yesterday")."""
    hit = find_day(phrase, now.date())
    if hit is not None:
        return hit.day >= now.date()
    return find_clock(phrase) is not None
