"""Greetings, thanks and questions about the assistant itself: answered without any tool."""

from __future__ import annotations

import re

from todo_chatbot.language.lexicon import (
    DAY_NEWS_VERBS,
    FEELINGS,
    INTENSIFIERS,
    LAUGH_RE,
    RESTING,
    TAKE_BACK_WORDS,
    TASK_VERBS,
    WEEKDAY_RE,
    is_past_form,
    words_re,
)

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
    r"it'?s\s+(?:me|just\s+me)(?:\s+again)?|"
    # "r u awake lol", "you still there?"
    r"(?:(?:are|r)\s+)?(?:you|u|ya)\s+(?:still\s+)?(?:awake|up|there|around|online|alive)(?:\s+(?:rn|now|still))?|"
    r"(?:merry|happy)\s+(?:christmas|xmas|holidays|new\s+year|easter|thanksgiving|hanukkah|diwali|"
    r"eid|halloween|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|birthday|"
    r"valentine'?s(?:\s+day)?)(?:\s+(?:to\s+you|everyone))?|"
    # "Hope you're having a nice day."
    r"(?:i\s+)?hope\s+(?:you'?re|you\s+are)\s+(?:having\s+a\s+(?:nice|good|great|lovely|wonderful)\s+"
    r"(?:day|week|weekend|morning|evening)|(?:doing\s+)?(?:well|good|ok(?:ay)?))(?:\s+today)?|"
    # "just testing if this thing works", "test", "is this working?"
    r"(?:just\s+)?testing(?:\s+testing)*(?:\s+(?:123|1\s*2\s*3))?(?:\s+(?:if|whether)\s+(?:this|it)"
    r"(?:\s+thing|\s+bot|\s+app)?\s+works)?|test(?:\s+message)?|(?:is|does)\s+(?:this|it)"
    r"(?:\s+thing|\s+bot|\s+app)?\s+(?:working|work)|"
    r"season'?s\s+greetings|"
    r"hi\s+there|hey\s+there|hello\s+there|what'?s\s+up|wass?up|"
    # as said in the user's own language
    r"hola|buenos\s+d[ií]as|buenas(?:\s+tardes|\s+noches)?|bonjour|salut|hallo|guten\s+(?:morgen|tag|abend)|"
    r"namaste|namaskar|ciao|buongiorno|ol[aá]|bom\s+dia|boa\s+tarde|konnichiwa|ni\s*hao|salaam|shalom|"
    r"i\s+hope\s+(?:you|u)\s+(?:had|have|are\s+having|enjoyed)\s+(?:a\s+)?(?:[a-z]+\s+){0,2}"
    r"(?:weekend|day|week|evening|morning|time|holiday|holidays|break|trip)|"
    r"how\s+are\s+(?:you|u|ya)(?:\s+doing)?(?:\s+(?:today|tonight|this\s+morning))?|"
    r"how'?s\s+it\s+going|how\s+do\s+you\s+do|nice\s+to\s+meet\s+you|morning|evening|"
    r"hey\s+(?:bot|assistant|buddy)|hi\s+(?:bot|assistant)|hello\s+(?:bot|assistant)"
)
_THANKS = (
    r"(?:thanks?|thx|tnx|thnx|thanx|ty|thank\s+(?:you|u)|cheers|ta|nice\s+one|"
    r"(?:that'?s|thats)\s+(?:brill|brilliant|ace|lovely|grand|class))"
    r"(?:\s+(?:a\s+lot|so\s+much|very\s+much|"
    r"again|man|mate|buddy|a\s+bunch|a\s+ton|(?:so|very)\s+much|heaps|loads|kindly|ever\s+so\s+much))?|"
    # "thats it for this year", "that's all for today": the user is done asking
    r"(?:that'?s|thats|that\s+is)\s+(?:it|all|everything)(?:\s+for\s+(?:now|today|tonight|the\s+(?:day|week|"
    r"year)|this\s+(?:week|month|year)))?|"
    # "You have been most helpful this morning."
    r"(?:you'?ve|you\s+have)\s+been\s+(?:most|very|so|really|ever\s+so)\s+(?:helpful|kind)"
    r"(?:\s+(?:this\s+(?:morning|afternoon|evening|week)|today))?|"
    # "you help me a lot", "you really saved me today"
    r"(?:you|u)\s+(?:really\s+|truly\s+)?(?:help(?:ed)?|saved)\s+(?:me|us)(?:\s+(?:a\s+lot|so\s+much|"
    r"loads|big\s+time|today|again))*|"
    r"tysm|cheers|much\s+appreciated|appreciate\s+it|many\s+thanks|thanks\s+heaps|"
    # as said in the user's own language
    r"arigat(?:ou|o|ō)(?:\s+gozaimasu)?|gracias|merci(?:\s+beaucoup)?|danke(?:\s+sch(?:ö|oe)n)?|obrigad[oa]|"
    r"grazie(?:\s+mille)?|dhanyavaad|shukriya|xie\s*xie|spasibo|dank\s+je(?:\s+wel)?|tack|"
    r"gracias|muchas\s+gracias|danke(?:\s+sch[öo]n|\s+sehr)?|merci(?:\s+beaucoup)?|grazie(?:\s+mille)?|"
    r"obrigad[oa]|dhanyavaad|shukriya|xie\s*xie|arigato|"
    # "ok that was everything"
    r"(?:that|this)\s+(?:was|is)\s+(?:all|everything)(?:\s+(?:for\s+)?(?:now|today))?|"
    # "ta x", "thanks xx": thanks with a kiss
    r"(?:ta|thanks|thx|ty|cheers|thank\s+you)\s+x+|"
    r"(?:that'?s|that\s+is)\s+(?:all|everything)\s+i\s+(?:needed|wanted|need|want)(?:\s+(?:for\s+)?(?:now|today))?|"
    r"(?:(?:i\s+think\s+)?(?:that'?s|that\s+is|this\s+is|that\s+will\s+be|that'?ll\s+be|that\s+should\s+be|"
    r"that\s+would\s+be)\s+(?:all|it|everything|great|perfect|helpful)|that\s+will\s+do|that'?ll\s+do)"
    r"(?:\s+(?:for\s+)?(?:now|today|tonight|the\s+day|this\s+(?:morning|evening|week)))?|"
    # "thank you for all your help today", "thanks for everything"
    r"(?:thanks?|thx|ty|thank\s+(?:you|u)|many\s+thanks|much\s+appreciated)(?:\s+(?:so|very)\s+much)?(?:\s+again)?"
    r"\s+for\s+(?:all\s+)?(?:today|tonight|now|your|the|everything|"
    r"helping|that|this|[a-z]+ing\s+(?:that|it|this|them|those|everything))(?:\s+[a-z']+){0,8}|"
    # "...; it has been most useful"
    r"(?:it|that|this|you)\s+(?:has|have|'s|'ve)\s+been\s+(?:(?:most|very|so|really|super|extremely)\s+)?"
    r"(?:useful|helpful)|"
    # "perfect. you're way better than my old app"
    r"(?:you'?re|you\s+are|ur|this\s+is)\s+(?:(?:way|much|so\s+much|miles|a\s+lot)\s+)?better\s+than\s+"
    r"(?:my|the|any)(?:\s+[a-z']+){0,3}|"
    r"you'?ve\s+been\s+(?:(?:very|so|really|super|a)\s+)*(?:helpful|great|amazing|wonderful|"
    r"brilliant|kind|patient|(?:great\s+|big\s+)?help)|"
    r"i\s+(?:really\s+|truly\s+|do\s+)?appreciate\s+(?:it|that|this|you|your\s+(?:help|time|patience))"
    r"(?:\s+(?:a\s+lot|so\s+much|very\s+much))?|"
    r"that'?s\s+(?:(?:very|so|really)\s+)?(?:kind|nice|sweet|lovely|helpful)(?:\s+of\s+(?:you|u))?|"
    r"nothing\s+else|i\s+(?:love|like|adore)\s+(?:you|u|this(?:\s+(?:app|bot|thing))?)(?:\s+so\s+much)?|"
    r"love\s+(?:you|u|this(?:\s+app)?)|"
    r"(?:(?:i'?m|we'?re)\s+(?:all\s+)?(?:done|good|set)|all\s+(?:good|set|done)|we'?re\s+done)"
    r"(?:\s+for\s+(?:now|today|tonight|the\s+day))?|no\s+thanks|"
    r"(?:good|great|nice)\s+(?:job|work)(?:\s+(?:today|tonight|again|as\s+always))?|well\s+done|(?:you'?re|ur|u\s+r|you\s+are)\s+(?:(?:honestly|truly|really|literally|seriously|such)\s+)?(?:the\s+best|awesome|great|amazing|a\s+star|"
    r"a\s+legend|a\s+gem|a\s+lifesaver|a\s+genius|brilliant|saving\s+my\s+(?:life|sanity|butt|bacon)|"
    r"more\s+[a-z]+\s+than\s+(?:my|our|the)\s+[\w\s]{1,25}?)"
    # "you're a lifesaver this week"
    r"(?:\s+(?:today|tonight|this\s+(?:week|morning|evening|month)|again|as\s+always|fr|lately|"
    r"honestly|tbh|seriously|really))?|"
    r"love\s+it|legend|lifesaver|"
    # "cheers mate, sorted"
    r"(?:cheers|thanks|ta)(?:\s+(?:mate|pal|buddy))?[\s,]+(?:all\s+)?sorted|"
    # "thx bestie", "that's fire", "ur actually so helpful ngl"
    r"(?:thx|thanks|ty|tysm)\s+(?:bestie|babe|hun|fam|queen|king|dude|bro|sis)|"
    r"(?:that'?s|thats|this\s+is)\s+(?:fire|lit|goated|elite|iconic|a\s+vibe)|"
    r"(?:you'?re|ur|u\s+r|you\s+are)\s+(?:actually\s+|honestly\s+|lowkey\s+|literally\s+)*(?:so\s+|really\s+|super\s+)?"
    r"(?:helpful|useful|good\s+at\s+this|the\s+goat)|"
    # "ngl this app kinda slaps"
    r"(?:(?:ngl|tbh|honestly|lowkey)\s+)?(?:this|the)\s+(?:app|bot|thing)\s+(?:(?:kinda|lowkey|really|actually|honestly)\s+)*"
    r"(?:slaps|rocks|rules|is\s+fire|goes\s+hard|is\s+goated|is\s+a\s+game\s+changer)"
)
_ACK = (
    r"great|perfect|thank\s+(?:god|goodness|heavens)|phew|whew|(?:very|so|really|super)\s+helpful|"
    # "ok lets try this. water the plants every sunday": about to try, then the try
    r"(?:let'?s|lets)\s+(?:try|test|see)(?:\s+(?:this|it|this\s+out|it\s+out|how\s+this\s+works))?|awesome|nice|cool|good|excellent|wonderful|amazing|brilliant|sweet|lovely|"
    r"super|got\s+it|understood|(?:(?:this|that|it)(?:'s|\s+is)\s+)?not\s+(?:too\s+|so\s+|half\s+)?bad"
    r"(?:\s+at\s+all)?|(?:that'?s|thats)\s+a\s+lot|sounds\s+(?:good|great|like\s+a\s+plan)|(?:good|great|nice|cool)\s+"
    r"(?:stuff|one|work|beans)|works\s+for\s+me|fair\s+enough|no\s+worries|no\s+problem|np|ok(?:ay)?|k|kk|sure|fine|alright|yes|yep|yeah|no|"
    r"nope|nah|naw|lol|haha+|hehe|lmao|wow|whoa|woah|omg|hmm+|yay|meh|oh|ah|aha|cool\s+cool|ok\s+cool|"
    r"(?:uh[\s-]+)?huh|mhm+|mm+|"
    r"haha\s+ok(?:ay)?|ok\s+haha|:\)|:-\)|sorry(?:,?\s+wrong\s+(?:chat|window|person|app))?|"
    r"wrong\s+(?:chat|window|person|app)|my\s+bad|oops|excuse\s+me|pardon(?:\s+me)?|"
    # "sorry, kid grabbed my phone": nothing was meant
    r"(?:(?:my|the)\s+)?(?:kid|kids|son|daughter|toddler|baby|cat|dog)\s+(?:grabbed|took|had|got\s+hold\s+of|"
    r"sat\s+on|stepped\s+on|walked\s+(?:on|across))\s+(?:my\s+|the\s+)?(?:phone|keyboard|laptop|tablet)"
    r"(?:\s+again)?|butt\s*-?dial(?:ed)?|pocket\s+(?:text|dial)(?:ed)?|"
    # "that all looks good", "no changes needed"
    r"(?:(?:that|it|this)(?:'s|\s+is)?\s+)?(?:all\s+)?looks?\s+(?:all\s+)?(?:good|great|fine|right|perfect)|"
    r"no\s+changes?(?:\s+(?:needed|necessary))?|"
    r"good\s+to\s+know|interesting|(?:that\s+)?makes\s+sense|i\s+see|(?:that\s+)?sounds\s+(?:good|great|"
    r"fine|perfect|lovely)(?:\s+to\s+me)?|no\s+problem(?:\s+at\s+all)?|true|indeed|exactly|of\s+course|"
    r"sure\s+thing|will\s+do|noted|fair|right|(?:ok(?:ay)?|alright)\s+then|whatever|cool\s+story(?:\s+bro)?|"
    r"omw|tgif|smh|idk|yw|lmao+|lol+|rofl|ikr|fml|ffs|gg|gn|bruh+|bro|oof|yikes|welp|rip|"
    r"(?:wow\s+)?(?:ok(?:ay)?\s+)?rude|"
    # "nice, that worked", "yep that did it", "all good now"
    r"(?:that|it)\s+(?:worked|works|did\s+it|did\s+the\s+trick)(?:\s+(?:now|perfectly|fine|great))?|"
    r"all\s+good(?:\s+now)?|(?:looks|looking)\s+(?:good|great|right)|(?:all\s+)?sorted(?:\s+now)?|"
    # "great, that's sorted then"
    # ("that's done now" still asks which task is done)
    r"(?:that'?s|thats|that\s+is)\s+(?:sorted|settled)\s+then|"
    # "haha that's exactly what I needed", "am I right", "sorry for spamming you"
    r"(?:that'?s|this\s+is)\s+(?:exactly\s+|just\s+)?what\s+i\s+(?:needed|wanted)|am\s+i\s+right|amirite|"
    # "sorry, ignore me - wrong window", "not right now, thanks all the same",
    # "no worries, I've already added it myself", "I'll sort my list out myself tomorrow"
    r"ignore\s+(?:me|that|this)|(?:not|nothing)\s+(?:right\s+)?now|thanks\s+all\s+the\s+same|"
    r"(?:i'?ve|i\s+have)\s+(?:already\s+)?(?:added|done|sorted|fixed|handled)\s+(?:it|that|this)"
    r"(?:\s+(?:myself|already))?|"
    r"i'?ll\s+(?:sort|do|deal\s+with|handle|add)\s+(?:it|that|this|my\s+list|them|things)(?:\s+out)?"
    r"(?:\s+myself)?(?:\s+(?:later|tomorrow|tonight))?|"
    r"(?:i\s+)?(?:love|like|adore)\s+(?:this|the|you|it)(?:\s+(?:app|bot|thing|assistant))?"
    r"(?:\s+(?:tbh|honestly|lol|so\s+much|a\s+lot))?|"
    r"(?:sorry|apologies|i\s+(?:do\s+)?apologi[sz]e)\s+(?:for\s+|about\s+)?(?:(?:spamming|bugging|bothering|pestering)\s+you|"
    r"(?:all\s+)?(?:the|these|my|so\s+many)\s+(?:messages|texts|spam|questions|typos|changes|edits|"
    r"requests|corrections))"
    r"(?:\s+with\s+all\s+(?:these|this|of\s+this))?(?:\s+(?:today|tonight|lately|lol|haha+))*|"
    # "..., honestly": an aside after what was said
    r"honestly|tbh|ngl|seriously|truly|for\s+real|fr|ugh+|argh+|sigh|phew|welp|"
    r"to\s+be\s+(?:honest|fair)|if\s+i'?m\s+honest|"
    # "morning! coffee first ☕ then chores"
    r"(?:(?:but\s+)?(?:coffee|tea|breakfast|caffeine)\s+first)(?:\s+then\s+(?:chores|work|the\s+list|everything|"
    r"the\s+rest|tasks))?|"
    # "omg finally home"
    r"(?:(?:finally|back|made\s+it|just\s+got)\s+)?home(?:\s+(?:at\s+last|finally|now))?"
)
_GOODBYE = (
    r"(?:bye+|goodbye|good\s*bye|(?:see|talk\s+to)\s+(?:you|ya|u)(?:\s+(?:later|soon|tomorrow|tmrw|"
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next\s+week|around))?|"
    r"talk\s+(?:tomorrow|soon|later)|later|ciao|good\s*night|g'?nite|nite|night|gn|"
    r"nighty\s+night|cya|laters|be\s+right\s+back|(?:i\s+)?(?:gotta|got\s+to|have\s+to)\s+"
    r"(?:go|run|dash)|"
    # "ok logging off", "heading out", "calling it a day"
    r"(?:(?:i'?m|i\s+am)\s+)?(?:logging|signing|clocking|heading|knocking)\s+(?:off|out)(?:\s+now)?|"
    r"(?:i'?m\s+)?(?:calling\s+it\s+a\s+(?:day|night)|done\s+for\s+the\s+day|off\s+for\s+the\s+day))"
    r"(?:\s+(?:tmrw|tomorrow|later|soon|all))?|"
    # "brb meeting": away, and why
    r"(?:brb|gtg|g2g|afk)(?:\s+[a-z']+){0,3}"
    r"(?:\s+for\s+now)?|"
    r"talk\s+(?:to\s+you\s+)?later|ttyl|(?:have\s+a|enjoy\s+your)\s+(?:(?:good|nice|great|lovely|"
    r"wonderful)\s+)?(?:day|one|night|evening|afternoon|morning|weekend|week)"
)
_CANCEL = (
    # "never mind about the dentist thing, leave it as is"
    r"never\s*mind\s+about\s+(?:the\s+|that\s+)?[\w' ]{1,30}?(?:\s+(?:thing|one|task))?|"
    r"(?:leave|keep)\s+it\s+(?:as\s+it\s+is|as\s+is|alone|be)|"
    r"never\s*mind|nvm|forget\s+it|cancel(?:\s+that)?|stop|ignore\s+(?:that|it)|"
    r"(?:(?:kindly|please|pls)\s+)?(?:disregard|ignore)(?:\s+(?:that|this|it|my|the)(?:\s+last)?"
    r"(?:\s+(?:message|msg|one|text))?)?|"
    r"per\s+my\s+last\s+(?:message|email)|all\s+good\s+now|"
    r"nothing\s+to\s+(?:add|do|report|change)(?:\s+(?:for\s+now|today))?|nothing(?:\s+(?:else|more))?(?:\s+(?:for\s+(?:now|today|tonight)|right\s+now|today|at\s+the\s+moment))?|"
    r"(?:that'?s\s+)?not\s+what\s+i\s+(?:meant|wanted|asked(?:\s+for)?|said)|that'?s\s+(?:wrong|not\s+right)|"
    r"you\s+(?:got\s+it\s+wrong|misunderstood(?:\s+me)?)|wrong\s+(?:one|task)|"
    r"(?:let\s+me|lemme)\s+(?:think|see|check)(?:\s+(?:about\s+it|a\s+sec(?:ond)?|a\s+moment))?|"
    r"hold\s+on|hang\s+on|one\s+(?:sec|second|moment|min(?:ute)?)|just\s+a\s+(?:sec|second|moment|"
    r"min(?:ute)?)|brb|wait|(?:maybe\s+)?later|not\s+(?:now|right\s+now|today|yet)|"
    r"(?:i'?ll|let\s+me)\s+think\s+about\s+it|leave\s+it(?:\s+(?:be|as\s+is|for\s+now))?|(?:don'?t|dont)\s+worry"
    r"(?:\s+about\s+it)?|skip\s+it|no\s+need"
)
# A pause, not a request: "hang on a sec", "one sec, the baby's crying".
_PAUSE = (
    r"(?:one|a|just\s+a|gimme\s+a|give\s+me\s+a)\s+(?:sec|second|moment|min(?:ute)?|mo)|"
    r"(?:hang|hold)\s+on(?:\s+(?:a\s+)?(?:sec|second|moment|min(?:ute)?|mo))?|bear\s+with\s+me"
)
PAUSE_REPLY = "Take your time. I'm here when you're back."
# "wish me luck for my talk on friday!"
_LUCK = r"wish\s+me\s+luck(?:\s+(?:for|with|on)\s+(?:my|the|this|tomorrow'?s?)(?:\s+[a-z']+){0,3})?"
LUCK_REPLY = "Good luck! You've got this."
_HELP = (
    r"help(?:\s+me)?|help\s+please|\?+|what\s+can\s+(?:you|u)\s+(?:actually|really)\s+do|"
    # "can you undo stuff if i mess up?"
    r"(?:can|could)\s+(?:you|u|i)\s+undo(?:\s+(?:stuff|things|changes|mistakes|that|it))?(?:\s+if\s+i\s+"
    r"(?:mess\s+up|make\s+a\s+mistake|get\s+it\s+wrong))?|what\s+(?:else\s+)?(?:can|could)\s+(?:you|i)\s+(?:do|say|ask)"
    r"(?:\s+(?:for\s+me|"
    r"here|with\s+you))?|what\s+do\s+you\s+do|what\s+are\s+you|who\s+are\s+you|"
    r"how\s+(?:does\s+(?:this|it)|do\s+you|do\s+i\s+use\s+(?:this|you))\s+work|how\s+do\s+i\s+use\s+"
    r"(?:this|you|it)|what\s+are\s+(?:your\s+)?(?:commands|features|options)|commands|"
    r"what\s+(?:can|should)\s+i\s+(?:say|type|ask)(?:\s+(?:you|u))?|"
    r"i\s+(?:don'?t|do\s+not)\s+(?:understand|know|get)\s+how\s+(?:to\s+use\s+)?(?:this|it|you)(?:\s+works?)?|"
    r"(?:i'?m\s+|just\s+)*testing(?:\s+(?:this|you|it|123))?|"
    r"test(?:ing)?(?:\s+test(?:ing)?)*(?:\s+(?:one|two|three|1|2|3|123|1\s+2\s+3))+|(?:this\s+is\s+)?(?:a|just\s+a)\s+test|examples?|show\s+(?:me\s+)?(?:some\s+)?examples|"
    r"what\s+are\s+you\s+capable\s+of|what\s+are\s+your\s+capabilities|how\s+can\s+you\s+help(?:\s+me)?|"
    # "I wonder whether you could tell me what sort of things you're able to help with"
    r"(?:(?:i\s+)?wonder\s+(?:if|whether)\s+you\s+could\s+)?(?:tell|show)\s+me\s+what\s+(?:sort|kind|kinds|sorts)\s+"
    r"of\s+things\s+(?:you'?re|you\s+are)\s+(?:able\s+to\s+)?(?:help|do)(?:\s+with)?|"
    r"what\s+(?:sort|kind)s?\s+of\s+things\s+(?:can\s+you|are\s+you\s+able\s+to)\s+(?:help\s+with|do)|"
    r"what\s+can\s+you\s+help\s+(?:me\s+)?with|instructions|usage|menu|start|"
    r"(?:are\s+you|is\s+this)\s+(?:a\s+)?(?:bot|robot|human|ai|real)|what'?s\s+your\s+name|"
    r"what\s+(?:else\s+)?are\s+you\s+able\s+to\s+do|what\s+is\s+this|what\s+do\s+you\s+know|"
    r"what\s+(?:kind|sort)\s+of\s+things\s+can\s+you\s+do|how\s+do\s+i\s+(?:start|begin)|"
    # "is it possible to add tags?": what can be done, not a request to do it
    r"(?:is\s+(?:it\s+)?|would\s+it\s+be\s+)possible\s+to\s+(?:add|use|set|have|make|create|get)\s+"
    r"(?:tags?|labels?|reminders?|recurring(?:\s+tasks?)?|repeating\s+tasks?|priorit(?:y|ies)|subtasks?|"
    r"notifications?|due\s+dates?)(?:\s+(?:too|as\s+well|also|here))?|"
    # what the assistant can do: "can you set reminders?", "do you support recurring tasks?"
    r"(?:can|could|do|will|does)\s+(?:you|u|i|it|this(?:\s+app)?)\s+(?:also\s+)?(?:set|do|add|make|handle|"
    r"create|use|support|have|manage|schedule|give|send|track|understand|read|keep)\s+(?:me\s+)?"
    r"(?:reminders?|recurring(?:\s+tasks?)?|repeating(?:\s+tasks?)?|tags?|labels?|priorit(?:y|ies)|due\s+dates?|"
    r"deadlines?|tasks|subtasks?|lists?|notifications?|alarms?|things|stuff|dates|times)"
    r"(?:\s+for\s+(?:me|us))?(?:\s+(?:too|as\s+well|also))?|"
    r"(?:can|could|do|will)\s+(?:you|u)\s+(?:also\s+)?remind\s+(?:me|people|us)"
    r"(?:\s+(?:of|about)\s+(?:things|stuff|tasks))?|"
    r"i\s+need\s+(?:some\s+)?help(?:\s+with\s+(?:this|it|you)(?:\s+app)?)?|"
    r"(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:tell|show)\s+me\s+how(?:\s+to\s+(?:\w+\s*){1,4}|"
    r"\s+(?:this|it)\s+works)?|(?:(?:can|could|would)\s+(?:you|u)\s+)?explain\s+how\s+(?:this|it|you)\s+"
    r"works?|(?:i'?m|i\s+am)\s+not\s+sure\s+how\s+(?:to\s+use\s+)?(?:this|it|you)(?:\s+works?)?|"
    r"what\s+am\s+i\s+supposed\s+to\s+(?:type|say|do|write)|where\s+do\s+i\s+(?:start|begin)|"
    r"(?:can|could)\s+(?:you|u)\s+(?:give|show)\s+me\s+(?:an?\s+|some\s+)?examples?|"
    r"how\s+(?:does|do)\s+(?:the\s+)?(?:reminders?|recurring(?:\s+tasks?)?|repeats?|tags?|priorit(?:y|ies)|"
    r"lists?|this\s+app|the\s+app)\s+work|"
    r"what\s+(?:kind|sort)\s+of\s+things\s+(?:can|should)\s+i\s+(?:tell|ask|say\s+to)\s+(?:you|u)|"
    r"(?:sorry\s*,?\s*)?(?:i'?m|i\s+am)\s+new\s+(?:here|to\s+(?:this|you)(?:\s+app)?)|"
    r"(?:can|could)\s+(?:you|u)\s+help(?:\s+me)?|"
    r"how\s+(?:do|can|should|would)\s+i\s+(?:write|type|say|enter|format|put)\s+(?:a\s+|the\s+)?"
    r"(?:dates?|times?|tasks?|reminders?|tags?|priorit(?:y|ies))\b.*|"
    r"how\s+(?:do|can|should|would)\s+i\s+(?:add|make|set|use|create|delete|remove|mark|change|"
    r"tag|see|find|list|search|edit|rename|move)\b.*|who\s+(?:made|built|created|wrote)\s+you|"
    r"how\s+many\s+(?:tasks|things|items|todos)\s+can\s+(?:i|you)\b.*|is\s+there\s+a\s+limit\b.*|"
    r"what\s+time\s+is\s+it|what'?s\s+the\s+time|what\s+day\s+is\s+(?:it|today)(?:\s+(?:today|tomorrow))?|"
    r"what\s+(?:day|date)\s+is\s+tomorrow|what'?s\s+(?:the\s+date|today'?s\s+date)(?:\s+today)?"
)

# Asked of an assistant that only manages tasks.
_OFF_TOPIC = (
    r"tell\s+me\s+(?:a\s+)?(?:joke|story|riddle|fun\s+fact|fact|something(?:\s+(?:funny|interesting|"
    r"nice))?)|(?:say|make\s+me\s+laugh|sing)(?:\s+(?:me\s+)?(?:a\s+)?(?:something|song|joke))?|"
    r"(?:what'?s|how'?s|what\s+is)\s+the\s+weather(?:\s+like)?(?:\s+\w+){0,3}|"
    r"(?:is|will)\s+it\s+(?:going\s+to\s+|gonna\s+)?(?:rain|snow|be\s+(?:sunny|cold|hot|warm))"
    r"(?:\s+\w+){0,3}|what'?s\s+the\s+meaning\s+of\s+life|"
    r"do\s+you\s+(?:like|love|dream|sleep|have\s+feelings)(?:\s+\w+){0,3}|"
    r"are\s+you\s+(?:happy|sad|alive|sentient|conscious|smart)|how\s+old\s+are\s+you|"
    r"where\s+are\s+you\s+from|(?:do|can)\s+you\s+speak\s+\w+|"
    # "what time does the vet open on saturdays": opening hours, which no task holds
    r"(?:what\s+time|when|till\s+when|until\s+when)\s+(?:does|do|is|will)\s+(?:the\s+|my\s+)?(?:\w+\s+){1,6}?"
    r"(?:open|close|shut)(?:\s+\w+){0,3}"
)
# How the user feels, or what they make of their day: "i'm so tired", "my boss is so annoying".
_INTENSE = rf"(?:{words_re(INTENSIFIERS)}\s+)"
_FEELING = (
    rf"(?:a\s+(?:bit|little)\s+)?{words_re(FEELINGS)}"
    r"(?:\s+(?:today|tonight|right\s+now|rn|lately|af|asf|this\s+(?:week|month|morning|year)))?"
    r"(?:\s+(?:honestly|tbh|ngl|lol|fr))?"
)
# "so proud of myself", "yay me": said after what was achieved, which is no errand.
_PRIDE = (
    r"(?:(?:i'?m|i\s+am|we'?re|we\s+are|feeling)\s+)?(?:so\s+|really\s+|very\s+|super\s+)*proud\s+of\s+"
    r"(?:myself|me|us|ourselves|you)|(?:yay|go)\s+(?:me|us)"
)
_MOOD = (
    rf"{_FEELING}|"  # "bored af"
    r"(?:i'?m|i\s+am)\s+(?:so\s+|totally\s+|just\s+)?done\s+with\s+(?:today|this\s+week|this|everything|it\s+all|work)|"
    rf"(?:this|the)\s+(?:app|bot|thing|assistant)\s+(?:is|was)\s+{_INTENSE}*{_FEELING}|"
    rf"(?:(?:today|tonight|honestly|man|god)\s+)?"  # "today I am so tired"
    rf"(?:(?:i'?m|i\s+am)(?:\s+feeling)?|i\s+feel|feeling|i'?ve\s+been|ugh|today\s+(?:is|was)|it'?s\s+been)\s+"
    # ("im so stressed about this move")
    rf"{_INTENSE}*{_FEELING}(?:\s+(?:about|with|by|over)\s+(?:[a-z']+\s*){{1,4}}?(?:\s+(?:lol|tbh|honestly))?)?|"
    # "you're not very clever, are you"
    rf"(?:you'?re|you\s+are|u\s+r)\s+not\s+{_INTENSE}*(?:clever|smart|helpful|useful|good)"
    r"(?:\s+(?:at\s+all|are\s+you|is\s+it))?|"
    rf"(?:you'?re|you\s+are|u\s+r|(?:this|that|it)(?:'s|\s+is|\s+was))\s+(?:doing\s+)?{_INTENSE}*"
    rf"(?:a\s+|an\s+)?{_FEELING}(?:\s+(?:app|bot|thing|idea|again|job))?|"
    rf"{_PRIDE}|"
    # "I just wanted to say you've been a lifesaver", "you're funnier than my last todo app"
    r"(?:i\s+(?:just\s+)?(?:wanted|want)\s+to\s+say\s+)?(?:you'?ve|you\s+have)\s+been\s+(?:such\s+|so\s+|a\s+)*"
    r"(?:a\s+)?(?:lifesaver|life\s+saver|star|legend|great|amazing|so\s+helpful|helpful|a\s+huge\s+help|a\s+big\s+help)"
    r"(?:\s+(?:this\s+week|today|lately|recently))?|"
    r"(?:you'?re|you\s+are|u\s+r)\s+(?:so\s+much\s+|way\s+|much\s+)?(?:funnier|better|smarter|nicer|faster|easier)\s+than"
    r"(?:\s+[a-z']+){1,5}|"
    # "I'm so tired of work honestly", "it's my birthday today"
    rf"(?:i'?m|i\s+am)\s+{_INTENSE}*(?:tired|sick)\s+of\s+(?:work|school|this|everything|it\s+all|my\s+job|"
    r"mondays|studying)(?:\s+(?:honestly|tbh|lol|already))?|"
    r"it'?s\s+my\s+(?:birthday|bday|anniversary)(?:\s+today)?|"
    # "ugh my back is killing me today"
    r"(?:ugh+\s+)?(?:my|this|the)\s+(?:\w+\s+){0,2}(?:is|are)\s+(?:literally\s+)?killing\s+me"
    r"(?:\s+(?:today|tonight|right\s+now|rn|lately|this\s+week))?|"
    # "running on 4 hrs sleep and a cold coffee"
    r"(?:(?:good\s+)?morning\s+)?(?:i'?m\s+|im\s+)?running\s+on\s+(?:\d+|no|zero|little|two|three|four|five)\s+(?:hrs?|hours?)\s+"
    r"(?:of\s+)?sleep(?:\s+and\s+(?:a\s+)?[a-z]+(?:\s+[a-z]+)?)?|"
    # "lol ducking autocorrect"
    r"(?:stupid\s+|ducking\s+|damn\s+|bloody\s+)?auto-?correct(?:\s+(?:again|strikes\s+again|lol))?|"
    # "ugh midterms are going to destroy me 😭"
    r"(?:ugh+\s+)?(?:[a-z']+\s+){1,3}(?:is|are)\s+(?:going\s+to|gonna)\s+(?:destroy|kill|end|break)\s+me|"
    # "haha sorry i keep changing my mind"
    r"(?:sorry\s+)?i\s+keep\s+changing\s+my\s+mind|i\s+can'?t\s+make\s+up\s+my\s+mind|"
    # "big garden day today 🌱", "another long day tomorrow"
    r"(?:(?:a|another|such\s+a)\s+)?(?:big|busy|long|lazy|huge|full|hectic|rough|crazy|quiet|slow|"
    r"good|great|productive)\s+(?:[a-z]+\s+)?day(?:\s+(?:today|tomorrow|ahead|planned))?|"
    # "ugh i keep forgetting", "how did i let this slide", "totally forgot it was ready"
    r"(?:ugh+\s+)?i\s+(?:keep|always)\s+forget(?:ting)?(?:\s+(?:things|stuff|everything|this|it))?|"
    r"(?:i\s+)?(?:totally\s+|completely\s+|almost\s+)?forgot(?:\s+(?:about\s+)?(?:it|this|that))?"
    r"(?:\s+(?:it|that)\s+was\s+(?:ready|today|due))?|"
    r"how\s+did\s+i\s+(?:let\s+(?:this|that|it)\s+slide|forget(?:\s+(?:this|that|it))?|miss\s+(?:this|that|it))|"
    # "I need to think about what I want to add first"
    r"(?:i\s+)?(?:need|have|gotta)\s+to\s+think\s+(?:about\s+)?(?:what|it|this|that)(?:\s+[a-z']+){0,6}|"
    rf"(?:(?:my|the|this|that|it|work|life|today)(?:\s+[a-z']+){{0,3}}?|[a-z']+(?:\s+[a-z']+)?)\s+"
    rf"(?:is|was|are|were|'s|has\s+been|"
    rf"have\s+been)\s+(?:being\s+)?{_INTENSE}+{_FEELING}|"
    # "this linear algebra is killing me", "i will fail for sure", "I am rather enjoying it"
    r"(?:ugh+\s+)?(?:[a-z']+\s+){0,4}?(?:is|are|'s)\s+(?:literally\s+)?killing\s+me|"
    r"i\s+(?:will|'ll|am\s+going\s+to|'m\s+gonna)\s+(?:fail|die|lose\s+it|scream|cry)"
    r"(?:\s+(?:for\s+sure|lol|fr|honestly))?|"
    r"i\s+(?:must\s+say\s+)?(?:i\s+)?(?:am|'m)\s+(?:rather\s+|really\s+|so\s+|quite\s+)?"
    r"(?:enjoying|loving|liking|hating)\s+(?:it|this)|(?:i\s+feel\s+like\s+)?i'?m\s+drowning|"
    # "ugh i hate finals season", "i love mondays (not)"
    r"(?:ugh+\s+)?i\s+(?:hate|despise|can'?t\s+stand|love)\s+(?:finals|exams|mondays|this\s+week|my\s+life|"
    r"everything|school|work|uni|winter|this)(?:\s+(?:season|week|so\s+much|lol))*|"
    # "ugh. the caterer just cancelled on us", "the party yesterday was amazing btw"
    r"(?:the|our|my)\s+[a-z]+\s+(?:just\s+)?(?:cancelled|canceled|bailed|flaked)\s+on\s+(?:us|me)(?:\s+again)?|"
    r"(?:the|our|my)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:yesterday|last\s+night|last\s+week|today)\s+(?:was|went)\s+"
    rf"{_INTENSE}*(?:amazing|great|awesome|fun|lovely|brilliant|perfect|terrible|awful|a\s+disaster|well)"
    r"(?:\s+(?:btw|tbh|lol|honestly|fr))?|"
    # "I'm so stressed, the wedding is in 3 weeks and nothing's ready"
    r"(?:nothing'?s|nothing\s+is)\s+(?:ready|done|sorted)(?:\s+yet)?|"
    # "my roommate ate my leftovers again"
    r"(?:my|the)\s+(?:roommate|flatmate|brother|sister|dog|cat|kid|boss|neighbou?r)\s+(?:just\s+)?(?:ate|stole|took|"
    r"broke|ruined|finished)\s+my\s+[a-z]+(?:\s+again)?|"
    # "my shift was brutal", "I'm so behind on everything lately"
    r"(?:my|this|that|the|today'?s)\s+(?:shift|day|week|morning|night|commute|meeting|class|exam|"
    rf"workout|weekend|job|boss|life|lecture)\s+(?:is|was|has\s+been)\s+{_INTENSE}*{_FEELING}|"
    rf"(?:i'?m|i\s+am|i\s+feel|feeling)\s+{_INTENSE}*(?:behind|swamped|overwhelmed|snowed\s+under)\s+"
    r"(?:on|with|in)\s+(?:everything|it\s+all|things|stuff|work|life)"
    r"(?:\s+(?:today|lately|these\s+days|this\s+week|rn))?"
)
# Wishes and sighs about oneself: "lol i should really go to bed", "i need a vacation fr",
# "i should probably get some sleep its been a long day". Not errands to file.
_ASIDE = r"(?:lol|haha+|hehe|lmao|honestly|tbh|ngl|fr|man|ugh+|omg|god|sigh|welp|seriously|rn|smh)"
_LONG_DAY = (
    r"(?:it'?s\s+been|it\s+has\s+been|what|today\s+(?:was|has\s+been)|this\s+(?:was|has\s+been))\s+"
    r"(?:(?:such|a|so+)\s+)*(?:long|rough|tough|hard|crazy|busy|hectic|exhausting|"
    r"tiring)(?:\s+(?:day|week|night|month|one))?|"
    r"what\s+a\s+(?:day|week|night|morning|mess|nightmare)|"  # "ugh what a day"
    r"(?:ugh+\s+)?(?:such\s+a\s+|a\s+)?(?:long|rough|tough|hard|crazy|hectic|exhausting)\s+(?:day|week|night|shift)|"
    # "today went by so fast", "this week flew by", "ugh mondays"
    r"(?:today|this\s+(?:week|month|year|day)|the\s+(?:day|week))\s+(?:went|flew|has\s+gone|has\s+flown)\s+"
    r"(?:by|past)(?:\s+(?:so|really|super)\s+(?:fast|quickly|quick))?|(?:ugh+\s+)?mondays|"
    # "busy day ahead", "another long week coming up"
    r"(?:(?:a|another|such\s+a|one)\s+)?(?:long|rough|tough|hard|crazy|busy|hectic|big|full|packed|"
    r"exhausting|manic|mad)\s+(?:day|week|night|morning|weekend|month)\s+(?:ahead|coming(?:\s+up)?|"
    r"tomorrow|today|for\s+me)"
)
_WISH = (
    rf"(?:{_ASIDE}\s+)*(?:(?:i|we)\s+)?(?:(?:really|so|seriously|probably|honestly|just|definitely|"
    r"badly|desperately)\s+)*(?:need|want|could\s+(?:really\s+)?use|should|gotta|have\s+to|must|"
    r"wish\s+i\s+(?:could|had)|(?:totally\s+|completely\s+)?forgot\s+to|ought\s+to)\s+"
    rf"(?:(?:really|probably|just|definitely|to|finally|actually)\s+)*{words_re(RESTING)}"
    r"(?:\s+(?:earlier|early|more|now|soon|tonight|already|asap|for\s+once|these\s+days|so\s+bad(?:ly)?|"
    rf"badly|right\s+now|again|{_ASIDE}))*(?:\s+(?:{_LONG_DAY}))?|"
    rf"(?:(?:lol|haha+|omg|ugh+|oops)\s+)+(?:(?:i\s+)?(?:totally\s+|completely\s+)?forgot\s+to\s+)"
    rf"{words_re(RESTING)}(?:\s+{_ASIDE})*|"
    rf"(?:{_ASIDE}\s+)*(?:{_LONG_DAY})|"
    # "so much to do today", "too many tasks"
    r"(?:(?:i\s+have|i'?ve\s+got|we\s+have|got)\s+)?(?:(?:so|too|way\s+too)\s+)?(?:much|many)\s+(?:to\s+do|things|"
    r"tasks|stuff|work|going\s+on|meetings|emails|calls|deadlines)(?:\s+to\s+do)?"
    rf"(?:\s+(?:today|this\s+week|right\s+now|rn|lately))?(?:\s+{_ASIDE})?|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:going|off|heading|gonna\s+go)\s+to\s+(?:bed|sleep)(?:\s+now)?|"
    # "I am not very good with the computers", "I'm new to this"
    r"(?:i'?m|i\s+am)\s+(?:not\s+)?(?:(?:very|so|really|too|quite|a\s+bit|pretty)\s+)?(?:good|great|"
    r"bad|terrible|hopeless|new|clueless|old)\s+(?:with|at|to)\s+(?:[a-z']+\s*){1,3}"
)
# Date arithmetic asked of a task list: "how many days are left until Christmas?"
_COUNTDOWN = (
    r"how\s+(?:many|much)\s+(?:more\s+)?(?:days|weeks|months|hours|sleeps|time)\s+(?:are\s+|is\s+)?"
    r"(?:there\s+)?(?:left\s+)?(?:until|till|til|to|before)\s+(?:[a-z']+\s*){1,3}|"
    r"how\s+long\s+(?:is\s+it\s+)?(?:until|till|til|before)\s+(?:[a-z']+\s*){1,3}"
)
OFF_TOPIC_REPLY = "I can't help with that here; I look after your tasks. " + HELP_TEXT

_CLAUSE_SPLIT = re.compile(r"\s*(?:[,.!;]+|\?+(?=\s)|\s-\s|\band\b)\s*", re.I)
_KINDS = (
    ("help", re.compile(rf"(?:{_HELP})", re.I)),
    ("greeting", re.compile(rf"(?:{_GREETING})", re.I)),
    ("goodbye", re.compile(rf"(?:{_GOODBYE})", re.I)),
    ("pause", re.compile(rf"(?:{_PAUSE})", re.I)),
    ("luck", re.compile(rf"(?:{_LUCK})", re.I)),
    ("cancel", re.compile(rf"(?:{_CANCEL})", re.I)),
    ("thanks", re.compile(rf"(?:{_THANKS})", re.I)),
    ("ack", re.compile(rf"(?:{_ACK})", re.I)),
    ("off_topic", re.compile(rf"(?:{_OFF_TOPIC}|{_COUNTDOWN})", re.I)),
    ("mood", re.compile(rf"(?:{_MOOD}|{_WISH})", re.I)),
)
_ADDRESS = re.compile(
    r"(?:^|\s+)(?:bot|assistant|buddy|friend|my\s+friend|there|mate|man|sunshine|dear|pal|everyone|"
    r"team|folks|guys|ji|sir|ma'?am|bhai|bro|dude|again)$",
    re.I,
)

_REPLIES = {
    "help": HELP_TEXT,
    "greeting": GREETING_REPLY,
    "goodbye": GOODBYE_REPLY,
    "pause": PAUSE_REPLY,
    "luck": LUCK_REPLY,
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


# What a clause after a sigh would need to be a request of its own: a command, or a when.
_COMMAND_START_RE = (
    r"^(?:(?:so|and|but|then|just|ok|okay|now)\s+)*(?:add|remind|put|schedule|create|delete|remove|"
    r"mark|move|push|show|list|set|make|tag|rename|change)\b|\b(?:remind\s+me|can\s+you|could\s+you|"
    r"please|pls)\b"
)
_COMMAND_START = re.compile(_COMMAND_START_RE, re.I)
_PRIDE_CLAUSE = re.compile(_PRIDE, re.I)
_ASKS_SOMETHING = re.compile(
    rf"{_COMMAND_START_RE}|"
    r"\b(?:today|tonight|tomorrow|tmrw|next|every|"
    # (a count of hours told is a story: "12 hours on my feet")
    # ("the wedding is in 3 weeks": when something is, told)
    rf"{WEEKDAY_RE}|am|pm)\b|(?<!\bis\sin\s)(?<!\bare\sin\s)\d(?!\d*\s+(?:hours?|hrs?|minutes?|mins?)\s+(?:on|of|straight|in\s+a\s+row|in\s+the|late|waiting)\b)|\?",
    re.I,
)


# A resolution laughed off, said of oneself: "I should really take a day off lol".
_SHOULD_REALLY = (
    r"(?:i\s+)?(?:really\s+)?should\s+"
    # ("i really should be studying rn")
    r"(?:(?:really|probably|seriously|honestly|just)\s+[a-z]|be\s+[a-z]+ing\b)"
)
# Something that just happened, laughed about: "lmao my cat just knocked my coffee over".
_LAUGHED_STORY = re.compile(
    rf"^{LAUGH_RE}[\s,]+(?:my|the|our|his|her)\s+[a-z']+(?:\s+[a-z']+)?\s+"
    r"(?:just\s+|literally\s+|totally\s+)*(?P<verb>[a-z]+)\b",
    re.I,
)
_LAUGHED_OFF = re.compile(
    rf"\b{LAUGH_RE}[\s,]+{_SHOULD_REALLY}[^.!?]*$|\b{_SHOULD_REALLY}[^.!?]*\s{LAUGH_RE}[\s.!]*$",
    re.I,
)


# A hello, then what the user did: "good morning, had a great weekend".
_GREETED_THEN_TOLD = re.compile(
    rf"^(?:{_GREETING})[\s,.!]+(?:(?:i|we)\s+)?(?:just\s+|finally\s+)?(?P<verb>[a-z]+)\b(?!')", re.I
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
    if _LAUGHED_OFF.search(stripped) and not _ASKS_SOMETHING.search(stripped.replace("?", "")):
        return MOOD_REPLY  # "lol I should really refactor my whole life"
    greeted = _GREETED_THEN_TOLD.match(stripped)
    told = greeted is not None and greeted["verb"].lower() in DAY_NEWS_VERBS
    if told and not _ASKS_SOMETHING.search(stripped):
        return GREETING_REPLY  # "good morning ☀️ slept great for once": a hello and the news
    story = _LAUGHED_STORY.match(stripped)
    if story and is_past_form(story["verb"].lower()) and not _ASKS_SOMETHING.search(stripped):
        return MOOD_REPLY  # "lmao my cat just knocked my coffee over"
    kinds = [_clause_kind(c) for c in clauses]
    if _PRIDE_CLAUSE.fullmatch(clauses[-1]) and not any(_COMMAND_START.match(c) for c in clauses):
        return MOOD_REPLY  # "30 days without smoking today, so proud of myself"
    ordered = any(c.split()[0] in TASK_VERBS for c in clauses[1:] if c.split())
    if (
        kinds[0] == "mood"
        and not ordered
        and not any(_ASKS_SOMETHING.search(c) for c in clauses[1:])
    ):
        return MOOD_REPLY  # "I should really go to bed, it's late and …": one sigh, said on
    if kinds[0] == "goodbye" and not any(_ASKS_SOMETHING.search(c) for c in clauses[1:]):
        return GOODBYE_REPLY  # "brb, kid's crying": away, and why
    if kinds[0] == "pause" and not any(_ASKS_SOMETHING.search(c) for c in clauses[1:]):
        return PAUSE_REPLY  # "one sec, the baby's crying"
    if any(k is None for k in kinds):
        return None
    for preferred in (
        "help",
        "off_topic",
        "goodbye",
        "pause",
        "luck",
        "thanks",
        "greeting",
        "cancel",
        "mood",
        "ack",
    ):
        if preferred in kinds:
            return _REPLIES[preferred]
    return HELP_TEXT


# Said around a request without changing it; a "no" or "never mind" takes the request back.
_COURTESIES = frozenset({"thanks", "greeting", "goodbye", "ack", "empty"})
_TAKES_BACK = re.compile(rf"\b(?:{words_re(TAKE_BACK_WORDS)}|never\s*mind|forget\s+it)\b", re.I)


def is_courtesy(text: str) -> bool:
    """ "Many thanks.", "Good morning", "you're the best": nothing asked, nothing taken back."""
    stripped = _PLEASE.sub("", text.strip()).strip()
    if not stripped or _TAKES_BACK.search(stripped):
        return False
    clauses = [c for c in _CLAUSE_SPLIT.split(stripped.lower()) if c.strip()]
    kinds = [_clause_kind(c) for c in clauses]
    return bool(kinds) and all(kind in _COURTESIES for kind in kinds)


def is_sigh(text: str) -> bool:
    """ "Ugh, long day.": how the user feels, said before what they ask."""
    return small_talk_reply(text) == MOOD_REPLY
