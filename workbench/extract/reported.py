"""Reported and mixed speech inside sentences: "X said (that) ...", "..., X said",
"X told reporters ...", "according to X, ...", coordinated and relative-clause cues."""
from __future__ import annotations

import bisect

from dataclasses import dataclass

from .direct import _CONTROL_VERBS, is_term
from .cues import OBJECT_VERBS, REJECT_NEXT, SAY_LIKE, WEAK, cue_lemma
from .speakers import GROUP_HEADS, ORG_HEADS, Mention, np_after, np_before, is_cap

_TIME = set("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
recently earlier later again also previously repeatedly last week month year night morning
afternoon evening""".split())
_SKIP_AFTER = {",", ":", "\u2014", "\u2013"}
_COORD_VERBS = set("""expressed declined refused vowed pledged stressed called urged welcomed
hailed praised criticized criticised condemned rejected dismissed accused defended pointed went
offered proposed signed announced appeared left met visited spoke thanked""".split())
_MAX_CLAUSE = 250
_NOT_SOURCES = set("""contracts contract plan plans schedule law laws rules rule tradition custom
standards guidelines procedure protocol script design""".split())
_NOT_SPEAKER_HEADS = set("""interview interviews meeting conference speech rally event debate hearing
appearance show week month year time morning night evening afternoon weekend day sunday monday tuesday
wednesday thursday friday saturday call visit trip tour stop session""".split())
_PARTICIPLE_STARTS = {"adding", "saying", "noting", "explaining", "arguing", "according", "but", "and",
                      "though", "although", "while", "who", "which", "referring", "citing", "calling"}
_BE = {"is", "was", "were", "are", "be", "been", "being", "am", "isn't", "wasn't", "aren't", "weren't",
       "isn\u2019t", "wasn\u2019t", "aren\u2019t", "weren\u2019t", "get", "got", "gets"}
_NOUN_BEFORE = {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "my", "our",
                "your", "recent", "latest", "new", "previous", "public", "larger",
                "many", "several", "such", "no", "any", "each", "every", "some"}
_CONJ = {"and", "but", "or", "while", "as", "then", "yet"}
# cue forms that are as often nouns: "tweets", "claims", "report"
_NOUN_FORMS = {"tweet", "tweets", "claim", "claims", "report", "reports", "call", "calls", "demand", "demands",
               "remark", "remarks", "comment", "comments", "statement", "warning", "warnings", "post", "posts",
               "think", "promise", "promises", "pledge", "pledges", "vow", "vows", "charge", "charges", "note",
               "notes", "reply", "replies", "joke", "jokes", "quip", "quips", "boast", "boasts"}


_DOC_HEADS = set("""statement release letter post tweet tweets message email e-mail memo video ad ads report
note op-ed interview speech remarks comments""".split())


@dataclass
class Found:
    fragments: list
    cue: tuple            # (start, end, text)
    mention: object       # speakers.Mention
    rule: str
    confidence: float


def _strip_span(text, s, e):
    while s < e and (text[s].isspace() or text[s] in ",:;\u2014\u2013"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?\u2014\u2013"):
        e -= 1
    return s, e


def _skip_object(toks, i, hi, lemma):
    """After 'told', 'asked', 'warned': skip the addressee ('reporters', 'The Associated Press')."""
    # a "that" within the next few tokens settles it
    for k in range(i, min(hi, i + 10)):
        w = toks[k][2].lower()
        if w == "that":
            return k
        if w in (",", ":", "\u201c", '"') or is_term(toks, k):
            break
    k = i
    if k < hi and toks[k][2].lower() in ("the", "a", "an", "his", "her", "their", "its"):
        k += 1
    n = 0
    while k < hi and n < 5:
        w = toks[k][2]
        if is_cap(w) or w.lower() in ("reporters", "journalists", "me", "us", "him", "her", "them", "you",
                                      "supporters", "voters", "crowd", "audience", "lawmakers", "people",
                                      "members", "delegates", "the"):
            k += 1
            n += 1
            continue
        break
    if k < hi and toks[k][2].lower() == "to" and lemma in ("ask", "urge", "tell", "warn", "remind"):
        return i   # "urged the Republican electorate to abandon ...": the addressee is part of it
    return k


def _skip_adverbials(toks, i, hi):
    """'said on Friday', 'said in a statement', 'said Tuesday that'."""
    for k in range(i, min(hi, i + 9)):
        w = toks[k][2].lower()
        if w == "that":
            return k
        if w in (",", ":", ";") or (w == "\u201c" or w == '"') or is_term(toks, k):
            break
    k = i
    while k < hi:
        w = toks[k][2].lower()
        if w in _TIME:
            k += 1
            continue
        if w in ("on", "in", "at", "during", "to") and k + 1 < hi:
            nxt = toks[k + 1][2].lower()
            if nxt in _TIME or nxt in ("a", "an", "his", "her", "their") and k + 2 < hi and toks[k + 2][2].lower() in (
                    "statement", "interview", "speech", "letter", "tweet", "post", "email", "e-mail", "memo",
                    "conference", "call", "video", "op-ed", "radio", "television", "tv", "rally", "debate"):
                k += 3 if nxt in ("a", "an", "his", "her", "their") else 2
                continue
            if nxt in ("twitter", "facebook", "cnn", "fox", "msnbc"):
                k += 2
                continue
        break
    if k < hi and toks[k][2] == ",":
        k += 1
    return k


_A_QUANT = {"few", "lot", "handful", "majority", "number", "couple", "third", "quarter", "half", "dozen",
            "minority", "plurality", "bunch", "host", "lot"}


def find_in_sentence(text, toks, lo, hi, blocked, used_cues=frozenset(), candidates=None):
    """Attributions in the sentence toks[lo:hi]. blocked(pos) -> True if inside a direct quote.
    candidates: token indices worth looking at (cue words), default every token."""
    out: list[Found] = []
    for i in (candidates if candidates is not None else range(lo, hi)):
        t = toks[i][2]
        if blocked(toks[i][0]) or toks[i][0] in used_cues:
            continue
        tl = t.lower()
        if tl == "according":
            if i + 1 < hi and toks[i + 1][2].lower() == "to":
                f = _according(text, toks, lo, hi, i)
                if f:
                    out.append(f)
            continue
        lem = cue_lemma(t)
        if lem is None:
            continue
        nxt = toks[i + 1][2].lower() if i + 1 < hi else ""
        if nxt == "by" and lem != "ask":
            continue   # passive participle: "the accord agreed by world powers"
        rej = REJECT_NEXT.get(lem, ())
        if rej is None:
            if lem == "call" and nxt in ("for", "on") and (tl != "call" or i > lo and toks[i - 1][2].lower() in (
                    "to", "will", "would", "could", "should", "might", "must", "can", "did", "do", "also")):
                pass
            elif lem == "call" and tl != "call" and nxt in ("him", "her", "it", "them", "himself", "herself",
                                                            "themselves", "itself", "trump", "clinton", "obama"):
                pass   # "called him a pragmatic strategist", "calls himself a democratic socialist"
            elif lem == "point" and nxt == "out":
                pass
            elif lem == "urge":
                pass
            else:
                continue
        elif nxt in rej:
            continue
        # "said" used as an adjective: "the said", or passive "is said" / "are typically reported"
        pk = i - 1
        while pk > lo and toks[pk][2].lower().endswith("ly") and toks[pk][2].islower():
            pk -= 1
        prevw = toks[pk][2].lower() if pk >= lo else ""
        if prevw in _BE and lem != "ask" and not t.lower().endswith("ing"):
            continue
        if tl == "said" and i > lo and toks[i - 1][2] in ("That", "that") and i + 1 < hi and toks[i + 1][2] == ",":
            continue   # "That said, ..."
        # a noun, not a verb: "Her remarks", "Clinton's tweet", "a recent report", "The tweets"
        rawprev = toks[i - 1][2] if i > lo else ""
        rl = rawprev.lower()
        if rl in _NOUN_BEFORE or rl.endswith("\u2019s") or rl.endswith("'s") or rawprev in ("'s", "\u2019s"):
            continue
        if _after_compound_modifier(toks, i, lo) or _singular_noun_phrase(toks, i, lo):
            continue
        if _plural_after_of(toks, i, lo):
            continue
        if i - 2 >= lo and toks[i - 2][2].lower() in ("a", "an") and tl == lem and rl not in _A_QUANT and \
                rawprev.isalpha():
            continue   # "in a June report", "a new statement": a singular noun phrase, not a verb
        f = _cue(text, toks, lo, hi, i, lem)
        if f:
            out.append(f)
    return out


def _cue(text, toks, lo, hi, c, lem):
    cue = (toks[c][0], toks[c][1], toks[c][2])
    conf = 0.55 if lem in WEAK else 0.8
    w = toks[c][2].lower()
    prev = toks[c - 1][2].lower() if c - 1 >= lo else ""
    if w.endswith("ing") and prev in _ASPECT and c - 2 >= lo:
        # "X kept asking her why ...", "she began saying": the subject of the aspect verb
        ma = np_before(text, toks, c - 1, lo)
        if ma is not None and ma.kind in ("name", "pronoun", "org", "group") and not _not_a_subject(toks, lo, ma):
            return _standard(text, toks, lo, hi, c, lem, cue, ma, "reported.participle", conf - 0.1)
    if w.endswith("ing") and prev not in _BE and prev not in ("was", "is", "are", "were", "been", "be", "am"):
        # participle: "..., saying (that) ..." / "issued a statement saying ..." -> the sentence subject
        mb = np_before(text, toks, c, lo) if c - 1 >= lo else None
        if c - 1 >= lo and (prev in (",", "\u2014", "and", "while", "before", "after", "by", "in", "when")
                            or not (mb or Mention(0, 0, "", "x")).kind in ("name", "pronoun")):
            m = None
            if prev not in (",", "\u2014", "and", "while", "before", "after", "by", "in", "when") and (mb is None or mb.kind == "group" and mb.head not in _DOC_HEADS):
                # "with 30 percent of voters saying ...", "with three in 10 saying": the noun phrase
                # the participle modifies
                m = with_np(text, toks, lo, c)
                if m is None and mb is not None and mb.kind in ("group", "org") and \
                        (mb.kind == "org" or mb.head not in _DOC_HEADS) and _subject_of_participle(toks, lo, c, mb):
                    m = mb   # 'the proportion of GOP primary voters saying ...', 'some are quietly saying'
            if m is None:
                m = _recent_speaker(text, toks, lo, c)
                cs = _coordinated_subject(text, toks, lo, c, skip_embedded=True)
                if m is None or (cs is not None and cs.start > m.end and cs.kind in ("name", "org") and
                                 not _inside_clause_of(toks, lo, m, cs)):
                    # '"...?" Clinton asks as a maintenance guy walks in, saying': the nearest clause
                    m = cs or m
                m = m or _sentence_subject(text, toks, lo, c)
                if m is not None and _not_a_subject(toks, lo, m):
                    m2 = _sentence_subject(text, toks, lo, c)
                    m = m2 if m2 is not None and not _not_a_subject(toks, lo, m2) else m
            if m is not None:
                return _standard(text, toks, lo, hi, c, lem, cue, m, "reported.participle", conf - 0.1)
            return None
    m = np_before(text, toks, c, lo)
    if m is not None and _not_a_subject(toks, lo, m):
        # 'Interestingly, after ...', 'Having announced that ...', '..., committing repeated gaffes':
        # a sentence adverb or a participle found where the subject should be; the sentence subject speaks
        m2 = _sentence_subject(text, toks, lo, c) or _sentence_subject(text, toks, lo, hi)
        m = m2 if m2 is not None and not _not_a_subject(toks, lo, m2) else m
    if m is not None and lem != "ask":
        qa = _asked_question(text, toks, lo, m)
        if qa is not None:
            # 'Asked if she believed Putin wanted ...': a question put to her, not her claim; 'Asked by X
            # if he believed ...' credits the asker
            return _standard(text, toks, lo, hi, c, lem, cue, qa or None, "reported.asked_question", conf - 0.2)
    if lem == "ask" and not (w.endswith("ing") and prev in _BE) and \
            (prev in _BE or prev == "when" or c == lo or prev == "if" or _be_adverb_before(toks, lo, c)):
        # "When asked ...", "Trump was asked ...": the asker is not the subject
        if c + 2 < hi and toks[c + 1][2].lower() == "by":
            # "When asked by a reporter whether ...": the asker is named
            mb = np_after(text, toks, c + 1, hi)
            if mb is not None and mb.kind != "pronoun":
                e = c + 2
                while e + 1 < hi and toks[e + 1][1] <= mb.end:
                    e += 1
                return _standard(text, toks, lo, hi, e, lem, cue, mb, "reported.asked_by", conf - 0.1)
        return _standard(text, toks, lo, hi, c, lem, cue, None, "reported.asked_passive", conf - 0.2)
    if m is None and prev in _DASHES:
        m = _subject_before_dashes(text, toks, lo, c)
    if m is None:
        # coordinated: "... and said", "but said" -> subject of the sentence
        prev = toks[c - 1][2].lower() if c - 1 >= lo else ""
        if prev in _CONJ or prev == "also" and c - 2 >= lo and toks[c - 2][2].lower() in _CONJ:
            m = _coordinated_subject(text, toks, lo, c, wide=True)
            if m is not None:
                # 'He said that Clinton is ... and said that ...': the subject found is the subject of
                # the earlier reported clause (right after 'said (that)'); the earlier speaker speaks
                kb = c - 1
                while kb >= lo and toks[kb][0] >= m.start:
                    kb -= 1
                if kb >= lo and (toks[kb][2].lower() == "that" or cue_lemma(toks[kb][2]) in ("say", "tell", "add")):
                    r = _recent_speaker(text, toks, lo, kb + 1)
                    if r is not None and r.kind in ("name", "pronoun", "org") and r.end <= toks[kb][0]:
                        m = r
            m = m or _sentence_subject(text, toks, lo, c)
            if m is not None:
                return _standard(text, toks, lo, hi, c, lem, cue, m, "reported.coordinated", conf - 0.1)
            return None
        # inverted: "..., said X."
        if c - 1 >= lo and toks[c - 1][2] in (",", "\u2014") and c - 1 > lo:
            m = np_after(text, toks, c, hi)
            if m is not None and is_time_phrase(m):
                m = None   # "..., said Friday": when, not who
            j = c + 1
            while m is not None and j < hi and toks[j][0] < m.end:
                j += 1
            if m is not None and (_tail_is_short(toks, j, hi) or _appositive_tail(toks, j, hi)):
                return _inverted(text, toks, lo, hi, c - 1, m, cue, "reported.said_after_inverted", conf)
        elif c - 2 > lo and toks[c - 1][2] in ('"', "\u201d", "''") and toks[c - 2][2] in (",", "?", "!"):
            # '... "lets us meet our members," said Omar Fields, the club's events director.'
            m = np_after(text, toks, c, hi)
            j = c + 1
            while m is not None and j < hi and toks[j][0] < m.end:
                j += 1
            if m is not None and m.kind in ("name", "org", "pronoun") and \
                    (_tail_is_short(toks, j, hi) or _appositive_tail(toks, j, hi)):
                f = _inverted(text, toks, lo, hi, c - 2, m, cue, "mixed.said_after", conf)
                if f is not None:
                    f.fragments = [(f.fragments[0][0], toks[c - 1][1])]
                return f
        return None
    if m.kind == "group" and m.head in _NOT_SPEAKER_HEADS:
        # "but in a later interview said": the subject of the sentence speaks
        m2 = _sentence_subject(text, toks, lo, c)
        if m2 is not None and m2.start < m.start:
            m = m2
    # np found before the cue
    k = c - 1
    while k >= lo and toks[k][0] >= m.start:
        k -= 1
    # k: token before the mention
    prevtok = toks[k][2] if k >= lo else ""
    after = c + 1
    tail_end = _tail_is_short(toks, after, hi)
    if prevtok == "," and k - lo >= 2 and m.kind in ("pronoun", "name", "org", "group"):
        # parenthetical: "The deal, he said, will fail." -> two fragments around the attribution
        j = c + 1
        while j < hi and toks[j][2].lower() in _TIME or (j + 1 < hi and toks[j][2].lower() in ("on", "in") and
                                                         toks[j + 1][2].lower() in _TIME):
            j += 1
        if j + 2 < hi and toks[j][2] == "," and toks[j + 1][2].lower() not in _PARTICIPLE_STARTS and \
                not cue_lemma(toks[j + 1][2]) and not any(cue_lemma(toks[x][2]) for x in range(lo, k)):
            st = lo
            while st < k and toks[st][2].lower() in ("but", "and", "so", "yet"):
                st += 1
            f = None
            if st < k:
                s1, e1 = _strip_span(text, toks[st][0], toks[k - 1][1])
                if e1 > s1:
                    f = Found([(s1, e1)], cue, m, "reported.parenthetical", conf - 0.05)
            if f is not None:
                s2, e2 = _strip_span(text, toks[j + 1][0], toks[hi - 1][1])
                if e2 < len(text) and text[e2:e2 + 1] in "\u201d\"" and (text[s2:e2].count('"') % 2 == 1 or
                                                                        "\u201c" in text[s2:e2]):
                    e2 += 1
                if e2 - s2 >= 6:
                    f.fragments.append((s2, e2))
                return f
    if prevtok in (",", "\u2014") and k - lo >= 2 and tail_end:
        return _inverted(text, toks, lo, hi, k, m, cue, "reported.said_after", conf)
    if prevtok in ('"', "\u201d", "''") and k - 1 > lo and toks[k - 1][2] in (",", "?", "!") and tail_end \
            and k - lo >= 3:
        f = _inverted(text, toks, lo, hi, k - 1, m, cue, "mixed.said_after", conf)
        if f is not None:
            s0, e0 = f.fragments[0]
            f.fragments = [(s0, toks[k][1])]
        return f
    rel = _is_relative(toks, k, lo, m)
    if m.kind == "relative" and m.text.lower() in ("that", "which"):
        mp = _publisher_of(text, toks, lo, m)
        if mp is not None:
            m = mp   # 'X is releasing a new ad that urges voters to "..."' -> X
    return _standard(text, toks, lo, hi, c, lem, cue, m, "reported.relative" if rel else "reported.said_that", conf)


_DASHES = {"-", "--", "\u2014", "\u2013"}


def _subject_before_dashes(text, toks, lo, c):
    """'Ann Cole - who previously said ... - said Monday that': the subject before the dashes."""
    d = toks[c - 1][2]
    j = c - 2
    while j >= lo and toks[j][2] == d:
        j -= 1   # "--" is two tokens
    for k in range(j, max(lo, c - 40), -1):
        if toks[k][2] == d:
            while k - 1 >= lo and toks[k - 1][2] == d:
                k -= 1
            m = np_before(text, toks, k, lo)
            return m if m is not None and m.kind in ("name", "pronoun", "org", "group") else None
        if toks[k][2] in (".", ";", ":"):
            return None
    return None


_SUBJ_PRON = {"he", "she", "they", "we", "I", "He", "She", "They", "We"}
_ASPECT = {"kept", "keeps", "keep", "began", "begins", "begin", "started", "starts", "start", "continued",
           "continues", "stopped", "stops", "quit", "resumed", "resumes"}
_ADVERBS = {"once", "also", "later", "then", "never", "often", "again", "still", "even", "not", "first", "twice",
            "repeatedly", "recently", "previously", "reportedly", "specifically", "directly", "publicly"}


def _be_adverb_before(toks, lo, c):
    """'X was once asked', 'she was later asked': a form of 'be' and adverbs before the cue."""
    k = c - 1
    while k >= lo and toks[k][2].lower() in _ADVERBS:
        k -= 1
    return k < c - 1 and k >= lo and toks[k][2].lower() in _BE


_PUBLISHED = {"ad", "ads", "editorial", "piece", "article", "column", "op-ed", "video", "speech", "letter", "memo",
              "statement", "release", "report", "story", "book", "post", "tweet", "email", "message", "spot",
              "caption", "sign", "signs", "banner", "banners", "placard", "placards", "poster", "posters", "shirt",
              "shirts", "t-shirt", "t-shirts", "button", "buttons", "sticker", "stickers"}


_TIME_WORDS = set("""monday tuesday wednesday thursday friday saturday sunday one this last next early later
morning night evening afternoon week weekend month year today yesterday tonight""".split())


def is_time_phrase(m):
    """'Friday', 'last week': a mention that says when, not who."""
    return all(w in _TIME_WORDS for w in m.text.lower().split())


def _asked_question(text, toks, lo, m):
    """m opens a question put to it ('Asked if he thought ...', 'asked by X whether she believed ...'):
    the asker's mention after 'by', or False when nobody asks by name; None when m opens no question."""
    k = bisect.bisect_left(toks, m.start, lo, key=lambda t: t[0])
    if not (k - 2 >= lo and toks[k - 1][2].lower() in ("if", "whether", "what", "how", "why")):
        return None
    for j in range(k - 2, max(lo, k - 8) - 1, -1):
        w = toks[j][2]
        lem = cue_lemma(w.lower())
        if w in (",", ".", ";", ":") or lem not in (None, "ask"):
            return None
        if lem == "ask":
            if toks[j + 1][2].lower() == "by":
                mb = np_after(text, toks, j + 1, k - 1)
                return mb if mb is not None else False
            return False
    return None


def _not_a_subject(toks, lo, m):
    """A one-word mention that is a sentence-initial adverb or participle ('Interestingly,', 'Having',
    'Overall,') or a lowercase participle ('committing', 'uttering'): not a noun phrase."""
    k = lo
    while k < len(toks) and toks[k][0] < m.start:
        k += 1
    words = m.text.lower().replace("\u2019s", "").replace("'s", "").split()
    if words and all(x in _TIME_WORDS for x in words) and words[-1] not in ("one", "early", "later"):
        return True   # 'Friday', 'One Sunday', "Saturday's", 'last week'
    if k >= len(toks) or toks[k][1] != m.end:
        return False
    w = toks[k][2]
    wl = w.lower()
    if m.kind in ("name", "org"):
        if not (k == lo or toks[k - 1][2] in (".", "\n", '"', "\u201c")):
            return False
        nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
        return wl in ("having", "being") or (nxt == "," or nxt in ("after", "before")) and (
            wl in _INTRO or len(wl) > 5 and (wl.endswith("ly") or wl.endswith("ing")))
    if m.kind == "group":
        return wl.endswith("ing") and len(wl) > 5 and wl not in GROUP_HEADS and \
            (k == lo or toks[k - 1][2] in (",", "\u2014") or toks[k - 1][2].lower() in ("and", "by", "while"))
    return False


def _publisher_of(text, toks, lo, m):
    """'X is releasing a new ad that urges ...', 'The Post recently ran a piece that noted ...': a
    relative 'that/which' whose antecedent is a published item, object of a verb whose subject is a
    name, organisation or pronoun, reports that subject's words (PolNeAR credits the publisher)."""
    j = bisect.bisect_left(toks, m.start, lo, len(toks), key=lambda t: t[0])
    n = j - 1
    if n < lo or toks[n][2].lower() not in _PUBLISHED:
        return None
    for k in range(n - 1, max(lo, n - 7) - 1, -1):
        w = toks[k][2]
        if w in (",", ";", ":") or w.lower() in ("by", "of", "from", "in"):
            return None
        if k - 1 >= lo and toks[k - 1][2].lower() in ("a", "an", "the"):
            continue   # 'a marketing video': an adjective
        if _verbish(w) or w.lower() in ("ran", "runs", "run", "released", "releasing", "published", "aired",
                                        "airing", "posted", "wrote", "writes", "issued", "sent", "retweeted",
                                        "reprint", "reprinted", "shared", "sharing", "tweeted", "cited", "citing",
                                        "held", "holds", "hoisted", "carried", "carries", "wore", "wears", "waved"):
            kk = k
            if kk - 2 > lo and toks[kk - 1][2] == "to" and toks[kk - 2][2] in _CONTROL_VERBS | {"planning", "plans"}:
                kk -= 2   # 'her campaign is planning to reprint an editorial that ...'
            mo = np_before(text, toks, kk, lo)
            if mo is not None and mo.end <= toks[kk][0] and (mo.kind in ("name", "org", "pronoun") or
                                                             mo.kind == "group" and mo.head in GROUP_HEADS):
                return mo
            return None
    return None


def _is_relative(toks, k, lo, m):
    return m.kind == "relative" or (k >= lo and toks[k][2].lower() in ("which", "that", "who", "what"))


_TAIL_START = set("""on in at to during after before from of via while when last this in at with
as about for""".split()) | _TIME


_APPOS_START = {"the", "a", "an", "who", "whose", "his", "her", "their", "its", "one", "now", "then",
                "former", "also", "an", "chief", "senior"}


_NOT_APPOS = {"and", "but", "or", "so", "yet", "that", "which", "while", "because", "although", "though", "as",
              "if", "when", "where", "then", "not", "too", "either", "even", "just", "only", "still"}


def _appositive_tail(toks, i, hi):
    """', said X, the group's spokesman.' / ', says X, who teaches law at ...': an appositive of the
    speaker runs to the end of the sentence."""
    if i + 1 >= hi or toks[i][2] != ",":
        return False
    w = toks[i + 1][2]
    wl = w.lower()
    if w.isalpha() and w.islower() and not wl.endswith(("ing", "ed")) and wl not in _NOT_APPOS and \
            not cue_lemma(w):
        return True   # ', says X, founder and CEO of ...'
    return wl in _APPOS_START or w[:1].isdigit() or (is_cap(w) and i + 2 < hi and (
        toks[i + 2][2] in ("'s", "\u2019s") or is_cap(toks[i + 2][2])))


def _tail_is_short(toks, i, hi):
    """After the cue only adverbials until the sentence end or a new clause."""
    n = 0
    k = i
    while k < hi:
        w = toks[k][2]
        if is_term(toks, k):
            return True
        if w == "," and k + 1 < hi and toks[k + 1][2].lower() in ("adding", "saying", "noting", "according",
                                                                  "but", "and", "explaining", "arguing",
                                                                  "though", "although", "while", "who"):
            return True
        if w.lower() == "that" or w in (":", "\u201c", '"'):
            return False
        if n == 0 and w not in (",", ")", "\u2014") and w.lower() not in _TAIL_START and not is_cap(w):
            return False
        n += 1
        if n > 9:
            return False
        k += 1
    return True


_QUANTITY = {"about", "nearly", "roughly", "almost", "some", "more", "most", "many", "several", "few", "dozens",
             "hundreds", "thousands", "millions", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten"}
_INTRO = set("""in on at for with after before when while as if though although because since during
amid despite among under over about from by following like unlike until upon within without
according speaking asked earlier later meanwhile however still yet also then now here there
today yesterday last this that these those but and so outside inside across around behind beyond near
through throughout toward towards against along amid amidst beside besides between via once whenever
wherever unless whether meantime overall instead indeed moreover furthermore nonetheless nevertheless
likewise similarly separately additionally initially ultimately eventually afterward afterwards
maybe perhaps given based led ask wait soon""".split())
_NUMBER_WORDS = set("""one two three four five six seven eight nine ten eleven twelve a an several few many
some hours days weeks months years minutes moments decades""".split())
_TIME_NP = set("""monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
week weekend month year day the a this last next early late that january february march april may june
july august september october november december""".split())


def _role_words_to_name(toks, j, c):
    """Up to three lowercase words holding a role ('presidential candidate') followed by a capitalised
    word: the index of that word, else 0."""
    from .speakers import TITLES
    r = j
    while r < c and r - j < 3 and toks[r][2].isalpha() and toks[r][2].islower():
        r += 1
    if r > j and r < c and is_cap(toks[r][2]) and any(t[2] in TITLES for t in toks[j:r]):
        return r
    return 0


def _sentence_subject(text, toks, lo, c):
    """First noun phrase of the sentence, after a dateline and an introductory phrase."""
    from .speakers import (FUNCTION, DETERMINERS, GROUP_HEADS, Mention, SUBJ_PRONOUNS, _TITLE_ABBR,
                           _SENT_START_STOP, _wordish)
    k = lo
    # dateline: "DECATUR, Ill. — Sen. Ted Cruz ..." / "Washington (AFP) – ..."
    for j in range(lo, min(c, lo + 14)):
        if toks[j][2] in ("\u2014", "--", "\u2013") and (toks[lo][2].isupper() or is_cap(toks[lo][2])) or \
                toks[j][2] == "-" and j > lo + 1 and toks[lo][2].isupper() and len(toks[lo][2]) > 1 and \
                toks[j][0] > toks[j - 1][1]:
            k = j + 1   # "ORLANDO, Fla. (Reuters) - President ..."
            break
        if toks[lo][2][:1].isdigit() and j - lo < 6 and toks[j][2] in ("\u2014", "--", "\u2013"):
            k = j + 1   # "WASHINGTON, Dec. 8 (UPI) — ..." split after "Dec.": "8 (UPI) — ..."
            break
    # introductory phrase: "In 2010, ..." / "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ..."
    if k + 1 < c and is_cap(toks[k][2]) and toks[k + 1][2].lower() in ("later", "earlier", "ago"):
        k += 2   # "Hours later, Trump ..."
        while k < c and toks[k][2] == ",":
            k += 1
    elif k < c and toks[k][2].lower() in _NUMBER_WORDS:
        # "A month later, he ..." / "Eight years ago, he ..."
        for j in range(k + 1, min(c - 1, k + 5)):
            if toks[j][2].lower() in ("later", "earlier", "ago") and toks[j + 1][2] == ",":
                k = j + 2
                break
    w0 = toks[k][2].lower() if k < c else ""
    if k < c and w0.endswith("ly") and len(w0) > 5 and is_cap(toks[k][2]) and k + 1 < c and \
            not is_cap(toks[k + 1][2]) and w0 not in FUNCTION:
        w0 = "then"   # "Shortly after ...,", "Hastily politicizing ..., Trump ..." : an intro
    if k < c and (w0 in _INTRO or (w0 in FUNCTION or w0 in _SENT_START_STOP or w0.endswith("ing"))
                  and w0 not in DETERMINERS and w0 not in SUBJ_PRONOUNS):
        chosen = None
        for j in range(k, min(c, k + 30)):
            if toks[j][2] != ",":
                continue
            if j + 1 >= c:
                break
            jn = j + 1
            while jn < c - 1 and toks[jn][2] in ('"', "\u201d", "''", "\u2019"):
                jn += 1
            nxt = toks[jn][2]
            nl = nxt.lower()
            if nl in SUBJ_PRONOUNS or nl in DETERMINERS or nl in _QUANTITY or nl[:1].isdigit() or nl in GROUP_HEADS:
                chosen = j   # "Outside the arena, about 200 protesters ...", ", officials said"
                break
            if is_cap(nxt):
                r = j + 1
                while r < c and (is_cap(toks[r][2]) or toks[r][2] == "."):
                    r += 1
                if r < c and toks[r][2] != ",":
                    chosen = j
                    break
        if chosen is not None:
            k = chosen + 1
            while k < c and toks[k][2] in ('"', "\u201d", "''", "\u2019"):
                k += 1
        elif w0 not in DETERMINERS:
            k += 1   # "What Trump ...", "When those voting ..."
            if w0 in ("on", "in", "at", "during", "by", "early", "late", "last", "this"):
                # "On Sunday morning Mr. Trump made ...": skip a time phrase without a comma
                j = k
                while j < c and j - k < 5 and (toks[j][2].lower() in _TIME_NP or toks[j][2][:1].isdigit()):
                    j += 1
                if j > k and j < c and (is_cap(toks[j][2]) or toks[j][2].lower() in SUBJ_PRONOUNS):
                    k = j
    while k < c and toks[k][2].lower() in ("but", "and", "so", "yet", "still", "then", "also", "well", ","):
        k += 1
    if k >= c:
        return None
    w = toks[k][2]
    wl = w.lower()
    if wl in SUBJ_PRONOUNS:
        return Mention(toks[k][0], toks[k][1], w, "pronoun")
    j = k
    if is_cap(w) and wl not in DETERMINERS:
        while j < c and j - k < 12:
            t = toks[j][2]
            if is_cap(t) or t in ("'s", "\u2019s", "-") or (t == "." and toks[j - 1][2].lower() in _TITLE_ABBR) or \
                    (t == "." and len(toks[j - 1][2]) == 1) or \
                    (t.lower() in ("of", "de", "for") and j + 1 < c and is_cap(toks[j + 1][2])):
                j += 1
                continue
            r = _role_words_to_name(toks, j, c)
            if r and j > k:
                j = r   # 'Former Republican presidential candidate Jeb Bush broke down ...'
                continue
            break
        while j > k + 1 and toks[j - 1][2] in ("'s", "\u2019s", "-", "of"):
            j -= 1
        s0, e0 = toks[k][0], toks[j - 1][1]
        words = text[s0:e0]
        last = toks[j - 1][2].lower()
        return Mention(s0, e0, words, "org" if last in ORG_HEADS else "name")
    # lowercase NP: determiner / numbers / adjectives up to the head noun
    n = 0
    while j < c and n < 7:
        t = toks[j][2]
        tl = t.lower()
        if tl in DETERMINERS or t[:1].isdigit() or n == 0 and tl in _QUANTITY or \
                (_wordish(t) and tl not in FUNCTION and not cue_lemma(t)
                 and not (n > 0 and (tl.endswith("ed") or tl.endswith("ing")))):
            j += 1
            n += 1
            if tl in GROUP_HEADS:
                break
            continue
        break
    if j == k:
        return None
    appos = _appositive_name(text, toks, j, c)
    if appos is not None:
        return appos   # "The director of the City Museum, Elena Varga, on Tuesday defended ..."
    s0, e0 = toks[k][0], toks[j - 1][1]
    return Mention(s0, e0, text[s0:e0], "group", head=toks[j - 1][2].lower())


def _appositive_name(text, toks, j, c):
    """', NAME,' right after a role noun phrase (and its 'of/for/at ...' complement)."""
    k = j
    if k < c and toks[k][2].lower() in ("of", "for", "at", "in", "on"):
        while k < c and toks[k][2] != "," and k - j < 10:
            if toks[k][2] in (".", ";", ":") or cue_lemma(toks[k][2]):
                return None
            k += 1
    if not (k + 2 < c and toks[k][2] == ","):
        return None
    r = k + 1 if is_cap(toks[k + 1][2]) else _role_words_to_name(toks, k + 1, c)
    if not r:
        return None   # ', former county judge Ann Cole,': role words before the name belong to it
    r0 = r
    while r < c and r - r0 < 8 and (is_cap(toks[r][2]) or toks[r][2] == "." and len(toks[r - 1][2]) <= 3 or
                                    toks[r][2] == "of" and r + 1 < c and is_cap(toks[r + 1][2])):
        r += 1
    if r >= c or toks[r][2] != "," or r - k < 3:
        return None   # a two-word name at least, closed by a comma
    s0, e0 = toks[k + 1][0], toks[r - 1][1]
    return Mention(s0, e0, text[s0:e0], "name")


_EMBED = {"that", "what", "how", "why", "whether", "if", "because"}
_EMBED_NOT = {"so", "such", "appears", "appeared", "seems", "seemed", "is", "was", "means", "meant"}   # main clauses


_PROG_AUX = {"is", "are", "was", "were", "be", "been", "'re", "\u2019re", "'s", "\u2019s", "kept", "keeps", "keep"}
_PROG_ADV = {"already", "quietly", "still", "also", "now", "publicly", "openly", "increasingly", "repeatedly"}


def _subject_of_participle(toks, lo, c, mb):
    """mb is the subject of the participle at c: 'X is already claiming' (a progressive or 'kept'),
    or 'the proportion of X saying' (right after 'of')."""
    j = bisect.bisect_left(toks, mb.start, lo, c, key=lambda t: t[0])
    e = j
    while e < c and toks[e][0] < mb.end:
        e += 1
    between = [t[2].lower() for t in toks[e:c]]
    if between:
        return all(w in _PROG_AUX or w in _PROG_ADV for w in between) and any(w in _PROG_AUX for w in between)
    return j - 1 >= lo and toks[j - 1][2].lower() == "of"


_CLAUSE_START = {",", "when", "while", "which", "whom", "and", "but", "because", "after", "before", "if", "\u2014"}


_OBJ_PREPS = {"about", "of", "for", "with", "against", "at", "on", "from", "over", "to"}
_POSS_PREPS = _OBJ_PREPS | {"by", "beyond", "despite", "after", "amid", "following", "in"}


def _coordinated_subject(text, toks, lo, c, skip_embedded=False, wide=False):
    """Subject of the verb phrase a coordinated cue joins: 'He later walked back his remarks and said'.
    skip_embedded: a subject right after 'that/what/how ...' belongs to an embedded clause ('X called
    the idea that Y had ... a "...," adding'), so the search goes on to the clause that embeds it."""
    for k in range(c - 2, max(lo, c - 60), -1):
        w = toks[k][2]
        if w in (".", ";", ":"):
            break
        pw = toks[k - 1][2] if k - 1 >= lo else ""
        if w in _NOT_VERB_ED and (is_cap(pw) and not pw.endswith(("'s", "\u2019s")) or pw in _SUBJ_PRON or pw == ","):
            # 'while Huckabee proposed a ban and said': an adjective-looking form right after a name
            # or a subject pronoun is the verb
            m = np_before(text, toks, k, lo)
            if m is not None and m.kind in ("name", "pronoun"):
                return m
        if (_verbish(w) or w.lower() in _EXTRA_VERBS) and not _noun_use(toks, k, lo) and \
                not _after_compound_modifier(toks, k, lo):
            m = np_before(text, toks, k, lo)
            if wide and m is not None and (m.kind == "relative" and m.text.lower() in ("who", "which") or
                                           m.kind == "group"):
                # '..., who answered her door and said', 'in which management sits down ... and
                # tells them': the subject of the nearest clause, when it opens that clause
                j = bisect.bisect_left(toks, m.start, lo, c, key=lambda t: t[0])
                if m.kind == "relative" and j - 1 >= lo and toks[j - 1][2] == "," or \
                        m.kind == "group" and (j == lo or toks[j - 1][2].lower() in _CLAUSE_START):
                    return m
                continue
            if m is not None and _not_a_subject(toks, lo, m):
                continue
            if m is not None and w.endswith("ing") and w.islower() and \
                    toks[bisect.bisect_left(toks, m.start, lo, c, key=lambda t: t[0]) - 1][2].lower() in _OBJ_PREPS:
                continue   # 'vented about Sanders vowing to fight on and said': the object of 'about'
            if m is not None and m.kind in ("name", "pronoun", "org"):
                if skip_embedded:
                    if m.text.lower() in ("the", "a", "an"):
                        continue   # "The retired neurosurgeon": an adjective, not a verb
                    j = bisect.bisect_left(toks, m.start, lo, c, key=lambda t: t[0])
                    if j - 1 >= lo and toks[j - 1][2].lower() in _EMBED | {"after", "since", "before", "until", "once"} and not (
                            j - 2 >= lo and toks[j - 2][2].lower() in _EMBED_NOT):
                        continue
                    if j - 1 >= lo and toks[j - 1][2].islower() and (
                            _verbish(toks[j - 1][2]) or toks[j - 1][2] in ("helping", "help", "let", "make", "see")):
                        continue   # 'helping Mrs. Clinton succeed him, saying': an object, not a subject
                return m
    return None


def with_np(text, toks, lo, c):
    """'with 30 percent of voters saying', 'with Trump reportedly yelling:': the noun phrase between
    'with' and the participle at c, or None."""
    e = c - 1
    while e > lo and toks[e][2].lower().endswith("ly") and toks[e][2].islower():
        e -= 1   # "reportedly"
    if e < lo or not toks[e][2][:1].isalnum():
        return None
    for kb in range(e - 1, max(lo, e - 8) - 1, -1):
        wb = toks[kb][2].lower()
        if wb in (",", ";", ":", "\u2014") or cue_lemma(toks[kb][2]):
            return None
        if wb in ("with", "leaving", "left"):
            if kb + 1 > e:
                return None
            s0, e0 = toks[kb + 1][0], toks[e][1]
            words = [t[2] for t in toks[kb + 1:e + 1]]
            kind = "name" if all(is_cap(w) or w == "." for w in words) else "group"
            return Mention(s0, e0, text[s0:e0], kind, head=toks[e][2].lower())
    return None


def _inside_clause_of(toks, lo, m, cs):
    """cs directly follows the cue of speaker m ('X said Y ...'): it is inside X's reported clause."""
    k = lo
    while k < len(toks) and toks[k][0] < m.end:
        k += 1
    j = k
    while j < len(toks) and toks[j][0] < cs.start:
        if toks[j][2] in (",", ";", "\u2014") or toks[j][2].lower() in ("as", "while", "when", "and", "but"):
            return False
        j += 1
    return True


def _person_head(w):
    from .speakers import _PERSON_NOUNS, TITLES
    return w in GROUP_HEADS or w in _PERSON_NOUNS or w in TITLES or w.rstrip("s") in TITLES


def _recent_speaker(text, toks, lo, c):
    """Speaker of the nearest attribution earlier in the sentence ('"...," Buchanan said, noting')."""
    for k in range(c - 1, max(lo, c - 60) - 1, -1):
        lem = cue_lemma(toks[k][2])
        if lem in ("say", "add", "tell", "write", "note", "argue", "insist", "explain", "continue", "declare",
                   "warn", "tweet", "respond", "reply") and not _noun_use(toks, k, lo) and \
                not _after_compound_modifier(toks, k, lo):
            m = np_before(text, toks, k, lo)
            if m is not None and m.kind == "group" and m.text.split()[0].lower() in ("a", "an") and \
                    not _person_head(m.text.split()[-1].lower()):
                continue   # 'sounded a rare note of ..., saying': the cue word is a noun
            if m is not None and m.kind != "relative" and m.end <= toks[k][0]:
                return m
            if lem == "tell":
                continue   # "but told his supporters,": the noun phrase after 'told' is the addressee
            if k - 1 >= lo and toks[k - 1][2] not in (",", '"', "\u201d", "'", "''", "\u2019", "\u2014", "-"):
                continue   # 'planning to write a book by tweeting': not an inverted '..., said X'
            m = np_after(text, toks, k, c)
            if m is not None:
                return m
    return None


def _clause_end(text, toks, start_i, hi, relative=False):
    """Token index where the reported clause ends (exclusive)."""
    hi = min(hi, start_i + _MAX_CLAUSE)   # bounded: a degenerate endless sentence stays linear
    k = start_i
    while k < hi:
        w = toks[k][2]
        wl = w.lower()
        if relative and (w == "," or wl == "which" or relative == "dash" and w in _DASHES):
            return k
        if w == "," and k + 1 < hi:
            n1 = toks[k + 1][2].lower()
            if n1 in ("according", "adding", "saying", "noting", "explaining", "arguing", "while", "but", "although",
                      "though", "whereas", "which", "who", "whose", "where", "when", "despite", "compared", "even"):
                return k
            # ", X said" / ", said X" inside
            if cue_lemma(toks[k + 1][2]) in ("say", "add", "tell", "write", "note"):
                return k
            for j in range(k + 1, min(hi, k + 7)):
                lj = cue_lemma(toks[j][2])
                if lj in ("say", "add", "tell", "write", "note", "argue", "insist", "explain"):
                    m = np_before(text, toks, j, k + 1)
                    if m is not None and m.start <= toks[k + 1][0] + 4:
                        return k
                    break
        if wl in ("and", "but", "while", "\u2014", "-", "--") and k + 1 < hi:
            n1 = toks[k + 1][2].lower()
            n2 = toks[k + 2][2].lower() if k + 2 < hi else ""
            # "... and others have said ...", "- others say ...": a new attribution starts here
            new_attr = False
            for j2 in range(k + 2, min(hi, k + 6)):
                if cue_lemma(toks[j2][2]) in _NEW_ATTR_CUES:
                    m2 = np_before(text, toks, j2, k + 1)
                    new_attr = m2 is not None and m2.start == toks[k + 1][0]
                    break
            if new_attr or (wl in ("and", "but") and (cue_lemma(toks[k + 1][2]) or n1 in _COORD_VERBS or
                                                     n1 == "also" and (cue_lemma(n2 or "x") or n2 in _COORD_VERBS))):
                j = k
                if j - 1 >= start_i and toks[j - 1][2] == ",":
                    j -= 1
                return j
        k += 1
    return hi


# "..., and human rights groups warned that ...": a speech verb a new subject opens ends the clause
_NEW_ATTR_CUES = SAY_LIKE - WEAK - {"continue", "ask", "report"}


_SUBORD_START = {"when", "while", "although", "though", "after", "before", "since", "if", "once", "because",
                 "until", "whereas"}


def _subordinate_end(toks, lo, c, hi):
    """'When Trump announced his candidacy in June 2015, he referred to ...': a cue inside a
    sentence-initial subordinate clause reports only up to the comma that closes the clause."""
    s0 = lo
    while s0 < c and toks[s0][2].lower() in ("but", "and", "so", "yet"):
        s0 += 1
    if s0 >= c or toks[s0][2].lower() not in _SUBORD_START:
        return hi
    for k in range(s0 + 1, c):
        if toks[k][2] in (",", ";", ":", "\u2014"):
            return hi
    for k in range(c + 1, min(hi, c + _MAX_CLAUSE)):
        if toks[k][2] == ",":
            return k
    return hi


def _standard(text, toks, lo, hi, c, lem, cue, m, rule, conf):
    i = c + 1
    if lem == "call":
        i += 1  # "called for", "called on"
    elif lem == "point":
        i += 1
    if lem in OBJECT_VERBS:
        i = _skip_object(toks, i, hi, lem)
    else:
        i = _skip_adverbials(toks, i, hi)
    while i < hi and toks[i][2] in _SKIP_AFTER:
        i += 1
    if i >= hi:
        return None
    hi = _subordinate_end(toks, lo, c, hi)
    relative = rule == "reported.relative"
    if relative and m is not None:
        # 'Ann Cole - who previously said she would ... - said Monday': the clause ends at the dash
        km = bisect.bisect_left(toks, m.start, lo, c, key=lambda t: t[0])
        if km - 1 >= lo and toks[km - 1][2] in _DASHES:
            relative = "dash"
    end_i = _clause_end(text, toks, i, hi, relative=relative)
    if end_i - i < 2:
        return None
    s, e = toks[i][0], toks[end_i - 1][1]
    s, e = _strip_span(text, s, e)
    # keep a closing quote mark that closes a quote opened inside the span
    if e < len(text) and text[e:e + 1] in "\u201d\"'" and text[s:e].count(text[e]) % 2 == 1 or \
            (e < len(text) and text[e:e + 1] == "\u201d" and "\u201c" in text[s:e]):
        e += 1
    elif e + 1 < len(text) and text[e] in ".,!?" and text[e + 1:e + 2] in "\u201d\"" and (
            "\u201c" in text[s:e] or text[s:e].count('"') % 2 == 1):
        e += 2
    if e - s < 12:
        return None
    return Found([(s, e)], cue, m, rule, conf)


def _inverted(text, toks, lo, hi, comma_i, m, cue, rule, conf):
    """Content before ', X said'.  Content starts at the sentence start or after an intro."""
    start_i = lo
    # skip a leading conjunction / intro like "But" or "And"
    while start_i < comma_i and toks[start_i][2].lower() in ("but", "and", "so", "yet") :
        start_i += 1
    if comma_i - start_i < 3:
        return None
    s, e = toks[start_i][0], toks[comma_i - 1][1]
    s, e = _strip_span(text, s, e)
    if e < len(text) and text[e:e + 1] in "\u201d\"":
        e += 1
    if e - s < 10:
        return None
    frags = [(s, e)]
    return Found(frags, cue, m, rule, conf - 0.05)


def according_mention(text, toks, i, hi):
    """The source of 'according to X' (toks[i] is 'according'), or None for non-sources
    ('according to plan')."""
    m = np_after(text, toks, i + 1, hi)
    if m is not None and m.kind == "group" and m.head in _NOT_SOURCES:
        return None   # "according to existing contracts", "according to plan"
    if m is None:
        # lowercase NP: "according to a new poll", "according to officials"
        k = i + 2
        j = k
        while j < hi and toks[j][2] not in (",", ".", ";") and j - k < 8 and toks[j][2].lower() not in ("that", "which", "who"):
            j += 1
        if j == k:
            return None
        if toks[j - 1][2].lower() not in GROUP_HEADS:
            return None
        s, e = toks[k][0], toks[j - 1][1]
        m = Mention(s, e, text[s:e], "group", head=toks[j - 1][2].lower())
    if m.kind == "group" and m.text[:1].islower():
        # 'according to an analysis by the Pew Research Center', '... interviews with a dozen party
        # leaders', '... a post from X': the author after by/with/from is the source
        e = bisect.bisect_left(toks, m.end, i, hi, key=lambda t: t[0])
        if e < hi and toks[e][2].lower() in ("by", "with", "from"):
            m2 = np_after(text, toks, e, hi) or _lowercase_np(text, toks, e + 1, hi)
            if m2 is not None:
                return m2
    return m


def _lowercase_np(text, toks, k, hi):
    """Words from k up to a comma, period, semicolon or 'that/which/who' (at most 10)."""
    j = k
    while j < hi and toks[j][2] not in (",", ".", ";", ":", "(") and j - k < 10 and \
            toks[j][2].lower() not in ("that", "which", "who"):
        j += 1
    if j == k:
        return None
    s, e = toks[k][0], toks[j - 1][1]
    return Mention(s, e, text[s:e], "group", head=toks[j - 1][2].lower())


def _according(text, toks, lo, hi, i):
    cue = (toks[i][0], toks[i + 1][1], text[toks[i][0]:toks[i + 1][1]])
    m = according_mention(text, toks, i, hi)
    if m is None:
        return None
    # where does the NP end (token index)?
    j = i + 2
    while j < hi and toks[j][1] <= m.end:
        j += 1
    # appositive after the name: "according to John Smith, a spokesman for X,"
    starts_sentence = i == lo or (i - 1 == lo and toks[lo][2].lower() in ("but", "and", "yet", "so"))
    if starts_sentence:
        k = j
        if k < hi and toks[k][2] == ",":
            k += 1
        if hi - k < 3:
            return None
        s, e = _strip_span(text, toks[k][0], toks[hi - 1][1])
        if e - s < 8:
            return None
        return Found([(s, e)], cue, m, "reported.according_to_first", 0.75)
    if i - 1 >= lo and toks[i - 1][2] in (",", "\u2014", "("):
        start_i = lo
        while start_i < i - 1 and toks[start_i][2].lower() in ("but", "and", "so", "yet"):
            start_i += 1
        if i - 1 - start_i < 3:
            return None
        s, e = _strip_span(text, toks[start_i][0], toks[i - 2][1])
        frags = [(s, e)]
        # parenthetical: "The deal, according to X, will ..."
        if j < hi and toks[j][2] == "," and hi - j > 3:
            s2, e2 = _strip_span(text, toks[j + 1][0], toks[hi - 1][1])
            if e2 - s2 > 8:
                frags.append((s2, e2))
        if frags[0][1] - frags[0][0] < 8:
            return None
        return Found(frags, cue, m, "reported.according_to_after", 0.75)
    # "... according to X" at the end without comma
    if i - lo >= 4 and (j >= hi or toks[j][2] in (".", "!", "?")):
        start_i = lo
        s, e = _strip_span(text, toks[start_i][0], toks[i - 1][1])
        if e - s < 10:
            return None
        return Found([(s, e)], cue, m, "reported.according_to_after", 0.65)
    return None


_NOT_VERB_ED = set("""need speed seed feed bed red shed indeed hundred united limited based related
alleged so-called supposed proposed armed advanced detailed expected reported""".split())
_VERBISH_STOP = set("""the a an of in on at to for with by from and or but that which who this these those
his her their its our my your is was were are be been being has have had according including during
regarding following concerning excluding considering going titled entitled named""".split())


_DET_NOUN = {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "my", "our", "your",
             "recent", "latest", "previous", "'s"}
_CONTRACTED = {"he", "she", "it", "that", "there", "who", "what", "where", "here", "let", "how", "one", "everyone",
               "nobody", "somebody", "someone", "everybody", "what"}


def _noun_use(toks, k, lo):
    """A verb-looking word used as a noun: "Trump's remarks", "his tweets", "the claims"."""
    if k <= lo:
        return False
    p = toks[k - 1][2]
    pl = p.lower().replace("\u2019", "'")
    if pl in _DET_NOUN:
        return True
    if pl.endswith("'s"):
        return pl[:-2] not in _CONTRACTED   # "Trump's remarks", not "he's predicting"
    return _plural_after_of(toks, k, lo)


def _plural_after_of(toks, k, lo):
    """"32% of Republican claims as ...": a plural cue form two words after 'of' is a noun."""
    w = toks[k][2].lower()
    return w in _NOUN_FORMS and w.endswith("s") and k - 2 >= lo and toks[k - 2][2].lower() == "of"


def _after_compound_modifier(toks, k, lo):
    """"his early-morning tweets", "the short-term demands": a cue form after a hyphenated modifier is a noun."""
    p = toks[k - 1][2] if k > lo else ""
    return "-" in p and p.islower() and toks[k][2].lower() in _NOUN_FORMS


_DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "my", "our", "your", "another",
                "any", "each", "every", "no", "one"}
_PLURAL_NO_S = {"people", "police", "media", "staff", "public", "military", "clergy", "faculty", "majority",
                "minority", "rest", "press"}


def _singular_noun_phrase(toks, k, lo):
    """"his initial tweet", "on a more conciliatory note": a determiner, one or two lowercase words and
    the base form of a cue that is also a noun. As a verb the base form would need a plural subject."""
    w = toks[k][2].lower()
    if w not in _NOUN_FORMS:
        return False
    j = k - 1
    while j >= lo and j >= k - 2 and toks[j][2].isalpha() and toks[j][2].islower() and \
            toks[j][2] not in _DETERMINERS:
        j -= 1
    if j == k - 1 or j < lo:
        return False
    d = toks[j][2].lower()
    if d not in _DETERMINERS and not (d.endswith(("'s", "\u2019s")) and len(d) > 2):
        return False
    head = toks[k - 1][2]
    if w.endswith("s"):
        # "the racial remarks", "his most explosive claims": plural only after an adjective-looking word
        return w not in ("tweets", "posts", "reports") and head.endswith(_ADJ_ENDINGS)
    return not head.endswith("s") and head not in _PLURAL_NO_S


_ADJ_ENDINGS = ("al", "ing", "ive", "ous", "ful", "ic", "ary", "able", "ible", "est", "ent", "ant")


def _verbish(w):
    wl = w.lower()
    if not w.isalpha() or not w.islower():
        return False
    if cue_lemma(w):
        return True
    if wl in _VERBISH_STOP or wl in _NOT_VERB_ED:
        return False
    return wl.endswith("ed") or wl.endswith("ing") and len(wl) > 4 or wl in _EXTRA_VERBS


_EXTRA_VERBS = set("""call calls described describes describe labeled labelled dubbed branded termed
deemed blasted slammed hit hits bashed knocked mocked praised hailed lauded touted cited cites quoted
quotes invoked invokes referred refers urged urges vowed vows promised promises pledged pledges
defended defends attacked attacks accused accuses criticized criticizes warned warns demanded demands
insisted insists sought seeks wants wanted offered offers made makes put puts took takes gave gives
found finds saw sees knew knows thought thinks felt feels got gets ran runs won wins lost loses
""".split())


_SPEECH_NOUNS = {"comment", "comments", "remark", "remarks", "words", "call", "calls", "claim", "claims",
                 "statement", "statements", "description", "warning", "promise", "pledge", "dictum", "question",
                 "message", "vow", "insistence", "assertion", "declaration", "quip", "line"}


def _possessor_of_speech_noun(text, toks, j, q0):
    """'ran ads using her comments before the committee that "..."', 'his comment Monday that "..."':
    the his/her/their possessor of a speech noun with a 'that' complement between the predicate
    (token j) and the quote (token q0) says the quoted words. Named possessors ('Trump's remarks as
    "..."') are the object of the predicate's subject and are left alone (measured: train +2/-0 with
    this restriction, +5/-8 without it)."""
    for k in range(j + 2, min(q0, j + 8)):
        if toks[k][2].lower() not in _SPEECH_NOUNS:
            continue
        kp = k - 1
        if toks[kp][2].lower() in ("recent", "latest", "earlier", "previous", "own", "famous") and kp - 1 > j:
            kp -= 1
        if not any(toks[x][2].lower() == "that" for x in range(k + 1, min(q0, k + 6))):
            return None
        if toks[kp][2].lower() in ("his", "her", "their"):
            return Mention(toks[kp][0], toks[kp][1], toks[kp][2], "pronoun")
        return None
    return None


_CLAIM_NOUNS = _SPEECH_NOUNS | {"conclusion", "accusation", "assertions", "accusations", "warnings", "pledges",
                                "promises", "vows", "messages", "argument", "arguments", "insistence", "suggestion",
                                "declaration", "charge", "charges", "criticism", "attack", "attacks"}


def _possessed_speech_before(text, toks, lo, j, q0):
    """'his warning that Britain would go to the "back of the queue"', 'her assertion during the debate
    that "..."': a his/her/their speech noun before the predicate, with a 'that' clause or 'to/for/of'
    complement running to the quote, names who says the quoted words."""
    for k in range(q0 - 1, max(lo, q0 - 25), -1):
        w = toks[k][2]
        if w in (";", ":", ".") or w in ('"', "\u201c", "\u201d"):
            return None
        if w.lower() not in _CLAIM_NOUNS:
            continue
        kp = k - 1
        if kp - 1 >= lo and toks[kp][2].islower() and toks[kp][2].lower() not in ("his", "her", "their"):
            kp -= 1   # one adjective: 'his famous call for'
        pw = toks[kp][2] if kp >= lo else ""
        named = None
        if pw.endswith(("'s", "\u2019s")) and is_cap(pw):
            # 'seized on Trump's claim that', 'by Comey's conclusion that': a named possessor after a
            # preposition says it; after a verb ('denounced Trump's call for') it is the verb's object
            named = np_before(text, toks, kp + 1, lo)
            kn = bisect.bisect_left(toks, named.start, lo, kp + 1, key=lambda t: t[0]) if named else lo
            if named is None or kn - 1 < lo or toks[kn - 1][2].lower() not in _POSS_PREPS:
                return None
        elif pw.lower() not in ("his", "her", "their"):
            return None
        nxt = toks[k + 1][2].lower() if k + 1 < q0 else ""
        if nxt in ("that", "to", "for", "of") or any(toks[x][2].lower() == "that" for x in range(k + 1, min(q0, k + 6))):
            return named or Mention(toks[kp][0], toks[kp][1], toks[kp][2], "pronoun")
        return None
    return None


_EMBEDDING_VERBS = {"implied", "implies", "imply", "implying", "questioned", "questioning", "alleged", "alleging",
                    "alleges"}


def _outer_cue_subject(text, toks, lo, m):
    """m is the subject of a clause that a cue embeds ('He implied [m] was ...', 'X argued that [m]
    ...', 'is questioning whether [m] would have ...'): the cue's own subject, or None."""
    j = bisect.bisect_left(toks, m.start, lo, len(toks), key=lambda t: t[0])
    k = j - 1
    if k >= lo and toks[k][2].lower() in ("that", "whether", "if"):
        k -= 1
    w = toks[k][2] if k >= lo else ""
    if not (cue_lemma(w) or w in _EMBEDDING_VERBS) or not w.islower() or _noun_use(toks, k, lo):
        return None
    mo = np_before(text, toks, k, lo)
    if mo is None or mo.kind not in ("name", "pronoun", "org", "group") or mo.end > m.start:
        return None
    return mo


def _after_subordinator(toks, lo, m):
    """m opens a 'that/until/after' clause ('after Obama called', 'concluded that the Centre qualified')."""
    k = bisect.bisect_left(toks, m.start, lo, key=lambda t: t[0])
    return k - 1 >= lo and toks[k - 1][2].lower() in ("that", "until", "after")


_BE_FORMS = {"is", "are", "was", "were", "been", "being", "be", "'s", "\u2019s"}


def _bare_passive(toks, lo, j, q0):
    """The predicate at j is a passive ('are considered', 'was being treated', 'is described on ... as')
    without 'by', in a sentence with no speech verb before it."""
    w = toks[j][2].lower()
    if not (w.endswith("ed") or w.endswith("en") or w in ("said", "told", "made", "held", "thought", "known")):
        return False
    b = j - 1
    if b >= lo and toks[b][2].lower().endswith("ly"):
        b -= 1
    if b < lo or toks[b][2].lower() not in _BE_FORMS:
        return False
    if any(t[2].lower() == "by" for t in toks[j + 1:q0]) or toks[lo][2].lower() in ("under", "according"):
        return False   # 'Under Florida law, battery is committed when ...': the law speaks
    return not any(cue_lemma(t[2].lower()) or t[2].lower() in _EMBEDDING_VERBS for t in toks[lo:b])


def partial_quote_clause(text, toks, lo, hi, seg_start, seg_end=None):
    """Fallback for a partial quote no cue claimed: the nearest predicate before the quote.
    "Bolton called Obama's move “disrespectful.”" -> (span after the verb, its subject)."""
    from .cues import AUX
    # the segment's first token
    q0 = bisect.bisect_left(toks, seg_start, lo, hi, key=lambda t: t[0])
    j = None
    for k in range(q0 - 1, max(lo - 1, q0 - 30), -1):
        w = toks[k][2]
        if w in (";", ":") or w == "." and is_term(toks, k) or w in ('"', "\u201d", "''"):
            break
        if _verbish(w) and not _noun_use(toks, k, lo):
            if w.lower() == "called" and k - 1 >= lo and toks[k - 1][2].lower() in ("so", ",") and not (
                    toks[k - 1][2] == "," and (np_before(text, toks, k, lo) or Mention(0, 0, "", "x")).kind == "name"):
                return None   # "the so called ...", "A blog, called ..." name things
            j = k
            break
    if j is None:
        return None
    verb = toks[j]
    passive = _bare_passive(toks, lo, j, q0)
    m = None if passive else np_before(text, toks, j, lo)
    aspect = False
    if not passive and verb[2].endswith("ing") and j - 2 >= lo and toks[j - 1][2].lower() in _ASPECT:
        ma = np_before(text, toks, j - 1, lo)
        if ma is not None and ma.kind in ("name", "pronoun"):
            m, aspect = ma, True   # 'as he keeps talking about the "..."': the aspect verb's subject
    if passive or aspect:
        pass   # 'Crows are considered the "..."', 'X was said to be "furious"': nobody is quoted as saying it
    elif m is None or verb[2].endswith("ing") or (m.kind == "group" and m.head not in GROUP_HEADS):
        m2 = _coordinated_subject(text, toks, lo, j + 1, wide=True) if verb[2].endswith("ing") or (
            m is None and toks[j - 1][2].lower() in ("and", "but")) else None
        m2 = m2 or _sentence_subject(text, toks, lo, j)
        if m2 is not None:
            m = m2
    if m is not None and m.kind != "relative" and not cue_lemma(verb[2]) and _after_subordinator(toks, lo, m):
        # 'X expressed amusement that Y had at last described his views "..."', 'until the government
        # agreed to pay "..."': the subject of a 'that/until/after' clause whose verb is no speech verb
        # does not speak; the subject of the sentence does
        m2 = _sentence_subject(text, toks, lo, j)
        if m2 is not None and m2.start < m.start and not _not_a_subject(toks, lo, m2):
            m = m2
    if m is None and not passive:
        return None
    mo = _outer_cue_subject(text, toks, lo, m) if m is not None else None
    if mo is not None:
        m = mo   # 'He implied a federal judge was biased and "..."' -> He
    elif m is not None and m.kind == "relative" and m.text.lower() in ("that", "which"):
        m = _publisher_of(text, toks, lo, m) or m   # 'X hoisted a sign that read "15%!"' -> X
    mp = _possessor_of_speech_noun(text, toks, j, q0) if m is not None else None
    if mp is None:
        mp = _possessed_speech_before(text, toks, lo, j, q0)
    if mp is not None:
        m = mp   # 'ran ads using her comments that "..."' -> her
    i = j + 1
    while i < q0 and toks[i][2].lower() in ("for", "on", "about", "of", "as", "out", "against", "up", "at", "into",
                                               "with", "over", "again", "back", "off", "down") :
        i += 1
    end_i = _clause_end(text, toks, i, hi)
    if seg_end is not None:
        # '..."knife-wielding Palestinians," many in the audience appeared ...': stop at the quote
        k = q0
        while k < end_i and toks[k][0] < seg_end:
            k += 1
        if k < end_i and text[seg_end - 2:seg_end - 1] == "," and not cue_lemma(toks[k][2]):
            end_i = k
        elif k < end_i and toks[k][2] in _DASHES and toks[k][0] > seg_end and \
                not any(toks[x][2] in _DASHES for x in range(i, q0)):
            end_i = k   # 'likened the rules to "burning the Constitution" - a charge that ...': a remark on it
    if end_i <= i or toks[end_i - 1][1] <= seg_start:
        return None
    s, e = _strip_span(text, toks[i][0], toks[end_i - 1][1])
    if e < len(text) and text[e:e + 1] in "\u201d\"" and (text[s:e].count('"') % 2 == 1 or "\u201c" in text[s:e]):
        e += 1
    elif e + 1 < len(text) and text[e] in ".,!?" and text[e + 1:e + 2] in "\u201d\"":
        e += 2
    if e - s < 6:
        return None
    return Found([(s, e)], (verb[0], verb[1], verb[2]), m, "mixed.partial_quote", 0.45)
