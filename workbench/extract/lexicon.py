"""Every word list of the extractor: speech cues and their tense forms, titles, names, function
words, time words, noun and verb classes. Only data (and the cue lookup): no other module of
the package defines a word list."""
from __future__ import annotations

from functools import lru_cache

# every list of time words below is built from these two
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("""january february march april may june july august september october november december""".split())

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

# the medium after an outlet's name in an addressee: 'told Rossiya 1 television', 'told Interfax news agency'
MEDIA_NOUNS = {"television", "tv", "radio", "channel", "newspaper", "daily", "network", "station", "magazine",
               "broadcaster", "website", "agency", "news", "wire", "service"}

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
    # a preposition right after the verb is no reported clause: 'added to the confusion', 'charged
    # with fraud', 'believe in', 'boasted of', 'a man accused of fraud'
    "add": {"to"}, "charge": {"with"}, "believe": {"in"}, "boast": {"of"}, "accuse": {"of"},
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


@lru_cache(maxsize=1 << 16)   # asked of the same few thousand words over and over (13,000 calls on dev)
def cue_lemma(word: str) -> str | None:
    return CUE_FORMS.get(word.lower()) if word[:1].islower() or word.isupper() else None


# every cue form (and "according"), for a fast first pass over a paragraph's tokens
CUE_WORDS = frozenset(CUE_FORMS) | {"according"}


# ----------------------------------------------------------------------------- sentences

SENTENCE_TITLES = {"mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "govs", "rev", "pres", "gen", "lt", "col",
           "sgt", "capt", "cmdr", "adm", "maj", "atty", "supt", "prof", "msgr", "messrs"}
# titles NLTK's English Punkt parameters lack: without them "Former Florida Gov. | Jeb Bush called ..."
# is two sentences (221 times in the PolNeAR train texts for "Gov." alone)
NEWS_ABBREVIATIONS = {"gov", "govs", "sens", "rev", "pres", "h.w", "e.u", "atty", "supt", "sgt", "capt", "cmdr",
                      "adm", "maj", "messrs", "msgr"}


# ----------------------------------------------------------------------------- direct

ABBR = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "jr", "sr", "st", "rev",
        "prof", "capt", "maj", "adm", "cmdr", "no", "vs", "inc", "corp", "co", "ltd", "ft", "mt", "u.s",
        "calif", "fla", "ill", "mass", "mich", "penn", "tenn", "tex", "wis", "ariz", "conn", "colo", "okla"}
TAG_NEXT = {",", "in", "on", "at", "during", "after", "before", "while", "with", "to", "from", "as", "of"}
NP_OK = {"and", "the", "a", "an", "his", "her", "their", "its", "our", "my", "of", "for", "at", "in", "on"}
CONTROL_VERBS = set("""want wants wanted try tries tried seem seems seemed decide decides decided continue
continues continued hope hopes hoped begin begins began prompted forced went goes""".split())


# ----------------------------------------------------------------------------- speakers

PRONOUNS = {"he": "m", "she": "f", "they": None, "i": None, "we": None, "it": None, "him": "m",
            "her": "f", "them": None, "you": None}
SUBJ_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}
RELATIVES = {"who", "which", "that"}
POSSESSIVES = {"his", "her", "their", "its", "my", "our", "your"}
TITLES = set("""
mr mrs ms miss dr sen senator rep representative gov governor pres president vice prime minister
secretary gen general lt col colonel maj major capt captain adm admiral sgt sergeant cmdr
chief justice judge attorney ambassador envoy spokesman spokeswoman spokesperson chairman
chairwoman chair director commissioner mayor speaker leader deputy assistant former foreign
defense defence interior finance state press house senate council party campaign chief-of-staff
rev reverend father sister pope king queen prince princess sheikh lord lady sir dame
professor prof dean superintendent sheriff officer detective candidate nominee frontrunner
front-runner hopeful businessman businesswoman billionaire pastor bishop cardinal rabbi imam
executive ceo cfo coo founder co-founder president-elect manager strategist adviser advisor
pollster analyst economist author writer columnist anchor host reporter correspondent editor
chancellor premier minister-president emir ayatollah
""".split())
NATIONALITY = set("""
u.s. us american russian british german french chinese syrian iranian israeli palestinian
iraqi afghan pakistani indian japanese korean north south turkish egyptian saudi mexican
canadian european ukrainian polish italian spanish australian arab u.n. un nato eu gop
democratic republican democrat independent conservative liberal texas california florida
new york ohio iowa virginia federal state national white
""".split())
ORG_HEADS = set("""
department ministry agency committee commission council party campaign association institute
university college court administration office house senate congress network news times post
journal press service services bureau company corp inc group foundation center centre
organization organisation union league coalition board fund bank police army navy government
kremlin pentagon cnn fox msnbc nbc abc cbs npr reuters ap afp bbc breitbart politico
pac club society network church school team caucus administration inc. corp. llc tribune
herald gazette magazine daily republic review agency federation alliance
""".split())
GROUP_HEADS = set("""
officials official spokesman spokeswoman spokesperson aides aide sources source critics critic
experts analysts lawmakers legislators authorities people voters supporters residents leaders
members democrats republicans conservatives liberals activists protesters observers scientists
researchers economists investigators prosecutors police officers diplomats witnesses
participants respondents americans percent majority minority statement report poll survey
newspaper paper agency group campaign committee department ministry government administration
company network website court judge lawyer lawyers attorney attorneys spokespeople representatives
candidate candidates president senator governor mayor secretary minister director chairman
adviser advisers advisor advisors staff staffers allies opponents rivals organizers
organizers organisers administration white house friend friends neighbor neighbors family
study analysis memo letter documents document release website article story book
television documents filing lawsuit others many some most both all few several
""".split())
FEMALE = set("""
hillary sarah nancy elizabeth michelle condoleezza carly nikki susan susana kelly kellyanne
megyn melania ivanka chelsea huma donna debbie jill marine angela theresa dianne barbara
madeleine jeanne katie kate laura hope sheryl sheila martha maria mary patricia linda jennifer
karen lisa betty margaret sandra ashley kimberly emily amy anna rebecca virginia kathleen
pamela samantha christine catherine carol ruth janet julie joyce heather diane alice julia
judy rachel jessica amanda stephanie melissa deborah rose ann anne jane joan cynthia loretta
valerie sally tammy claire kirsten tulsi maxine elaine cathy lynn ellen abigail wendy gina
jan jeanine katrina maggie anderson? ana amelia zoe
""".split())
MALE = set("""
donald barack bernie ted marco jeb john ben chris mike michael rand scott rick bobby lindsey
paul mitch harry joe jim james robert william bill david richard charles thomas mark steven
steve george kevin brian ronald anthony jason jeff gary tim timothy eric jonathan larry
justin frank raymond gregory benjamin samuel patrick jack dennis jerry tyler aaron henry
peter adam nathan douglas zachary walter kyle harold carl jeremy keith roger gerald ethan
arthur terry christian sean lawrence austin joe noah jesse albert bryan billy bruce willie
jordan dylan alan ralph gabriel roy juan wayne eugene louis russell vincent philip bobby
johnny bradley vladimir sergei barack reince corey newt rudy martin ben lindsey orrin chuck
tom dick al jon elijah sergey vladimir boris francois emmanuel nicolas recep bashar hassan
benjamin xi shinzo narendra justin enrique lakhdar guido ban kofi
""".split())
TITLE_ABBR = TITLES | {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gov", "sen", "rep", "lt", "gen", "col", "sgt", "rev"}
SENT_START_STOP = set("""
but and however meanwhile earlier later still yet so also then now in on at for with after
before when while as if though although because since during amid despite instead indeed
moreover furthermore nonetheless nevertheless thus here there this that these those today
yesterday tonight asked speaking writing last next first finally according by from of to
""".split())
PLACES = set(x.strip().lower() for x in """alabama,alaska,arizona,arkansas,california,colorado,connecticut,
delaware,florida,georgia,hawaii,idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,
massachusetts,michigan,minnesota,mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,
new mexico,new york,north carolina,north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,
south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington,west virginia,wisconsin,
wyoming,d.c.,england,france,germany,russia,china,israel,syria,iraq,iran,mexico,canada,britain,japan,
india,italy,spain,ukraine,turkey,egypt,brazil,australia,north korea,south korea,saudi arabia,south africa,
new zealand,united states,united kingdom,u.s.,u.k.,europe,pakistan,afghanistan,libya,yemen,cuba,venezuela,
greece,poland,hungary,sweden,norway,denmark,netherlands,belgium,austria,switzerland,ireland,scotland,wales,
nigeria,kenya,ethiopia,jordan,lebanon,qatar,kuwait,taiwan,vietnam,indonesia,philippines,argentina,chile,
colombia,peru,pyongyang,seoul,beijing,moscow,tehran,kiev,london,paris,berlin,brussels""".split(","))
GROUP_PROPER = set("""democrats republicans conservatives liberals progressives muslims christians jews
evangelicals catholics latinos hispanics europeans russians chinese israelis palestinians iranians
syrians iraqis mexicans germans british french japanese millennials independents delegates
superdelegates senators gop dems""".split())
STATE_ABBR = set("""ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wyo d.c u.s
ny nj nc sc nh nd sd dc""".split())
TIME_SKIP = WEEKDAYS | set("""today yesterday tonight long""".split())
PERCEIVED = {"quoted", "heard", "overheard", "seen", "caught", "recorded", "filmed", "taped", "photographed"}
ASIDE_STARTS = {"when", "while", "after", "before", "asked", "speaking", "reached", "contacted", "in", "at",
                "during", "however", "meanwhile", "though", "for", "on", "like", "unlike", "too", "also"}
HEAD_PREPS = {"for", "with", "in", "at", "of", "from", "on", "close"}
PERSON_NOUNS = set("""familiar people person man woman spokesman spokeswoman official officials source sources
staffer staffers
member members aide aides adviser advisers advisor advisors lawyer lawyers attorney attorneys head chief
director leader leaders spokesperson representative representatives executive executives employee employees
worker workers resident residents expert experts analyst analysts""".split())
PREPS = {"in", "on", "at", "during", "via", "through", "with", "from", "after", "before", "over", "by"}
DETERMINERS = {"the", "a", "an", "this", "these", "those", "some", "many", "most", "two", "three", "four",
               "several", "other", "another", "both", "all", "his", "her", "their", "its", "our", "my",
               "your", "few", "no", "each", "every", "any", "one", "more", "fewer"}
FUNCTION = set("""
a an the and or but nor so yet for of in on at by to from with about as into onto upon over under
after before during since until than then that which who whom whose what when where why how if
whether while although though because is was were are be been being am has have had do does did
not no never also just only even still already very too more most less least much many such
this these those it its he she they we i you him her them us me my our your their his there here
said says say told tell asked according would will could should may might must can shall
against between among through across without within along around behind beyond near per via
up down out off away back again ever often sometimes however instead rather quite almost
""".split())


# ----------------------------------------------------------------------------- reported

TIME = WEEKDAYS | set("""today yesterday tonight
recently earlier later again also previously repeatedly last week month year night morning
afternoon evening""".split())
COORD_VERBS = set("""expressed declined refused vowed pledged stressed called urged welcomed
hailed praised criticized criticised condemned rejected dismissed accused defended pointed went
offered proposed signed announced appeared left met visited spoke thanked""".split())
NOT_SOURCES = set("""contracts contract plan plans schedule law laws rules rule tradition custom
standards guidelines procedure protocol script design""".split())
NOT_SPEAKER_HEADS = set("""interview interviews meeting conference speech rally event debate hearing
appearance show week month year time morning night evening afternoon weekend day call visit trip tour stop
session""".split()) | WEEKDAYS
PARTICIPLE_STARTS = {"adding", "saying", "noting", "explaining", "arguing", "according", "but", "and",
                     "though", "although", "while", "who", "which", "referring", "citing", "calling"}
BE = {"is", "was", "were", "are", "be", "been", "being", "am", "isn't", "wasn't", "aren't", "weren't",
      "isn\u2019t", "wasn\u2019t", "aren\u2019t", "weren\u2019t", "get", "got", "gets"}
NOUN_BEFORE = {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "my", "our",
               "your", "recent", "latest", "new", "previous", "public", "larger",
               "many", "several", "such", "no", "any", "each", "every", "some"}
# wire agencies and news services: 'according to Interfax, Ryabkov said' credits Ryabkov
NEWS_AGENCIES = set("""interfax ria ria novosti itar-tass tass reuters afp agence france-presse ap associated press
xinhua kyodo yonhap dpa efe ansa upi sputnik anadolu irna isna fars sana mena bernama""".split()) | {
    "ria novosti", "associated press", "agence france-presse", "agence france presse", "press association",
    "anadolu agency", "xinhua news agency", "kyodo news", "fars news agency"}
# a speech verb followed by one of these opens no reported clause ('responded from the White House')
PLACE_PREPS = {"from", "inside", "outside", "near", "aboard", "onstage", "backstage"}
# 'X quoted/cited Y as saying': Y speaks
QUOTING_VERBS = {"quoted", "quotes", "quoting", "cited", "cites", "citing"}
CONJ = {"and", "but", "or", "while", "as", "then", "yet"}
# cue forms that are as often nouns: "tweets", "claims", "report"
NOUN_FORMS = {"tweet", "tweets", "claim", "claims", "report", "reports", "call", "calls", "demand", "demands",
              "remark", "remarks", "comment", "comments", "statement", "warning", "warnings", "post", "posts",
              "think", "promise", "promises", "pledge", "pledges", "vow", "vows", "charge", "charges", "note",
              "notes", "reply", "replies", "joke", "jokes", "quip", "quips", "boast", "boasts"}
DOC_HEADS = set("""statement release letter post tweet tweets message email e-mail memo video ad ads report
note op-ed interview speech remarks comments""".split())
A_QUANT = {"few", "lot", "handful", "majority", "number", "couple", "third", "quarter", "half", "dozen",
           "minority", "plurality", "bunch", "host", "lot"}
SUBJ_PRON = {"he", "she", "they", "we", "I", "He", "She", "They", "We"}
ASPECT = {"kept", "keeps", "keep", "began", "begins", "begin", "started", "starts", "start", "continued",
          "continues", "stopped", "stops", "quit", "resumed", "resumes"}
ADVERBS = {"once", "also", "later", "then", "never", "often", "again", "still", "even", "not", "first", "twice",
           "repeatedly", "recently", "previously", "reportedly", "specifically", "directly", "publicly"}
PUBLISHED = {"ad", "ads", "editorial", "piece", "article", "column", "op-ed", "video", "speech", "letter", "memo",
             "statement", "release", "report", "story", "book", "post", "tweet", "email", "message", "spot",
             "caption", "sign", "signs", "banner", "banners", "placard", "placards", "poster", "posters", "shirt",
             "shirts", "t-shirt", "t-shirts", "button", "buttons", "sticker", "stickers"}
TIME_WORDS = WEEKDAYS | set("""one this last next early later
morning night evening afternoon week weekend month year today yesterday tonight""".split())
# units of a counted span of time ('Two weeks after ...', 'less than two weeks ago', 'the six months'):
# with a number or a determiner before them they say when, not who ('Day' alone may be a surname)
TIME_UNITS = MONTHS | set("""day days week weeks month months year years hour hours minute minutes decade
decades ago""".split())
TIME_COUNTERS = set("""the a an two three four five six seven eight nine ten twelve several few past
first""".split())
TAIL_START = set("""on in at to during after before from of via while when last this in at with
as about for late early""".split()) | TIME
APPOS_START = {"the", "a", "an", "who", "whose", "his", "her", "their", "its", "one", "now", "then",
               "former", "also", "an", "chief", "senior"}
NOT_APPOS = {"and", "but", "or", "so", "yet", "that", "which", "while", "because", "although", "though", "as",
             "if", "when", "where", "then", "not", "too", "either", "even", "just", "only", "still"}
QUANTITY = {"about", "nearly", "roughly", "almost", "some", "more", "most", "many", "several", "few", "dozens",
            "hundreds", "thousands", "millions", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten"}
INTRO = set("""in on at for with after before when while as if though although because since during
amid despite among under over about from by following like unlike until upon within without
according speaking asked earlier later meanwhile however still yet also then now here there
today yesterday last this that these those but and so outside inside across around behind beyond near
through throughout toward towards against along amid amidst beside besides between via once whenever
wherever unless whether meantime overall instead indeed moreover furthermore nonetheless nevertheless
likewise similarly separately additionally initially ultimately eventually afterward afterwards
maybe perhaps given based led ask wait soon""".split())
# capitalised words that open a headline's clause rather than name its speaker ('If Obama Says It')
HEADLINE_OPENERS = {"If", "When", "As", "After", "Before", "Why", "How", "What", "While", "Because", "And", "But",
                    "The", "A", "An", "Of", "In", "On", "That", "Things"}
# words before a poll share that is a subject ('About 4 in 10 say', 'nearly nine out of 10 said')
SHARE_LEAD = {"about", "nearly", "almost", "roughly", "only", "just", "some", "over", "under", "fully"}
NUMBER_WORDS = set("""one two three four five six seven eight nine ten eleven twelve a an several few many
some hours days weeks months years minutes moments decades""".split())
TIME_NP = WEEKDAYS | MONTHS | set("""morning afternoon evening night week weekend month year day the a this last
next early late that""".split())
EMBED = {"that", "what", "how", "why", "whether", "if", "because"}
EMBED_NOT = {"so", "such", "appears", "appeared", "seems", "seemed", "is", "was", "means", "meant"}   # main clauses
PROG_AUX = {"is", "are", "was", "were", "be", "been", "'re", "\u2019re", "'s", "\u2019s", "kept", "keeps", "keep"}
# 'X could be heard grousing': auxiliaries (beside PROG_AUX) between a subject and a PERCEIVED passive
# active perception verbs whose object does what the participle after it says ('we watch X referring to')
PERCEPTION_VERBS = {"see", "sees", "saw", "seeing", "watch", "watches", "watched", "watching", "hear", "hears",
                    "heard", "hearing", "notice", "noticed"}
# verbs whose object does what the infinitive after it says ('leading X to counter', 'got the crowd to cheer')
OBJECT_CONTROL = {"leading", "led", "lead", "leads", "got", "get", "gets", "getting", "prompting", "prompted",
                  "prompts", "forced", "forcing", "pushing", "pushed", "encouraged", "encouraging", "persuaded",
                  "inspired", "inspiring", "caused", "causing", "convinced", "convincing"}
PERCEPTION_AUX = {"can", "could", "will", "would", "may", "might", "be", "been", "being"}
# verbs that take 'as' without an object ('she served as', 'it qualified as'): no passive participle then
AS_INTRANSITIVE = {"served", "qualified", "emerged", "posed", "doubled", "acted", "worked", "ran", "stood", "ended",
                   "started", "began", "continued", "returned", "rated", "ranked", "functioned", "testified"}
# a relative word that fronts a verb's object ('what he described as', 'whom one insider called')
OBJECT_RELATIVES = {"what", "which", "whom", "that", "who"}
PROG_ADV = {"already", "quietly", "still", "also", "now", "publicly", "openly", "increasingly", "repeatedly"}
CLAUSE_START = {",", "when", "while", "which", "whom", "and", "but", "because", "after", "before", "if", "\u2014"}
OBJ_PREPS = {"about", "of", "for", "with", "against", "at", "on", "from", "over", "to"}
POSS_PREPS = OBJ_PREPS | {"by", "beyond", "despite", "after", "amid", "following", "in"}
# "..., and human rights groups warned that ...": a speech verb a new subject opens ends the clause
NEW_ATTR_CUES = SAY_LIKE - WEAK - {"continue", "ask", "report"}
SUBORD_START = {"when", "while", "although", "though", "after", "before", "since", "if", "once", "because",
                "until", "whereas"}
NOT_VERB_ED = set("""need speed seed feed bed red shed indeed hundred united limited based related
alleged so-called supposed proposed armed advanced detailed expected reported""".split())
VERBISH_STOP = set("""the a an of in on at to for with by from and or but that which who this these those
his her their its our my your is was were are be been being has have had according including during
regarding following concerning excluding considering going titled entitled named""".split())
DET_NOUN = {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "my", "our", "your",
            "recent", "latest", "previous", "'s"}
CONTRACTED = {"he", "she", "it", "that", "there", "who", "what", "where", "here", "let", "how", "one", "everyone",
              "nobody", "somebody", "someone", "everybody", "what"}
NOUN_DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "my", "our", "your", "another",
                "any", "each", "every", "no", "one"}
PLURAL_NO_S = {"people", "police", "media", "staff", "public", "military", "clergy", "faculty", "majority",
               "minority", "rest", "press"}
ADJ_ENDINGS = ("al", "ing", "ive", "ous", "ful", "ic", "ary", "able", "ible", "est", "ent", "ant")
EXTRA_VERBS = set("""call calls described describes describe labeled labelled dubbed branded termed
deemed blasted slammed hit hits bashed knocked mocked praised hailed lauded touted cited cites quoted
quotes invoked invokes referred refers urged urges vowed vows promised promises pledged pledges
defended defends attacked attacks accused accuses criticized criticizes warned warns demanded demands
insisted insists sought seeks wants wanted offered offers made makes put puts took takes gave gives
found finds saw sees knew knows thought thinks felt feels got gets ran runs won wins lost loses
""".split())
# irregular past tenses, which no '-ed' test sees: the verb a coordinated cue joins ('when he brought up the
# flood and later said'); not in EXTRA_VERBS, whose words also open partial-quote predicates
IRREGULAR_PAST = set("""brought began came went stood kept met paid sent taught threw wore broke chose drove fought
bought caught built heard became struck swore understood forgot grew shook stole sold""".split())
SPEECH_NOUNS = {"comment", "comments", "remark", "remarks", "words", "call", "calls", "claim", "claims",
                "statement", "statements", "description", "warning", "promise", "pledge", "dictum", "question",
                "message", "vow", "insistence", "assertion", "declaration", "quip", "line"}
CLAIM_NOUNS = SPEECH_NOUNS | {"conclusion", "accusation", "assertions", "accusations", "warnings", "pledges",
                                "promises", "vows", "messages", "argument", "arguments", "insistence", "suggestion",
                                "declaration", "charge", "charges", "criticism", "attack", "attacks"}
EMBEDDING_VERBS = {"implied", "implies", "imply", "implying", "questioned", "questioning", "alleged", "alleging",
                   "alleges"}
BE_FORMS = {"is", "are", "was", "were", "been", "being", "be", "'s", "\u2019s"}


# ----------------------------------------------------------------------------- pipeline

LOOSE_CUES = {"beamed", "remembered", "recalls", "recalled"}
EXPLETIVES = {"that's", "it's", "there's", "here's", "what's"}
JUNK_MENTIONS = {"the", "a", "an", "this", "these", "those", "that's", "it's", "there's", "here's", "what's"}
# question words, which open a rhetorical question of the writer ('Why not just say: "..."'), never a speaker
WH_WORDS = {"why", "how", "what", "where", "when", "whether"}
GAP_CLAUSE = {"which", "who", "whom", "whose", "that", "where", "when", "while", "because", "but", "and", "if"}
OUTER_VERBS = {"said", "says", "reported", "reports", "wrote", "writes", "noted", "notes", "recalled",
               "added", "adds", "continued", "explained", "argued", "contended", "insisted"}
NOT_OUTER_START = {"which", "who", "whom", "that", "and", "but", "or", "while", "where", "when", "as", "because"}
NAMING = {"called", "dubbed", "billed", "named", "titled", "entitled", "nicknamed", "labeled", "labelled"}
NOT_NAME = set("""states kingdom nations union east west north south street avenue road park center centre
island islands river lake mountain county city valley beach bay sea ocean coast day week year month
christmas easter the of and for""".split()) | WEEKDAYS | MONTHS


# ----------------------------------------------------------------------------- nouns read as verbs

# participles that open a reduced relative clause after a noun: 'FBI notes released Monday'
REDUCED_RELATIVE = set("""released obtained published leaked filed issued posted written sent reviewed dated
shared provided compiled prepared submitted unsealed declassified seen taken found made""".split())
# finite auxiliaries and modals: a cue form that is also a noun right before one is the subject noun
# ('the jobs report was released', 'the State IG report could not ...'), never a verb
FINITE_AUX = set("""will would could should can may might must shall has had have is was were are does did
won't wouldn't couldn't can't cannot hasn't hadn't isn't wasn't weren't aren't doesn't didn't""".split())
FINITE_AUX |= {w.replace("'", "\u2019") for w in FINITE_AUX}
# nouns that can be the subject of a present-tense cue ('the spokesman notes', 'the lawsuit claims')
SPEAKER_NOUNS = GROUP_HEADS | PERSON_NOUNS | DOC_HEADS | PUBLISHED | set("""complaint complaints filing
indictment ruling opinion decision motion petition brief suit order statement statements website site
page campaign spokesperson plan plans accord agreement deal bill law proposal measure platform budget
resolution treaty lady gentleman guy girl boy mother father wife husband son daughter friend""".split())
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ee", "ant", "ent", "eur")
# words after a noun phrase's head: 'critics in both parties', 'the transformation of X'
HEAD_ENDS = {"of", "in", "at", "from", "for", "on", "with", "who", "which", "that", "whose", "across", "around"}
# abstract nouns, which say nothing ('the discussion', 'his willingness', 'the disruptions') ...
ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism")
# ... but for these collectives, gatherings, people and documents, which do ('the opposition said', 'the
# rally denounced ...', 'the prosecution called it ...', 'the witness', 'the declaration says')
COLLECTIVES = set("""opposition delegation nation community authority establishment movement management leadership
publication station institution federation confederation parliament presidency embassy agency city county
society alliance resistance intelligence legislature judiciary government department ministry administration
organization organisation association commission foundation coalition conference convention congregation
corporation constituency population generation audience rally meeting summit session prosecution defence
defense mission witness business charity celebrity entity municipality fraternity sorority majority minority
declaration proclamation constitution legislation regulation judgment judgement announcement document
amendment testimony presentation correspondence documentation application communication""".split())
# one lowercase word that can stand for speakers on its own: 'others said', 'two said', 'the crowd chanted'
SPEAKER_WORDS = NUMBER_WORDS | set("""others another both everyone everybody someone somebody anyone nobody none
all each those these half most crowd audience men women children""".split())
# words a title in title case leaves lowercase ('Meet the Press', 'Gone with the Wind')
TITLE_SMALL_WORDS = set("""a an the and or but nor of in on at to for with by from as vs via""".split())
# nouns and verbs that introduce the title of a work in quote marks ('the film "Frozen"', 'starred in "..."')
WORK_NOUNS = set("""film films movie movies album albums song songs single book books novel novels memoir show
shows series sitcom program programs programme programmes documentary play musical opera painting poem
episode podcast column titled entitled""".split())
PERFORM_VERBS = set("""starred stars starring appeared appears appearing featured features cast played
plays sang sings""".split())
# adverbs that may stand between a form of 'be' and a passive participle ('was later charged')
PASSIVE_ADVERBS = {"later", "also", "then", "since", "never", "not", "first", "again", "once", "still", "even",
                   "soon", "already", "often", "long", "widely", "previously", "subsequently", "reportedly"}
