"""Words the rules engine knows: weekdays, months, numbers and ordinals, as data and regex parts."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


def word_pairs(text: str) -> dict[str, str]:
    """ "bought:buy paid:pay" → {"bought": "buy", "paid": "pay"}."""
    return dict(pair.split(":", 1) for pair in text.split())


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "weds": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Days in each month of a leap year: the most a month can ever hold.
MAX_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "couple of": 2,
    "a couple": 2,
    "a couple of": 2,
    "three": 3,
    "few": 3,
    "a few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-five": 25,
    "twenty five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "forty five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}

_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
ORDINAL_WORDS: dict[str, int] = {
    **_ORDINAL_UNITS,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
for _word, _value in _ORDINAL_UNITS.items():
    ORDINAL_WORDS[f"twenty-{_word}"] = 20 + _value
    ORDINAL_WORDS[f"twenty {_word}"] = 20 + _value
ORDINAL_WORDS["thirty-first"] = 31
ORDINAL_WORDS["thirty first"] = 31


def _alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """Longest first, so that "thursday" wins over "thu"."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def words_re(words: frozenset[str] | tuple[str, ...]) -> str:
    """A regex group matching any of the words (longest first; spaces match any spacing)."""
    return f"(?:{_alternation(tuple(words))})"


# Holidays on a fixed day of the year: (month, day).
HOLIDAYS = {
    "christmas eve": (12, 24),
    "xmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "xmas": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "nye": (12, 31),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "new year's": (1, 1),
    "new year": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
    "valentine's": (2, 14),
    "valentines": (2, 14),
    "independence day": (7, 4),
    "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17),
}


# Holidays on the nth weekday of a month (US dates): (month, weekday 0-6, nth, days after).
FLOATING_HOLIDAYS = {
    "thanksgiving": (11, 3, 4, 0),
    "thanksgiving day": (11, 3, 4, 0),
    "black friday": (11, 3, 4, 1),
    "mother's day": (5, 6, 2, 0),
    "mothers day": (5, 6, 2, 0),
    "father's day": (6, 6, 3, 0),
    "fathers day": (6, 6, 3, 0),
    "memorial day": (5, 0, -1, 0),
    "labor day": (9, 0, 1, 0),
    "labour day": (9, 0, 1, 0),
}


def holiday_day(name: str) -> tuple[int, int] | None:
    return HOLIDAYS.get(" ".join(name.lower().split()))


WEEKDAY_FULL_RE = rf"(?:{_alternation(WEEKDAY_NAMES)})"
# "buy sun cream", "sat nav", "wed dress": an abbreviation that begins a noun is no weekday
_NOT_A_DAY_NOUN = (
    r"(?!\s+(?:cream|hat|hats|screen|glasses|block|lotion|bed|burn|lounger|roof|tan|shade|dial|"
    r"nav|dress|dresses|ring|rings))"
)
WEEKDAY_RE = rf"(?:{_alternation([*WEEKDAY_NAMES, *_WEEKDAY_ABBREVIATIONS])})\.?{_NOT_A_DAY_NOUN}"
HOLIDAY_RE = rf"(?:{_alternation(tuple(HOLIDAYS))})"
FLOATING_HOLIDAY_RE = rf"(?:{_alternation(tuple(FLOATING_HOLIDAYS))})"
WEEKDAY_PLURAL_RE = rf"(?:{_alternation([n + 's' for n in WEEKDAY_NAMES])})"
# "monday and wednesday", "mon, wed & fri", "tuesdays/thursdays".
WEEKDAY_LIST_RE = (
    rf"{WEEKDAY_RE}s?(?:(?:\s*(?:,|&|/|\+|\band\b|\bor\b|\bn\b)\s*(?:and\s+)?|\s+){WEEKDAY_RE}s?)*"
)
MONTH_RE = rf"(?:{_alternation(list(MONTHS))})\.?"
NUMBER_RE = rf"(?:\d{{1,4}}|{_alternation(list(NUMBER_WORDS))})"
# An hour on the clock face, in digits or words: "half past 3", "quarter to five".
HOUR_RE = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\w-])"
# Minutes said after a spoken hour: "three thirty", "eight fifteen", "nine oh five".
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
SPOKEN_MINUTES: dict[str, int] = {}
for _index, _unit in enumerate(_UNIT_WORDS, start=1):
    SPOKEN_MINUTES[f"oh {_unit}"] = SPOKEN_MINUTES[f"o {_unit}"] = _index
for _index, _teen in enumerate(_TEEN_WORDS, start=10):
    SPOKEN_MINUTES[_teen] = _index
for _tens_index, _tens in enumerate(("twenty", "thirty", "forty", "fifty"), start=2):
    SPOKEN_MINUTES[_tens] = _tens_index * 10
    for _index, _unit in enumerate(_UNIT_WORDS, start=1):
        SPOKEN_MINUTES[f"{_tens} {_unit}"] = SPOKEN_MINUTES[f"{_tens}-{_unit}"] = (
            _tens_index * 10 + _index
        )
SPOKEN_HOURS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
SPOKEN_MINUTES_RE = rf"(?:{_alternation(list(SPOKEN_MINUTES))})"
SPOKEN_HOURS_RE = rf"(?:{_alternation(SPOKEN_HOURS)})"
ORDINAL_RE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_alternation(list(ORDINAL_WORDS))})"
ORDINAL_LIST_RE = rf"{ORDINAL_RE}(?:\s*(?:,|&|\band\b)\s*(?:and\s+)?(?:the\s+)?{ORDINAL_RE})*"
# Which week of the month: "first monday", "last friday".
NTH_RE = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final|second[- ]to[- ]last)"


def weekday_index(word: str) -> int | None:
    """0 for Monday … 6 for Sunday; accepts full names, abbreviations and plurals."""
    w = word.lower().rstrip(".")
    for index, name in enumerate(WEEKDAY_NAMES):
        if w in (name, name + "s"):
            return index
    if w in _WEEKDAY_ABBREVIATIONS:
        return _WEEKDAY_ABBREVIATIONS[w]
    if w.endswith("s") and w[:-1] in _WEEKDAY_ABBREVIATIONS:
        return _WEEKDAY_ABBREVIATIONS[w[:-1]]
    return None


def weekday_list(text: str) -> list[int]:
    """Weekday indexes named in a phrase such as "mon, wed and fri", in week order."""
    found = {weekday_index(m.group(0)) for m in re.finditer(WEEKDAY_RE + "s?", text, re.I)}
    return sorted(i for i in found if i is not None)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def number_value(word: str | None, default: int = 1) -> int:
    """ "3" → 3, "three" → 3, "a" → 1; capped so date arithmetic cannot overflow."""
    if not word:
        return default
    w = " ".join(word.lower().split())
    value = int(w) if w.isdigit() else NUMBER_WORDS.get(w, default)
    return max(0, min(value, 1000))


def ordinal_value(word: str) -> int | None:
    """ "1st" → 1, "fifteenth" → 15, "twenty-first" → 21."""
    w = " ".join(word.lower().split())
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if match:
        return int(match.group(1))
    return ORDINAL_WORDS.get(w)


def nth_value(word: str) -> int:
    """Which week of the month: "first" → 1, "last" → -1, "second to last" → -2."""
    w = word.lower().replace("-", " ")
    if "to last" in w:
        return -2
    if w in ("last", "final"):
        return -1
    value = ordinal_value(w)
    return value if value else 1


# --- words that decide what a message is about ------------------------------------------------
# The rules engine's command words: a first word one typo away from one of these is read as it.
COMMAND_WORDS = word_set(
    "add create remind show list find search delete remove complete finish reopen rename "
    "move reschedule postpone check mark update change schedule"
)
# Real words that sit one letter away from a command word and must stay as they are.
NOT_TYPOS = word_set(
    "movie moved mover movers lift lost fist mist listen lister mask marks park bark dark shop "
    "shoe show shown snow slow sow chuck cheek cheeks cheap delay delta dedicate defeat finch fine "
    "final finds found fund pound remand remains remote reopens renamed range orange charge "
    "chance chase creature cremate complex compete compute compote search searing ads and "
    "ad-hoc add-on adds odd aid dad mad had bad pad sad lad fad rad tad remix remit update "
    # Question words open questions, never a misspelt "show".
    "how who what why where which whose"
)
# What a question about the world asks after: "what's the weather like tomorrow".
WORLD_TOPIC_RE = (
    r"weather|forecast|temperature|rain|raining|snow|snowing|news|score|headlines|exchange\s+rate|"
    r"stock\s+price|recipe|population|capital\s+of|meaning\s+of|sunset|sunrise"
)
# A laugh: it closes a remark ("kids r being so loud today lol") or laughs a wish off.
LAUGH_RE = r"(?:lol+|lmao+|haha+|hehe|rofl)"
# A laugh or a groan that opens an aside after a request: "pay rent ugh so expensive".
ASIDE_OPENER_RE = rf"(?:{LAUGH_RE}|smh|ugh+|ngl|tbh|jk)"
# Said first or last, these take a request back: "No. Delete task 3", "add milk, wait".
TAKE_BACK_WORDS = word_set("no nope nah naw wait stop cancel nvm correction")
# How a remark about oneself or the task begins: "… lol she's dying", "… ugh so expensive".
REMARK_START_RE = (
    r"(?:i|i'?m|im|i'?ve|i'?ll|me|my|we|we'?re|you|u|she|she'?s|he|he'?s|they|they'?re|it|it'?s|"
    r"its|this|that|that'?s|so|too|very|really|just|not|no|trying|gonna|finally|again|because|"
    r"cuz|cause|bc|since|if|what|why|how|who)"
)
# Who a remark after a task is about: "…, he gets lonely", "… 😅 we're totally out".
REMARK_SUBJECT_RE = (
    r"(?:i|i'm|im|i've|ive|i'll|i'd|he|he's|she|she's|they|they're|we|we're|it's|its|there's|"
    r"that's|you)"
)
# Requests said as a gerund after "would you mind": "would you mind listing …".
REQUEST_GERUNDS = word_pairs(
    "listing:list making:make renaming:rename moving:move adding:add deleting:delete "
    "removing:remove marking:mark changing:change putting:put setting:set ticking:tick "
    "pushing:push showing:show giving:give popping:pop sticking:stick taking:take "
    "tagging:tag reminding:remind cancelling:cancel canceling:cancel reopening:reopen "
    "bumping:bump clearing:clear dropping:drop"
)
# Words that open chatter, never a task: "haha ok", "wow", "sorry, wrong chat".
CHATTER_WORDS = word_set(
    "haha hahaha hehe heh lol lmao rofl wow whoa woah omg oh ah aha ahh hmm hm mm meh yay "
    "ok okay k kk cool nice neat sweet great yes yeah yep yup no nope nah sure fine oops "
    "sorry hey hi hello yo sup bye thanks thx ty cheers welcome right alright gotcha wrong "
    "chat mistake typo ignore test testing"
)
# Questions that are not about tasks are answered, never filed: they open with one of these.
QUESTION_OPENERS = word_set(
    "what what's whats why who who's how how's when where which is are do does did can "
    "could would will should am was were"
)
# Openings that make a verbless sentence a statement about something, not a task to do.
STATEMENT_OPENERS = word_set(
    "the a an my this that these those it its it's i i'm im you your we our he she they "
    "there here his her their"
)
# Words said before the message proper ("oh also grab stamps"): not what it opens with.
INTERJECTIONS = word_set(
    "haha wow lol so oh ok okay also and hmm well um uh ah plus then hey hi hello yo please pls "
    "plz btw actually oops sorry wait but alright right"
)
# Filler said around a task that is not part of its title.
TITLE_FILLER = (
    "sometime",
    "someday",
    "eventually",
    "probably",
    "maybe",
    "kinda",
    "sorta",
    "at some point",
    "when i can",
    "when i get a chance",
    "if i can",
    "if possible",
    "at some stage",
    "sometime soon",
    "i guess",
    "i suppose",
    "soon",
    "whenever",
    "when possible",
    "no particular day",
    "any day",
    "just so it's on the list",
    "so it's on the list",
    "just so it's",
    "just so it is",
    "honestly",
    "literally",
    # how little it matters, said after the task: "low priority its not that deep"
    "it's not that deep",
    "its not that deep",
    "not that deep",
    "no big deal",
    "not a big deal",
    "no biggie",
    # when, said as where the user will be: "after my shift tmrw morning, drop off the books"
    "after my shift",
    "first thing",
    # why it is due when it is: "order contacts b4 i run out"
    "before i run out",
    "before i forget",
    # autocorrect's swear words: "file ducking insurance claim"
    "ducking",
    "freaking",
    "fricking",
    "frigging",
    "effing",
    # why, said after the task: "take vitamins daily for 30 days, doc's orders"
    "doctor's orders",
    "doc's orders",
    "docs orders",
    "after my night shift",
    # hesitations of dictated messages: "i need to uh schedule the car service"
    "um",
    "umm",
    "uh",
    "uhh",
    "uhm",
    "erm",
    "er",
)
# Lists people file tasks under by name: "add review the budget to work" tags it "work".
LIST_NAMES = word_set("work home personal school family errands shopping groceries chores")
# Verbs after which "to work" is a place to go, not a list: "drive to work".
MOTION_VERBS = word_set(
    "drive walk go bike cycle ride get back commute run head return travel bring take carry "
    "send move come fly"
)
# Marks typed after a task to say it is finished: "milk ✅".
DONE_MARKS = "✅✔☑✓👍"
# Priority written as marks: "!!!" (three or more), Todoist's "!!1".
PRIORITY_MARKS = {"!!!": "high", "!!1": "high", "!!2": "medium", "!!3": "low", "!!4": "low"}
# Words that make a bulk request destructive: asked to confirm first.
DESTRUCTIVE_VERBS = word_set(
    "delete remove erase trash discard nuke ditch purge wipe clear bin scrap drop kill toss junk"
)
# Everything / all of a kind: "everything", "all my tasks", "all #errands".
BULK_WORDS = word_set("everything all every each")
# Irregular past tenses → present: "I bought the milk" ticks off "Buy milk".
IRREGULAR_PAST = word_pairs(
    "bought:buy brought:bring paid:pay went:go gone:go made:make took:take taken:take shot:shoot "
    "sent:send wrote:write written:write ate:eat eaten:eat fed:feed met:meet ran:run "
    "gave:give given:give found:find sold:sell told:tell thought:think taught:teach "
    "caught:catch spent:spend built:build drove:drive driven:drive rode:ride swept:sweep "
    "kept:keep slept:sleep began:begin begun:begin drank:drink sang:sing swam:swim hung:hang "
    "chose:choose forgot:forget bit:bite left:leave lent:lend lost:lose heard:hear held:hold "
    "understood:understand won:win woke:wake wore:wear threw:throw thrown:throw grew:grow "
    "knew:know flew:fly drew:draw spoke:speak stood:stand sat:sit shook:shake tore:tear "
    "broke:break fixed:fix mowed:mow mown:mow rang:ring dug:dig sought:seek did:do done:do "
    "had:have said:say saw:see seen:see felt:feel"
    " got:get cut:cut put:put set:set read:read shut:shut hit:hit quit:quit"
)
# Locales that write the month before the day ("3/12" is March 12th); others write day first.
MONTH_FIRST_REGIONS = word_set("US PH FM MH PW AS GU MP UM VI CA")
# Short forms people write for words of a task title: "dentist appt" is "Dentist appointment".
# Short words written with a full stop, which ends no sentence: "call Dr. Lee", "ch. 7".
DOTTED_ABBREVIATIONS = word_set(
    "dr mr mrs ms st vs jr sr no ch pt mt ft etc approx dept prof rev gov sen rep capt sgt lt col"
)
TITLE_ABBREVIATIONS = word_pairs(
    "appt:appointment appts:appointments apt:appointment mtg:meeting mtgs:meetings "
    "dr:doctor doc:doctor bday:birthday b-day:birthday mum:mom mommy:mom mama:mom ma:mom "
    "papa:dad pops:dad pres:presentation hw:homework rx:prescription insur:insurance "
    "bro:brother sis:sister gran:grandma nan:grandma convo:conversation info:information "
    "w:with pickup:pick pickups:pick pset:problem psets:problem takedown:take cleanup:clean "
    "dropoff:drop mother:mom father:dad mothers:mom fathers:dad "
    "docs:documents"
)
# Misspellings of "task" that still name the thing being added: "create taks: …".
# Words that make "evening", "night" or "morning" the name of an event: "parents evening".
EVENING_EVENTS = word_set(
    "parents parents' movie film date game games quiz poker karaoke trivia bingo pub curry pizza "
    "wine girls girls' boys boys' family open opening election fireworks"
)
# Verbs whose "in" or "on" ends the task, not a phrase: "let the gas engineer in", "hand the
# essay in", "turn the heating on".
PARTICLE_VERBS = word_set(
    "let hand fill plug log sign check clock lock pop drop send turn bring switch try"
)
# Command words that are also what a task is about: "the move is sunday now" (Help Sarah
# move), "the check is in" (Deposit the check).
COMMAND_NOUNS = word_set("move check change update note date name set drop finish deadline mark")
TASK_NOUN_TYPOS = word_set("taks tsak tassk taskk tasl tsk")
# Verbs that remove a task outright, besides the common "delete" / "remove".
DELETE_SLANG = word_set("nix scrub strike")
# How strongly a feeling is said: "so tired", "really annoying".
# A message of only these asks for something without saying what: "pls".
PLEASE_WORDS = word_set("please pls plz")
# A message of only these is about to say something: "um".
HESITATIONS = word_set("um umm ummm uh uhh erm er ehm emm eh so hmm hmmm hm")
# A part of the day said first without a comma names a kind of the next word: "night
# shifts", "morning run".
DAY_PARTS = word_set("morning afternoon evening night eve")
INTENSIFIERS = word_set(
    "so really very super kinda pretty too quite extremely totally such actually honestly"
)
# Words for how someone feels or finds something: said as chatter, never a task.
FEELINGS = word_set(
    "tired bored sad hungry sleepy exhausted stressed overwhelmed busy sick ill happy glad "
    "excited annoyed annoying angry mad frustrated frustrating boring stressful awful terrible "
    "horrible great amazing awesome fun funny weird cold hot lazy anxious nervous "
    "confused lost lonely grumpy cranky hectic crazy insane long rough cool nice useless "
    "helpful stupid dumb smart neat brilliant rubbish fast quick slow cute sweet kind hilarious "
    "raining snowing sunny windy freezing pouring boiling exhausting tiring draining "
    "knackered shattered wrecked fried drained dead burnt burned drowning dying swamped slammed "
    "brutal behind disorganised disorganized scattered"
)
# Adjectives that say a task with the same verb is finished: "the garage is clean".
DONE_ADJECTIVES = word_pairs(
    "clean:clean tidy:tidy empty:empty clear:clear dry:dry ready:prepare prepared:prepare"
)
# Words that mark a message as a correction of something already said: "… on wednesday instead".
CORRECTION_MARKERS = word_set("instead actually rather")
# Misspellings and chat shorthand of words the date and repeat rules read, fixed before any
# reading: "wendesday 2pm", "tomorow", "b4 thursday", "evry monday".
SPELLING_FIXES = word_pairs(
    "wendesday:wednesday wednsday:wednesday wensday:wednesday wedensday:wednesday "
    "wednesdy:wednesday wedsday:wednesday tuseday:tuesday tusday:tuesday teusday:tuesday "
    "tuesdy:tuesday thrusday:thursday thursady:thursday thurday:thursday thusday:thursday "
    "firday:friday fridy:friday fryday:friday saterday:saturday saturady:saturday "
    "satuday:saturday sunady:sunday sundy:sunday mondy:monday monady:monday "
    "tomorow:tomorrow tommorow:tomorrow tommorrow:tomorrow tomorro:tomorrow tomrrow:tomorrow "
    "tmorrow:tomorrow tomorrw:tomorrow 2morrow:tomorrow 2moro:tomorrow tomoro:tomorrow "
    "tmoro:tomorrow tmorow:tomorrow tomorow:tomorrow pleese:please plese:please pleez:please "
    "evrey:every evey:every "
    "tonite:tonight 2nite:tonight tonigth:tonight b4:before evry:every everyy:every "
    "tmrw:tomorrow tmr:tomorrow tmw:tomorrow tmrow:tomorrow 2day:today abt:about bout:about "
    "wat's:what's wats:whats wat:what teh:the cna:can cn:can lsit:list lsits:lists "
    "wk:week wks:weeks mins:minutes hrs:hours wknd:weekend wkend:weekend wknds:weekends "
    "wkends:weekends wkday:weekday wkdays:weekdays nxt:next morn:morning arvo:afternoon "
    "aftn:afternoon wats:what's wuts:what's hows:how's whens:when's wheres:where's "
    "rmd:remind rmnd:remind remnd:remind mornin:morning evenin:evening nite:night "
    "2mrw:tomorrow tmro:tomorrow wkly:weekly mthly:monthly "
    "mnthly:monthly yrly:yearly untill:until tomrw:tomorrow tmrrw:tomorrow 2morow:tomorrow "
    "febuary:february feburary:february janurary:january decemeber:december novemeber:november "
    "tonigt:tonight anythign:anything anyting:anything anythin:anything somethign:something "
    "everythign:everything evrything:everything everyting:everything whenevr:whenever "
    "priorty:priority prioirty:priority priortiy:priority prority:priority mv:move yeet:delete "
    "un-done:undo sched:schedule remeber:remember rember:remember remmber:remember "
    "rembember:remember dun:done shld:should shud:should totaly:totally realy:really "
    "frm:from r:are remnid:remind reimnd:remind tday:today"
    # contractions typed without the apostrophe
    " ive:i've im:i'm arent:aren't isnt:isn't wasnt:wasn't werent:weren't havent:haven't "
    "hasnt:hasn't didnt:didn't dont:don't doesnt:doesn't shouldnt:shouldn't couldnt:couldn't "
    "wouldnt:wouldn't thats:that's whats:what's whatve:what've theres:there's youre:you're "
    "theyre:they're weve:we've wat:what wut:what gud:good gd:good"
)
# Words that take back a day just said and name another: "by wed, no, make it thurs".
DAY_CORRECTIONS = (
    "wait",
    "no",
    "nope",
    "nah",
    "actually",
    "sorry",
    "oops",
    "i mean",
    "i meant",
    "or rather",
    "rather",
    "make it",
    "make that",
    "change it to",
    "scratch that",
)
# What opens a detail said again in place of one just given: "6pm... actually make it 7".
TAKE_BACK_LEADS = (
    "no wait",
    "wait no",
    "no actually",
    "actually no",
    "actually",
    "scratch that",
    "or rather",
    "i mean",
    "or was it",
)
# "ev mon", Todoist's short "every": only read so before a day or a unit ("charge the ev").
EVERY_SHORTHAND = word_set("ev")
# What one books and may call off: "cancel the appointment" asks which one on the list.
BOOKED_EVENTS = word_set(
    "appointment appt meeting booking reservation session class lesson event plans date"
)
# Things one has on a day: "I have a dentist appointment on the 3rd" files it as a task.
EVENT_NOUNS = word_set(
    "appointment appt meeting mtg call interview exam test quiz class lesson lecture seminar "
    "workshop training dinner lunch breakfast brunch party date flight train session checkup "
    "check-up game match practice rehearsal presentation deadline conference webinar shift "
    "visit recital concert show event wedding funeral reservation booking review demo sync "
    "standup stand-up haircut massage tournament trip hearing consultation surgery scan "
    "vaccination jab physio therapy playdate sleepover drinks"
)
# How full a day is: "am i free on friday?", "busy tomorrow?" ask to see that day's tasks.
AVAILABILITY_WORDS = word_set("free busy available booked swamped slammed packed")
# Past tenses that report a task called off, not done: "we cancelled dinner with the Wilsons".
CALLED_OFF = word_set("cancelled canceled scrapped ditched dropped nixed scrubbed axed")
# Verbs that delete a task and also begin ordinary ones: "drop off the parcel", "cancel the
# gym membership" (with "throw away/out", which are two words).
SOFT_DELETE_VERBS = word_set("drop cancel clear bin skip wipe toss dump")
# "I keep forgetting to water the ferns": said of oneself before the thing to be done.
FORGETTING_RE = r"(?:keep\s+forgetting|always\s+forget|never\s+remember)\s+to"
# A request asked politely: "please", "can you", "could u please".
ASKED_RE = (
    r"(?:(?:please|pls|plz|kindly|just|also)\s+)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?"
)
# Words that turn a statement around: "the lawn isn't done" must never tick the lawn off.
NEGATIONS = word_set(
    "not no never isn't isnt aren't arent wasn't wasnt weren't haven't havent hasn't hasnt "
    "didn't didnt don't dont doesn't doesnt won't wont can't cant couldn't nope"
)
# Where a reason is tacked on after the request: "the lawn isn't done, it rained".
REASON_BREAKS = (",", " because ", " cause ", " cuz ", " since ", " as ", " - ", " so ")
# Words that report work as finished (or called off) when a message ends with them.
DONE_WORDS = word_set("done finished completed complete cancelled canceled over sorted")
# Title words that settle an hour said without am/pm: "dinner at 8" is at 20:00.
EVENING_WORDS = word_set(
    "dinner supper drinks party movie movies concert gig show bar pub club date nightcap "
    "bedtime theatre theater"
)
MORNING_WORDS = word_set("breakfast sunrise")
# How a past event went, said of a task that was that event: "the vet visit went fine".
WENT_WELL = word_set("fine well ok okay great good smoothly alright perfectly")
# Questions that ask about tasks rather than ask for a change: "is the phone bill due this
# week?" lists; it never edits (unlike "can you move …?", a request).
INQUIRY_OPENERS = word_set(
    "is are was were does do did when when's whens what what's whats which who who's why how "
    "how's am where where's"
)
# Words after a participle that keep it the end of a report: "parcel picked up now".
AFTER_PARTICIPLE = word_set("up off out in back over now already too today finally")
# Verbs before "<thing> <participle>" that make it a task: "get the car washed".
CAUSATIVE_VERBS = word_set("get have need want make keep")
# Words ending in "-ed" that are no past participles: "buy a new bed", "pay for the shed".
NOT_PARTICIPLES = word_set("bed shed red need feed seed speed weed breed sled sped fled bled bred")


def is_past_form(word: str) -> bool:
    """ "bought", "submitted": a past form ("need", "bed" end in -ed and are not)."""
    return word in IRREGULAR_PAST or (
        len(word) > 4 and word.endswith("ed") and word not in NOT_PARTICIPLES
    )


# Words after which a verb of motion starts: "need to drive to work", "go and walk to school".
BEFORE_A_VERB = word_set("to and then or")
# Verbs that move a task in time; with "to <day>" they are never a new task of their own.
# Said of a task given a new day: "the mediation was adjourned to the 15th".
MOVED_PARTICIPLES = word_set(
    "moved changed rescheduled pushed bumped shifted postponed adjourned extended delayed deferred"
)
MOVING_VERBS = word_set("move push bump shift delay defer snooze postpone")
# Prepositions that open a phrase of the title after a claimed date: "… at 5:30 from swim
# practice" keeps "from swim practice".
PHRASE_OPENERS = word_set("from with for about to at in on")
# Nouns after "thank you" that make it part of a title: "thank you cards by fri".
THANK_YOU_NOUNS = word_set(
    "card cards note notes letter letters gift gifts email emails e-mail message messages call "
    "calls text texts present presents basket baskets dinner lunch party speech"
)
# What a tired person wishes for, not an errand: "i should really go to bed", "need a vacation".
RESTING = (
    "go to bed",
    "go to sleep",
    "get to bed",
    "get some sleep",
    "get some rest",
    "get more sleep",
    "sleep",
    "rest",
    "relax",
    "chill",
    "take a break",
    "take a nap",
    "a nap",
    "a break",
    "a vacation",
    "a holiday",
    "a day off",
    "a week off",
    "a long weekend",
    "a weekend",
    "a weekend off",
    "some sleep",
    "more sleep",
    "some rest",
    "a rest",
    "a drink",
    "a coffee",
    "coffee",
    "a beer",
    "a hug",
    "a life",
    "eat dinner",
    "eat lunch",
    "eat breakfast",
    "eat something",
    "eat",
)
# Words around new values for a task named only by its title: "cards shld be fri instead",
# "german homework is very important, please put high", "landlord email not urgent anymore".
EDIT_FILLER = word_set(
    "shld shd should can could be is are it it's its you u please pls plz put make set give "
    "need needs now instead anymore also and too then very really so tho lol ok okay k just "
    "still the a an for by on at to as of with bump move push change switch update i i'd id "
    "like want would them repeat recur they about regarding concerning re another different "
    "other new day time date"
)
# Value words said only to be turned down: "every 3 days not daily", "rather than weekly".
REJECTED_VALUES = word_set(
    "daily weekly monthly yearly annually hourly weekdays weekends today tonight tomorrow tmrw"
)
# Words that report any task finished, whatever its verb: "rents sorted", "milk got it".
DONE_ANY_VERB = word_set("done finished completed complete sorted handled settled got")
# Numbers as dictated, for task numbers: "task four oh four", "number twenty three".
DIGIT_WORDS = word_pairs(
    "zero:0 oh:0 o:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9"
)
TEEN_WORDS = word_pairs(
    "ten:10 eleven:11 twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 "
    "eighteen:18 nineteen:19"
)
TENS_WORDS = word_pairs(
    "twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90"
)
# Verbs that open most tasks: "remind me for pay the bill" means "to pay the bill".
TASK_VERBS = word_set(
    "call pay buy book send email mail pick take get go do make check clean write visit renew "
    "fix order cancel print return water feed walk submit finish prepare bring schedule text "
    "ring phone collect drop wash cook meet see ask tell read sign file post ship"
)
# Commands a day said before them does not belong to: "friday mark the gym done".
DATELESS_COMMANDS = word_set("mark tick cross check uncheck undo reopen rename")
# Who a "do"/"did" question asks about: "do I have …", "did you add …"; "do laundry" is an order.
QUESTION_SUBJECTS = word_set(
    "i you we they he she it my your our their there anything something everything any all u ya"
)
# What a day was like, said in the past: "slept great", "had a lovely weekend". No task's done.
DAY_NEWS_VERBS = word_set("slept overslept woke felt enjoyed survived had was were")
# "do my taxes": after "do", whose task it is, not a question's subject.
POSSESSIVES = word_set("my our your their")


# "I must …", "we'll have to …": what the user is bound to do next.
OBLIGATIONS = (
    "must",
    "need to",
    "have to",
    "should",
    "gotta",
    "got to",
    "will have to",
    "'ll have to",
)
