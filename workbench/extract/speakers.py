"""Speaker mentions: find the noun phrase of an attribution, clean it into a canonical speaker,
merge aliases within the article and resolve pronouns to the most salient earlier person."""
from __future__ import annotations

import bisect
import re
import threading

from .model import Speaker

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

_CAP = re.compile(r"^(?:[A-Z][\w'\u2019\-\.&]*|[A-Z]\.)$")


def is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


_TITLE_ABBR = TITLES | {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gov", "sen", "rep", "lt", "gen", "col", "sgt", "rev"}


class Mention:
    __slots__ = ("start", "end", "text", "kind", "head")

    def __init__(self, start, end, text, kind, head=None):
        self.start, self.end, self.text, self.kind, self.head = start, end, text, kind, head

    def __repr__(self):
        return f"Mention({self.text!r},{self.kind},{self.start})"


_SENT_START_STOP = set("""
but and however meanwhile earlier later still yet so also then now in on at for with after
before when while as if though although because since during amid despite instead indeed
moreover furthermore nonetheless nevertheless thus here there this that these those today
yesterday tonight asked speaking writing last next first finally according by from of to
""".split())


def _name_left(toks, i, lo):
    """Extend a capitalized name leftwards from token i (inclusive). Returns start index."""
    j = i
    while j - 1 >= lo:
        t = toks[j - 1][2]
        tl = t.lower()
        if is_cap(t) and tl not in _SENT_START_STOP:
            j -= 1
            continue
        if t == "." and j - 2 >= lo and len(toks[j - 2][2]) == 1 and toks[j - 2][2].isupper() \
                and toks[j - 2][1] == toks[j - 1][0]:
            j -= 2   # initial "M."
            continue
        if t == "." and j - 2 >= lo and toks[j - 2][2].lower() in _TITLE_ABBR:
            j -= 2
            continue
        if tl in ("of", "for", "de", "del", "van", "von", "bin", "al", "on") and j - 2 >= lo and is_cap(toks[j - 2][2]) \
                and toks[j - 2][2].lower() not in _SENT_START_STOP:
            j -= 2
            continue
        if t in ("-", "\u2013") and j - 2 >= lo and is_cap(toks[j - 2][2]):
            j -= 2
            continue
        if tl in ("the",) and j - 1 >= lo:
            j -= 1
            break
        break
    # a sentence-initial capitalized function word is not part of the name
    while j < i and toks[j][2].lower() in _SENT_START_STOP:
        j += 1
    return j


def _wordish(w):
    w = w.replace("-", "").replace("\u2019", "").replace("'", "")
    return w.isalpha() or (w[:1].isdigit() and w.isalnum() and w[-1:].isalpha())   # "43-year-old"


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


_STATE_ABBR = set("""ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wyo d.c u.s
ny nj nc sc nh nd sd dc""".split())


_TIME_SKIP = set("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
long""".split())


_LOCAL = threading.local()   # per-thread recursion depth (extract may run in threads)


def np_before(text, toks, ci, lo=0):
    """The speaker noun phrase ending right before token index ci (skipping auxiliaries).
    Recursion (appositives, adverbs, prepositional phrases) is bounded."""
    depth = getattr(_LOCAL, "depth", 0)
    if depth > 6:
        return None
    _LOCAL.depth = depth + 1
    try:
        m = _np_before(text, toks, ci, lo)
        if depth == 0 and m is not None and m.kind in ("group", "org", "name") and m.head != "and":
            m = _modified_subject(text, toks, m, lo) or _role_of(text, toks, m, lo) or m
        return m
    finally:
        _LOCAL.depth = depth


def _modified_subject(text, toks, m, lo):
    """'Officials who met with Trump said', 'a source speaking to Fox News said', 'an official who
    spoke on condition of anonymity said': the noun phrase the relative or participle clause modifies,
    not the last noun of that clause."""
    k = _tok_index(toks, m.start, lo) - 1
    stop = max(lo, k - 12)
    while k >= stop:
        w = toks[k][2]
        wl = w.lower()
        if w in (",", ".", ";", ":", "(", ")", "\u2014", '"', "\u201c", "\u201d") or wl in ("said", "says", "and", "but"):
            return None
        if wl == "who" or (wl.endswith("ing") and w.islower() and len(wl) > 4 and wl not in FUNCTION):
            if k - 1 < lo:
                return None
            p = toks[k - 1][2].lower()
            if wl != "who" and (p in DETERMINERS or p.endswith("'s") or p.endswith("\u2019s") or p in FUNCTION):
                return None   # "the State Department's handling", "in granting": nouns and adjuncts
            m2 = _np_before(text, toks, k, lo)
            if m2 is None or m2.kind == "pronoun" or m2.kind == "relative":
                return None
            if m2.kind == "group" and not (m2.head in GROUP_HEADS or m2.head in _PERSON_NOUNS):
                return None
            return m2
        k -= 1
    return None


def _role_of(text, toks, m, lo):
    """'A spokesman for the State Department said', 'the director of the FBI said': the person the
    prepositional phrase belongs to; 'a staffer in the room said': the person before 'in/at/on/from'."""
    k = _tok_index(toks, m.start, lo) - 1
    if k - 1 < lo or toks[k][2] not in ("of", "for", "with", "in", "at", "on", "from"):
        return None
    m2 = _np_before(text, toks, k, lo)
    head = (m2.head or m2.text.split()[-1]).lower() if m2 is not None else ""
    if m2 is None or m2.kind not in ("group", "name") or m2.kind == "name" and " " in m2.text or \
            not (head in GROUP_HEADS or head in _PERSON_NOUNS or head in TITLES):
        return None   # a group ("Supporters", capitalised at the start) with a person head
    if toks[k][2] in ("in", "at", "on", "from"):
        return m2
    return Mention(m2.start, m.end, text[m2.start:m.end], "group", head=head)


def _tok_index(toks, pos, lo):
    """First token index from lo that starts at or after pos (a bisection: callers run per mention)."""
    return bisect.bisect_left(toks, pos, lo, key=lambda t: t[0])


_PERCEIVED = {"quoted", "heard", "overheard", "seen", "caught", "recorded", "filmed", "taped", "photographed"}


_ASIDE_STARTS = {"when", "while", "after", "before", "asked", "speaking", "reached", "contacted", "in", "at",
                 "during", "however", "meanwhile", "though", "for", "on", "like", "unlike", "too", "also"}


def _np_before(text, toks, ci, lo=0):
    from .cues import AUX
    i = ci - 1
    if i - 1 > lo and toks[ci][2].lower().endswith("ing") and (
            toks[i][2] in _PERCEIVED or toks[i][2] == "as" and toks[i - 1][2] in _PERCEIVED):
        # 'X is quoted as saying', 'X was heard telling ...': the subject of the passive
        return np_before(text, toks, i if toks[i][2] != "as" else i - 1, lo)
    while i >= lo:
        w = toks[i][2]
        wl = w.lower()
        if i - 2 >= lo and wl == "to" and toks[i - 1][2].lower() == "on" and \
                toks[i - 2][2].lower() in ("went", "go", "goes", "going", "gone"):
            i -= 3   # "He went on to say"
            continue
        if (wl in AUX and wl not in ("on", "to") and not (w[:1].isupper() and i > lo)) or wl in _TIME_SKIP:
            i -= 1
            continue
        if wl in ("week", "month", "year", "night", "morning", "weekend") and i - 1 >= lo and \
                toks[i - 1][2].lower() in ("last", "this", "next", "that", "earlier", "later"):
            i -= 2   # "Rep. Brad Sherman last month joked"
            continue
        break
    if i - 1 >= lo and toks[i][2].lower() == "particular" and toks[i - 1][2].lower() == "in":
        i -= 2
    if i < lo:
        return None
    if i - 2 >= lo and toks[i][2].lower() == "part" and toks[i - 1][2].lower() in POSSESSIVES and \
            toks[i - 2][2].lower() == "for":
        i -= 3   # "Cameron for his part said"
        while i >= lo and toks[i][2] == ",":
            i -= 1
        if i < lo:
            return None
    t = toks[i][2]
    tl = t.lower()
    if t == "." and i - 1 >= lo and (toks[i - 1][2] in ("Jr", "Sr") or len(toks[i - 1][2]) == 1 and toks[i - 1][2].isupper()):
        m = np_before(text, toks, i, lo)   # "Joseph R. Biden Jr. said": the name ends at the period
        if m is not None:
            s0 = m.start
            return Mention(s0, toks[i][1], text[s0:toks[i][1]], m.kind)
    if t == ")":
        # parenthetical (R-Iowa): skip it
        k = i
        while k >= lo and toks[k][2] != "(":
            k -= 1
        if k > lo and i - k < 12:
            i = k - 1
            t = toks[i][2]
            tl = t.lower()
    if t == ",":
        # appositive: "Mukasey, the former attorney general, said" / "Reid, who represents Nevada, said"
        # / "Roxana M. Leon, 63, an independent voter, said": walk back over comma chunks
        # "Marco Rubio, whose hometown, Miami, is projected ..., argues": antecedent of the relative
        k = i - 1
        commas = []
        while k >= lo and i - k < 40 and len(commas) < 4:
            if toks[k][2] == ",":
                commas.append(k)
            k -= 1
        for cpos in commas[1:]:
            if cpos + 1 < i and toks[cpos + 1][2].lower() in ("whose", "who", "which", "whom"):
                ante = np_before(text, toks, cpos, lo)
                if ante is not None and ante.kind in ("name", "org", "pronoun"):
                    return ante
        if commas and commas[0] + 1 < i and i - commas[0] <= 10 and toks[commas[0] + 1][2].lower() in _ASIDE_STARTS:
            # "Powell's office, when contacted by Reuters, said": the subject before a short aside, when it
            # opens the sentence (not "..., while others aren't meaningful, said Grant Green")
            ante = np_before(text, toks, commas[0], lo)
            if ante is not None and ante.kind in ("group", "org", "name"):
                ante = _role_of(text, toks, ante, lo) or ante   # "Supporters of the plan, on the other hand,"
            ka = _tok_index(toks, ante.start, lo) if ante is not None else lo
            if ante is not None and ante.kind in ("name", "org", "pronoun", "group") and \
                    all(toks[x][2].lower() in ("but", "and", "so", "yet") for x in range(lo, ka)):
                return ante
        k_end = i
        # "Mitch McConnell, R-Ky., said": skip the party-state tag
        kk = i - 1
        while kk > lo and toks[kk][2] != "," and i - kk < 8:
            kk -= 1
        if kk > lo and toks[kk][2] == "," and re.match(r"^[RDI]\s*-\s*[A-Z]", text[toks[kk + 1][0]:toks[i][0]].strip()):
            m = np_before(text, toks, kk, lo)
            if m is not None:
                return m
        # walk back over comma chunks: descriptors (age, "of Flint", "Mich.", a role) are skipped,
        # the first name-like chunk is the speaker ("Cory James, 22, of Flint, Mich., said";
        # "ROLE, Joe Kasper, told"; "Mukasey, the former attorney general, said")
        for _hop in range(5):
            k = k_end - 1
            while k >= lo and toks[k][2] != "," and k_end - k < 30:
                k -= 1
            start = k + 1 if k >= lo and toks[k][2] == "," else lo
            chunk = toks[start:k_end]
            if not chunk:
                break
            first = chunk[0][2]
            fl = first.lower()
            descriptor = (first[:1].isdigit() or fl in ("of", "from", "in", "at", "on", "for", "with", "who", "whose",
                                                     "which", "whom", "like", "according", "speaking", "writing")
                          or fl in DETERMINERS or not first[:1].isupper()
                          or (len(chunk) <= 3 and (chunk[-1][2] == "." or (len(first) == 2 and first.isupper())))
                          or (len(chunk) <= 2 and re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{1,4}\.?", first) is not None
                              and first.rstrip(".").lower() in _STATE_ABBR)
                          or " ".join(t[2] for t in chunk).lower() in PLACES
                          or fl in TITLES and len(chunk) == 1)
            if not descriptor:
                # the chunk must be just a noun phrase (an appositive chain), not a clause
                m = np_before(text, toks, k_end, start)
                if m is not None and m.start <= toks[start][0] + 1:
                    if m.kind in ("name", "org", "pronoun"):
                        return m
                    if m.kind == "group" and (m.text.split()[0].lower() in DETERMINERS or m.head in GROUP_HEADS):
                        return m
                break
            if start == lo or not (k > lo):
                break
            k_end = k
        k_end = i
        for _hop in range(3):
            k = k_end - 1
            while k >= lo and toks[k][2] != "," and k_end - k < 25:
                k -= 1
            if not (k > lo and toks[k][2] == ","):
                return None
            inner = toks[k + 1][2].lower() if k + 1 < k_end else ""
            m = np_before(text, toks, k, lo)
            # "ROLE, NAME, said" -> the name right before the cue's comma
            if _hop == 0:
                m0 = np_before(text, toks, k_end, k + 1)
                if m0 is not None and m0.kind == "name" and m0.start == toks[k + 1][0]:
                    return m0
            if m is not None and m.kind in ("name", "org", "pronoun"):
                return m
            if m is not None and m.kind in ("group",) and (
                    inner in ("the", "a", "an", "who", "whose", "his", "her", "their", "its", "on", "in", "at",
                              "speaking", "according", "former", "now", "then", "also", "like", "for", "after",
                              "when", "as", "one", "another", "both", "chief", "executive", "director", "president",
                              "senior", "deputy", "which", "with", "despite", "though", "although", "while",
                              "however", "meanwhile", "too", "in", "by", "during", "whom") or is_cap(toks[k + 1][2])
                    or inner.isdigit() or inner.endswith("ing") or inner.endswith("ed")):
                if m.kind != "group" or m.text.split()[0].lower() in DETERMINERS or m.head in GROUP_HEADS:
                    return m
            if k - 1 >= lo and toks[k - 1][2].isdigit():
                k_end = k
                continue
            return None
        return None
    if tl in SUBJ_PRONOUNS:
        return Mention(toks[i][0], toks[i][1], t, "pronoun")
    if tl in RELATIVES:
        return Mention(toks[i][0], toks[i][1], t, "relative")
    if t in ("'s", "\u2019s", "'", "\u2019"):
        return None
    if is_cap(t) and tl in _SENT_START_STOP and (i == lo or toks[i - 1][2] in (".", "\n")):
        return None   # "When asked", "As reported"
    if is_cap(t):
        j = _name_left(toks, i, lo)
        if j > i:
            return None
        s, e = toks[j][0], toks[i][1]
        words = [x[2] for x in toks[j:i + 1]]
        kind = "org" if words[-1].lower() in ORG_HEADS or (words[0].lower() == "the" and len(words) > 1) else "name"
        if words[-1].isupper() and len(words[-1]) > 1 and len(words) == 1:
            kind = "org"
        if j - 2 > lo and toks[j - 1][2].lower() in ("with", "to", "against", "toward", "towards", "about") and \
                kind in ("name", "org"):
            # "Tom Reed in an interview with Fox News said": the name is the object of a preposition
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind in ("name", "pronoun", "org") and m2.end < s:
                return m2
        if j - 2 >= lo and toks[j - 1][2] == "and" and is_cap(toks[j - 2][2]) and \
                toks[j - 2][2].lower() not in _SENT_START_STOP:
            # coordinated speakers: "the United States and Europe accusing ...", "Smith and Jones said"
            j2 = _name_left(toks, j - 2, lo)
            if j2 <= j - 2:
                s = toks[j2][0]
                return Mention(s, e, text[s:e], "name", head="and")   # registered as a group
        return Mention(s, e, text[s:e], kind)
    if tl.endswith("ly") and tl not in FUNCTION and i - 1 >= lo:
        # adverb before the cue: "defiantly told"
        return np_before(text, toks, i, lo)
    if _wordish(t) and tl not in FUNCTION and not t[:1].isupper() or tl in GROUP_HEADS:
        # lowercase noun phrase: back to a determiner / number / capitalized modifier
        j = i
        while j - 1 >= lo and i - j < 7:
            p = toks[j - 1][2]
            pl = p.lower()
            if pl in DETERMINERS:
                j -= 1
                break
            if pl == "of" and j - 2 >= lo and (toks[j - 2][2].isalpha() and toks[j - 2][2].lower() not in FUNCTION):
                j -= 1
                continue
            if _wordish(p) and pl not in FUNCTION and pl not in _SENT_START_STOP \
                    or p[:1].isdigit() or p == "-" or (is_cap(p) and pl not in _SENT_START_STOP):
                j -= 1
                continue
            break
        s, e = toks[j][0], toks[i][1]
        if j - 1 > lo and toks[j - 1][2].lower() in _PREPS and toks[j - 2][2] not in (",", "\u2014"):
            # "Jeb Bush in a Medium post said": skip the prepositional phrase
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind in ("name", "pronoun", "org"):
                return m2
        if j - 2 > lo and toks[j - 1][2].lower() in _HEAD_PREPS:
            # "A spokesman for the mayor said", "people familiar with the matter said": the head noun
            # phrase before the preposition is the speaker
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind == "group" and (m2.head in GROUP_HEADS or m2.head in _PERSON_NOUNS):
                return Mention(m2.start, e, text[m2.start:e], "group", head=m2.head)
        return Mention(s, e, text[s:e], "group", head=tl)
    return None


_HEAD_PREPS = {"for", "with", "in", "at", "of", "from", "on", "close"}
_PERSON_NOUNS = set("""familiar people person man woman spokesman spokeswoman official officials source sources
staffer staffers
member members aide aides adviser advisers advisor advisors lawyer lawyers attorney attorneys head chief
director leader leaders spokesperson representative representatives executive executives employee employees
worker workers resident residents expert experts analyst analysts""".split())


_PREPS = {"in", "on", "at", "during", "via", "through", "with", "from", "after", "before", "over", "by"}


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


def np_after(text, toks, ci, hi):
    """Speaker noun phrase starting right after token ci (inverted: 'said Putin',
    'said one Florida Republican strategist', 'says Dante Scala')."""
    i = ci + 1
    if i >= hi:
        return None
    t = toks[i][2]
    tl = t.lower()
    if tl in SUBJ_PRONOUNS:
        return Mention(toks[i][0], toks[i][1], t, "pronoun")
    j = i
    if tl in DETERMINERS:
        j = i + 1
    k = j
    while k < hi and k - i < 12:
        w = toks[k][2]
        wl = w.lower()
        if is_cap(w) or (w == "." and k > j and (toks[k - 1][2].lower() in _TITLE_ABBR or
                                                  (len(toks[k - 1][2]) == 1 and toks[k - 1][2].isupper()))) or \
                (wl in ("of", "for", "de", "al", "and") and k + 1 < hi and is_cap(toks[k + 1][2]) and k > j) or \
                (w in ("-", "'s", "\u2019s") and k > j) or (w[:1].isdigit() and (k > j or j > i)):
            k += 1
            continue
        if _wordish(w) and w.islower() and wl not in FUNCTION and not (k > j and cue_lemma_local(wl)):
            k += 1
            continue
        break
    if k == j:
        return None
    # drop a trailing "and"/"of"
    while k - 1 > j and toks[k - 1][2].lower() in ("and", "of", "for", "de", "-", "'s", "\u2019s"):
        k -= 1
    s, e = toks[i][0], toks[k - 1][1]
    words = [x[2] for x in toks[j:k]]
    if is_cap(words[-1]):
        kind = "org" if words[-1].lower() in ORG_HEADS or (tl == "the" and all(is_cap(w) for w in words)) else "name"
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
            kind = "org"
    else:
        kind = "group"
    return Mention(s, e, text[s:e], kind, head=words[-1].lower())


def cue_lemma_local(w):
    from .cues import CUE_FORMS
    return w in CUE_FORMS


def split_name(mention_text):
    """'U.N.-Arab League envoy on the Syria crisis Lakhdar Brahimi' -> ('Lakhdar Brahimi', role);
    'Sen. Tom Harkin of Iowa' -> ('Tom Harkin', 'Sen. of Iowa'); 'the mayor of Cheyenne' -> ('', role)."""
    before, sep, after = mention_text.rpartition(" of ")
    if sep and after[:1].isupper() and all(w[:1].isupper() for w in after.split()):
        where = _split_name(after)
        if not where[0] or where[1] is None:
            # "X of <place or organisation>": the place is where X comes from, not X's name
            name, role = _split_name(before)
            bl = before.split()[-1].lower()
            if bl in ORG_HEADS or bl in GROUP_HEADS or bl in _PERSON_NOUNS:
                # "the Department of Homeland Security": an organisation; "Supporters of Ann Cole",
                # "Friends of Abe": a group, named by the whole phrase
                return "", None
            if name and not before.lower().startswith("the "):
                return name, ((role + " ") if role else "") + "of " + after
            if not name and before.split() and before.split()[-1].islower():
                return "", mention_text   # "the mayor of Cheyenne": a role, nobody named
    return _split_name(mention_text)


def _split_name(mention_text):
    words = mention_text.replace("\u2019s ", " ").split()
    if words and words[-1].endswith(("'s", "\u2019s")) and len(words[-1]) > 2:
        words[-1] = words[-1][:-2]   # "Tom Reed's claim that": the possessor
    # trailing run of capitalized non-title words
    k = len(words)
    while k > 0:
        w = words[k - 1]
        wl = w.lower().rstrip(".,")
        if not w[:1].isupper() and not (wl in ("de", "van", "von", "bin", "al") and k < len(words)):
            break
        if wl in TITLES or wl in NATIONALITY:
            break
        k -= 1
    # allow "J." initials and suffixes
    name_words = words[k:]
    while name_words and name_words[0].lower().rstrip(".") in ("the",):
        name_words = name_words[1:]
    role = " ".join(words[:k]).strip(" ,") or None
    if role and role.lower() in ("the", "a", "an"):
        role = None
    name = " ".join(name_words).strip(" ,")
    if name.endswith(",") or name.endswith("."):
        if not re.search(r"\b[A-Z]\.$|Jr\.$|Sr\.$", name):
            name = name.rstrip(",.")
    return name, role


def gender_of(words_lower, role):
    if role:
        rl = role.lower()
        if re.search(r"\b(mrs|ms|miss|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|lady|sister|madam)\b", rl):
            return "f"
        if re.search(r"\b(mr|spokesman|chairman|congressman|businessman|king|prince|lord|sir|father)\b", rl):
            return "m"
    if words_lower:
        f = words_lower[0]
        if f in FEMALE:
            return "f"
        if f in MALE:
            return "m"
    return None


class Registry:
    """Speakers of one article: alias merging and salience for pronoun resolution."""

    def __init__(self, text):
        self.text = text
        self.speakers: list[Speaker] = []
        self.by_last: dict[str, Speaker] = {}
        self.by_name: dict[str, Speaker] = {}
        self.full_names: dict[str, str] = {}     # last name -> longest full name seen in text

    def prescan(self, names):
        """names: list of (surface) capitalized person-like runs from the article."""
        for n in names:
            parts = n.split()
            if len(parts) >= 2:
                last = parts[-1].lower().strip(".,")
                cur = self.full_names.get(last)
                if cur is None or (len(n) > len(cur) and len(parts) <= 4):
                    self.full_names[last] = n

    def person(self, mention_text, org=False):
        if mention_text.lower().removeprefix("the ") in PLACES:
            return self.person_place(mention_text)
        name, role = split_name(mention_text)
        if not name:
            if role or " of " in mention_text:
                return self.group(mention_text)
            return None
        words = name.split()
        last = words[-1].lower().strip(".,")
        if len(words) == 1 and (last in GROUP_PROPER or last.endswith("ists")):
            return self.group(mention_text)          # "Democrats", "Americans", "Republicans"
        if len(words) == 1 and (name.isupper() and 2 <= len(name.strip(".,")) <= 6 and not role):
            org = True                               # "DNC", "FBI", "NATO": an acronym names an organisation
        if name.lower() in PLACES:
            org = True                               # "Washington", "Pennsylvania"
        if org or last in ORG_HEADS or (mention_text.lower().startswith("the ") and len(words) >= 1 and not role):
            disp = mention_text if mention_text.lower().startswith("the ") else name
            return self._organisation(name.lower(), disp, mention_text)
        sp = self.by_last.get(last)
        if sp is not None and len(words) > 1:
            # compatible first name?
            f0 = words[0].lower()
            cf = sp.name.split()[0].lower()
            if len(sp.name.split()) > 1 and f0 != cf and not cf.startswith(f0[:1]) and f0 not in ("j.",):
                sp = None
        if sp is None:
            full = name
            if len(words) == 1:
                full = self.full_names.get(last, name)
                full_n, _ = split_name(full)
                full = full_n or name
            sp = Speaker(name=full, kind="person", role=role, aliases=[], gender=None)
            self.by_last[last] = sp
            self.speakers.append(sp)
        else:
            if len(words) > len(sp.name.split()):
                sp.name = name
            if role and not sp.role:
                sp.role = role
        if mention_text not in sp.aliases:
            sp.aliases.append(mention_text)
        if sp.gender is None:
            sp.gender = gender_of([w.lower() for w in sp.name.split()], role or mention_text)
        return sp

    def person_place(self, mention_text):
        """'North Korea said', 'the United States warned': a country or city speaks as an organisation."""
        return self._organisation(mention_text.lower().removeprefix("the "), mention_text, mention_text)

    def _organisation(self, key, display, mention_text):
        sp = self.by_name.get(key)
        if sp is None:
            sp = Speaker(name=display, kind="organisation", role=None, aliases=[], gender=None)
            self.by_name[key] = sp
            self.speakers.append(sp)
        if mention_text not in sp.aliases:
            sp.aliases.append(mention_text)
        return sp

    def group(self, mention_text):
        t = mention_text.strip()
        key = t.lower()
        sp = self.by_name.get(key)
        if sp is None:
            head = key.split()[-1] if key.split() else key
            kind = "organisation" if head in ORG_HEADS or head in ("newspaper", "paper", "agency", "campaign", "committee", "department", "ministry", "government", "administration", "company", "network", "website", "court") else "group"
            sp = Speaker(name=t, kind=kind, role=None, aliases=[], gender=None)
            if head in ("spokeswoman", "congresswoman", "chairwoman", "woman", "mother", "wife"):
                sp.gender = "f"
            elif head in ("spokesman", "congressman", "chairman", "man", "father", "husband"):
                sp.gender = "m"
            self.by_name[key] = sp
            self.speakers.append(sp)
        if t not in sp.aliases:
            sp.aliases.append(t)
        return sp


def pronoun_fits(pl, sp):
    """Can the lowercase pronoun pl refer to speaker sp?  They/we/it: not a person; he/she/I: a
    person whose known gender does not disagree."""
    if pl in ("they", "them", "we", "it"):
        return sp.kind != "person"
    if pl in ("he", "she", "i"):
        g = PRONOUNS.get(pl)
        return sp.kind == "person" and not (g and sp.gender and sp.gender != g)
    return True
