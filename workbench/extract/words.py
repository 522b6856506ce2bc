"""Token helpers beside sentence splitting: where a sentence ends inside a token list, whether a word
is capitalised, and whether a cue form is used as a noun ("his tweets") rather than as a verb."""
from __future__ import annotations

import bisect
import re

from .lexicon import (ABBR, ADJ_ENDINGS, AUX, CONTRACTED, DET_NOUN, EXTRA_VERBS, FINITE_AUX, FUNCTION, NOT_VERB_ED,
                      NOUN_DETERMINERS, NOUN_FORMS, PERSON_ENDINGS, PLURAL_NO_S, REDUCED_RELATIVE,
                      RELATIVES, SPEAKER_NOUNS, SUBJ_PRONOUNS, TITLE_SMALL_WORDS, VERBISH_STOP, cue_lemma)

DASHES = {"-", "--", "\u2014", "\u2013"}
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def token_index(toks, pos, lo=0, hi=None):
    """Index of the first token in toks[lo:hi] that starts at or after pos (hi when none does).

    A token (start, end, word) sorts after the 1-tuple (pos,) exactly when start >= pos, so the
    bisection compares tuples in C: no key function per step, no list of starts to build."""
    return bisect.bisect_left(toks, (pos,), lo, len(toks) if hi is None else hi)


def is_term(toks, k):
    """Token k ends a sentence ('.' not after an abbreviation or an initial)."""
    w = toks[k][2]
    if w in ("!", "?"):
        return True
    if w != ".":
        return False
    if k + 1 < len(toks) and toks[k + 1][2] in (",", ")", ";"):
        return False   # "R-Ky., said" / "Jr.,"
    if k > 0 and toks[k - 1][1] == toks[k][0]:
        p = toks[k - 1][2]
        if p.lower() in ABBR or (len(p) == 1 and p.isupper()):
            return False
        if k + 1 < len(toks) and toks[k + 1][0] == toks[k][1] and toks[k + 1][2][:1].isalnum():
            return False   # "D-N.Y.": a period inside a word
    return True


def is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def wordish(w):
    w = w.replace("-", "").replace("\u2019", "").replace("'", "")
    return w.isalpha() or (w[:1].isdigit() and w.isalnum() and w[-1:].isalpha())   # "43-year-old"


def noun_use(toks, k, lo):
    """A verb-looking word used as a noun: "Trump's remarks", "his tweets", "the claims"."""
    if k <= lo:
        return False
    p = toks[k - 1][2]
    pl = p.lower().replace("\u2019", "'")
    if pl in DET_NOUN:
        return True
    if pl.endswith("'s"):
        return pl[:-2] not in CONTRACTED   # "Trump's remarks", not "he's predicting"
    return plural_after_of(toks, k, lo)


def plural_after_of(toks, k, lo):
    """"32% of Republican claims as ...": a plural cue form two words after 'of' is a noun."""
    w = toks[k][2].lower()
    return w in NOUN_FORMS and w.endswith("s") and k - 2 >= lo and toks[k - 2][2].lower() == "of"


def after_compound_modifier(toks, k, lo):
    """"his early-morning tweets", "the short-term demands": a cue form after a hyphenated modifier is a noun."""
    p = toks[k - 1][2] if k > lo else ""
    return "-" in p and p.islower() and toks[k][2].lower() in NOUN_FORMS


def singular_noun_phrase(toks, k, lo):
    """"his initial tweet", "on a more conciliatory note": a determiner, one or two lowercase words and
    the base form of a cue that is also a noun. As a verb the base form would need a plural subject."""
    w = toks[k][2].lower()
    if w not in NOUN_FORMS:
        return False
    j = k - 1
    while j >= lo and j >= k - 2 and toks[j][2].isalpha() and toks[j][2].islower() and \
            toks[j][2] not in NOUN_DETERMINERS:
        j -= 1
    if j == k - 1 or j < lo:
        return False
    d = toks[j][2].lower()
    if d not in NOUN_DETERMINERS and not (d.endswith(("'s", "\u2019s")) and len(d) > 2):
        return False
    head = toks[k - 1][2]
    if w.endswith("s"):
        # "the racial remarks", "his most explosive claims": plural only after an adjective-looking word
        return w not in ("tweets", "posts", "reports") and head.endswith(ADJ_ENDINGS)
    return not head.endswith("s") and head not in PLURAL_NO_S


def verbish(w):
    wl = w.lower()
    if not w.isalpha() or not w.islower():
        return False
    if cue_lemma(w):
        return True
    if wl in VERBISH_STOP or wl in NOT_VERB_ED:
        return False
    return wl.endswith("ed") or wl.endswith("ing") and len(wl) > 4 or wl in EXTRA_VERBS


def dateline_end(toks, lo, hi):
    """Index of the first token after a dateline opening toks[lo:hi] ("DECATUR, Ill. — ...",
    "Washington (AFP) – ...", "MOSCOW, June 3 (Reuters) - ..."), lo when there is none."""
    for j in range(lo, min(hi, lo + 14)):
        if toks[j][2] in ("\u2014", "--", "\u2013") and (toks[lo][2].isupper() or is_cap(toks[lo][2])) or \
                toks[j][2] == "-" and j > lo + 1 and toks[lo][2].isupper() and len(toks[lo][2]) > 1 and \
                toks[j][0] > toks[j - 1][1]:
            return j + 1   # "ORLANDO, Fla. (Reuters) - President ..."
        if toks[lo][2][:1].isdigit() and j - lo < 6 and toks[j][2] in ("\u2014", "--", "\u2013"):
            return j + 1   # "WASHINGTON, Dec. 8 (UPI) — ..." split after "Dec.": "8 (UPI) — ..."
    return lo


def plural_noun_use(toks, k, lo, hi):
    """A plural cue form that is a noun: 'FBI notes released Monday show ...' (a participle follows it
    as a reduced relative clause), 'hit high notes', 'file finance reports' (a modifier that names no
    speaker comes right before it: as a verb it would need a subject such as 'the spokesman')."""
    w = toks[k][2].lower()
    if w not in NOUN_FORMS or not w.endswith("s"):
        return False
    nxt = toks[k + 1][2] if k + 1 < hi else ""
    if nxt in REDUCED_RELATIVE:
        return True
    if k - 1 < lo:
        return False
    p = toks[k - 1][2]
    pl = p.lower()
    if not (p.isalpha() and p.islower()) or pl in FUNCTION or pl in AUX or pl.endswith("ly"):
        return False
    return pl not in SPEAKER_NOUNS and not pl.endswith(PERSON_ENDINGS)


def noun_before_auxiliary(toks, k, lo, hi):
    """A cue form that is also a noun, right before a finite auxiliary or modal, is that verb's subject:
    'the jobs report was released', 'the FEC report will show' (as a verb, 'report' would take a clause
    or an object, not 'was'). A pronoun before it keeps the verb reading of a relative clause: 'the cut,
    which he claims will pay for itself', and so does a name after 'which/that/who'."""
    w = toks[k][2].lower()
    if w not in NOUN_FORMS or k + 1 >= hi or toks[k + 1][2].lower() not in FINITE_AUX:
        return False
    if k - 1 < lo:
        return True
    p = toks[k - 1][2]
    if p.lower() in SUBJ_PRONOUNS:
        return False
    if is_cap(p) and any(toks[j][2].lower() in RELATIVES | {"what", "whom"} for j in range(max(lo, k - 4), k - 1)):
        return False
    return True


def title_of_work(quoted: str) -> bool:
    """The quoted words (marks included) are a title in title case: every word capitalised but the small
    ones ('The Hunger Games', 'Blood Sugar Sex Magik', 'Meet the Press'), up to eight words."""
    words = [w for w in _WORD.findall(quoted)]
    if not words or len(words) > 8 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words) and \
        sum(1 for w in words if w.lower() not in TITLE_SMALL_WORDS) >= 1
