"""Cleaning a message before it is interpreted: quotes, spacing, politeness."""

from __future__ import annotations

import re

from todo_chatbot.agent.rules.smalltalk import is_courtesy, is_sigh
from todo_chatbot.language.attributes import take_priority
from todo_chatbot.language.dates import take_when
from todo_chatbot.language.days import find_day
from todo_chatbot.language.lexicon import (
    ASIDE_OPENER_RE,
    ASKED_RE,
    CALLED_OFF,
    DATELESS_COMMANDS,
    DAY_PARTS,
    DONE_WORDS,
    FORGETTING_RE,
    INQUIRY_OPENERS,
    INTERJECTIONS,
    LAUGH_RE,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    QUESTION_OPENERS,
    REMARK_START_RE,
    REQUEST_GERUNDS,
    STATEMENT_OPENERS,
    TASK_VERBS,
    THANK_YOU_NOUNS,
    WEEKDAY_RE,
    month_number,
    weekday_index,
    word_set,
    words_re,
)
from todo_chatbot.language.recurrence import take_recurrence
from todo_chatbot.language.scratch import Scratch
from todo_chatbot.language.task_line import ANY_MOMENT

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202f\ufeff]")

_POLITE_LEAD = re.compile(
    # ("please to remove …", as some second-language speakers say it)
    r"^(?:(?:(?:please|pls|kindly)\s+to(?=\s+[a-z]{3,})|please|pls|plz|kindly|hey|hi(?!-\w)|hello|ok|okay|k|alright|all\s+right|right|so|um+|uh+|oh|"
    r"yep|yup|yeah|yes|"
    # "nvm delete the poster tape one": the request that replaces the last
    r"(?:nvm|never\s*mind)(?=[\s,]+(?:delete|remove|cancel|scratch|drop|mark|move|make|change|add|"
    r"just)\b)|"
    r"yo|also|and|now|then|actually|lowkey|highkey|ngl|tbh|honestly|oh\s+(?:shoot|crap|man|gosh|no)|"
    r"fine(?=[\s,]+(?:add|remind|put|delete|remove|mark|show|move)\b)|"
    # "bro just add buy new earbuds", "u better remind me to …"
    r"(?:bro|bruh|dude|fam|mate|man)(?=[\s,]+(?:just\s+)?(?:add|remind|put|delete|remove|mark|show|move|"
    r"make|set|list)\b)|(?:u|you)(?:'?d)?\s+better(?=\s+(?:remind|add|put|make|set)\b)|"
    r"shoot|dang|darn|be\s+honest(?:\s+with\s+me)?|only(?=\s+(?:show|list|give)\b)|"
    r"(?:i\s+)?(?:almost\s+|totally\s+|completely\s+|nearly\s+)?forgot(?=\s*[,.!-])|"
    r"(?:i\s+)?(?:just\s+)?(?:remembered|reali[sz]ed)(?=\s*[,.!-])|"
    # "if it doesnt rain i'll muck out the barn": the weather permitting, the chore
    r"if\s+(?:it|the\s+weather)\s+(?:doesn'?t|does\s+not|isn'?t|stays)\s+\w+(?:ing)?|"
    r"just(?=\s+(?:delete|remove|mark|move|push|add|make|set|change|"
    r"cancel|reopen|drop|tick|put|show|list|gimme|give\s+me|tell\s+me)\b)|quick(?:ly)?(?!\s+(?:one|question))|assistant|bot|todo\s+bot|great|cool|"
    # "thank you cards by fri" is a task about the cards, not thanks
    rf"(?:thanks|thank\s+you)(?!\s+{words_re(THANK_YOU_NOUNS)}\b)|"
    # "Dear assistant, …", "Excuse me, …": a form of address before the request
    r"dear(?:\s+(?:assistant|bot|friend|sir|madam|helper))?(?=\s*,)|excuse\s+me|pardon(?:\s+me)?|"
    # greetings and courtesies before the request: "Good afternoon, …", "Sorry to bother you, …"
    r"there(?=\s*[,.!])|(?:good\s+)?(?:morning|afternoon|evening|day)(?=\s*[,.!])|"
    r"sorry\s+to\s+(?:bother|trouble|disturb)\s+(?:you|u)(?:\s+again)?|"
    # "When you have a moment, …", "if you get a chance, …"
    r"(?:when(?:ever)?|if)\s+(?:you|u)\s+(?:have|get|got)\s+(?:a\s+)?(?:moment|minute|min|sec|"
    r"second|chance|time)(?=\s*,|\s+(?:add|remind|put|create|make|schedule|note)\b)|"
    r"per\s+my\s+last\s+(?:message|email)|"
    r"(?:i\s+)?hope\s+(?:you'?re|you\s+are)\s+(?:well|(?:doing\s+)?(?:well|good|fine|ok))(?:\s+today)?|"
    r"just\s+a\s+quick\s+one|"
    # a voice assistant's wake words: "hey siri, add eggs", "ok google add call dad"
    r"siri|alexa|cortana|google(?=\s*,|\s+(?:add|remind|create|put|show|list|delete|mark|set|make)\b)|"
    r"hmm+|well|oops|sorry|wait|next(?=\s*,)|one\s+more\s+thing|another\s+one|ugh+|argh+|omg|"
    r"(?:i\s+)?(?:almost|nearly)\s+forgot|before\s+i\s+forget|"
    r"welp|meh|lol|haha+|yay|btw|fyi|ngl|tbh|ooh|ah+|so\s+yeah|honestly|basically|literally|anyway|anyways|"
    r"(?:so\s+)?i\s+was\s+(?:just\s+)?thinking|by\s+the\s+way|quick\s+(?:one|question)|"
    r"just\s+wondering|real\s+quick|"
    # "dictating. new task …", "driving, read me my list": what the user is doing meanwhile
    r"(?:(?:i'?m\s+|just\s+)?(?:dictating|driving|walking|cooking|on\s+the\s+(?:road|go|move)|"
    r"in\s+the\s+car|hands\s+full|voice\s+note)(?=\s*[,.:;!-]))"
    r")\b[\s,.!:;-]*)+",
    re.I,
)
_ASK_LEAD = re.compile(
    r"^(?:(?:would|do)\s+(?:you|u)\s+mind\s+|"
    # "sarah just called and said the move is sunday now": what was said is the news
    r"(?:[a-z]+(?:'s\s+[a-z]+)?\s+)(?:just\s+)?(?:called|rang|texted|emailed|messaged|phoned)\s+(?:me\s+)?"
    r"(?:and\s+|to\s+)?(?:said|say|says|told\s+me|tell\s+me)\s+(?:that\s+)?(?=(?:the|my|our|it|we)\b)|"
    # "I am pleased to say that …", "please record that I have …": a report follows
    r"(?:i\s+am|i'?m)\s+(?:very\s+|so\s+)?(?:pleased|happy|glad|delighted|relieved|proud)\s+to\s+"
    r"(?:say|report|tell\s+you|announce)\s+(?:that\s+)?|"
    r"(?:record|log|note)\s+(?:down\s+)?that\s+(?=(?:i|we|the|my)\b)|"
    # "I was wondering whether you could …", "would it be possible to …", "I need that you …"
    r"(?:i\s+was\s+|i'?m\s+|i\s+am\s+)?(?:just\s+)?wondering\s+(?:if|whether)\s+(?:you|u)\s+"
    r"(?:could|might|would|can|will)\s+(?:please\s+|kindly\s+|possibly\s+)?|"
    r"(?:if|whether)\s+(?:you|u)\s+(?:could|might|would|can)\s+(?:please\s+|kindly\s+)?|"
    r"i\s+was\s+hoping\s+(?:that\s+)?(?:you|u)\s+(?:could|might|would|can)\s+(?:please\s+)?|"
    r"i\s+wonder\s+(?:if|whether)\s+(?:you|u)\s+(?:could|might|would|can)\s+(?:please\s+)?|"
    r"(?:i\s+(?:would|should)|i'?d)\s+(?:be\s+(?:very\s+|so\s+|most\s+|much\s+)?(?:grateful|obliged|glad)|"
    r"appreciate\s+it|love\s+it)\s+if\s+(?:you|u)\s+(?:could|would|can|might|will)\s+(?:please\s+|kindly\s+)?|"
    r"it\s+would\s+be\s+(?:great|lovely|nice|helpful|wonderful)\s+if\s+(?:you|u)\s+(?:could|would)\s+|"
    r"(?:would|will)\s+(?:you|u)\s+be\s+able\s+to\s+|(?:are|r)\s+(?:you|u)\s+able\s+to\s+|"
    r"(?:would|will)\s+it\s+be\s+possible\s+(?:for\s+(?:you|u)\s+)?to\s+|"
    r"(?:is\s+)?(?:it\s+)?possible\s+(?:for\s+(?:you|u)\s+)?to\s+|"
    r"to\s+(?=(?:add|create|remind|make|put|schedule)\b)|"
    # "you can add …", "please you add for me …"
    r"(?:you|u)\s+(?:can\s+|could\s+|should\s+|may\s+)?(?:please\s+|just\s+)?(?=(?:add|create|put|remind|"
    r"make|schedule|write|note|set\s+up|save)\b)|"
    r"(?:can|could|may)\s+i\s+(?:please\s+)?ask\s+(?:you\s+)?to\s+|"
    r"(?:i\s+need|i\s+want|i'd\s+like|i\s+would\s+like)\s+that\s+(?:you|u)\s+(?:to\s+)?|"
    r"(?:(?:would|could|will)\s+(?:you|u)\s+)?be\s+(?:so\s+(?:kind|good)|kind\s+enough|good\s+enough|"
    r"a\s+(?:dear|star|love))\s+"
    r"(?:as\s+to|to|and)\s+|"
    r"(?:can|could|would|will|won't)\s+(?:you|u|ya)\s+(?:(?:please|pls|kindly|just|maybe|possibly|quickly|also)\s+)*(?:to\s+)?|"
    r"(?:i\s+want|i'd\s+like|i\s+would\s+like|i\s+need)\s+you\s+to\s+|go\s+ahead\s+and\s+|"
    r"help\s+me\s+(?:to\s+)?|be\s+a\s+dear\s+and\s+|"
    r"(?:we|you|u)\s+(?:can|may)\s+(?:now\s+|just\s+|go\s+ahead\s+and\s+)?(?=(?:drop|delete|remove|cancel|scrap|"
    r"bin|forget|move|push|mark|tick|check|close|reopen|rename|cross|strike|take)\b)|"
    r"(?:note|remember|keep\s+in\s+mind|(?:make|take)\s+(?:a\s+)?note|(?:put|write|jot|note)\s+(?:it\s+)?down)\s+"
    r"(?:that\s+(?=(?:i|we)\b)|(?=(?:i|we)(?:\s+|')(?:have|need|must|should|ve|m|am|will|ll|got)\b))|"
    r"(?:i\s+want|i'd\s+like|i\s+(?:would|should)\s+like|i\s+wanna|let's|lets|let\s+me|i'll|i\s+will|"
    r"i\s+need)\s+(?:to\s+)?(?=(?:add|create|delete|remove|complete|mark|see|view|review|show|list|find|"
    r"search|rename|change|update|edit|move|reschedule|know|check|make\s+a\s+(?:new\s+)?(?:task|todo)|"
    r"set|tag|reopen|cancel|get\s+rid|look)\b))",
    re.I,
)
# "we should really descale the kettle lol can you put that on the list": a laugh, then the ask
# (not "buy a lol doll").
_LAUGH_BEFORE_ASK = re.compile(
    rf"\s+{LAUGH_RE}\s+(?=(?:can|could|would|will|pls|please|add|put|remind|so)\b)", re.I
)
# "mark chase acme as done pls, they paid this morning": a "please" before a pause.
_PLEASE_BEFORE_PAUSE = re.compile(r"(?<=\w)\s+(?:please|pls|plz)(?=\s*[,;.!]+\s*\S)", re.I)
_POLITE_TAIL = re.compile(
    r"(?:[\s,]+(?:and\s+)?(?:please|pls|plz|thanks|thank\s+(?:you|u)|thx|ty|tyvm|cheers|ta|brill|"
    r"nice\s+one|yeah|for\s+me|ok|okay|will\s+you|"
    r"would\s+you|before\s+i\s+forget(?:\s+again)?|thank\s+(?:god|goodness|heavens)|phew|whew|"
    r"(?<=,\s)dear|(?<=,)dear|"
    # "…, if you would be so kind as to note that"
    r"if\s+(?:you|u)\s+(?:would|could|will)\s+be\s+so\s+(?:kind|good)(?:\s+as\s+to\s+(?:note|add|"
    r"record|write\s+down|jot\s+down|remember)\s+(?:that|it|this))?|"
    r"if\s+you\s+(?:can|please|would|could|don'?t\s+mind)|if\s+possible|"
    r"if\s+(?:that'?s|it'?s|that\s+is|it\s+is)\s+(?:ok(?:ay)?|alright|all\s+right|fine|possible|cool)|"
    r"if\s+that\s+works|real\s+quick|rq|idc\s+when|i\s+don'?t\s+care\s+when|whenever\s+works|"
    # "the move is sunday now not saturday, can you change it": the change was just said
    r"(?:(?<=[,.;!]\s)|(?<=\w\s)so\s+)(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:change|update|fix|amend)\s+"
    r"(?:it|that|this|the\s+(?:task|entry|item|one))"
    r"(?:\s+(?:for\s+me|accordingly))?|"
    # "dentist reminder - 1 hour before would be better"
    r"(?:(?:that|it)\s+)?(?:would|'d)\s+be\s+(?:(?:much|a\s+lot|way)\s+)?(?:better|best|preferable|ideal)|"
    # "the haircut is at 4:30 tomorrow, could you put that on the task": said of the task
    r"(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:put|add|save|note|change)\s+(?:that|this|it)\s+"
    r"(?:on|in|to|into)\s+(?:the|that|my)\s+(?:task|entry|item|one)|lol|haha+|lmao|tbh|btw|fyi|"
    r"fr|smh|ngl|no\s+cap|fr\s+fr|(?:pls\s+|please\s+)?don'?t\s+let\s+me\s+forget|"
    r"by\s+the\s+way|(?:(?<=[.!?])\s*)?(?:could|can|would)\s+you\s+help\s+me\s+(?:to\s+)?remember"
    r"(?:\s+(?:it|that|this))?|"
    r"thanks\s+a\s+(?:lot|million|bunch|ton)|xo(?:xo)+|xx+|sent\s+from\s+my\s+\w+(?:\s+\w+)?)\b|"
    r"[\s,]+<3+)+[\s.!]*$",
    re.I,
)
# A closing with a name: "Thanks, Robert", "Thank you dear.", "Regards, J." (names are
# capitalised; the closing words are not case-sensitive).
_SIGN_OFF = re.compile(
    r"[\s,.!;]+(?i:thanks|thank\s+you|many\s+thanks|(?:kind(?:est)?\s+|best\s+|warm\s+)?regards|"
    r"best\s+wishes|all\s+the\s+best|best(?=\s*,\s*[A-Z])|sincerely|cheers|yours(?:\s+truly)?)"
    r"(?:\s+(?i:so|very)\s+(?i:much))?"
    r"(?:\s*,?\s*(?:(?i:dear|my\s+dear|mate|friend)|[A-Z][\w'-]*\.?|[A-Z]\.))+[\s.!]*$"
)
# Sentences said around the request: "Good morning.", "Many thanks.", "Re: follow-up."
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
_SUBJECT_LINE = re.compile(r"^(?:re|fwd?|subject|subj)\s*:", re.I)
# "May I add a task? Call the bank on Monday.": the request asked first, the task after it.
_ASKS_TO_ADD = re.compile(
    r"^(?:(?:can|could|may)\s+(?:i|you|u|we)\s+(?:please\s+)?|(?:please\s+)?)(?:add|create|make|set\s+up)\s+"
    r"(?:a|an|another|one\s+more|something|some)(?:\s+(?:new|quick))?(?:\s+(?:task|todo|to-do|reminder|"
    r"thing|item|entry))?(?:\s+for\s+(?:me|us))?(?:\s+(?:please|pls))?\s*[?.!:]+$",
    re.I,
)


# Trailing and leading punctuation, but not "!!!" standing alone: that is a priority.
# (not "!!!" after a word: "sign up before it sells out!!!" says how pressing it is)
_EDGE_END = re.compile(r"(?:(?<![\s!])(?:[?.]+|!{1,2}(?!!))|\?+|\.+|(?<=\s)!(?!!))\s*$")
_EDGE_START = re.compile(r"^(?:[,.;:-]|!(?!!!))+\s*")


def normalize(text: str) -> str:
    """Uniform quotes and spacing; no control characters."""
    text = _INVISIBLE.sub(" ", text.translate(_QUOTES))
    return " ".join(text.split())


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


# "add call jim, scratch that, email jim": a taken-back phrase, not an order to delete "that".
_SCRATCH_THAT = re.compile(
    r"(?<=\S)\s*[,;.]\s*(?:scratch|strike|forget|ignore|cancel)\s+that\s*[,;.:]?\s+(?=\S)", re.I
)
# "on Friday at ten. Oh no I am wrong it is the Saturday": the day said first is taken back.
_I_WAS_WRONG = re.compile(
    r"[.,;!]?\s*(?:oh\s+)?(?:no,?\s+|sorry,?\s+)?(?:i\s+am|i'?m|i\s+was)\s+wrong,?\s+(?:it\s+is|it'?s)\s+"
    rf"(?:the\s+(?={WEEKDAY_RE}))?",
    re.I,
)
# "Could you put the church coffee morning in.": to put a thing in is to add it.
_PUT_IN = re.compile(
    r"^(?:put|pop|stick)\s+(?!(?:it|that|this|them)\b)(?P<thing>[^.!?]+?)\s+in\b(?=\s*(?:please|for\s+me)?\s*(?:[.!?]|$))"
    # "put in pick up the turkey on the twenty third": the task after "put in"
    # (not "put in the leave request", "put in that I am to …": no task verb follows)
    r"|^(?:put|pop|stick)\s+in\s+(?!(?:a|an|the|my|our|your|his|her|that|for|some)\b)"
    r"(?P<told>(?:[a-z]+\s+){2}[^.!?]*)"
    # "put dentist appt on thurs 3:30pm": a thing put on a day (not "put the bins out on tue")
    r"|^(?:put|pop|stick)\s+(?!(?:it|that|this|them|away|out|up|back|down|together|on|off|in|the|a|my)\b)"
    rf"(?P<slot>[^.!?]+?)(?=\s+(?:on|for)\s+(?:{WEEKDAY_RE}(?![a-z])|(?:the\s+\d|\d|"
    r"tomorrow|today|tonight|next)\b))",
    re.I,
)


def _add_said_last(match: re.Match[str]) -> str:
    rest = _PLEASE_SAID.sub("", match["rest"]).replace(" it and", " and", 1)
    return f"add {match['task']}{rest.rstrip()}"


_PLEASE_SAID = re.compile(r"\s+(?:pls|please|it|this|that)\b(?!\s+and\s+remind)", re.I)
# "family movie night every friday 🍿 add pls", "dinner … add it and remind me 2 hours
# before": the add said after the task.
_ADD_SAID_LAST = re.compile(
    r"^(?!(?:add|create|new|put|remind|what|which|how|why|when|where|who|should|shall|can|could|do|"
    r"did|would|will|i|we|please|pls)\b)(?P<task>.+?)(?<!\byou)(?<!\bu)(?<!\bto)(?<!\bso)(?:\s*[,;.-])?\s+add"
    r"(?P<rest>(?:\s+(?:pls|please|thanks|thx|for\s+me))*[\s.!]*|\s+(?:it|this|that)\s+and\s+remind\s+me\b.*|"
    # "groceries - add for today pls #home": when and which list, said with the add
    r"(?:\s+(?:it|this|that))?\s+(?:for\s+)?(?:today|tonight|tomorrow)(?:\s+(?:pls|please))?(?:\s+#[\w-]+)*[\s.!]*)$",
    re.I,
)
# "put a reminder 15 minutes before the doctor": the same as "remind me 15 minutes before".
_PUT_A_REMINDER = re.compile(
    r"^(?:(?:please|pls|kindly)\s+)?(?:put|set|add|create|make)\s+(?:a\s+|up\s+a\s+)?reminder\s+"
    r"(?=(?:\d|an?\s|half|one|two|three|five|ten|"
    r"fifteen|twenty|thirty|the\s+day|the\s+night)[^.!?]*\bbefore\b)",
    re.I,
)
# "the call with Pedro is not friday, it's saturday at 10:30": the value turned down said first.
_NOT_THIS_BUT = re.compile(
    r"^(?P<task>.+?)\s+(?:is|'s|are)\s+not\s+(?P<old>[^,;]+?)\s*[,;]\s*(?:it'?s|it\s+is|but|they'?re)\s+"
    r"(?P<new>.+)$",
    re.I,
)


def _value_said_first(text: str) -> str:
    said = _NOT_THIS_BUT.match(text)
    if said is None or take_when(Scratch(said["old"]), ANY_MOMENT) is None:
        return text
    return f"{said['task']} is {said['new']}, not {said['old']}"


# "how behind am i… show overdue 💀": a sigh trailing off, then the request
_SIGH_THEN = re.compile(
    r"^[^.?!\u2026]+?(?:\.{3,}|\u2026)\s*(?=(?:show|list|add|remind|what'?s|delete|mark)\b)", re.I
)
# "the presentation is more important, put high priority please": said of the task just named
_PUT_PRIORITY = re.compile(
    r"(?P<lead>[,;.]\s*)(?:please\s+)?(?:put|give|set)\s+(?:it\s+|a\s+)?(?P<level>high|low|medium|top)\s+priority\b",
    re.I,
)
# "remaining tasks for the birthday? they're tagged bday": the tag told after the question
_TAGGED_AFTER = re.compile(
    r"^(?P<asked>.+?)\?\s+(?:they'?re|they\s+are|it'?s|all)\s+(?:tagged|labell?ed)\s+#?(?P<tag>[\w-]+)[.!\s]*$",
    re.I,
)


def _asked_of_the_tag(said: re.Match[str]) -> str:
    asked = said["asked"]
    lead = "" if _ASKS.match(asked) else "show "  # "remaining tasks for the birthday?"
    return f"{lead}{asked} tagged {said['tag']}?"


# "take meds in 45 mins, remind me": the moment said is when to be reminded.
_REMIND_ME_LAST = re.compile(
    r"^(?:(?:add|create|new\s+task)\s*:?\s+)?(?!(?:put|schedule|set|make|remind)\b)(?P<task>.+?)\s*[,;]?\s+(?:and\s+|so\s+)?"
    r"(?:pls\s+|please\s+)?remind\s+me(?:\s+(?:then|about\s+it|pls|please))?[\s.!]*$",
    re.I,
)
# "I keep forgetting to water the ferns so can you remind me every sunday"
_FORGETTING_THEN_REMIND = re.compile(
    rf"^(?:i|we)\s+{FORGETTING_RE}\s+(?P<task>.+?)\s*[,;.]?\s+(?:so\s+)?{ASKED_RE}"
    r"remind\s+me\b(?P<when>.*?)[?.!]*$",
    re.I,
)
# "cancel the bouncy castle task lol, the kids are too old for it": a laugh before a pause
_LAUGH_BEFORE_PAUSE = re.compile(r"(?<=\w)\s+(?:lol|haha+|lmao|hehe)(?=\s*[,;])", re.I)
# "Add to my list, if you would: ring the garage": a courtesy inside the request's lead.
_IF_YOU_WOULD = re.compile(
    r"\s*,\s*if\s+(?:you|u)\s+(?:would|could|will|please|don'?t\s+mind)\s*(?=:)", re.I
)
# "um add. uh. renew the car tax": the command said as a sentence of its own, then the task.
_LONE_VERB = re.compile(
    r"^(?P<verb>add|new\s+task|remind\s+me(?:\s+to)?)\s*[.,:;]+(?:\s*[.,:;]+)*\s+(?=[a-z])", re.I
)
# Hesitations of dictated messages: "add uh pick up the dry cleaning on uh thursday".
_HESITATION = re.compile(r"(?<![\w'-])(?:um+|uh+|uhm+|erm+|ehm+|emm+|hmm+)(?![\w'-])\s*,?\s*", re.I)
# "at like 10am", "i need to like scout the hall", "so like add that": "like" as a pause.
_LIKE_PAUSE = re.compile(
    r"\b(?P<w>at|to|so|cos|and|is|i|it'?s|its|finally|gotta|just)\s+like\b(?=\s+(?!to\b)[\w'])",
    re.I,
)
# "remind me for pay the bill": "for" before a verb, as said in other languages, means "to".
_FOR_A_VERB = re.compile(
    rf"\b(?P<ask>remind\s+(?:me|us)(?:\s+[\w']+){{0,3}}?|reminder)\s+for\s+(?={words_re(TASK_VERBS)}\b)",
    re.I,
)
# "make me remember to call the bank", "remember me to …": said for "remind me to".
_REMEMBER_ME = re.compile(
    r"^(?:make\s+me\s+remember|remember\s+me|help\s+me\s+remember)\s+to\b|"
    # "remember me in 20 minutes to …", "…, remember me at 18:00 today", as other languages say it
    r"(?<![\w'])remember\s+me(?=\s+(?:in|at|on|tomorrow|today|tonight|\d|the|every|before|\d+\s*min))",
    re.I,
)
# "add please buy tape", "make for me a task: …": words put between the command and the task.
_PLEASE_AFTER_VERB = re.compile(
    r"^(?P<verb>add|create|remind\s+(?:me|us)|put|schedule|note|save|make|write)\s+(?:(?:please|pls|plz|"
    r"kindly)\b|for\s+(?:me|us)(?=\s+(?:a|an|one|the|new)\s+(?:new\s+)?(?:task|todo|to-do|reminder|note|item)\b))"
    r"[\s,]*",
    re.I,
)


_LAST_CLAUSE = re.compile(r"^(?P<rest>.*\S)\s*,\s*(?P<clause>[^,]+)$")


# A sentence after the request that says how pressing it is: "It is urgent, the floor is wet."
_URGENCY_SENTENCE = re.compile(
    r"^(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+(?P<not>not\s+|no(?:t|\s+longer)\s+)?"
    r"(?:(?:very|really|terribly|particularly|especially|at\s+all|so|quite|rather|a\s+bit)\s+)*"
    r"(?:urgent|pressing|important|time[\s-]sensitive|a\s+priority)\b(?:\s+at\s+all)?"
    r"(?:[,;:-]\s*\S.*|\s+(?:because|as|since)\s+\S.*)?[.!]*$",
    re.I,
)


_SIGH_CLAUSE = re.compile(
    r"^(?P<sigh>[^,;.!?]+)[,;]\s*(?=\S)",  # "so tired, buy milk", "ugh so tired, gym at 6"
    re.I,
)


def _without_small_talk_sentences(text: str) -> str:
    """ "Good morning. Could you add …? Many thanks." → "Could you add …?"."""
    sentences = _SENTENCE_BREAK.split(text)
    while len(sentences) > 1 and (
        _SUBJECT_LINE.match(sentences[0]) or is_courtesy(sentences[0]) or is_sigh(sentences[0])
    ):
        sentences.pop(0)
    while len(sentences) > 1 and is_courtesy(sentences[-1]):
        sentences.pop()
    sighed = _SIGH_CLAUSE.match(sentences[0])
    if sighed and is_sigh(sighed["sigh"]):
        sentences[0] = sentences[0][sighed.end() :]  # "ugh so tired, add gym in 3 days"
    last = _LAST_CLAUSE.match(sentences[-1])
    # (a lone word stays: "add buy a jacket, cold" may be the jacket's kind)
    sighed_last = last is not None and len(last["clause"].split()) > 2 and is_sigh(last["clause"])
    if last and (is_courtesy(last["clause"]) or sighed_last):
        # "add call the bank, you're the best", "… dry cleaning, totally forgot it was ready"
        sentences[-1] = last["rest"]
    urgency = _URGENCY_SENTENCE.match(sentences[-1]) if len(sentences) > 1 else None
    if urgency:  # "… birdseed. It is not terribly pressing.": a priority, its reason dropped
        sentences[-1] = "low priority" if urgency["not"] else "high priority"
    if len(sentences) > 1 and _ASKS_TO_ADD.match(sentences[0]):
        sentences[0] = "remind me to" if "remind" in sentences[0].lower() else "add"
    return " ".join(sentences)


# "this wknd put up the lights": a day said first, then what to do on it.
_LONGEST_LEAD = 5
_DATE_LINKS = word_set("of at on and in by to from until till or around before after")
_STARTS_ORDER = re.compile(r"^[a-z][\w'-]*$", re.I)
_NOT_AN_ORDER = (
    STATEMENT_OPENERS | QUESTION_OPENERS | INQUIRY_OPENERS | INTERJECTIONS | DATELESS_COMMANDS
)
_CORRECTED = re.compile(
    r"[,;]\s*(?:(?:ugh|oh|er+m?|hmm+)\s+)?(?:no|wait|actually|sorry|make\s+it|i\s+mean)\b", re.I
)


def _part_of_a_date(word: str) -> bool:
    """ "eight [fifteen]", "every monday, wednesday and [friday]": the date goes on."""
    w = word.lower()
    return (
        w in _NOT_AN_ORDER
        or w in _DATE_LINKS
        or w in NUMBER_WORDS
        or w in ORDINAL_WORDS
        or month_number(w) is not None
        or weekday_index(w) is not None
        or take_when(Scratch(w), ANY_MOMENT) is not None  # "tomorrow [morning]"
    )


def _day_said_last(text: str) -> str:
    """ "tomorrow call mom" → "call mom tomorrow": the order the other rules read."""
    words = text.split()
    if len(words) < 2 or _CORRECTED.search(text):
        return text
    for size in range(min(_LONGEST_LEAD, len(words) - 1), 0, -1):
        lead, rest = " ".join(words[:size]).rstrip(","), words[size:]
        if not _STARTS_ORDER.match(rest[0]) or _part_of_a_date(rest[0]):
            continue
        if lead == words[0] and lead.lower() in DAY_PARTS:
            continue  # "night shifts all week", "morning run": a kind of thing, not when
        if _only_says_when(lead):
            return f"{' '.join(rest)} {lead}"
    return text


def _only_says_when(phrase: str) -> bool:
    scratch = Scratch(phrase)
    return take_when(scratch, ANY_MOMENT) is not None and not scratch.rest().strip()


# "delete task 3, never mind": the whole request taken back at the end.
_NEVER_MIND = re.compile(
    r"[,.;!-]\s*(?:oh\s+|actually\s+|wait\s*,?\s*)?(?:never\s*mind(?:\s+me)?|nvm|forget\s+(?:it|that|about\s+it)|"
    r"cancel\s+that|ignore\s+(?:that|this|me)|scratch\s+that|don'?t\s+bother)(?:\s+(?:then|please|pls))?"
    r"[\s.!]*$",
    re.I,
)


# An aside after the request, opened by a laugh or a groan and going on as a remark:
# "water my plant every 3 days lol she's dying", "pay rent ugh so expensive", "take out
# the trash (roommate rotation smh)". Not a title word ("a lol doll"), and not when the
# aside still says when: "call mom lol tomorrow at 5" keeps its day.
_ASIDE_TAIL = re.compile(
    rf"(?<=\w)[\s,]+{ASIDE_OPENER_RE}\b(?=[\s,]+{REMARK_START_RE}\b)(?P<aside>[^.!?()]*)[\s.!]*$"
    rf"|\s*\((?=[^()]*\b{ASIDE_OPENER_RE}\b)[^()]*\)(?=[\s.!]*$)"
    # "add standup every weekday ugh corporate life"
    r"|(?<=\w)\s+(?:ugh+|smh|sigh)\b[^.!?(),]*[\s.!]*$",
    re.I,
)


# Why, said after the request: "seal the grout in two weeks, it has to cure first".
_REASON_TAIL = re.compile(
    r"(?<=\w),\s+(?:because|cause|cuz|coz|since|it\s+has\s+to|it\s+needs\s+to|it'?s|it\s+is|"
    r"they'?re|they\s+are|he'?s|he\s+is|she'?s|she\s+is|we\s+still|"
    r"(?:i|we|they|he|she|it)\s+(?:keep|always|never|just|already|really|can'?t|cannot|don'?t|"
    r"didn'?t|won'?t|was|were|am|not|promised|lost|hate)|nobody|no\s*one|every(?:one|body)|"
    r"(?:most|all|some|none|both|half)\s+of\s+(?:them|us|those|the\s+\w+)|otherwise|or\s+else|"
    r"[a-z]+\s+(?:is|was|says|said)\s|"
    # "push the tax return back a week, accountant's away"
    r"(?:(?:the|my|our)\s+)?[a-z]+'s\s+(?:away|off|sick|ill|out|busy|closed|gone|on\s+(?:holiday|leave|"
    r"vacation))\b)(?P<aside>[^,;.!?()]*)[\s.!]*$|"
    # "ring mum at 2 cos ill be asleep till then", "water the plant bc jess killed the last one"
    r"(?<=\w)\s+(?:because|cos|cuz|coz|bc)\s+(?P<because>[^,;.!?()]*)[\s.!]*$|"
    # "remind me 30 min before so I don't leave it too late"
    r"(?<=\w)\s+so\s+(?:that\s+)?(?:i|we)\s+(?:don'?t|won'?t|do\s+not|can'?t|remember|actually|"
    r"(?:can|will|'ll)\s+(?:actually\s+)?(?:start|get|make|be|remember|finish))\b"
    r"(?P<so_that>[^,;.!?()]*)[\s.!]*$|"
    # "clean my room sun at noon or my mom will actually end me"
    r"\s+or\s+(?:else\s+)?(?:my|i|i'?ll|she|he|they|we|it)\s+(?:[\w']+\s+){0,3}?"
    r"(?:will|'ll|gonna|going\s+to|would)\b(?P<threat>[^,;.!?()]*)[\s.!]*$",
    re.I,
)


def says_something(words: str) -> bool:
    """Whether an aside says when, how often, how pressing, or that it is done or off: then
    it is kept ("the plumber, it's done")."""
    said = set(re.findall(r"[a-z']+", words.lower()))
    return (
        bool(said & (DONE_WORDS | CALLED_OFF))
        or take_when(Scratch(words), ANY_MOMENT) is not None
        or take_recurrence(Scratch(words)) is not None
        or take_priority(Scratch(words)) is not None
    )


# Why now, said as a clause of its own: "sign up for camp before it fills up", "clean the
# garage before my in laws get here", "feed the birds while the frost lasts".
_BEFORE_SOMETHING_HAPPENS = re.compile(
    r"\s+(?:before|while|until|till|once|when)\s+(?:it|they|he|she|we|i|you|(?:the|my|our|his|her|"
    r"their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+(?:gets?|comes?|arrives?|fills?\s+up|starts?|closes?|"
    r"runs?\s+out|leaves?|lasts?|ends?|goes|opens?|happens?|wakes?\s+up|sells?\s+out|expires?|"
    r"is\s+(?:over|gone|here|back)|are\s+(?:over|gone|here|back)|back|gets?\s+back)\b[^,.;:!?()]*",
    re.I,
)


# "buy eggs we r out", "deep clean the fridge it smells like death": why, said straight after
# (not after words that pass it on: "tell sam we are late", "ask if it is open").
_REASON_STRAIGHT = re.compile(
    r"(?<=\w)\s+(?:we|it|its|it'?s|they|her|his|my)\s+(?:[\w']+\s+)?(?:are|r|'re|is|was|were|smells|"
    r"looks|has|have|had|keeps|killed|lands|landed|broke|died|ran|runs)\b[^,;.!?()]*[\s.!]*$",
    re.I,
)
_PASSES_ON = re.compile(
    r"\b(?:tell|ask|let|remind(?!\s+(?:me|us)\b)|text|email|call|say|inform|warn|message|ping|notify|"
    r"that|if|when|"
    r"whether|check)\b",
    re.I,
)


# A question goes on past its opening: "which of my tasks are past due" gives no reason.
_ASKS = re.compile(rf"^{words_re(QUESTION_OPENERS)}(?![\w'])", re.I)


# "cancel the fireworks thing we're not doing it this year": why, even when it says when.
_NOT_DOING = re.compile(
    r"(?<=\w)[\s,]+(?:as\s+|since\s+|because\s+|cos\s+)?(?:we'?re|we\s+are|i'?m|i\s+am|they'?re|they\s+are)\s+"
    r"not\s+(?:doing|going|having|hosting|bothering|going\s+ahead)\b[^.!?]*[\s.!]*$",
    re.I,
)


def _without_aside(text: str) -> str:
    text = _NOT_DOING.sub("", text)
    straight = None if _ASKS.match(text) else _REASON_STRAIGHT.search(text)
    if (
        straight is not None
        and not _PASSES_ON.search(text, 0, straight.start())
        and not says_something(straight.group(0))
    ):
        text = text[: straight.start()]
    for tail in (_ASIDE_TAIL, _REASON_TAIL):
        match = tail.search(text)
        if match is not None and not says_something(match.group(0)):
            text = text[: match.start()]
    clause = _BEFORE_SOMETHING_HAPPENS.search(text)
    if clause is not None and not says_something(clause.group(0)):
        text = text[: clause.start()] + text[clause.end() :]
    return text


# A form of address said mid-sentence: "I was wondering, dear, if you could …".
_VOCATIVE = re.compile(r",\s*(?:dear|my\s+dear|love|hun|honey|sweetie|mate|buddy|pal)\s*,", re.I)


# A remark in brackets: "per my last message (which apparently went nowhere) pls add …".
_REMARK_IN_BRACKETS = re.compile(
    r"\s*\((?:(?:which|that|lol|haha|ugh|sigh|again|as\s+usual|i\s+know|i\s+think|sorry|don'?t\s+ask|"
    r"long\s+story|yes|yeah|seriously|honestly)\b[^()]*|[^()]*\b(?:said\s+so|no\s+cap|lol|smh|ugh)\b"
    r"[^()]*)\)",
    re.I,
)
_IN_BRACKETS = re.compile(r"\s*\((?P<inside>[^()]*)\)")
_CORRECTING = re.compile(
    r"^\s*(?:actually|no|wait)\b|\b(?:fine,|instead|make\s+it|i\s+mean|or\s+rather|correction)",
    re.I,
)


_SPEAKS = re.compile(rf"\b(?:{REMARK_START_RE}|{LAUGH_RE})(?![\w'])", re.I)


def _without_bracketed_asides(text: str) -> str:
    """ "(she said 'interesting' 4 times)", "(he's in tenerife, lucky sod)": asides in
    brackets go, unless they say how pressing or how often, or correct what came before."""

    def aside(match: re.Match[str]) -> str:
        inside = match["inside"]
        if _REMARK_IN_BRACKETS.fullmatch(match.group(0).strip()):
            return " "
        pressing = take_priority(Scratch(match.group(0))) is not None  # "(low)", "(urgent)"
        keeps = pressing or take_recurrence(Scratch(inside)) is not None
        # ("buy milk (2 cartons)": a detail of the task, not a remark on it)
        remark = len(inside.split()) >= 5 or "?" in inside or _SPEAKS.search(inside)
        return match.group(0) if keeps or _CORRECTING.search(inside) or not remark else " "

    return _IN_BRACKETS.sub(aside, text)


# Asked after the chore was told: "every tues i do carpool, can u make that a repeating
# thing", "feed the birds every morning. Could you set that up as a daily task, please?"
_MAKE_IT_REPEAT = re.compile(
    r"[,.;]?\s*(?:so\s+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+|please\s+|pls\s+)*"
    r"(?:make|set|put|turn|add|save|keep)\s+(?:that|it|this)(?:\s+(?:up|in|down))?\s+(?:(?:as|like|into)\s+)?"
    r"(?:a|an)\s+(?:regular\s+)?(?P<often>daily|weekly|monthly|yearly|repeating|recurring|regular|standing)\s+"
    r"(?:thing|task|event|reminder|one|todo|item|entry|job|chore)(?:\s+for\s+(?:me|us))?"
    r"(?:\s*,?\s*(?:please|pls|thanks))*"
    r"(?:\s+(?:so|because|bc|cos|since)\b[^,.!?]*)?(?:[\s?.!]*$|[?.!,]+\s*(?=\S))",
    re.I,
)


# "every other friday i have to send my timesheet so add that please": the chore told is it.
_ADD_THAT = re.compile(
    r"[,.;]?\s*(?:(?:so|yeah|ok|okay|pls|please|just|can\s+(?:you|u)|could\s+(?:you|u))\s+)*"
    r"(?:(?<=[-,;:]\s)add(?=(?:\s+(?:pls|please|to\s+(?:my|the)\s+list))*[\s.!?]*$)|"
    r"(?:add|put|save|note|jot|stick|throw|pop|pencil)\s+(?:that|it|this))(?:\s+(?:down|in|on\s+(?:the|my)\s+list))?"
    # "…, put it down for 10 days from now": when it is due, said with the request
    r"(?:\s+(?P<when>(?:for|on|at|by)\s+[^.!?]+?))?"
    # "…, could you add that and remind me 30 minutes before": a reminder of it, too
    r"(?:\s*,?\s+(?:and\s+)?(?P<also>(?:remind|ping|alert)\s+(?:me|us)\b[^.!?]*?))?"
    r"(?:\s+(?:please|pls|for\s+me|thanks|would\s+(?:ya|you)|will\s+(?:ya|you)|"
    r"to\s+(?:my|the)\s+list))*[\s.!?]*$",
    re.I,
)


def _how_often(match: re.Match[str]) -> str:
    often = match["often"].lower()
    told = re.search(
        r"\b(?:every|each|daily|weekly|monthly|yearly)\b", match.string[: match.start()]
    )
    said = f" {often}" if not told and often in ("daily", "weekly", "monthly", "yearly") else ""
    # "…, can you make that a recurring task? tag payroll": what follows is said of it too
    return said + (", " if match.end() < len(match.string) else "")


_TAKEN_BACK_MARK = re.compile(r"\b(?:no\s+wait|actually|instead|on\s+second\s+thought)\b", re.I)
_IS_BETTER = re.compile(
    r"\s+(?:is|'s|would\s+be|'d\s+be|will\s+be|works|might\s+be)\s+(?:much\s+)?(?:better|best|"
    r"easier)(?:\s+for\s+(?:me|us|everyone))?[\s.!]*$",
    re.I,
)


# "tomorrow afternoon, could you add buy train tickets": when, said before the request.
_WHEN_THEN_ASK = re.compile(
    r"^(?P<when>[^,;.!?]{2,40}?)\s*,\s*(?P<ask>(?:(?:can|could|would|will)\s+(?:you|u)|please|pls)\s+\S.*)$",
    re.I,
)


def _when_said_after(text: str) -> str:
    match = _WHEN_THEN_ASK.match(text)
    if match is None or not _only_says_when(match["when"]):
        return text
    return f"{match['ask'].rstrip(' ?.!')} {match['when']}"


# "would you mind listing …": the request said as a gerund after "would you mind".
_MIND_GERUND = re.compile(
    r"^(?P<lead>(?:(?:would|do)\s+(?:you|u)\s+mind|(?:could|can|would)\s+(?:you|u)\s+(?:be\s+)?"
    rf"(?:so\s+kind\s+as\s+)?)\s+)(?P<verb>{words_re(tuple(REQUEST_GERUNDS))})\b",
    re.I,
)


def _gerund_as_order(match: re.Match[str]) -> str:
    return match["lead"] + REQUEST_GERUNDS[match["verb"].lower()]


# Requests asked as a question about oneself: "can I get 'water the garden' every 3 days?",
# "could i maybe set up 'back up the laptop' on the first of every month?", "would it be
# too much to ask for a nightly reminder to take my meds?"
_MAY_I_ADD = re.compile(
    r"^(?:(?:hi|hey|hmm|ok|so|sorry)[\s,]+)*(?:(?:can|could|may)\s+i\s+(?:maybe\s+|please\s+|just\s+|also\s+)*"
    r"(?:add|put|create|schedule|get|have|set\s+up|make)|would\s+it\s+be\s+(?:too\s+much|ok(?:ay)?|possible)\s+"
    r"to\s+(?:ask\s+for|add|get|have)|is\s+it\s+ok(?:ay)?\s+(?:if\s+i|to)\s+add)\s+(?=\S)",
    re.I,
)
# "can I add something for next year? book summer holiday, 15 jan", "is there a way to make
# something repeat? like 'pay the nanny' every other friday": the question, then the task.
_ASKED_THEN_EXAMPLE = re.compile(
    r"^(?:(?:can|could|may)\s+(?:i|you|u)\s+(?:please\s+)?add\s+(?:something|a\s+thing|a\s+task|one|"
    r"another(?:\s+one)?)(?:\s+(?P<when>(?:for|on)\s+[^?]{2,30}?))?|"
    r"is\s+there\s+a\s+way\s+to\s+(?:make\s+(?:something|a\s+task|things?)\s+repeat|add\s+[^?]{2,40})|"
    r"(?:is\s+it|would\s+it\s+be)\s+ok(?:ay)?\s+if\s+i\s+add\s+[^?]{2,40})\s*\?+\s*"
    r"(?:(?:e\.?g\.?|like|for\s+example|say|so)[,:]?\s+)?(?P<task>\S.*)$",
    re.I,
)


# "my boss wants it by EOD thursday so pls add: finish budget draft": why and by when, then
# the task.
_STORY_THEN_ADD = re.compile(
    rf"^(?P<story>[^:]{{3,100}}?)[\s,.]+so\s+{ASKED_RE}"
    r"add(?:\s+(?:this|it))?\s*:\s*(?P<task>\S.*)$",
    re.I,
)


# "urgent!! add call the landlord": how pressing, said before the request.
_LEVEL_FIRST = re.compile(
    r"^(?P<level>urgent|important|asap|high\s+priority|low\s+priority|p[1-4])\s*[!:,.\-]*\s+"
    r"(?P<rest>(?:add|remind|put|create|new\s+task)\b.*)$",
    re.I,
)


# "add gym every mon, wed and fri. is that the right way to do repeating stuff?", "…? and is
# there a way to get a ping before?": a question about the request, asked after it.
_ASKED_AFTER = re.compile(
    r"(?:(?<=[.!])|(?<=\?))\s+(?:and\s+|also\s+)?(?:is|does|did|will|would|am|was|is\s+there)\s+"
    r"(?:that|this|it|i|a\s+way)\b[^.!?]*\?*\s*$",
    re.I,
)


def _request_unwrapped(text: str) -> str:
    """The request inside the words wrapped around it: a level said first, why and by when
    before "so add:", a question before an example, a question about it after it, "can I …"."""
    level_first = _LEVEL_FIRST.match(text)
    if level_first is not None:
        text = f"{level_first['rest']} {level_first['level']}"
    told = _STORY_THEN_ADD.match(text)
    if told is not None:
        day = find_day(told["story"], ANY_MOMENT.date())
        when = told["story"][day.start :] if day is not None else ""
        return f"add {told['task']} {when}".rstrip()
    example = _ASKED_THEN_EXAMPLE.match(text)
    if example is not None:
        task, when = example["task"], example["when"] or ""
        if when and take_when(Scratch(task), ANY_MOMENT) is not None:
            when = ""  # "for next year? book summer holiday, 15 jan": the day said is the one
        return f"add {task} {when}".rstrip()
    text = _ASKED_AFTER.sub("", text)
    return _MAY_I_ADD.sub("add ", text, count=1)


# "The physiotherapist has asked me to do my knee exercises …", "my doctor say I must take …":
# who asked for it, before the task.
_SOMEONE_ASKED = re.compile(
    r"^(?:the|my|our)\s+(?:[\w'-]+\s+){1,2}?(?:has\s+asked|have\s+asked|asked|told|wants|wanted|says?|said)\s+"
    r"(?:me\s+to|(?:that\s+)?i\s+(?:must|should|need\s+to|have\s+to|gotta))\s+(?=[a-z])",
    re.I,
)


def strip_politeness(text: str) -> str:
    """ "hey, can you please add milk, thanks!" → "add milk"; "" when all of it is taken back."""
    if _NEVER_MIND.search(text):
        return ""
    text = _SOMEONE_ASKED.sub("", _request_unwrapped(text))
    text = _MIND_GERUND.sub(_gerund_as_order, _when_said_after(text))
    text = _PLEASE_BEFORE_PAUSE.sub("", _VOCATIVE.sub("", _LAUGH_BEFORE_ASK.sub(" ", text)))
    text = _without_small_talk_sentences(_SIGN_OFF.sub("", text))
    text = _SCRATCH_THAT.sub(", no wait, ", _I_WAS_WRONG.sub(", no wait, ", text))
    if _CORRECTED.search(text) or _TAKEN_BACK_MARK.search(text):  # "…, no wait, thursday is better"
        text = _IS_BETTER.sub("", text)
    text = _LIKE_PAUSE.sub(r"\g<w>", _HESITATION.sub(" ", _without_bracketed_asides(text)))
    text = _LONE_VERB.sub(lambda m: f"{m['verb']} ", text.strip())
    text = _IF_YOU_WOULD.sub("", _without_aside(_LAUGH_BEFORE_PAUSE.sub("", text.strip())))
    text = _FORGETTING_THEN_REMIND.sub(lambda m: f"remind me to {m['task']}{m['when']}", text)
    text = _REMIND_ME_LAST.sub(lambda m: f"remind me to {m['task']}", text)
    text = _value_said_first(_PUT_A_REMINDER.sub("remind me ", _SIGH_THEN.sub("", text)))
    text = _TAGGED_AFTER.sub(_asked_of_the_tag, text)
    text = _PUT_PRIORITY.sub(r"\g<lead>make it \g<level> priority", text)
    text = _ADD_SAID_LAST.sub(_add_said_last, text)
    repeat = _MAKE_IT_REPEAT.search(text)
    text = _MAKE_IT_REPEAT.sub(_how_often, text)
    text = _FOR_A_VERB.sub(lambda m: f"{m['ask']} to ", text)
    previous = None
    while previous != text:
        previous = text
        text = _POLITE_LEAD.sub("", text)
        text = _ASK_LEAD.sub("", text)
        text = _PUT_IN.sub(lambda m: f"add {m['thing'] or m['told'] or m['slot']}", text)
        text = _POLITE_TAIL.sub("", text)
        text = _PLEASE_AFTER_VERB.sub(lambda m: f"{m['verb']} ", text)
        text = _REMEMBER_ME.sub(
            lambda m: "remind me to" if m.group(0).endswith("to") else "remind me", text
        )
        text = _EDGE_END.sub("", _EDGE_START.sub("", text.strip()))
    told = _ADD_THAT.search(text)
    own_sentence = told is not None and re.match(r"[.!?]", told.group(0).lstrip())
    if (
        told is not None
        and told.start()
        and not own_sentence
        and not _SENTENCE_BREAK.search(text, 0, told.start())
    ):
        # one sentence, then "so add that"
        said_with = [part for part in (told["when"], told["also"]) if part]
        repeat, text = told, " ".join([text[: told.start()], *said_with])
    if repeat is not None and repeat.start() and text:
        # "I run payroll every friday, can you make that a recurring task?": asked to add it
        text = f"add {text}"
    return _day_said_last(text)
