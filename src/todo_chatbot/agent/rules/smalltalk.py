"""Greetings, thanks and questions about the assistant itself: answered without any tool."""

from __future__ import annotations

import re

from todo_chatbot.language.lexicon import FEELINGS, INTENSIFIERS, words_re

HELP_TEXT = (
    'I can manage your tasks. Try: "add pay rent every month on the 1st #home", '
    '"remind me to call mom tomorrow at 8am", "show my high priority tasks", '
    '"find tasks about taxes", "move the dentist appointment to friday at 3pm", '
    '"mark task 3 as done", "reopen task 3" or "delete the gym task".'
)
GREETING_REPLY = 'Hi! What can I do for your tasks today? Say "help" to see examples.'
THANKS_REPLY = "You're welcome! Anything else, just ask."
GOODBYE_REPLY = "Bye! Your tasks will be here when you come back."
ACK_REPLY = "OK, nothing changed."
MOOD_REPLY = "I hear you. If something needs doing, I can add it to your list."
UNKNOWN_REPLY = "Sorry, I'm not sure what you mean. " + HELP_TEXT

_GREETING = (
    r"hi+|hello+|hey+|hiya|howdy|yo|sup|greetings|good\s+(?:morning|afternoon|evening|day)|gm|"
    r"g'?morning|mornin'?|top\s+of\s+the\s+morning|i'?m\s+back|back\s+again|i'?m\s+here|"
    r"(?:merry|happy)\s+(?:christmas|xmas|holidays|new\s+year|easter|thanksgiving|hanukkah|diwali|"
    r"eid|halloween|friday|monday|weekend|birthday|valentine'?s(?:\s+day)?)(?:\s+(?:to\s+you|everyone))?|"
    r"season'?s\s+greetings|"
    r"hi\s+there|hey\s+there|hello\s+there|what'?s\s+up|wass?up|"
    r"how\s+are\s+(?:you|u|ya)(?:\s+doing)?(?:\s+(?:today|tonight|this\s+morning))?|"
    r"how'?s\s+it\s+going|how\s+do\s+you\s+do|nice\s+to\s+meet\s+you|morning|evening|"
    r"hey\s+(?:bot|assistant|buddy)|hi\s+(?:bot|assistant)|hello\s+(?:bot|assistant)"
)
_THANKS = (
    r"(?:thanks?|thx|tnx|thnx|thanx|ty|thank\s+(?:you|u))(?:\s+(?:a\s+lot|so\s+much|very\s+much|"
    r"again|man|mate|buddy|a\s+bunch|a\s+ton|(?:so|very)\s+much|heaps|loads))?|"
    r"tysm|cheers|much\s+appreciated|appreciate\s+it|many\s+thanks|thanks\s+heaps|"
    r"that'?s\s+(?:all|it|everything|great|perfect|helpful)(?:\s+for\s+(?:now|today|tonight|the\s+day))?|"
    r"nothing\s+else|i\s+(?:love|like|adore)\s+(?:you|u|this(?:\s+(?:app|bot|thing))?)(?:\s+so\s+much)?|"
    r"love\s+(?:you|u|this(?:\s+app)?)|"
    r"i'?m\s+(?:done|good|all\s+set)|all\s+(?:good|set|done)|we'?re\s+done|no\s+thanks|"
    r"good\s+job|well\s+done|great\s+job|you'?re\s+(?:the\s+best|awesome|great|amazing|a\s+star|"
    r"a\s+legend|a\s+gem|a\s+lifesaver|a\s+genius|brilliant)|love\s+it|legend|lifesaver"
)
_ACK = (
    r"great|perfect|awesome|nice|cool|good|excellent|wonderful|amazing|brilliant|sweet|lovely|"
    r"super|got\s+it|understood|sounds\s+(?:good|great|like\s+a\s+plan)|(?:good|great|nice|cool)\s+"
    r"(?:stuff|one|work|beans)|works\s+for\s+me|fair\s+enough|no\s+worries|no\s+problem|np|ok(?:ay)?|k|kk|sure|fine|alright|yes|yep|yeah|no|"
    r"nope|nah|naw|lol|haha+|hehe|lmao|wow|whoa|woah|omg|hmm+|yay|meh|oh|ah|aha|cool\s+cool|ok\s+cool|"
    r"haha\s+ok(?:ay)?|ok\s+haha|:\)|:-\)|sorry(?:,?\s+wrong\s+(?:chat|window|person|app))?|"
    r"wrong\s+(?:chat|window|person|app)|my\s+bad|oops"
)
_GOODBYE = (
    r"(?:bye+|goodbye|good\s*bye|see\s+(?:you|ya)(?:\s+later)?|later|ciao|good\s+night|night|gn|"
    r"nighty\s+night|cya|laters)"
    r"(?:\s+for\s+now)?|"
    r"talk\s+(?:to\s+you\s+)?later|ttyl|have\s+a\s+(?:good|nice)\s+(?:day|one|night)"
)
_CANCEL = (
    r"never\s*mind|nvm|forget\s+it|cancel(?:\s+that)?|stop|nothing|ignore\s+(?:that|it)|"
    r"(?:that'?s\s+)?not\s+what\s+i\s+(?:meant|wanted|asked(?:\s+for)?|said)|that'?s\s+(?:wrong|not\s+right)|"
    r"you\s+(?:got\s+it\s+wrong|misunderstood(?:\s+me)?)|wrong\s+(?:one|task)|"
    r"(?:let\s+me|lemme)\s+(?:think|see|check)(?:\s+(?:about\s+it|a\s+sec(?:ond)?|a\s+moment))?|"
    r"hold\s+on|hang\s+on|one\s+(?:sec|second|moment|min(?:ute)?)|just\s+a\s+(?:sec|second|moment|"
    r"min(?:ute)?)|brb|wait|leave\s+it(?:\s+(?:be|as\s+is|for\s+now))?|(?:don'?t|dont)\s+worry"
    r"(?:\s+about\s+it)?|skip\s+it|no\s+need"
)
_HELP = (
    r"help(?:\s+me)?|help\s+please|\?+|what\s+(?:else\s+)?(?:can|could)\s+(?:you|i)\s+(?:do|say|ask)"
    r"(?:\s+(?:for\s+me|"
    r"here|with\s+you))?|what\s+do\s+you\s+do|what\s+are\s+you|who\s+are\s+you|"
    r"how\s+(?:does\s+(?:this|it)|do\s+you|do\s+i\s+use\s+(?:this|you))\s+work|how\s+do\s+i\s+use\s+"
    r"(?:this|you|it)|what\s+are\s+(?:your\s+)?(?:commands|features|options)|commands|"
    r"what\s+(?:can|should)\s+i\s+(?:say|type|ask)|examples?|show\s+(?:me\s+)?(?:some\s+)?examples|"
    r"what\s+are\s+you\s+capable\s+of|what\s+are\s+your\s+capabilities|how\s+can\s+you\s+help(?:\s+me)?|"
    r"what\s+can\s+you\s+help\s+(?:me\s+)?with|instructions|usage|menu|start|"
    r"(?:are\s+you|is\s+this)\s+(?:a\s+)?(?:bot|robot|human|ai|real)|what'?s\s+your\s+name|"
    r"what\s+(?:else\s+)?are\s+you\s+able\s+to\s+do|what\s+is\s+this|what\s+do\s+you\s+know|"
    r"what\s+(?:kind|sort)\s+of\s+things\s+can\s+you\s+do|how\s+do\s+i\s+(?:start|begin)|"
    r"how\s+(?:do|can|should|would)\s+i\s+(?:add|make|set|use|create|delete|remove|mark|change|"
    r"tag|see|find|list|search|edit|rename|move)\b.*|who\s+(?:made|built|created|wrote)\s+you|"
    r"how\s+many\s+(?:tasks|things|items|todos)\s+can\s+(?:i|you)\b.*|is\s+there\s+a\s+limit\b.*|"
    r"what\s+time\s+is\s+it|what'?s\s+the\s+time|what\s+day\s+is\s+(?:it|today)(?:\s+(?:today|tomorrow))?|"
    r"what\s+(?:day|date)\s+is\s+tomorrow|what'?s\s+(?:the\s+date|today'?s\s+date)(?:\s+today)?"
)

# Asked of an assistant that only manages tasks.
_OFF_TOPIC = (
    r"tell\s+me\s+(?:a\s+)?(?:joke|story|riddle|fun\s+fact|fact|something\s+(?:funny|interesting|"
    r"nice))|(?:say|make\s+me\s+laugh|sing)(?:\s+(?:me\s+)?(?:a\s+)?(?:something|song|joke))?|"
    r"(?:what'?s|how'?s|what\s+is)\s+the\s+weather(?:\s+like)?(?:\s+\w+){0,3}|"
    r"(?:is|will)\s+it\s+(?:going\s+to\s+|gonna\s+)?(?:rain|snow|be\s+(?:sunny|cold|hot|warm))"
    r"(?:\s+\w+){0,3}|what'?s\s+the\s+meaning\s+of\s+life|"
    r"do\s+you\s+(?:like|love|dream|sleep|have\s+feelings)(?:\s+\w+){0,3}|"
    r"are\s+you\s+(?:happy|sad|alive|sentient|conscious|smart)"
)
# How the user feels, or what they make of their day: "i'm so tired", "my boss is so annoying".
_INTENSE = rf"(?:{words_re(INTENSIFIERS)}\s+)"
_FEELING = (
    rf"(?:a\s+(?:bit|little)\s+)?{words_re(FEELINGS)}"
    r"(?:\s+(?:today|tonight|right\s+now|rn|lately))?"
)
_MOOD = (
    rf"(?:i'?m|i\s+am|i\s+feel|feeling|i'?ve\s+been|ugh|today\s+(?:is|was)|it'?s\s+been)\s+"
    rf"{_INTENSE}*{_FEELING}|"
    rf"(?:you'?re|you\s+are|u\s+r|(?:this|that|it)(?:'s|\s+is|\s+was))\s+{_INTENSE}*"
    rf"(?:a\s+|an\s+)?{_FEELING}(?:\s+(?:app|bot|thing|idea|again))?|"
    rf"(?:my|the|this|that|it|work|life|today)(?:\s+[a-z']+){{0,3}}?\s+(?:is|was|are|were|'s|has\s+been|"
    rf"have\s+been)\s+(?:being\s+)?{_INTENSE}+{_FEELING}"
)
OFF_TOPIC_REPLY = "I can't help with that here; I look after your tasks. " + HELP_TEXT

_CLAUSE_SPLIT = re.compile(r"\s*(?:[,.!;]+|\s-\s|\band\b)\s*", re.I)
_KINDS = (
    ("help", re.compile(rf"(?:{_HELP})", re.I)),
    ("greeting", re.compile(rf"(?:{_GREETING})", re.I)),
    ("goodbye", re.compile(rf"(?:{_GOODBYE})", re.I)),
    ("cancel", re.compile(rf"(?:{_CANCEL})", re.I)),
    ("thanks", re.compile(rf"(?:{_THANKS})", re.I)),
    ("ack", re.compile(rf"(?:{_ACK})", re.I)),
    ("off_topic", re.compile(rf"(?:{_OFF_TOPIC})", re.I)),
    ("mood", re.compile(rf"(?:{_MOOD})", re.I)),
)
_ADDRESS = re.compile(
    r"\s+(?:bot|assistant|buddy|friend|my\s+friend|there|mate|man|sunshine|dear|pal|everyone|"
    r"team|folks|guys|ji|sir|ma'?am|bhai|bro|dude|again)$",
    re.I,
)

_REPLIES = {
    "help": HELP_TEXT,
    "greeting": GREETING_REPLY,
    "goodbye": GOODBYE_REPLY,
    "cancel": ACK_REPLY,
    "thanks": THANKS_REPLY,
    "ack": "OK! Anything else I can do for your tasks?",
    "off_topic": OFF_TOPIC_REPLY,
    "mood": MOOD_REPLY,
}


_ANY_KIND = re.compile(
    "(?:(?:" + "|".join(f"(?:{pattern.pattern})" for _, pattern in _KINDS) + r")(?:\s+|$))+", re.I
)


def _clause_kind(clause: str) -> str | None:
    clause = _ADDRESS.sub("", clause.strip().rstrip("?").strip())
    if not clause:
        return "empty"
    for kind, pattern in _KINDS:
        if pattern.fullmatch(clause):
            return kind
    if _ANY_KIND.fullmatch(clause):  # "ok thanks", "haha ok": several kinds in one clause
        first = clause.split()[0]
        return next((kind for kind, pattern in _KINDS if pattern.fullmatch(first)), "ack")
    return None


# Said around small talk and not part of it: "um, thanks", "help pls".
_PLEASE = re.compile(
    r"^(?:(?:please|pls|plz|um+|uh+|erm*|so|well)\b[\s,]*)+|[\s,]*\b(?:please|pls|plz)[\s.!]*$",
    re.I,
)


def small_talk_reply(text: str) -> str | None:
    """A reply when the whole message is small talk; None when it asks for something."""
    stripped = _PLEASE.sub("", text.strip()).strip()
    if not stripped:
        return HELP_TEXT if not text.strip() else None
    if re.fullmatch(r"\?+", stripped):
        return HELP_TEXT
    clauses = [c for c in _CLAUSE_SPLIT.split(stripped.lower()) if c.strip()]
    if not clauses:
        return HELP_TEXT
    kinds = [_clause_kind(c) for c in clauses]
    if any(k is None for k in kinds):
        return None
    for preferred in (
        "help",
        "off_topic",
        "goodbye",
        "thanks",
        "greeting",
        "cancel",
        "mood",
        "ack",
    ):
        if preferred in kinds:
            return _REPLIES[preferred]
    return HELP_TEXT
