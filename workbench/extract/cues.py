"""Speech-cue lexicon: which words introduce (or attribute) speech, in which tense forms."""
from __future__ import annotations

# lemma -> surface forms.  Only verbs whose complement is what someone said / wrote.
_LEMMAS = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote writing",
    "ask": "ask asks asked asking",
    "add": "add adds added adding",
    "report": "report reports reported reporting",
    "note": "note notes noted noting",
    "announce": "announce announces announced announcing",
    "suggest": "suggest suggests suggested suggesting",
    "argue": "argue argues argued arguing",
    "continue": "continued continues",
    "tweet": "tweet tweets tweeted tweeting",
    "call": "call calls called calling",
    "respond": "respond responds responded responding",
    "declare": "declare declares declared declaring",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "explain": "explain explains explained explaining",
    "warn": "warn warns warned warning",
    "claim": "claim claims claimed claiming",
    "urge": "urge urges urged urging",
    "state": "stated",
    "recall": "recall recalls recalled recalling",
    "promise": "promise promises promised promising",
    "insist": "insist insists insisted insisting",
    "deny": "deny denies denied denying",
    "reply": "reply replies replied replying",
    "predict": "predict predicts predicted predicting",
    "confirm": "confirm confirms confirmed confirming",
    "admit": "admit admits admitted admitting",
    "joke": "joke jokes joked joking",
    "concede": "concede concedes conceded conceding",
    "comment": "commented",
    "testify": "testify testifies testified testifying",
    "quip": "quipped quips",
    "stress": "stressed stresses stressing",
    "emphasize": "emphasized emphasizes emphasised",
    "maintain": "maintained maintains",
    "contend": "contend contends contended",
    "complain": "complained complains",
    "boast": "boasted boasts",
    "caution": "cautioned cautions",
    "observe": "observed observes",
    "remark": "remarked remarks",
    "assert": "asserted asserts",
    "vow": "vowed vows",
    "pledge": "pledged pledges",
    "reiterate": "reiterated reiterates",
    "shout": "shouted shouts",
    "yell": "yelled",
    "post": "posted",
    "agree": "agreed agrees",
    "believe": "believe believes believed",
    "think": "think thinks thought",
    "point": "pointed points",
    "accuse": "accused accuses accusing",
    "charge": "charged charges",
    "allege": "alleged alleges",
    "describe": "described describes",
    "blame": "blamed blames",
    "demand": "demanded demands",
    "repeat": "repeated repeats",
    "counter": "countered counters",
    "retort": "retorted",
    "mention": "mentioned",
    "reveal": "revealed reveals",
    "speculate": "speculated",
    "concluded": "concluded",
    "estimate": "estimated estimates",
    "proclaim": "proclaimed proclaims",
    "react": "reacted reacts",
    "answer": "answered answers",
    "go_on": "went",
    "exhort": "exhorted",
    "assure": "assured assures",
    "bark": "barked",
    "plead": "pleaded pleads",
    "beg": "begged",
    "boom": "boomed",
    "thunder": "thundered",
    "cry": "cried",
    "shoot": "shot",
    "retort2": "retorts",
    "conclude": "concludes conclude",
    "exclaim": "exclaimed exclaims",
    "summarize": "summarized summarizes",
    "elaborate": "elaborated",
    "opine": "opined",
    "intone": "intoned",
    "gush": "gushed",
    "rant": "ranted",
    "lament": "lamented laments",
    "grumble": "grumbled",
    "groan": "groaned",
    "marvel": "marveled marvelled",

    "chant": "chanted chanting",
    "scream": "screamed",
    "muse": "mused",
    "wonder": "wondered",
    "interject": "interjected",
    "begin": "began",
    "chime": "chimed",
    "offer": "offered",
    "ponder": "pondered",
    "recount": "recounted",
    "sigh": "sighed",
    "laugh": "laughed",
    "whisper": "whispered",
    "snap": "snapped",
    "fire": "fired",
    "read": "read reads",
}

CUE_FORMS: dict[str, str] = {}
for _lemma, _forms in _LEMMAS.items():
    for _f in _forms.split():
        CUE_FORMS[_f] = _lemma

# verbs whose complement is usually an object + clause: "told reporters (that) ..."
OBJECT_VERBS = {"tell", "ask", "warn", "urge", "remind", "assure", "promise", "accuse", "blame"}

# cues that are attribution but whose clause is rarely a speech report: lower confidence
WEAK = {"believe", "think", "agree", "point", "accuse", "charge", "describe", "blame", "demand",
        "reveal", "speculate", "concluded", "estimate", "post", "mention", "call", "continue",
        "remark", "suggest", "promise", "vow", "pledge", "recall", "state"}

# cue followed by these words is not speech ("agreed to meet", "estimated 70,000")
REJECT_NEXT = {
    "agree": {"to", "on", "with"},
    "estimate": None,            # never speech
    "say": {"to"},               # "said to be"
    "call": None,                # handled specially ("called for", "called on")
    "ask": {"to"},
    "tell": {"to"},
    "post": None,
    "point": None,               # only "pointed out"
    "describe": None,
    "remark": {"on"},
    "maintain": None,            # "maintained a lead": only as a tag of a direct quote
    "mention": None,
    "state": None,
    "continue": {"to"},
    "promise": {"to"},
    "vow": {"to"},
    "pledge": {"to"},
    "urge": None,
    "think": {"about", "of"},
    "deny": {"to", "it"},
    "reveal": None,
    "comment": {"on"},
    "respond": {"to"},
    "reply": {"to"},
    "testify": {"before", "to", "at", "in", "on"},
    "report": {"to", "on"},
    "joke": {"about", "with"},
    "react": None, "summarize": None, "elaborate": None, "opine": None, "intone": None, "gush": None,
    "rant": None, "grumble": None, "groan": None, "marvel": None, "lament": None, "conclude": None,
    "answer": None, "shoot": None, "retort2": None, "exhort": None, "assure": None, "bark": None,
    "go_on": None, "plead": None, "beg": None, "boom": None, "thunder": None, "cry": None,
    "begin": None, "chime": None, "offer": None, "fire": None, "read": None, "laugh": None,
    "snap": None, "sigh": None, "ponder": None, "wonder": None, "muse": None, "interject": None,
}

SAY_LIKE = {"say", "tell", "write", "add", "report", "note", "announce", "argue", "tweet", "declare",
            "acknowledge", "explain", "warn", "claim", "insist", "reply", "predict", "confirm", "admit",
            "concede", "comment", "testify", "quip", "stress", "emphasize", "maintain", "contend",
            "complain", "boast", "caution", "observe", "assert", "reiterate", "shout", "yell", "respond",
            "continue", "joke", "ask", "suggest", "recall", "counter", "retort", "allege", "repeat",
            "proclaim", "chant", "scream", "exclaim", "muse", "wonder", "interject", "recount", "sigh",
            "laugh", "whisper", "snap", "remark", "pledge", "vow", "promise", "urge", "mention", "post",
            "react", "conclude", "summarize", "elaborate", "opine", "intone", "gush", "rant", "lament",
            "grumble", "groan", "marvel", "read", "answer", "shoot", "state", "retort2", "write",
            "charge", "point", "agree", "exhort", "demand", "assure", "bark", "concluded", "conclude",
            "plead", "beg", "boom", "thunder", "cry", "go_on"}

AUX = {"has", "have", "had", "also", "later", "then", "previously", "repeatedly", "again", "would",
       "will", "did", "does", "do", "once", "recently", "earlier", "just", "often", "since", "now",
       "first", "further", "flatly", "publicly", "privately", "simply", "quickly", "reportedly",
       "frequently", "never", "not", "always", "still", "already", "originally", "correctly",
       "falsely", "wrongly", "actually", "famously", "initially", "subsequently", "finally", "even",
       "only", "himself", "herself", "themselves", "could", "might", "may", "should", "must", "can",
       "is", "was", "been", "were", "are", "be", "being", "went", "on", "to", "reportedly", "both", "all",
       "each", "too", "yet", "immediately", "openly", "explicitly", "specifically", "directly", "clearly"}
AUX.update(("cannot", "shall", "ought", "might've", "would've", "could've", "should've"))
for _neg in ("don't", "doesn't", "didn't", "won't", "can't", "couldn't", "wouldn't", "hasn't", "haven't",
             "hadn't", "shouldn't", "mustn't", "isn't", "wasn't", "aren't", "weren't", "mightn't"):
    AUX.add(_neg)
    AUX.add(_neg.replace("'", "\u2019"))


def cue_lemma(word: str) -> str | None:
    return CUE_FORMS.get(word.lower()) if word[:1].islower() or word.isupper() else None


# every cue form (and "according"), for a fast first pass over a paragraph's tokens
CUE_WORDS = frozenset(CUE_FORMS) | {"according"}
