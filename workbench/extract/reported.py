"""Reported and mixed speech inside sentences: "X said (that) ...", "..., X said",
"X told reporters ...", "according to X, ...", coordinated and relative-clause cues."""
from __future__ import annotations

import re

from dataclasses import dataclass

from .lexicon import (ADVERBS, HEADLINE_OPENERS, ASPECT, A_QUANT, BE, BE_FORMS, AS_INTRANSITIVE, CLAIM_NOUNS, CONJ, COORD_VERBS, DOC_HEADS,
                      EMBEDDING_VERBS, FUNCTION, GROUP_HEADS, MEDIA_NOUNS, NAMING, NEW_ATTR_CUES, NOT_SPEAKER_HEADS, NOT_VERB_ED, NOUN_BEFORE, OBJECT_CONTROL, OBJECT_RELATIVES,
                      OBJECT_VERBS, PARTICIPLE_STARTS, PASSIVE_ADVERBS, PERCEIVED, PERCEPTION_AUX, PERCEPTION_VERBS, PERFORM_VERBS, PROG_ADV, PROG_AUX, PLACE_PREPS, POSS_PREPS, QUOTING_VERBS, REJECT_NEXT, SPEECH_NOUNS,
                      SUBJ_PRONOUNS, SUBORD_START, TIME, TITLES, WEAK, WORK_NOUNS, cue_lemma)
from .model import Rule
from .subjects import (Mention, according_mention, appositive_tail, coordinated_subject, inside_clause_of,
                       is_relative, is_time_phrase, news_agency, no_agent_head, not_a_speaker_word, not_a_subject, np_after,
                       np_before, object_owner, publisher_of, recent_speaker, sentence_subject, subject_before_dashes,
                       subject_of_participle, tail_is_short, with_np)
from .words import (DASHES, after_compound_modifier, dateline_end, is_cap, is_term, noun_before_auxiliary, noun_use,
                    plural_after_of, plural_noun_use, singular_noun_phrase, title_of_work, token_index, verbish)


_SKIP_AFTER = {",", ":", "\u2014", "\u2013"}
_MAX_CLAUSE = 250


@dataclass
class Found:
    fragments: list
    cue: tuple            # (start, end, text)
    mention: object       # speakers.Mention
    rule: Rule
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
                                      "members", "delegates"):
            k += 1
            n += 1
            continue
        if n and (w.isdigit() or w in ("'s", "\u2019s") or w.lower() in MEDIA_NOUNS):
            k += 1   # 'told Rossiya 1 television', "told Israel's Channel 2", 'told Fox News radio'
            n += 1
            continue
        break
    if k < hi and toks[k][2].lower() == "to" and lemma in ("ask", "urge", "tell", "warn", "remind"):
        return i   # "urged the Republican electorate to abandon ...": the addressee is part of it
    return k


def _skip_adverbials(toks, i, hi):
    """'said on Friday', 'said in a statement', 'said Tuesday that', 'said, according to TASS, that'."""
    for k in range(i, min(hi, i + 9)):
        w = toks[k][2].lower()
        if w == "that":
            return k
        if w == "," and k + 2 < hi and toks[k + 1][2].lower() == "according" and toks[k + 2][2].lower() == "to":
            # 'said on Tuesday, according to a State Department transcript, that ...': the source's aside
            for j in range(k + 3, min(hi - 1, k + 14)):
                if toks[j][2] == ",":
                    if toks[j + 1][2].lower() == "that":
                        return j + 1
                    break
        if w in (",", ":", ";") or (w == "\u201c" or w == '"') or is_term(toks, k):
            break
    k = i
    while k < hi:
        w = toks[k][2].lower()
        if w in TIME:
            k += 1
            continue
        if w in ("on", "in", "at", "during", "to") and k + 1 < hi:
            nxt = toks[k + 1][2].lower()
            if nxt in TIME or nxt in ("a", "an", "his", "her", "their") and k + 2 < hi and toks[k + 2][2].lower() in (
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
            if t in ("Says", "Said"):
                f = _headline_says(text, toks, lo, hi, i)
                if f:
                    out.append(f)
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
        while pk > lo and (toks[pk][2].lower().endswith("ly") or toks[pk][2] in PASSIVE_ADVERBS) and \
                toks[pk][2].islower():   # 'was later charged', 'were also reported'
            pk -= 1
        prevw = toks[pk][2].lower() if pk >= lo else ""
        if prevw in BE and lem != "ask" and not t.lower().endswith("ing"):
            continue
        if tl == "said" and i > lo and toks[i - 1][2] in ("That", "that") and i + 1 < hi and toks[i + 1][2] == ",":
            continue   # "That said, ..."
        if i - 2 > lo and toks[i - 2][2].lower() == "if" and toks[i - 1][2].lower() in ("he", "she", "they", "we", "you") \
                and any(cue_lemma(toks[x][2]) for x in range(lo, i - 2)):
            continue   # 'X say that, even if they thought it was right, ...': a condition inside another report
        # a noun, not a verb: "Her remarks", "Clinton's tweet", "a recent report", "The tweets"
        rawprev = toks[i - 1][2] if i > lo else ""
        rl = rawprev.lower()
        if rl in NOUN_BEFORE or rl.endswith("\u2019s") or rl.endswith("'s") or rawprev in ("'s", "\u2019s"):
            continue
        if after_compound_modifier(toks, i, lo) or singular_noun_phrase(toks, i, lo):
            continue
        if plural_after_of(toks, i, lo) or plural_noun_use(toks, i, lo, hi) or noun_before_auxiliary(toks, i, lo, hi):
            continue
        if i - 2 >= lo and toks[i - 2][2].lower() in ("a", "an") and tl == lem and rl not in A_QUANT and \
                rawprev.isalpha():
            continue   # "in a June report", "a new statement": a singular noun phrase, not a verb
        f = _cue(text, toks, lo, hi, i, lem)
        if f:
            out.append(f)
    return out


def _headline_says(text, toks, lo, hi, c):
    """A headline in title case 'Bo Lin Says He Will Not Run Again': the capitalised run before 'Says'
    speaks, the rest of the line is what was said (a capitalised cue is no cue in running text)."""
    words = [t[2] for t in toks[lo:hi] if t[2][:1].isalpha()]
    if len(words) > 25 or sum(1 for w in words if w[:1].isupper()) < 0.8 * len(words):
        return None
    k = c - 1
    while k >= lo and k >= c - 5 and toks[k][2][:1].isupper() and toks[k][2] not in HEADLINE_OPENERS:
        k -= 1
    if k == c - 1 or c + 2 >= hi:
        return None
    m = Mention(toks[k + 1][0], toks[c - 1][1], text[toks[k + 1][0]:toks[c - 1][1]], "name")
    s = c + 1
    if toks[s][2] == "That":
        s += 1
    e = hi - 1 if is_term(toks, hi - 1) else hi
    if e - s < 2:
        return None
    return Found([(toks[s][0], toks[e - 1][1])], (toks[c][0], toks[c][1], toks[c][2]), m, HEADLINE, 0.7)


def _cue(text, toks, lo, hi, c, lem):
    cue = (toks[c][0], toks[c][1], toks[c][2])
    conf = 0.55 if lem in WEAK else 0.8
    w = toks[c][2].lower()
    prev = toks[c - 1][2].lower() if c - 1 >= lo else ""
    if w.endswith("ing") and prev == "as" and c - 3 >= lo:
        q = _quoted_as_saying(text, toks, lo, c)
        if q is not None:
            mq, first = q
            if first - 1 > lo and toks[first - 1][2] == "," and tail_is_short(toks, c + 1, hi):
                # 'The talks will resume, TASS quoted Lavrov as saying.', '..., Ryabkov was quoted by RIA
                # as saying on Friday.': what was said comes before the quoting clause
                return _inverted(text, toks, lo, hi, first - 1, mq, cue, QUOTED_AS_SAYING, conf)
            return _standard(text, toks, lo, hi, c, lem, cue, mq, QUOTED_AS_SAYING, conf)
    if w.endswith("ing") and prev in ASPECT and c - 2 >= lo:
        # "X kept asking her why ...", "she began saying": the subject of the aspect verb
        ma = np_before(text, toks, c - 1, lo)
        if ma is not None and ma.kind in ("name", "pronoun", "org", "group") and not not_a_subject(toks, lo, ma):
            return _standard(text, toks, lo, hi, c, lem, cue, ma, PARTICIPLE, conf - 0.1)
    if w.endswith("ing") and prev not in BE and prev not in ("was", "is", "are", "were", "been", "be", "am"):
        # participle: "..., saying (that) ..." / "issued a statement saying ..." -> the sentence subject
        mb = np_before(text, toks, c, lo) if c - 1 >= lo else None
        if c - 1 >= lo and (prev in (",", "\u2014", "and", "while", "before", "after", "by", "in", "when")
                            or not (mb or Mention(0, 0, "", "x")).kind in ("name", "pronoun")):
            m = None
            if prev not in (",", "\u2014", "and", "while", "before", "after", "by", "in", "when") and (mb is None or mb.kind == "group" and mb.head not in DOC_HEADS):
                # "with 30 percent of voters saying ...", "with three in 10 saying": the noun phrase
                # the participle modifies
                m = with_np(text, toks, lo, c)
                if m is None and mb is not None and mb.kind in ("group", "org") and \
                        (mb.kind == "org" or mb.head not in DOC_HEADS) and subject_of_participle(toks, lo, c, mb):
                    m = mb   # 'the proportion of GOP primary voters saying ...', 'some are quietly saying'
            if m is None:
                m = recent_speaker(text, toks, lo, c)
                cs = coordinated_subject(text, toks, lo, c, skip_embedded=True)
                if m is None or (cs is not None and cs.start > m.end and cs.kind in ("name", "org") and
                                 not inside_clause_of(toks, lo, m, cs)):
                    # '"...?" Clinton asks as a maintenance guy walks in, saying': the nearest clause
                    m = cs or m
                m = m or sentence_subject(text, toks, lo, c)
                if m is not None and (not_a_subject(toks, lo, m) or _after_place_preposition(toks, lo, m)):
                    # 'In the wake of the attacks in Paris, X has sought ..., saying': a place, not a subject
                    m2 = sentence_subject(text, toks, lo, c)
                    m = m2 if m2 is not None and not not_a_subject(toks, lo, m2) else m
            if m is not None and prev in ("by", "while", "when", "before", "after", "in"):
                mw = _who_subject(toks, lo, c, reach=12, over_names=True)
                if mw is not None and mw.start >= m.end:
                    m = mw   # 'Paul Ryan, who a week ago surprised Trump by declaring ...': PolNeAR marks 'who'
            if m is not None:
                return _standard(text, toks, lo, hi, c, lem, cue, m, PARTICIPLE, conf - 0.1)
            return None
    m = np_before(text, toks, c, lo)
    if m is not None and lem != "ask":
        m = _antecedent_of_relative(text, toks, lo, c, m)
    if m is not None and not_a_subject(toks, lo, m):
        # 'Interestingly, after ...', 'Having announced that ...', '..., committing repeated gaffes':
        # a sentence adverb or a participle found where the subject should be; the sentence subject speaks
        m2 = sentence_subject(text, toks, lo, c) or sentence_subject(text, toks, lo, hi)
        m = m2 if m2 is not None and not not_a_subject(toks, lo, m2) else m
    if m is not None and lem != "ask":
        qa = _asked_question(text, toks, lo, m)
        if qa is not None:
            # 'Asked if she believed Putin wanted ...': a question put to her, not her claim; 'Asked by X
            # if he believed ...' credits the asker
            return _standard(text, toks, lo, hi, c, lem, cue, qa or None, ASKED_QUESTION, conf - 0.2)
    if lem == "ask" and not (w.endswith("ing") and prev in BE) and \
            (prev in BE or prev == "when" or c == lo or prev == "if" or _be_adverb_before(toks, lo, c)):
        # "When asked ...", "Trump was asked ...": the asker is not the subject
        if c + 2 < hi and toks[c + 1][2].lower() == "by":
            # "When asked by a reporter whether ...": the asker is named
            mb = np_after(text, toks, c + 1, hi)
            if mb is not None and mb.kind != "pronoun":
                e = c + 2
                while e + 1 < hi and toks[e + 1][1] <= mb.end:
                    e += 1
                return _standard(text, toks, lo, hi, e, lem, cue, mb, ASKED_BY, conf - 0.1)
        return _standard(text, toks, lo, hi, c, lem, cue, None, ASKED_PASSIVE, conf - 0.2)
    if m is None and prev in DASHES:
        m = subject_before_dashes(text, toks, lo, c)
    if m is None:
        # coordinated: "... and said", "but said" -> subject of the sentence
        prev = toks[c - 1][2].lower() if c - 1 >= lo else ""
        if prev in CONJ or prev == "also" and c - 2 >= lo and toks[c - 2][2].lower() in CONJ:
            m = coordinated_subject(text, toks, lo, c, wide=True)
            if m is not None:
                # 'He said that Clinton is ... and said that ...': the subject found is the subject of
                # the earlier reported clause (right after 'said (that)'); the earlier speaker speaks
                kb = c - 1
                while kb >= lo and toks[kb][0] >= m.start:
                    kb -= 1
                if kb >= lo and (toks[kb][2].lower() == "that" or cue_lemma(toks[kb][2]) in ("say", "tell", "add")):
                    r = recent_speaker(text, toks, lo, kb + 1)
                    if r is not None and r.kind in ("name", "pronoun", "org") and r.end <= toks[kb][0]:
                        m = r
            m = m or sentence_subject(text, toks, lo, c)
            if m is not None:
                return _standard(text, toks, lo, hi, c, lem, cue, m, COORDINATED, conf - 0.1)
            return None
        # inverted: "..., said X."
        if c - 1 >= lo and toks[c - 1][2] in (",", "\u2014") and c - 1 > lo:
            m = np_after(text, toks, c, hi)
            if m is not None and is_time_phrase(m):
                m = None   # "..., said Friday": when, not who
            j = c + 1
            while m is not None and j < hi and toks[j][0] < m.end:
                j += 1
            if m is not None and (tail_is_short(toks, j, hi) or appositive_tail(toks, j, hi)):
                return _inverted(text, toks, lo, hi, c - 1, m, cue, SAID_AFTER_INVERTED, conf)
        elif c - 2 > lo and toks[c - 1][2] in ('"', "\u201d", "''") and toks[c - 2][2] in (",", "?", "!"):
            # '... "lets us meet our members," said Omar Fields, the club's events director.'
            m = np_after(text, toks, c, hi)
            j = c + 1
            while m is not None and j < hi and toks[j][0] < m.end:
                j += 1
            if m is not None and m.kind in ("name", "org", "pronoun") and \
                    (tail_is_short(toks, j, hi) or appositive_tail(toks, j, hi)):
                f = _inverted(text, toks, lo, hi, c - 2, m, cue, MIXED_SAID_AFTER, conf)
                if f is not None:
                    f.fragments = [(f.fragments[0][0], toks[c - 1][1])]
                return f
        return None
    if m.kind == "group" and m.head in NOT_SPEAKER_HEADS:
        # "but in a later interview said": the subject of the sentence speaks
        m2 = sentence_subject(text, toks, lo, c)
        if m2 is not None and m2.start < m.start:
            m = m2
    # np found before the cue
    k = c - 1
    while k >= lo and toks[k][0] >= m.start:
        k -= 1
    # k: token before the mention
    if m.kind == "name" and k > lo and toks[k][2].lower() in TITLES:
        # '..., DFA spokesman Neil Sroka said.': role words between the comma and the name
        k2 = k
        while k2 > lo and k - k2 < 4 and (toks[k2][2].lower() in TITLES or is_cap(toks[k2][2])):
            k2 -= 1
        if toks[k2][2] == ",":
            k = k2
    prevtok = toks[k][2] if k >= lo else ""
    after = c + 1
    if lem in OBJECT_VERBS and after < hi and toks[after][2].lower() in ("reporters", "journalists"):
        after += 1   # '..., Foreign Minister Sergei Lavrov told reporters.': the addressee closes the tag
    tail_end = tail_is_short(toks, after, hi)
    if prevtok == "," and k - lo >= 2 and m.kind in ("pronoun", "name", "org", "group"):
        # parenthetical: "The deal, he said, will fail." -> two fragments around the attribution
        j = c + 1
        while j < hi and toks[j][2].lower() in TIME or (j + 1 < hi and toks[j][2].lower() in ("on", "in") and
                                                         toks[j + 1][2].lower() in TIME):
            j += 1
        if j + 2 < hi and toks[j][2] == "," and toks[j + 1][2].lower() not in PARTICIPLE_STARTS and \
                not cue_lemma(toks[j + 1][2]) and not any(cue_lemma(toks[x][2]) for x in range(lo, k)):
            st = lo
            while st < k and toks[st][2].lower() in ("but", "and", "so", "yet"):
                st += 1
            f = None
            if st < k:
                s1, e1 = _strip_span(text, toks[st][0], toks[k - 1][1])
                if e1 > s1:
                    f = Found([(s1, e1)], cue, m, PARENTHETICAL, conf - 0.05)
            if f is not None:
                s2, e2 = _strip_span(text, toks[j + 1][0], toks[hi - 1][1])
                if e2 < len(text) and text[e2:e2 + 1] in "\u201d\"" and (text[s2:e2].count('"') % 2 == 1 or
                                                                        "\u201c" in text[s2:e2]):
                    e2 += 1
                if e2 - s2 >= 6:
                    f.fragments.append((s2, e2))
                return f
    if prevtok in (",", "\u2014") and k - lo >= 2 and tail_end:
        if news_agency(m) and c + 3 < hi and toks[c + 1][2] == "," and toks[c + 2][2].lower() == "citing":
            mc = np_after(text, toks, c + 2, hi)   # '..., the TASS news agency reported, citing a ministry source'
            if mc is not None and mc.kind != "pronoun":
                m = mc
        return _inverted(text, toks, lo, hi, k, m, cue, SAID_AFTER, conf)
    if prevtok in ('"', "\u201d", "''") and k - 1 > lo and toks[k - 1][2] in (",", "?", "!") and tail_end \
            and k - lo >= 3:
        f = _inverted(text, toks, lo, hi, k - 1, m, cue, MIXED_SAID_AFTER, conf)
        if f is not None:
            s0, e0 = f.fragments[0]
            f.fragments = [(s0, toks[k][1])]
        return f
    rel = is_relative(toks, k, lo, m)
    if m.kind == "relative" and m.text.lower() in ("that", "which"):
        mp = publisher_of(text, toks, lo, m)
        if mp is not None:
            m = mp   # 'X is releasing a new ad that urges voters to "..."' -> X
    return _standard(text, toks, lo, hi, c, lem, cue, m, RELATIVE if rel else SAID_THAT, conf)


def _be_adverb_before(toks, lo, c):
    """'X was once asked', 'she was later asked': a form of 'be' and adverbs before the cue."""
    k = c - 1
    while k >= lo and toks[k][2].lower() in ADVERBS:
        k -= 1
    return k < c - 1 and k >= lo and toks[k][2].lower() in BE


def _asked_question(text, toks, lo, m):
    """m opens a question put to it ('Asked if he thought ...', 'asked by X whether she believed ...'):
    the asker's mention after 'by', or False when nobody asks by name; None when m opens no question."""
    k = token_index(toks, m.start, lo)
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


def _clause_end(text, toks, start_i, hi, relative=False):
    """Token index where the reported clause ends (exclusive)."""
    hi = min(hi, start_i + _MAX_CLAUSE)   # bounded: a degenerate endless sentence stays linear
    k = start_i
    while k < hi:
        w = toks[k][2]
        wl = w.lower()
        if relative and (w == "," or wl == "which" or relative == "dash" and w in DASHES):
            return k
        if w == "," and k + 1 < hi and not relative and all(toks[x][2].lower() == "that" for x in range(start_i, k)) and \
                k > start_i:
            # 'officials say that, even if they thought it right, a recount could not be done': an aside
            # between 'that' and its clause
            j = next((x for x in range(k + 2, hi) if toks[x][2] == ","), None)
            if j is not None and j + 1 < hi and toks[j + 1][2].isalpha():
                k = j + 1
                continue
        if w == "," and k + 1 < hi:
            n1 = toks[k + 1][2].lower()
            if not relative and n1 in ("who", "which") and k > start_i and \
                    not any(verbish(toks[x][2]) and not (x > start_i and toks[x - 1][2].lower() in NOUN_BEFORE) or
                            toks[x][2].lower() in BE for x in range(start_i, k)):
                # 'X said the bomber, who detonated in the square, had "Syrian roots"': a relative clause
                # after the reported clause's subject, closed by a comma; the clause goes on after it
                j = next((x for x in range(k + 2, hi) if toks[x][2] == ","), None)
                if j is not None and j + 1 < hi and toks[j + 1][2][:1].islower():
                    k = j + 1
                    continue
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
        if wl in ("and", "but", "while", "\u2014", "-", "--", ";") and k + 1 < hi:
            n1 = toks[k + 1][2].lower()
            n2 = toks[k + 2][2].lower() if k + 2 < hi else ""
            # "... and others have said ...", "- others say ...", "; 29 percent (...) said": a new
            # attribution starts here (after a semicolon the subject may be longer)
            new_attr = False
            for j2 in range(k + 2, min(hi, k + (14 if w == ";" else 9))):
                if cue_lemma(toks[j2][2]) in NEW_ATTR_CUES:
                    m2 = np_before(text, toks, j2, k + 1)
                    new_attr = m2 is not None and m2.start == toks[k + 1][0]
                    break
            if new_attr or (wl in ("and", "but") and (cue_lemma(toks[k + 1][2]) or n1 in COORD_VERBS or
                                                     n1 == "also" and (cue_lemma(n2 or "x") or n2 in COORD_VERBS))):
                j = k
                if j - 1 >= start_i and toks[j - 1][2] == ",":
                    j -= 1
                return j
            if wl in ("and", "but") and k - 1 > start_i and toks[k - 1][2] in (",", "\u2014", "-", "--") and \
                    n1 in ("he", "she", "they") and (_past_verb(n2) or n2 in ("also", "later", "then") and
                                                     k + 3 < hi and _past_verb(toks[k + 3][2])):
                # 'X said ... her wife, and he accused Y of ...': a new main clause with its own subject
                return k - 1
            if wl in ("and", "but") and k - 1 > start_i and toks[k - 1][2] == "," and _named_clause(text, toks, k + 1, hi):
                return k - 1
        k += 1
    return hi


def _named_clause(text, toks, i, hi):
    """', and Trump vowed to ...': a capitalised name opening a new main clause, its past verb right
    after the name (a name of one to three words, so 'and Trump's remarks showed' is no such clause)."""
    if not toks[i][2][:1].isupper() or toks[i][2] in ("I", "The", "A", "An", "This", "That"):
        return False
    for j in range(i + 1, min(hi, i + 4)):
        w = toks[j][2]
        if _past_verb(w):
            m = np_before(text, toks, j, i)
            return m is not None and m.start == toks[i][0]
        if not w[:1].isupper() or not w.isalpha():
            return False
    return False


def _past_verb(w):
    """A past-tense form that can open a predicate ('accused', 'singled', 'told'): a cue, or a
    lowercase '-ed' word that is no adjective-like form."""
    return bool(w) and w.isalpha() and w.islower() and (
        cue_lemma(w) is not None and not w.endswith(("s", "ing")) or w.endswith("ed") and w not in NOT_VERB_ED)


def _subordinate_end(toks, lo, c, hi):
    """'When Trump announced his candidacy in June 2015, he referred to ...': a cue inside a
    sentence-initial subordinate clause reports only up to the comma that closes the clause."""
    s0 = lo
    while s0 < c and toks[s0][2].lower() in ("but", "and", "so", "yet"):
        s0 += 1
    if s0 < c and (toks[s0][2].lower() not in SUBORD_START or any(toks[k][2] == "," for k in range(s0 + 1, c))):
        # 'Later in the show, after the interview concluded, Maher stated ...', 'Since June 16, when he
        # asked supporters to run, 21,000 said ...': the clause may follow a sentence-opening adverbial
        # closed by a comma
        s0 = next((k + 1 for k in range(c - 1, s0, -1) if toks[k][2] == ","), c)
    if s0 >= c or toks[s0][2].lower() not in SUBORD_START:
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
    if i == c + 1 and toks[i][2].lower() in PLACE_PREPS and lem not in OBJECT_VERBS:
        return None   # 'Obama responded from the White House': where the verb happened, not what was said
    hi = _subordinate_end(toks, lo, c, hi)
    relative = rule.relative
    if relative and m is not None:
        # 'Ann Cole - who previously said she would ... - said Monday': the clause ends at the dash
        km = token_index(toks, m.start, lo, c)
        if km - 1 >= lo and toks[km - 1][2] in DASHES:
            relative = "dash"
    end_i = _clause_end(text, toks, i, hi, relative=relative)
    if end_i - i < 2:
        return None
    if any(toks[x][2].lower() == "as" and toks[x + 1][2].lower().endswith("ing") and cue_lemma(toks[x + 1][2])
           and any(toks[y][2].lower() in QUOTING_VERBS for y in range(max(i, x - 4), x)) for x in range(i + 1, end_i - 1)):
        return None   # 'Moscow will respond, Ryabkov was quoted by RIA as saying on Friday': a quoting tag, not words
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


def _quoted_as_saying(text, toks, lo, c):
    """'Interfax quoted Deputy Foreign Minister Sergei Ryabkov as saying ...', 'Itar-Tass cited Lavrov as
    saying ...', 'Ryabkov was quoted by RIA as saying ...': the person quoted speaks, not the agency that
    quotes him. toks[c - 1] is 'as'. Returns (the person, index of the quoting clause's first token)."""
    m = np_before(text, toks, c - 1, lo)
    if m is None or m.kind not in ("name", "group", "org"):
        return None
    k = token_index(toks, m.start, lo) - 1
    if k >= lo and toks[k][2].lower() in QUOTING_VERBS:
        ma = np_before(text, toks, k, lo)   # the agency: where the quoting clause starts
        return m, token_index(toks, ma.start, lo) if ma is not None and ma.kind != "relative" else k
    if k - 1 > lo and toks[k][2].lower() == "by" and toks[k - 1][2].lower() in QUOTING_VERBS and \
            toks[k - 2][2].lower() in BE:
        mp = np_before(text, toks, k - 2, lo)   # passive: 'Ryabkov was quoted by RIA as saying'
        if mp is not None and mp.kind in ("name", "group", "org", "pronoun"):
            return mp, token_index(toks, mp.start, lo)
    return None


def _inverted(text, toks, lo, hi, comma_i, m, cue, rule, conf):
    """Content before ', X said'.  Content starts at the sentence start or after an intro."""
    # a dateline is no part of what was said: 'MOSCOW, June 3 (Reuters) - Russia will not ..., X said.'
    start_i = dateline_end(toks, lo, comma_i)
    # skip a leading conjunction / intro like "But" or "And"
    while start_i < comma_i and toks[start_i][2].lower() in ("but", "and", "so", "yet"):
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
        return Found([(s, e)], cue, m, ACCORDING_TO_FIRST, 0.75)
    if i - 1 >= lo and toks[i - 1][2] in (",", "\u2014", "("):
        start_i = lo
        while start_i < i - 1 and toks[start_i][2].lower() in ("but", "and", "so", "yet"):
            start_i += 1
        if i - 1 - start_i < 3:
            return None
        if cue_lemma(toks[i - 2][2]) in ("say", "tell", "add", "write"):
            return None   # '"...," Peskov said, according to RIA.': the tag of a quote, not what was said
        s, e = _strip_span(text, toks[start_i][0], toks[i - 2][1])
        frags = [(s, e)]
        # parenthetical: "The deal, according to X, will ..."
        if j < hi and toks[j][2] == "," and hi - j > 3:
            s2, e2 = _strip_span(text, toks[j + 1][0], toks[hi - 1][1])
            if e2 - s2 > 8:
                frags.append((s2, e2))
        if frags[0][1] - frags[0][0] < 8:
            return None
        return Found(frags, cue, m, ACCORDING_TO_AFTER, 0.75)
    # "... according to X" at the end without comma
    if i - lo >= 4 and (j >= hi or toks[j][2] in (".", "!", "?")):
        start_i = lo
        s, e = _strip_span(text, toks[start_i][0], toks[i - 1][1])
        if e - s < 10:
            return None
        return Found([(s, e)], cue, m, ACCORDING_TO_AFTER, 0.65)
    return None


def _possessor_of_speech_noun(text, toks, j, q0):
    """'ran ads using her comments before the committee that "..."', 'his comment Monday that "..."':
    the his/her/their possessor of a speech noun with a 'that' complement between the predicate
    (token j) and the quote (token q0) says the quoted words. Named possessors ('Trump's remarks as
    "..."') are the object of the predicate's subject and are left alone (measured: train +2/-0 with
    this restriction, +5/-8 without it)."""
    for k in range(j + 2, min(q0, j + 8)):
        if toks[k][2].lower() not in SPEECH_NOUNS:
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


def _possessed_speech_before(text, toks, lo, j, q0):
    """'his warning that Britain would go to the "back of the queue"', 'her assertion during the debate
    that "..."': a his/her/their speech noun before the predicate, with a 'that' clause or 'to/for/of'
    complement running to the quote, names who says the quoted words."""
    for k in range(q0 - 1, max(lo, q0 - 25), -1):
        w = toks[k][2]
        if w in (";", ":", ".") or w in ('"', "\u201c", "\u201d"):
            return None
        if w.lower() not in CLAIM_NOUNS:
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
            kn = token_index(toks, named.start, lo, kp + 1) if named else lo
            if named is None or kn - 1 < lo or toks[kn - 1][2].lower() not in POSS_PREPS:
                return None
        elif pw.lower() not in ("his", "her", "their"):
            return None
        nxt = toks[k + 1][2].lower() if k + 1 < q0 else ""
        if nxt in ("that", "to", "for", "of") or any(toks[x][2].lower() == "that" for x in range(k + 1, min(q0, k + 6))):
            return named or Mention(toks[kp][0], toks[kp][1], toks[kp][2], "pronoun")
        return None
    return None


def _outer_cue_subject(text, toks, lo, m):
    """m is the subject of a clause that a cue embeds ('He implied [m] was ...', 'X argued that [m]
    ...', 'is questioning whether [m] would have ...'): the cue's own subject, or None."""
    j = token_index(toks, m.start, lo)
    k = j - 1
    if k >= lo and toks[k][2].lower() in ("that", "whether", "if"):
        k -= 1
    w = toks[k][2] if k >= lo else ""
    if not (cue_lemma(w) or w in EMBEDDING_VERBS) or not w.islower() or noun_use(toks, k, lo):
        return None
    mo = np_before(text, toks, k, lo)
    if mo is None or mo.kind not in ("name", "pronoun", "org", "group") or mo.end > m.start:
        return None
    return mo


def _after_place_preposition(toks, lo, m):
    """A name right after 'in/at/near/outside/inside/from/into' is the object of the preposition."""
    k = token_index(toks, m.start, lo)
    return m.kind in ("name", "org") and lo < k < len(toks) and toks[k][0] == m.start and \
        toks[k - 1][2].lower() in ("in", "at", "near", "outside", "inside", "from", "into")


def _antecedent_of_relative(text, toks, lo, c, m):
    """'Many of the local leaders who'd rather be working for Cruz or Ben Carson said ...': a name that is
    the object of a preposition inside a 'who' clause, with no comma before the cue, is no subject; the
    noun phrase before 'who' is."""
    k = token_index(toks, m.start, lo)
    if not (m.kind in ("name", "org") and lo < k < c and toks[k][0] == m.start):
        return m
    p = k - 1
    while p > lo and (toks[p][2] in ("or", "and") or is_cap(toks[p][2])):
        p -= 1   # 'for Cruz or Rubio or Ben Carson'
    if toks[p][2].lower() not in ("for", "of", "with", "to", "against", "about", "behind", "from", "by"):
        return m
    for j in range(p - 1, lo - 1, -1):
        w = toks[j][2].lower()
        if w in (",", ";", ":", "\u2014", "that", "which") or cue_lemma(toks[j][2]):
            return m
        if w == "who" or w.startswith("who\u2019") or w.startswith("who'"):
            a = np_before(text, toks, j, lo)
            return a if a is not None and a.kind != "pronoun" else m
    return m


def _who_subject(toks, lo, j, reach=5, over_names=False):
    """'who' as the subject of the predicate at j ('X, who has in the past described ...', 'Clinton who is
    looking to bring ...'): a relative pronoun up to reach words back, with no comma or clause word (nor,
    unless over_names, a capitalised word) between."""
    for k in range(j - 1, max(lo - 1, j - reach - 1), -1):
        w = toks[k][2].lower()
        if w == "who":
            return Mention(toks[k][0], toks[k][1], toks[k][2], "relative")
        if w in (",", ";", ":", "that", "which", "and", "but") or cue_lemma(w) or \
                is_cap(toks[k][2]) and not over_names:
            return None
    return None


def _in_participle_opener(toks, lo, q0):
    """The sentence opens with a participle ('Holding ...', 'Citing ...') whose phrase runs on, with no
    comma, to the quote mark at q0."""
    k = dateline_end(toks, lo, q0)
    w = toks[k][2] if k < q0 else ""
    return w.endswith("ing") and is_cap(w) and len(w) > 4 and w.lower() not in FUNCTION and \
        not any(t[2] in (",", ";", ":", "\u2014") for t in toks[k + 1:q0])


def _after_subordinator(toks, lo, m):
    """m opens a 'that/until/after' clause ('after Obama called', 'concluded that the Centre qualified')."""
    k = token_index(toks, m.start, lo)
    return k - 1 >= lo and toks[k - 1][2].lower() in ("that", "until", "after")


def _perceived_subject(toks, lo, j, m):
    """m is the subject of the participle at j through a perception passive: 'X could be heard grousing',
    'X was seen carrying' (only auxiliaries between them). A plain progressive ('X is trying to') is
    not enough: the wider clause search already finds its subject and does better on train."""
    k = token_index(toks, m.end, lo, j)
    between = [t[2].lower() for t in toks[k:j]]
    return bool(between) and between[-1] in PERCEIVED and \
        all(w in PROG_AUX or w in PROG_ADV or w in PERCEPTION_AUX for w in between[:-1])


def _reduced_passive(toks, lo, j):
    """The predicate at j is a past participle that modifies the noun before it, followed by 'as': 'UBS,
    supposedly marked as a "..."', 'vacations disguised as "..."'. In the active the verb needs an
    object before 'as', so a participle with none is passive unless a relative pronoun fronted its
    object ('which he described as', 'whom one insider described as')."""
    w = toks[j][2]
    if not (w.endswith("ed") and w.islower()) or j + 1 >= len(toks) or toks[j + 1][2].lower() != "as" or \
            w.lower() in AS_INTRANSITIVE:
        return False
    b = j - 1
    while b >= lo and (toks[b][2].lower().endswith("ly") and toks[b][2].islower() or toks[b][2].lower() in ADVERBS):
        b -= 1
    if b < lo:
        return False
    pw = toks[b][2]
    if pw in (",", "\u2014", "\u2013", "--"):
        return True   # 'Mr. X, described as', '— often labeled as'
    if not (pw.isalpha() and pw.islower()) or pw in SUBJ_PRONOUNS or pw in FUNCTION:
        return False
    return not any(t[2].lower() in OBJECT_RELATIVES for t in toks[max(lo, b - 5):b])


def _perceived_object(toks, lo, m):
    """m is the object of a perception verb before a participle: 'to see a Republican administration
    defending the idea that "..."': the one seen doing it is the participle's subject."""
    k = token_index(toks, m.start, lo)
    return k - 1 >= lo and toks[k - 1][2].lower() in PERCEPTION_VERBS


def _controlled_object(text, toks, j, q0):
    """The predicate at j makes its object do something ('leading X to counter that', 'got the crowd to
    cheer for'): the noun phrase between it and 'to' + a bare verb before the marks at q0 is who does
    (and says) it."""
    if toks[j][2].lower() not in OBJECT_CONTROL:
        return None
    for k in range(j + 2, min(q0 - 1, j + 12)):
        if toks[k][2] in (",", ";", ":") or cue_lemma(toks[k][2]) and k > j + 1 and toks[k - 1][2] != "to":
            return None
        if toks[k][2] == "to" and toks[k + 1][2].isalpha() and toks[k + 1][2].islower() and \
                toks[k + 1][2] not in FUNCTION:
            m = np_before(text, toks, k, j + 1)
            return m if m is not None and m.kind in ("name", "group", "org") else None
    return None


def _bare_passive(toks, lo, j, q0):
    """The predicate at j is a passive ('are considered', 'was being treated', 'is described on ... as')
    without 'by', in a sentence with no speech verb before it."""
    w = toks[j][2].lower()
    if not (w.endswith("ed") or w.endswith("en") or w in ("said", "told", "made", "held", "thought", "known")):
        return False
    b = j - 1
    if b >= lo and toks[b][2].lower().endswith("ly"):
        b -= 1
    if b < lo or toks[b][2].lower() not in BE_FORMS:
        return False
    if any(t[2].lower() == "by" for t in toks[j + 1:q0]) or toks[lo][2].lower() in ("under", "according"):
        return False   # 'Under Florida law, battery is committed when ...': the law speaks
    return not any(cue_lemma(t[2].lower()) or t[2].lower() in EMBEDDING_VERBS for t in toks[lo:b])


def _names_a_work(toks, lo, q0):
    """The words before the quote mark at q0 introduce a title: a work noun ('the film', 'its album',
    'a memo titled'), 'starred in' / 'appeared on', or a network's show ('on NBC's')."""
    k = q0 - 1
    skipped_owner = False
    while k >= lo and k >= q0 - 3 and (is_cap(toks[k][2]) or toks[k][2] in ("'s", "\u2019s")):
        skipped_owner = skipped_owner or toks[k][2] in ("'s", "\u2019s")
        k -= 1
    if k < lo:
        return False
    w = toks[k][2].lower()
    if w in WORK_NOUNS:
        return True
    return w in ("in", "on") and (skipped_owner or k - 1 >= lo and toks[k - 1][2].lower() in PERFORM_VERBS)


def partial_quote_clause(text, toks, lo, hi, seg_start, seg_end=None):
    """Fallback for a partial quote no cue claimed: the nearest predicate before the quote.
    "Bolton called Obama's move “disrespectful.”" -> (span after the verb, its subject)."""
    # the segment's first token
    q0 = token_index(toks, seg_start, lo, hi)
    if seg_end is not None and title_of_work(text[seg_start:seg_end]) and _names_a_work(toks, lo, q0):
        return None   # 'She starred in "The Hunger Games"', 'its album "Blood Sugar Sex Magik"': nobody says a title
    j = None
    for k in range(q0 - 1, max(lo - 1, q0 - 30), -1):
        w = toks[k][2]
        if w in (";", ":") or w == "." and is_term(toks, k) or w in ('"', "\u201d", "''"):
            break
        if verbish(w) and not noun_use(toks, k, lo):
            if w.lower() == "called" and k - 1 >= lo and toks[k - 1][2].lower() in ("so", ",") and not (
                    toks[k - 1][2] == "," and (np_before(text, toks, k, lo) or Mention(0, 0, "", "x")).kind == "name"):
                return None   # "the so called ...", "A blog, called ..." name things
            j = k
            break
    if j is None:
        return None
    verb = toks[j]
    if seg_end is not None and cue_lemma(verb[2]) in ("say", "tell") and title_of_work(text[seg_start:seg_end]):
        # '"...," he said on "Meet the Press."', 'Trump told NBC's "Today"': a tag no reported rule
        # took, with the programme it was said on in marks; nobody says a title
        return None
    passive = _bare_passive(toks, lo, j, q0) or _reduced_passive(toks, lo, j)
    m = None if passive else np_before(text, toks, j, lo)
    aspect = False
    if not passive and verb[2].endswith("ing") and j - 2 >= lo and toks[j - 1][2].lower() in ASPECT:
        ma = np_before(text, toks, j - 1, lo)
        if ma is not None and ma.kind in ("name", "pronoun"):
            m, aspect = ma, True   # 'as he keeps talking about the "..."': the aspect verb's subject
    elif not passive and m is not None and verb[2].endswith("ing") and m.kind in ("name", "pronoun", "group", "org") \
            and (_perceived_subject(toks, lo, j, m) or _perceived_object(toks, lo, m)):
        aspect = True   # 'some Republicans could be heard grousing that the "..."': the participle's own subject
    if passive or aspect:
        pass   # 'Crows are considered the "..."', 'X was said to be "furious"': nobody is quoted as saying it
    elif m is None or verb[2].endswith("ing") or (m.kind == "group" and m.head not in GROUP_HEADS):
        # a predicate with no subject of its own ('and blasted', 'where, if elected, he would be "..."')
        # hangs on the nearest clause, whose subject is found before the sentence's first one
        m2 = coordinated_subject(text, toks, lo, j + 1, wide=True) if verb[2].endswith("ing") or m is None else None
        m2 = m2 or sentence_subject(text, toks, lo, j)
        if m2 is not None:
            m = m2
    if not passive and not aspect and _in_participle_opener(toks, lo, q0):
        # 'Holding signs calling X "...," the protesters chanted': the opening participle phrase, quote
        # and all, belongs to the subject of the main clause after it
        m2 = sentence_subject(text, toks, lo, hi)
        if m2 is not None and m2.start > toks[q0][0]:
            m = m2
    elif m is not None and m.kind != "relative" and not cue_lemma(verb[2]) and _after_subordinator(toks, lo, m):
        # 'X expressed amusement that Y had at last described his views "..."', 'until the government
        # agreed to pay "..."': the subject of a 'that/until/after' clause whose verb is no speech verb
        # does not speak; the subject of the sentence does
        m2 = sentence_subject(text, toks, lo, j)
        if m2 is not None and m2.start < m.start and not not_a_subject(toks, lo, m2):
            m = m2
    if m is None and not passive:
        return None
    mo = _outer_cue_subject(text, toks, lo, m) if m is not None else None
    if mo is not None:
        m = mo   # 'He implied a federal judge was biased and "..."' -> He
    elif m is not None and m.kind == "relative" and m.text.lower() in ("that", "which"):
        m = publisher_of(text, toks, lo, m) or object_owner(text, toks, lo, m) or m   # 'X hoisted a sign that read "15%!"' -> X
    mp = _possessor_of_speech_noun(text, toks, j, q0) if m is not None else None
    if mp is None:
        mp = _possessed_speech_before(text, toks, lo, j, q0)
    if mp is not None:
        m = mp   # 'ran ads using her comments that "..."' -> her
    if m is not None and not_a_speaker_word(m):
        return None   # 'of course a "fresh" fillet': scare quotes with nobody to say them are no quote
    mc = _controlled_object(text, toks, j, q0) if m is not None else None
    if mc is not None:
        m = mc   # 'leading Clinton advisers to counter that "..."', 'got the crowd to cheer for "..."'
    mw = _who_subject(toks, lo, j)
    if mw is not None and m is not None and m.kind in ("name", "group", "org") and m.end <= mw.start:
        m = mw   # 'Beck, who has in the past described Trump as "..."': the relative pronoun, resolved later
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
        elif k < end_i and toks[k][2] in DASHES and toks[k][0] > seg_end and \
                not any(toks[x][2] in DASHES for x in range(i, q0)):
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
    if verb[2].lower() in NAMING and _NAMED.match(text, verb[1]):
        # 'a group called the "We The People Foundation"', 'an event billed as "Hard Hats for
        # Hillary"': the marks hold a name, which nobody says
        return Found([(s, e)], (verb[0], verb[1], verb[2]), None, NAMING_RULE, 0.45)
    if m is not None and no_agent_head(m):
        return None   # 'the disruptions', 'the 2000s': an abstraction, time or number says nothing (issue 12)
    if m is None and seg_end is not None and len(text[seg_start:seg_end].split()) <= 4:
        # 'Owls are considered the "night guards"', 'X was said to be "furious"': a bare passive names
        # nobody who says the words; scare quotes without a speaker are no quote (issue 12)
        return None
    return Found([(s, e)], (verb[0], verb[1], verb[2]), m, PARTIAL_QUOTE, 0.45)


_NAMED = re.compile(r"\s+(?:the\s+|as\s+(?:the\s+)?)?(?:[\"\u201c]|'')[A-Z]")


# ----------------------------------------------------------------------------- the reported and mixed rules

SAID_THAT = Rule("reported.said_that", "reported", find_in_sentence, np_before,
                 "'X said (that) ...': the clause after a speech verb, its subject the speaker")
SAID_AFTER = Rule("reported.said_after", "reported", find_in_sentence, np_before,
                  "'..., X said.': the clause before a closing tag", tag_after=True)
SAID_AFTER_INVERTED = Rule("reported.said_after_inverted", "reported", find_in_sentence, np_after,
                           "'..., said X.': the clause before an inverted closing tag", tag_after=True)
QUOTED_AS_SAYING = Rule("reported.quoted_as_saying", "reported", find_in_sentence, _quoted_as_saying,
                        "'Interfax quoted Sergei Ryabkov as saying ...': the person quoted, not the agency")
PARENTHETICAL = Rule("reported.parenthetical", "reported", find_in_sentence, np_before,
                     "'The deal, he said, will fail.': two fragments around a parenthetical tag")
PARTICIPLE = Rule("reported.participle", "reported", find_in_sentence, recent_speaker,
                  "'..., saying (that) ...' / 'kept asking ...': the subject of the clause the participle hangs on",
                  subject_elsewhere=True)
COORDINATED = Rule("reported.coordinated", "reported", find_in_sentence, coordinated_subject,
                   "'... and said ...': the subject of the coordinated verbs", subject_elsewhere=True)
RELATIVE = Rule("reported.relative", "reported", find_in_sentence, np_before,
                "'X, who said ...': a relative pronoun, resolved to its antecedent", relative=True,
                subject_elsewhere=True)
ASKED_QUESTION = Rule("reported.asked_question", "reported", find_in_sentence, _asked_question,
                      "'Asked if ..., X said ...': the answer to a question put to X; 'Asked by Y' credits Y")
ASKED_BY = Rule("reported.asked_by", "reported", find_in_sentence, np_after,
                "'When asked by a reporter whether ...': the asker named after 'by'")
ASKED_PASSIVE = Rule("reported.asked_passive", "reported", find_in_sentence, None,
                     "'X was asked whether ...': a question whose asker is not named (no speaker)")
ACCORDING_TO_FIRST = Rule("reported.according_to_first", "reported", find_in_sentence, according_mention,
                          "'According to X, ...': the rest of the sentence", according=True)
ACCORDING_TO_AFTER = Rule("reported.according_to_after", "reported", find_in_sentence, according_mention,
                          "'..., according to X': the sentence before 'according to'", according=True)
MIXED_SAID_AFTER = Rule("mixed.said_after", "mixed", find_in_sentence, np_after,
                        "'... \"lets us meet,\" said X': a sentence ending in a partial quote, then its tag",
                        tag_after=True)
HEADLINE = Rule("reported.headline_says", "reported", _headline_says, None,
                "a title-case headline 'Bo Lin Says He Will Not Run': the capitalised run before 'Says/Said' "
                "speaks, the rest of the line was said")
PARTIAL_QUOTE = Rule("mixed.partial_quote", "mixed", partial_quote_clause, sentence_subject,
                     "a partial quote no cue claimed: the predicate before it and its subject "
                     "('Bolton called the move \"disrespectful\"')", subject_elsewhere=True)
NAMING_RULE = Rule("mixed.naming", "mixed", partial_quote_clause, None,
                   "'a group called the \"We The People Foundation\"': a name in quote marks, said by nobody")

RULES = (SAID_THAT, SAID_AFTER, SAID_AFTER_INVERTED, QUOTED_AS_SAYING, PARENTHETICAL, PARTICIPLE, COORDINATED, RELATIVE,
         ASKED_QUESTION, ASKED_BY, ASKED_PASSIVE, ACCORDING_TO_FIRST, ACCORDING_TO_AFTER, MIXED_SAID_AFTER,
         HEADLINE, PARTIAL_QUOTE, NAMING_RULE)
