"""Subjects and noun phrases: the speaker noun phrase before or after a cue token ("Putin said",
"said one Florida strategist"), the subject of a sentence or of a coordinated verb, the noun phrase
a participle or a relative pronoun belongs to. Used by the direct, mixed and reported finders."""
from __future__ import annotations

import re
import threading

from .lexicon import (PERSON_ENDINGS, ABSTRACT_ENDINGS, A_QUANT, COLLECTIVES, HEAD_ENDS, NOT_SPEAKER_HEADS,
                      APPOS_START, ASIDE_STARTS, AUX, CLAUSE_START, CONTROL_VERBS, DETERMINERS, EMBED,
                      EMBED_NOT, EXTRA_VERBS, FINITE_AUX, IRREGULAR_PAST, FUNCTION, GROUP_HEADS, HEAD_PREPS, INTRO, NOT_APPOS,
                      NEWS_AGENCIES, NOT_SOURCES, NOT_VERB_ED, NUMBER_WORDS, OBJ_PREPS, ORG_HEADS, PERCEIVED, PERSON_NOUNS,
                      PLACES, POSSESSIVES, PREPS, PROG_ADV, PROG_AUX, PUBLISHED, QUANTITY, RELATIVES, SHARE_LEAD,
                      SENT_START_STOP, STATE_ABBR, SUBJ_PRON, SUBJ_PRONOUNS, TAIL_START, TIME_COUNTERS, TIME_NP,
                      TIME_SKIP, TIME_UNITS, TIME_WORDS, TITLES, TITLE_ABBR, CUE_FORMS, PLURAL_NO_S,
                      SPEAKER_NOUNS, SPEAKER_WORDS, cue_lemma)
_LOCAL = threading.local()   # per-thread recursion depth (extract may run in threads)

from .words import after_compound_modifier, dateline_end, is_cap, is_term, noun_use, token_index, verbish, wordish


class Mention:
    __slots__ = ("start", "end", "text", "kind", "head")

    def __init__(self, start, end, text, kind, head=None):
        self.start, self.end, self.text, self.kind, self.head = start, end, text, kind, head

    def __repr__(self):
        return f"Mention({self.text!r},{self.kind},{self.start})"


def _name_left(toks, i, lo):
    """Extend a capitalized name leftwards from token i (inclusive). Returns start index."""
    j = i
    while j - 1 >= lo:
        t = toks[j - 1][2]
        tl = t.lower()
        if is_cap(t) and tl not in SENT_START_STOP:
            j -= 1
            continue
        if t == "." and j - 2 >= lo and len(toks[j - 2][2]) == 1 and toks[j - 2][2].isupper() \
                and toks[j - 2][1] == toks[j - 1][0]:
            j -= 2   # initial "M."
            continue
        if t == "." and j - 2 >= lo and toks[j - 2][2].lower() in TITLE_ABBR:
            j -= 2
            continue
        if tl in ("of", "for", "de", "del", "van", "von", "bin", "al", "on") and j - 2 >= lo and is_cap(toks[j - 2][2]) \
                and toks[j - 2][2].lower() not in SENT_START_STOP:
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
    while j < i and toks[j][2].lower() in SENT_START_STOP:
        j += 1
    return j


def np_before(text, toks, ci, lo=0):
    """The speaker noun phrase ending right before token index ci (skipping auxiliaries).
    Recursion (appositives, adverbs, prepositional phrases) is bounded."""
    depth = getattr(_LOCAL, "depth", 0)
    if depth > 6:
        return None
    _LOCAL.depth = depth + 1
    try:
        m = _np_before(text, toks, ci, lo)
        if m is None and depth == 0:
            m = share_of_people(text, toks, ci, lo)
        if depth == 0 and m is not None and m.kind in ("group", "org", "name"):
            # 'Officials in Moscow and Kiev said': coordinated names are places or employers too
            m = (_modified_subject(text, toks, m, lo) if m.head != "and" else None) or \
                _role_of(text, toks, m, lo) or m
        return m
    finally:
        _LOCAL.depth = depth


def share_of_people(text, toks, ci, lo):
    """A poll share right before the verb at ci ('Six in 10 say', 'About 4 in 10 say', '42% say', 'nearly
    nine out of 10 said', 'More than six in 10 said'): people counted, who speak (PolNeAR annotates them)."""
    k = ci - 1
    if k < lo:
        return None
    if toks[k][2] == "%" and k - 1 >= lo and toks[k - 1][2][:1].isdigit():
        k -= 1   # '42 %'
    elif toks[k][2].endswith("%") and toks[k][2][:1].isdigit():
        pass
    elif k - 2 >= lo and _count_word(toks[k][2]) and (toks[k - 1][2].lower() == "in" and _count_word(toks[k - 2][2])):
        k -= 2   # 'six in 10'
    elif k - 3 >= lo and _count_word(toks[k][2]) and toks[k - 1][2].lower() == "of" and \
            toks[k - 2][2].lower() == "out" and _count_word(toks[k - 3][2]):
        k -= 3   # 'nine out of 10'
    elif k - 1 >= lo and toks[k][2][:1].isdigit() and toks[k][2].replace(",", "").isdigit() and (
            toks[k - 1][2].lower() in SHARE_LEAD or k - 2 >= lo and (toks[k - 2][2].lower(), toks[k - 1][2].lower())
            in (("at", "least"), ("more", "than"), ("fewer", "than"), ("less", "than"))):
        pass   # 'at least 21,000 said', 'about 300 say': a count of people with a quantity word before it
    else:
        return None
    j = k
    if j - 2 >= lo and (toks[j - 1][2].lower() in ("than", "of") and toks[j - 2][2].lower() in ("more", "fewer", "less", "all")
                        or toks[j - 1][2].lower() == "least" and toks[j - 2][2].lower() == "at"):
        j -= 2
    elif j - 1 >= lo and toks[j - 1][2].lower() in SHARE_LEAD:
        j -= 1
    if j - 1 >= lo and toks[j - 1][2][:1].isalnum() and toks[j - 1][2] not in (",",) and \
            toks[j - 1][2].lower() not in ("and", "but", "while", "whereas", "that", "yet", "so"):
        return None   # 'with 30 percent of voters', 'up 4 in 10': not the start of a clause
    return Mention(toks[j][0], toks[ci - 1][1], text[toks[j][0]:toks[ci - 1][1]], "group", head="share")


def _count_word(w):
    return w[:1].isdigit() and w.replace(",", "").isdigit() or w.lower() in NUMBER_WORDS


def _modified_subject(text, toks, m, lo):
    """'Officials who met with Trump said', 'a source speaking to Fox News said', 'an official who
    spoke on condition of anonymity said': the noun phrase the relative or participle clause modifies,
    not the last noun of that clause."""
    k = token_index(toks, m.start, lo) - 1
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
            if m2.kind == "group" and not (m2.head in GROUP_HEADS or m2.head in PERSON_NOUNS):
                return None
            return m2
        k -= 1
    return None


def _role_of(text, toks, m, lo):
    """'A spokesman for the State Department said', 'the director of the FBI said': the person the
    prepositional phrase belongs to; 'a staffer in the room said': the person before 'in/at/on/from'."""
    k = token_index(toks, m.start, lo) - 1
    if k - 1 < lo or toks[k][2] not in ("of", "for", "with", "in", "at", "on", "from"):
        return None
    m2 = _np_before(text, toks, k, lo)
    head = (m2.head or m2.text.split()[-1]).lower() if m2 is not None else ""
    if m2 is None or m2.kind not in ("group", "name") or m2.kind == "name" and " " in m2.text or \
            not (head in GROUP_HEADS or head in PERSON_NOUNS or head in TITLES or
                 toks[k][2] in ("in", "at", "from") and m.kind == "name" and head.endswith(PERSON_ENDINGS)):
        # 'A supporter in Denver said': the supporter speaks, not the place
        return None   # a group ("Supporters", capitalised at the start) with a person head
    if toks[k][2] in ("in", "at", "on", "from"):
        return m2
    return Mention(m2.start, m.end, text[m2.start:m.end], "group", head=head)


def _np_before(text, toks, ci, lo=0):
    i = ci - 1
    if i - 1 > lo and toks[ci][2].lower().endswith("ing") and (
            toks[i][2] in PERCEIVED or toks[i][2] == "as" and toks[i - 1][2] in PERCEIVED):
        # 'X is quoted as saying', 'X was heard telling ...': the subject of the passive
        return np_before(text, toks, i if toks[i][2] != "as" else i - 1, lo)
    while i >= lo:
        w = toks[i][2]
        wl = w.lower()
        if i - 2 >= lo and wl == "to" and toks[i - 1][2].lower() == "on" and \
                toks[i - 2][2].lower() in ("went", "go", "goes", "going", "gone"):
            i -= 3   # "He went on to say"
            continue
        if (wl in AUX and wl not in ("on", "to") and not (w[:1].isupper() and i > lo)) or wl in TIME_SKIP:
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
        if commas and commas[0] + 1 < i and i - commas[0] <= 12 and toks[commas[0] + 1][2].lower() in ASIDE_STARTS and \
                commas[0] - 1 >= lo and toks[commas[0] - 1][2].lower() == "who":
            # 'X, who, after trading insults with Y, said ...': 'who' speaks, as in 'X, who said ...'
            w = toks[commas[0] - 1]
            return Mention(w[0], w[1], w[2], "relative")
        for cpos in commas[1:]:
            if cpos + 1 < i and toks[cpos + 1][2].lower() in ("whose", "who", "which", "whom"):
                ante = np_before(text, toks, cpos, lo)
                if ante is not None and ante.kind in ("name", "org", "pronoun"):
                    return ante
        if commas and commas[0] + 1 < i and i - commas[0] <= 10 and toks[commas[0] + 1][2].lower() in ASIDE_STARTS:
            # "Powell's office, when contacted by Reuters, said": the subject before a short aside, when it
            # opens the sentence (not "..., while others aren't meaningful, said Grant Green")
            ante = np_before(text, toks, commas[0], lo)
            if ante is not None and ante.kind in ("group", "org", "name"):
                ante = _role_of(text, toks, ante, lo) or ante   # "Supporters of the plan, on the other hand,"
            ka = token_index(toks, ante.start, lo) if ante is not None else lo
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
                              and first.rstrip(".").lower() in STATE_ABBR)
                          or " ".join(t[2] for t in chunk).lower() in PLACES
                          or fl in TITLES and len(chunk) == 1)
            if not descriptor:
                # the chunk must be just a noun phrase (an appositive chain), not a clause
                m = np_before(text, toks, k_end, start)
                if m is not None and m.start <= toks[start][0] + 1:
                    if m.kind in ("name", "org", "pronoun"):
                        return (_hop == 0 and _name_before_role(text, toks, lo, k)) or m
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
    if is_cap(t) and tl in SENT_START_STOP and (i == lo or toks[i - 1][2] in (".", "\n")):
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
        if j == i and j - 2 > lo and toks[j - 1][2] == "or" and toks[j - 2][2] == "," and t.isupper() and len(t) > 1:
            # 'Democracy for America, or DFA - which ... - said': the acronym renames the noun phrase
            # before the comma, whose appositive chain holds the subject
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None:
                return m2
        if j - 2 > lo and toks[j - 1][2].lower() in ("with", "to", "against", "toward", "towards", "about") and \
                kind in ("name", "org"):
            # "Tom Reed in an interview with Fox News said": the name is the object of a preposition
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind in ("name", "pronoun", "org") and m2.end < s:
                return m2
        if j - 2 >= lo and toks[j - 1][2] == "and" and is_cap(toks[j - 2][2]) and \
                toks[j - 2][2].lower() not in SENT_START_STOP:
            # coordinated speakers: "the United States and Europe accusing ...", "Smith and Jones said"
            j2 = _name_left(toks, j - 2, lo)
            if j2 <= j - 2:
                s = toks[j2][0]
                return Mention(s, e, text[s:e], "name", head="and")   # registered as a group
        return Mention(s, e, text[s:e], kind)
    if tl.endswith("ly") and tl not in FUNCTION and i - 1 >= lo:
        # adverb before the cue: "defiantly told"
        return np_before(text, toks, i, lo)
    if wordish(t) and tl not in FUNCTION and not t[:1].isupper() or tl in GROUP_HEADS:
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
            if wordish(p) and pl not in FUNCTION and pl not in SENT_START_STOP \
                    or p[:1].isdigit() or p == "-" or (is_cap(p) and pl not in SENT_START_STOP):
                j -= 1
                continue
            break
        s, e = toks[j][0], toks[i][1]
        if j - 1 > lo and toks[j - 1][2].lower() in PREPS and toks[j - 2][2] not in (",", "\u2014"):
            # "Jeb Bush in a Medium post said": skip the prepositional phrase
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind in ("name", "pronoun", "org"):
                return m2
        if j - 2 > lo and toks[j - 1][2].lower() in HEAD_PREPS:
            # "A spokesman for the mayor said", "people familiar with the matter said": the head noun
            # phrase before the preposition is the speaker
            m2 = np_before(text, toks, j - 1, lo)
            if m2 is not None and m2.kind == "group" and (m2.head in GROUP_HEADS or m2.head in PERSON_NOUNS):
                return Mention(m2.start, e, text[m2.start:e], "group", head=m2.head)
        return Mention(s, e, text[s:e], "group", head=tl)
    return None


def _name_before_role(text, toks, lo, k):
    """'Giovanni Maria Vian, the editor in chief of the Vatican's newspaper, L'Osservatore Romano, said':
    a name after a role chunk that itself follows a name opening the sentence names the role's noun
    (the newspaper), not the subject; the name opening the sentence speaks. k: the comma before the
    name chunk. None unless the sentence is exactly NAME, role, NAME2."""
    if k is None or k <= lo or toks[k][2] != ",":
        return None
    k2 = k - 1
    while k2 > lo and toks[k2][2] != "," and k - k2 < 20:
        k2 -= 1
    if k2 <= lo + 1 or toks[k2][2] != "," or k2 + 2 >= k:
        return None
    first = toks[k2 + 1][2]
    if not (first.lower() in DETERMINERS or first.islower() and first.isalpha() and first not in FUNCTION
            and not cue_lemma(first)) or any(cue_lemma(t[2]) for t in toks[k2 + 1:k]):
        return None   # the middle chunk is a role ('the editor of ...', 'communications director of ...')
    m = np_before(text, toks, k2, lo)
    if m is None or m.kind != "name" or m.start != toks[lo][0] or is_time_phrase(m) or m.text.lower() in PLACES or \
            any(t[2] in ("'s", "\u2019s") for t in toks[lo:k2]):
        return None
    return m


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
        if is_cap(w) or (w == "." and k > j and k + 1 < hi and (toks[k - 1][2].lower() in TITLE_ABBR or
                                                  (len(toks[k - 1][2]) == 1 and toks[k - 1][2].isupper()))) or \
                (wl in ("of", "for", "de", "al", "and") and k + 1 < hi and is_cap(toks[k + 1][2]) and k > j) or \
                (w in ("-", "'s", "\u2019s") and k > j) or (w[:1].isdigit() and (k > j or j > i)):
            k += 1
            continue
        if wordish(w) and w.islower() and wl not in FUNCTION and not (k > j and cue_lemma_local(wl)):
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
    return w in CUE_FORMS


def subject_before_dashes(text, toks, lo, c):
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


def news_agency(m):
    """The mention names a wire agency or a news service ('Interfax', 'the Associated Press', 'the TASS
    news agency', "Russia's RIA news agency")."""
    words = m.text.lower().replace("\u2019", "'").removeprefix("the ").split()
    while words and words[-1] in ("news", "agency", "service", "wire"):
        words.pop()
    if words and words[0].endswith("'s"):
        words = words[1:]
    return bool(words) and (" ".join(words) in NEWS_AGENCIES or words[-1] in NEWS_AGENCIES)


def is_time_phrase(m):
    """'Friday', 'last week': a mention that says when, not who."""
    return all(w in TIME_WORDS for w in m.text.lower().split())


def counted_time(words):
    """'Two weeks', 'the six months', 'two weeks ago', 'The October', 'the 2000s': a number or a
    determiner and a unit of time; a span of time never speaks."""
    return len(words) >= 2 and any(w in TIME_UNITS or _DECADE.fullmatch(w) for w in words) and all(
        w in TIME_UNITS or w in TIME_COUNTERS or w in TIME_WORDS or w.isdigit() or _DECADE.fullmatch(w)
        for w in words)


_DECADE = re.compile(r"\d{4}s|\d{2}s")


def not_a_speaker_word(m):
    """A one-word lowercase mention that names no one: a verb, an adverb, an adjective or a singular
    common noun ('course' from 'of course', 'trend', 'twice', 'put'). Pronouns, plurals, person and
    group nouns ('officials', 'tweeter', 'police', 'others', 'two') can speak."""
    w = m.text
    if m.kind in ("pronoun", "relative") or " " in w or not w[:1].islower() or not w.replace("-", "").isalpha():
        return False
    w = w.lower()
    if w in SUBJ_PRONOUNS or w in POSSESSIVES or w in RELATIVES or w in SPEAKER_WORDS or w in SPEAKER_NOUNS or w in PLURAL_NO_S or \
            w in ORG_HEADS or w in TITLES:
        return False
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return False   # a plural: 'officials', 'critics'
    return not w.endswith(PERSON_ENDINGS) or w.endswith(("ent", "ant"))


def np_head(m) -> str:
    """The head word of a mention: the last word before a preposition or relative ('critics in both
    parties' -> critics), after dropping a trailing time ('a study last year' -> study)."""
    words = m.text.replace("\u2019s", "").replace("'s", "").split()
    while len(words) > 2 and words[-1].lower() in TIME_UNITS and words[-2].lower() in TIME_WORDS:
        words = words[:-2]
    if not words:
        return ""
    for x, w in enumerate(words):
        if x and w.lower() in HEAD_ENDS:
            return words[x - 1]
    return words[-1]


def _head_forms(m) -> tuple[str, str, str]:
    """The head word as written, lowercased, and without a plural -s ('organizers' -> 'organizer')."""
    head = np_head(m)
    h = head.lower()
    return head, h, h[:-1] if h.endswith("s") and not h.endswith("ss") else h


def speaking_head(m) -> bool:
    """A mention whose head is known to name people, an organisation or a document: a capitalised
    word, a person, group, organisation, title or document noun ('the pope', 'organizers', '51
    percent of respondents', 'the witness'). Stricter than :func:`no_agent_head`: for choices that
    may as well be left alone."""
    head, h, stem = _head_forms(m)
    return head[:1].isupper() or h in SPEAKER_WORDS or h in PLURAL_NO_S or h in A_QUANT or any(
        w in SPEAKER_NOUNS or w in ORG_HEADS or w in COLLECTIVES or w in TITLES or w in PERSON_NOUNS
        for w in (h, stem)) or stem.endswith(PERSON_ENDINGS) and not stem.endswith("ment")


def no_agent_head(m):
    """A lowercase noun phrase whose head is an abstraction, an event, a time or a decade, which
    says nothing: 'the discussion', "his willingness", 'the disruptions', 'the 2000s', 'the meanest'.
    The head is the last word before a preposition or relative ('the transformation of X' ->
    transformation); person, group, organisation and document nouns ('the administration', 'the
    opposition', 'the statement') and collective ones ('the community', 'the establishment') speak."""
    if m.kind != "group":
        return False
    head, h, stem = _head_forms(m)
    if not head:
        return False
    if _DECADE.fullmatch(h):
        return True   # 'the 2000s' ('49' may count people: '49 said')
    if head[:1].isupper() or h in SPEAKER_WORDS or h in SPEAKER_NOUNS or h in PLURAL_NO_S or h in ORG_HEADS or \
            stem in SPEAKER_NOUNS or stem in ORG_HEADS or stem in COLLECTIVES or h in A_QUANT:
        return False
    if h in NOT_SPEAKER_HEADS or stem in NOT_SPEAKER_HEADS:
        return True   # 'the interview', 'the past week'
    words = m.text.replace("\u2019s", "").replace("'s", "").split()
    if h.endswith("est") and len(words) == 2 and words[0].lower() == "the":
        return True   # 'the meanest', 'the strongest'
    return stem.endswith(ABSTRACT_ENDINGS)


def not_a_subject(toks, lo, m):
    """A one-word mention that is a sentence-initial adverb or participle ('Interestingly,', 'Having',
    'Overall,') or a lowercase participle ('committing', 'uttering'): not a noun phrase."""
    k = lo
    while k < len(toks) and toks[k][0] < m.start:
        k += 1
    words = m.text.lower().replace("\u2019s", "").replace("'s", "").split()
    if words and all(x in TIME_WORDS for x in words) and words[-1] not in ("one", "early", "later"):
        return True   # 'Friday', 'One Sunday', "Saturday's", 'last week'
    if counted_time(words):
        return True   # 'Two weeks after X died, ...', 'X less than two weeks ago said'
    if k >= len(toks) or toks[k][1] != m.end:
        return False
    w = toks[k][2]
    wl = w.lower()
    if m.kind in ("name", "org"):
        if not (k == lo or toks[k - 1][2] in (".", "\n", '"', "\u201c")):
            return False
        nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
        return wl in ("having", "being") or (nxt == "," or nxt in ("after", "before")) and (
            wl in INTRO or len(wl) > 5 and (wl.endswith("ly") or wl.endswith("ing")))
    if m.kind == "group":
        return wl.endswith("ing") and len(wl) > 5 and wl not in GROUP_HEADS and \
            (k == lo or toks[k - 1][2] in (",", "\u2014") or toks[k - 1][2].lower() in ("and", "by", "while"))
    return False


def publisher_of(text, toks, lo, m):
    """'X is releasing a new ad that urges ...', 'The Post recently ran a piece that noted ...': a
    relative 'that/which' whose antecedent is a published item, object of a verb whose subject is a
    name, organisation or pronoun, reports that subject's words (PolNeAR credits the publisher)."""
    j = token_index(toks, m.start, lo)
    n = j - 1
    if n < lo or toks[n][2].lower() not in PUBLISHED:
        return None
    for k in range(n - 1, max(lo, n - 7) - 1, -1):
        w = toks[k][2]
        if w in (",", ";", ":") or w.lower() in ("by", "of", "from", "in"):
            return None
        if k - 1 >= lo and toks[k - 1][2].lower() in ("a", "an", "the"):
            continue   # 'a marketing video': an adjective
        if verbish(w) or w.lower() in ("ran", "runs", "run", "released", "releasing", "published", "aired",
                                        "airing", "posted", "wrote", "writes", "issued", "sent", "retweeted",
                                        "reprint", "reprinted", "shared", "sharing", "tweeted", "cited", "citing",
                                        "held", "holds", "hoisted", "carried", "carries", "wore", "wears", "waved"):
            kk = k
            if kk - 2 > lo and toks[kk - 1][2] == "to" and toks[kk - 2][2] in CONTROL_VERBS | {"planning", "plans"}:
                kk -= 2   # 'her campaign is planning to reprint an editorial that ...'
            mo = np_before(text, toks, kk, lo)
            if mo is not None and mo.end <= toks[kk][0] and (mo.kind in ("name", "org", "pronoun") or
                                                             mo.kind == "group" and mo.head in GROUP_HEADS):
                return mo
            return None
    return None


def object_owner(text, toks, lo, m):
    """'he signed a bill that created the "..."', 'X called the assault that killed five "..."', 'He argued
    the pipeline, which is backed by Y, "..."': a relative 'that/which' whose antecedent is the object of
    the verb before it names no one; the subject of that verb is the one whose words the marks hold.

    :param text: the article text
    :param toks: the tokens (start, end, word)
    :param lo: index of the sentence's first token
    :param m: the relative pronoun's mention
    :returns: that subject (a name, organisation or pronoun), or None
    """
    j = token_index(toks, m.start, lo)
    n = j - 1
    if n >= lo and toks[n][2] == "," and m.text.lower() == "which":
        n -= 1
    for k in range(n, max(lo, n - 6) - 1, -1):
        w = toks[k][2]
        if not wordish(w) or is_cap(w) and k == n or w.lower() in ("by", "of", "from", "in", "on", "at", "with",
                                                                  "for", "and", "or", "but", "who", "that"):
            return None   # a person ('Dr. Lee, who'), a prepositional object or another clause
        if k < n and verbish(w) and not noun_use(toks, k, lo):
            mo = np_before(text, toks, k, lo)
            if mo is not None and mo.end <= toks[k][0] and mo.kind in ("name", "org", "pronoun"):
                return mo
            return None
    return None


def is_relative(toks, k, lo, m):
    return m.kind == "relative" or (k >= lo and toks[k][2].lower() in ("which", "that", "who", "what"))


def appositive_tail(toks, i, hi):
    """', said X, the group's spokesman.' / ', says X, who teaches law at ...': an appositive of the
    speaker runs to the end of the sentence."""
    if i + 1 >= hi or toks[i][2] != ",":
        return False
    w = toks[i + 1][2]
    wl = w.lower()
    if w.isalpha() and w.islower() and not wl.endswith(("ing", "ed")) and wl not in NOT_APPOS and \
            not cue_lemma(w):
        return True   # ', says X, founder and CEO of ...'
    return wl in APPOS_START or w[:1].isdigit() or (is_cap(w) and i + 2 < hi and (
        toks[i + 2][2] in ("'s", "\u2019s") or is_cap(toks[i + 2][2])))


def tail_is_short(toks, i, hi):
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
        if n == 0 and w not in (",", ")", "\u2014") and w.lower() not in TAIL_START and not is_cap(w):
            return False
        if w.lower() in FINITE_AUX:
            return False   # '..., X told Interfax news agency the talks would continue': a clause follows
        n += 1
        if n > 9:
            return False
        k += 1
    return True


def _role_words_to_name(toks, j, c):
    """Up to three lowercase words holding a role ('presidential candidate') followed by a capitalised
    word: the index of that word, else 0."""
    r = j
    while r < c and r - j < 3 and toks[r][2].isalpha() and toks[r][2].islower():
        r += 1
    if r > j and r < c and is_cap(toks[r][2]) and any(t[2] in TITLES for t in toks[j:r]):
        return r
    return 0


def sentence_subject(text, toks, lo, c):
    """First noun phrase of the sentence, after a dateline and an introductory phrase."""
    k = dateline_end(toks, lo, c)
    # introductory phrase: "In 2010, ..." / "At an event in Ames, Iowa, on Sunday, Mrs. Clinton ..."
    if k + 1 < c and is_cap(toks[k][2]) and toks[k + 1][2].lower() in ("later", "earlier", "ago"):
        k += 2   # "Hours later, Trump ..."
        while k < c and toks[k][2] == ",":
            k += 1
    elif k < c and toks[k][2].lower() in NUMBER_WORDS:
        # "A month later, he ..." / "Eight years ago, he ..."
        for j in range(k + 1, min(c - 1, k + 5)):
            if toks[j][2].lower() in ("later", "earlier", "ago") and toks[j + 1][2] == ",":
                k = j + 2
                break
    w0 = toks[k][2].lower() if k < c else ""
    j = k
    while j < c and j - k < 5 and (toks[j][2].lower() in TIME_UNITS or toks[j][2].lower() in TIME_COUNTERS or
                                   toks[j][2].lower() in TIME_WORDS or toks[j][2][:1].isdigit()):
        j += 1
    if j < c and toks[j][2].lower() in ("after", "before", "since", "into") and \
            counted_time([t[2].lower() for t in toks[k:j]]):
        w0 = "after"   # "Two weeks after the judge died, Senator Smith ...": a time phrase opens the sentence
    if k < c and w0.endswith("ly") and len(w0) > 5 and is_cap(toks[k][2]) and k + 1 < c and \
            not is_cap(toks[k + 1][2]) and w0 not in FUNCTION:
        w0 = "then"   # "Shortly after ...,", "Hastily politicizing ..., Trump ..." : an intro
    if k < c and (w0 in INTRO or (w0 in FUNCTION or w0 in SENT_START_STOP or w0.endswith("ing"))
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
            if nl in SUBJ_PRONOUNS or nl in DETERMINERS or nl in QUANTITY or nl[:1].isdigit() or nl in GROUP_HEADS:
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
                while j < c and j - k < 5 and (toks[j][2].lower() in TIME_NP or toks[j][2][:1].isdigit()):
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
            if is_cap(t) or t in ("'s", "\u2019s", "-") or (t == "." and toks[j - 1][2].lower() in TITLE_ABBR) or \
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
        if tl in DETERMINERS or t[:1].isdigit() or n == 0 and tl in QUANTITY or \
                (wordish(t) and tl not in FUNCTION and not cue_lemma(t)
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


def subject_of_participle(toks, lo, c, mb):
    """mb is the subject of the participle at c: 'X is already claiming' (a progressive or 'kept'),
    or 'the proportion of X saying' (right after 'of')."""
    j = token_index(toks, mb.start, lo, c)
    e = j
    while e < c and toks[e][0] < mb.end:
        e += 1
    between = [t[2].lower() for t in toks[e:c]]
    if between:
        return all(w in PROG_AUX or w in PROG_ADV for w in between) and any(w in PROG_AUX for w in between)
    return j - 1 >= lo and toks[j - 1][2].lower() == "of"


def coordinated_subject(text, toks, lo, c, skip_embedded=False, wide=False):
    """Subject of the verb phrase a coordinated cue joins: 'He later walked back his remarks and said'.
    skip_embedded: a subject right after 'that/what/how ...' belongs to an embedded clause ('X called
    the idea that Y had ... a "...," adding'), so the search goes on to the clause that embeds it."""
    for k in range(c - 2, max(lo, c - 60), -1):
        w = toks[k][2]
        if w in (".", ";", ":"):
            break
        pw = toks[k - 1][2] if k - 1 >= lo else ""
        if wide and w in ("which", "who", "where") and k - 1 >= lo and (pw == "," or pw in PREPS):
            # 'a news conference, in which he laid out ... but then announced', 'the bank, which is
            # responsible for ... - and says': no verb the scan knows came first ('laid', 'sits'), so the
            # cue is coordinated inside the relative clause, whose subject speaks
            m = _relative_clause_subject(text, toks, k, c)
            if m is not None:
                return m
        if w in NOT_VERB_ED and (is_cap(pw) and not pw.endswith(("'s", "\u2019s")) or pw in SUBJ_PRON or pw == ","):
            # 'while Huckabee proposed a ban and said': an adjective-looking form right after a name
            # or a subject pronoun is the verb
            m = np_before(text, toks, k, lo)
            if m is not None and m.kind in ("name", "pronoun"):
                return m
        if (verbish(w) or w.lower() in EXTRA_VERBS or w in IRREGULAR_PAST) and not noun_use(toks, k, lo) and \
                not after_compound_modifier(toks, k, lo):
            m = np_before(text, toks, k, lo)
            if wide and m is not None and (m.kind == "relative" and m.text.lower() in ("who", "which") or
                                           m.kind == "group"):
                # '..., who answered her door and said', 'in which management sits down ... and
                # tells them': the subject of the nearest clause, when it opens that clause
                j = token_index(toks, m.start, lo, c)
                if m.kind == "relative" and j - 1 >= lo and toks[j - 1][2] == "," or \
                        m.kind == "group" and (j == lo or toks[j - 1][2].lower() in CLAUSE_START):
                    return m
                continue
            if m is not None and not_a_subject(toks, lo, m):
                continue
            if m is not None and w.endswith("ing") and w.islower() and \
                    toks[token_index(toks, m.start, lo, c) - 1][2].lower() in OBJ_PREPS:
                continue   # 'vented about Sanders vowing to fight on and said': the object of 'about'
            if m is not None and m.kind in ("name", "pronoun", "org"):
                if skip_embedded:
                    if m.text.lower() in ("the", "a", "an"):
                        continue   # "The retired neurosurgeon": an adjective, not a verb
                    j = token_index(toks, m.start, lo, c)
                    if j - 1 >= lo and toks[j - 1][2].lower() in EMBED | {"after", "since", "before", "until", "once"} and not (
                            j - 2 >= lo and toks[j - 2][2].lower() in EMBED_NOT):
                        continue
                    if j - 1 >= lo and toks[j - 1][2].islower() and (
                            verbish(toks[j - 1][2]) or toks[j - 1][2] in ("helping", "help", "let", "make", "see")):
                        continue   # 'helping Mrs. Clinton succeed him, saying': an object, not a subject
                return m
    return None


def _relative_clause_subject(text, toks, k, c):
    """The subject of the relative clause opened at k ('which'/'who' after a comma, or 'where' or a
    pronoun after a preposition): the pronoun, name or noun phrase right after it ('in which he ...',
    'in which management ...', 'which he favors'), else, for 'which/who' after a comma, the relative
    pronoun itself ('which is responsible ...', 'which allows ...'). None when neither is there."""
    n = toks[k + 1][2] if k + 1 < c else ""
    nl = n.lower()
    if nl in SUBJ_PRONOUNS:
        return Mention(toks[k + 1][0], toks[k + 1][1], n, "pronoun")
    j = k + 2 if nl in DETERMINERS else k + 1
    if j < c and wordish(toks[j][2]) and toks[j][2].islower() and toks[j][2] not in FUNCTION and \
            not verbish(toks[j][2]) and (j > k + 1 or toks[k - 1][2] != ","):
        # a determiner and a noun ('the board'), or a bare noun after a preposition ('in which management')
        return Mention(toks[k + 1][0], toks[j][1], text[toks[k + 1][0]:toks[j][1]], "group", head=toks[j][2].lower())
    if toks[k][2] in ("which", "who") and toks[k - 1][2] == "," and not is_cap(n):
        return Mention(toks[k][0], toks[k][1], toks[k][2], "relative")
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


def inside_clause_of(toks, lo, m, cs):
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


def person_head(w):
    return w in GROUP_HEADS or w in PERSON_NOUNS or w in TITLES or w.rstrip("s") in TITLES


def recent_speaker(text, toks, lo, c):
    """Speaker of the nearest attribution earlier in the sentence ('"...," Buchanan said, noting')."""
    for k in range(c - 1, max(lo, c - 60) - 1, -1):
        lem = cue_lemma(toks[k][2])
        if lem in ("say", "add", "tell", "write", "note", "argue", "insist", "explain", "continue", "declare",
                   "warn", "tweet", "respond", "reply") and not noun_use(toks, k, lo) and \
                not after_compound_modifier(toks, k, lo):
            m = np_before(text, toks, k, lo)
            if m is not None and m.kind == "group" and m.text.split()[0].lower() in ("a", "an") and \
                    not person_head(m.text.split()[-1].lower()):
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


def according_mention(text, toks, i, hi):
    """The source of 'according to X' (toks[i] is 'according'), or None for non-sources
    ('according to plan')."""
    if i + 2 < hi and toks[i + 2][2] in ('"', "\u201c", "''"):
        # 'According to "The Trumps," by Gwenda Blair, ...': a work named in quote marks (and its author)
        close = "\u201d" if toks[i + 2][2] == "\u201c" else toks[i + 2][2]
        e = next((k for k in range(i + 3, min(hi, i + 25)) if toks[k][2] == close), None)
        if e is not None and e > i + 3:
            end = e - 2 if toks[e - 1][2] == "," else e - 1   # the title without its marks and comma
            if e + 2 < hi and toks[e + 1][2] == "by":
                ma = np_after(text, toks, e + 1, hi)
                if ma is not None and ma.kind != "group":
                    end = token_index(toks, ma.end, i) - 1
            s0, e0 = toks[i + 3][0], toks[end][1]
            return Mention(s0, e0, text[s0:e0], "org")
    m = np_after(text, toks, i + 1, hi)
    if m is not None:
        e = token_index(toks, m.end, i, hi)
        if e < hi and (_plural_group_head(toks[e][2]) or toks[e][2] in GROUP_HEADS) and \
                (e + 1 == hi or toks[e + 1][2] in (",", ".", ";", "by", "from", "with")):
            # 'according to news reports', 'according to a recent report from X': 'report(s)' is no verb
            # after a source's modifier
            m = Mention(m.start, toks[e][1], text[m.start:toks[e][1]], "group", head=toks[e][2].lower())
    if m is not None and m.kind == "group" and m.head in NOT_SOURCES:
        return None   # "according to existing contracts", "according to plan"
    if m is None:
        # lowercase NP: "according to a new poll", "according to officials"
        k = i + 2
        j = k
        while j < hi and toks[j][2] not in (",", ".", ";") and j - k < 8 and toks[j][2].lower() not in ("that", "which", "who"):
            j += 1
        if j == k:
            return None
        if toks[j - 1][2].lower() not in GROUP_HEADS and not _plural_group_head(toks[j - 1][2]):
            return None
        s, e = toks[k][0], toks[j - 1][1]
        m = Mention(s, e, text[s:e], "group", head=toks[j - 1][2].lower())
    if m.kind == "group" and m.text[:1].islower():
        # 'according to an analysis by the Pew Research Center', '... interviews with a dozen party
        # leaders', '... a post from X': the author after by/with/from is the source
        e = token_index(toks, m.end, i, hi)
        if e < hi and toks[e][2].lower() in ("by", "with", "from"):
            m2 = np_after(text, toks, e, hi) or _lowercase_np(text, toks, e + 1, hi)
            if m2 is not None:
                return m2
    return m


def _plural_group_head(w):
    """'reports', 'polls': the lowercase plural of a source noun ('press reports' read 'reports' as a verb)."""
    wl = w.lower()
    return w.islower() and wl.endswith("s") and wl[:-1] in GROUP_HEADS


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
