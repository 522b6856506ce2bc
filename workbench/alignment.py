"""Aligning a quote's words with a source passage, word by word, and judging the result.

Why not difflib or rapidfuzz for the alignment itself: both compute a *global* alignment
(or, for difflib, the longest common runs) of two whole sequences. A quote is a small
piece of a long transcript turn, and the reporter may leave out words where the quote
says so (an ellipsis, the cue of a split quote). That is a *fitting* alignment: the
quote is aligned whole, the source's words before and after it cost nothing, and source
words skipped at the quote's own breaks cost nothing either. With a global aligner those
free gaps are ties it breaks arbitrarily ("we" replaced by a source word three places
early). The fitting alignment is a small dynamic programme over words (quote words x a
window of the passage, a few thousand cells), written here once and tested on each case.
The window comes from diagonal voting (the offset at which the quote's words recur).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .wording import QuoteWords, Word, is_content, stem

# Back pointers of the programme.
_DIAG, _UP, _LEFT = 1, 2, 3

MAX_WINDOW = 800  # source words one quote is aligned with, at most
ALTERED_MIN_WORDS = 4  # a shorter quote is either verbatim or not found
ALTERED_MIN_SHARE = 0.6  # of the quote's words unchanged, for "altered"
ALTERED_MIN_RUN = 3  # words in a row unchanged, for "altered"
PREFILTER_SHARE = 0.3  # of the quote's words that must occur in a passage at all

VERDICTS = ("verbatim", "elided", "altered", "paraphrase")


@dataclass
class DiffOp:
    """One step from the source's wording to the quote's.

    ``equal``: the same words; ``replace``: the reporter changed the source's words to
    the quote's; ``insert``: words in the quote the source does not have; ``delete``:
    source words the quote left out without saying so (a skip at an ellipsis is not a
    change and is shown as ``elided``).
    """

    op: str  # equal | replace | insert | delete | elided
    quote: str  # the quote's words as written in the article ("" for delete / elided)
    source: str  # the source's words as written there ("" for insert)

    def as_dict(self) -> dict:
        return {"op": self.op, "quote": self.quote, "source": self.source}


@dataclass
class Alignment:
    verdict: str | None  # one of VERDICTS, or None: not this passage
    score: float  # 0..1: the share of the quote's words found (paraphrase: content words)
    start: int | None = None  # character offsets of the matched part of the source
    end: int | None = None
    # The diff is written out only for the matches that are kept (most candidates of a
    # quote repeated across an archive are aligned and then dropped).
    make_diff: Callable[[], list[DiffOp]] | None = field(default=None, repr=False)

    @property
    def diff(self) -> list[DiffOp]:
        return self.make_diff() if self.make_diff else []


def fit(q: list[str], s: list[str], free_rows: set[int]) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """Fitting alignment of word lists ``q`` (whole) inside ``s``.

    :param free_rows: indexes ``i`` of ``q`` before which skipping source words is free
    :returns: opcodes ``(tag, i1, i2, j1, j2)`` in difflib's form (tags equal / replace /
        insert (quote only) / delete (source only) / elided (a free skip)) and the cost
    """
    n, m = len(q), len(s)
    inf = n + m + 1
    prev = [0] * (m + 1)  # row 0: source words before the quote are free
    back: list[bytearray] = [bytearray(m + 1)]
    for i in range(1, n + 1):
        qi = q[i - 1]
        free = i in free_rows
        row = [0] * (m + 1)
        ptr = bytearray(m + 1)
        row[0] = prev[0] + 1
        ptr[0] = _UP
        left = row[0]
        for j in range(1, m + 1):
            best = prev[j - 1] + (0 if s[j - 1] == qi else 1)
            how = _DIAG
            cand = left + (0 if free else 1)
            if cand < best:
                best, how = cand, _LEFT
            cand = prev[j] + 1
            if cand < best:
                best, how = cand, _UP
            row[j] = left = best
            ptr[j] = how
        back.append(ptr)
        prev = row
    # The source's words after the quote are free: end where the cost is least,
    # preferring an end on a matched or changed word to one on a word the quote added.
    best_j, best_cost = 0, inf
    for j in range(m + 1):
        c = prev[j]
        if c < best_cost or (c == best_cost and back[n][j] == _DIAG and back[n][best_j] != _DIAG):
            best_j, best_cost = j, c
    # Trace back into single steps, then merge runs of one tag into opcodes.
    steps: list[tuple[str, int, int]] = []
    i, j = n, best_j
    while i > 0:
        how = back[i][j]
        if how == _DIAG:
            steps.append(("equal" if q[i - 1] == s[j - 1] else "replace", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif how == _UP:
            steps.append(("insert", i - 1, j))
            i -= 1
        else:
            steps.append(("elided" if i in free_rows else "delete", i, j - 1))
            j -= 1
    steps.reverse()
    return _merge(steps), best_cost


def _merge(steps: list[tuple[str, int, int]]) -> list[tuple[str, int, int, int, int]]:
    ops: list[list] = []
    for tag, i, j in steps:
        qi = (i, i + 1) if tag in ("equal", "replace", "insert") else (i, i)
        sj = (j, j + 1) if tag in ("equal", "replace", "delete", "elided") else (j, j)
        if ops and ops[-1][0] == tag:
            ops[-1][2], ops[-1][4] = qi[1], sj[1]
        else:
            ops.append([tag, qi[0], qi[1], sj[0], sj[1]])
    # A replace next to an insert/delete reads better as one replace ("a b" -> "c").
    out: list[list] = []
    for op in ops:
        if out and {out[-1][0], op[0]} <= {"replace", "insert", "delete"} \
                and "replace" in (out[-1][0], op[0]):
            out[-1][0], out[-1][2], out[-1][4] = "replace", op[2], op[4]
        else:
            out.append(op)
    return [tuple(op) for op in out]


def window(qn: list[str], positions: dict[str, list[int]], m: int,
           breaks: set[int]) -> tuple[int, int]:
    """The part of a passage of ``m`` words worth aligning a quote with.

    Each quote word votes for the offsets (source position minus quote position) where it
    recurs; each stretch of the quote between its breaks picks its best offset, and the
    window spans them all with some slack for added or dropped words.
    """
    n = len(qn)
    bounds = [0, *sorted(breaks), n]
    use_all = not any(is_content(w) for w in qn)
    lo, hi = m, 0
    for a, b in zip(bounds, bounds[1:]):
        votes: Counter[int] = Counter()
        for i in range(a, b):
            w = qn[i]
            if use_all or is_content(w):
                for j in positions.get(w, ())[:200]:
                    votes[(j - i) // 3] += 1
        if not votes:
            continue
        d = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))[0] * 3
        lo, hi = min(lo, d + a), max(hi, d + b + 3)
    if hi <= lo:
        return 0, 0
    slack = 4 + n // 3
    lo, hi = max(0, lo - slack), min(m, hi + slack)
    if hi - lo > MAX_WINDOW:
        hi = lo + MAX_WINDOW
    return lo, hi


def align(quote: QuoteWords, quote_text: str, source: list[Word], source_text: str,
          kind: str, positions: dict[str, list[int]] | None = None) -> Alignment:
    """Align a quote with one source passage and say what the reporter did.

    :param quote: the quote's words (offsets into ``quote_text``, the article)
    :param source: the passage's words (offsets into ``source_text``)
    :param kind: the quote's kind; reported speech is reworded by nature, so its changes
        make a paraphrase, never an "altered" quote
    :param positions: each normalised source word's indexes in ``source`` (computed when
        not given; pass it to align several quotes with one passage)
    """
    qn = [w.norm for w in quote.words]
    n = len(qn)
    if not n or not source:
        return Alignment(None, 0.0)
    if positions is None:
        positions = index_words(source)
    # Most candidates share a word or two and nothing more: neither an alignment with
    # half the words equal nor a paraphrase can come of a passage holding under a third
    # of the quote's words, so it is not aligned at all.
    if sum(w in positions for w in qn) < PREFILTER_SHARE * n:
        return Alignment(None, 0.0)
    exact = _exact(quote, qn, source, positions)
    if exact is not None:  # word for word: the common case, and no programme needed
        return _judge(quote, quote_text, source, source_text, 0, exact, kind)
    lo, hi = window(qn, positions, len(source), set(quote.breaks))
    if hi > lo:
        sn = [w.norm for w in source[lo:hi]]
        ops, _cost = fit(qn, sn, set(quote.breaks))
        result = _judge(quote, quote_text, source, source_text, lo, ops, kind)
        if result.verdict is not None:
            return result
    return _paraphrase(quote, source, positions, kind)


def _exact(quote: QuoteWords, qn: list[str], source: list[Word],
           positions: dict[str, list[int]]) -> list[tuple[str, int, int, int, int]] | None:
    """Opcodes when each stretch of the quote (between its breaks) is in the source word
    for word and in order; ``None`` otherwise. The same result the programme gives for
    such a quote, found by looking the stretches up instead of filling a table."""
    bounds = [0, *sorted(quote.breaks), len(qn)]
    ops: list[tuple[str, int, int, int, int]] = []
    at = 0  # source index after the previous stretch
    for a, b in zip(bounds, bounds[1:]):
        seg = qn[a:b]
        starts = ([at] if ops else []) + [j for j in positions.get(seg[0], ()) if j >= at]
        j = next((j for j in starts if j + len(seg) <= len(source)
                  and all(source[j + k].norm == seg[k] for k in range(len(seg)))), None)
        if j is None:
            return None
        if ops:
            ops.append(("elided", a, a, at, j))
        ops.append(("equal", a, b, j, j + len(seg)))
        at = j + len(seg)
    return ops


def index_words(source: list[Word]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for j, w in enumerate(source):
        positions.setdefault(w.norm, []).append(j)
    return positions


def _judge(quote: QuoteWords, quote_text: str, source: list[Word], source_text: str,
           lo: int, ops: list[tuple[str, int, int, int, int]], kind: str) -> Alignment:
    n = len(quote.words)
    equal = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    changed = any(tag in ("replace", "insert", "delete") for tag, *_ in ops)
    elided = any(tag == "elided" and quote.breaks.get(i1) in ("ellipsis", "split")
                 and j2 > j1 for tag, i1, _, j1, j2 in ops)
    dropped = sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag == "delete")
    longest = max((i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal"), default=0)
    score = equal / (n + dropped)
    if not changed:
        verdict = "elided" if elided else "verbatim"
    elif n >= ALTERED_MIN_WORDS and equal / n >= ALTERED_MIN_SHARE \
            and longest >= ALTERED_MIN_RUN and score >= ALTERED_MIN_SHARE:
        verdict = "paraphrase" if kind == "reported" else "altered"
    else:
        return Alignment(None, score)
    spans = [(j1, j2) for tag, _, _, j1, j2 in ops if tag != "insert" and j2 > j1]
    start = source[lo + spans[0][0]].start if spans else None
    end = source[lo + spans[-1][1] - 1].end if spans else None

    def make_diff() -> list[DiffOp]:
        diff = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "elided" and (j2 == j1 or quote.breaks.get(i1) == "part"):
                continue  # nothing skipped, or the reporter's own words between parts
            q_words = "" if tag == "elided" else _surface(
                quote_text, quote.words[i1:i2], {b - i1 for b in quote.breaks if i1 < b < i2})
            diff.append(DiffOp(tag, q_words, _surface(source_text, source[lo + j1:lo + j2])))
        return diff

    return Alignment(verdict, round(score, 3), start, end, make_diff)


def _surface(text: str, ws: list[Word], cuts: set[int] = frozenset()) -> str:
    """Words as written (punctuation between them kept), for showing a diff.

    :param cuts: indexes into ``ws`` where the quote breaks (the cue of a split quote, an
        ellipsis): what lies between is not the quote's and is left out
    """
    if not ws:
        return ""
    pieces, first = [], 0
    for k in sorted(cuts) + [len(ws)]:
        pieces.append(text[ws[first].start:ws[k - 1].end])
        first = k
    return " ".join(" ".join(pieces).split())


def _paraphrase(quote: QuoteWords, source: list[Word], positions: dict[str, list[int]],
                kind: str) -> Alignment:
    """Mostly the same content words, in any order, within a stretch of the source."""
    # Compared by stems: a paraphrase says "halting" where the source said "halt".
    content = {stem(w.norm) for w in quote.words if is_content(w.norm)}
    need_share, need_words = (0.6, 3) if kind == "reported" else (0.75, 4)
    if len(content) < need_words:
        return Alignment(None, 0.0)
    stems: dict[str, list[int]] = {}
    for w, js in positions.items():
        if is_content(w):
            stems.setdefault(stem(w), []).extend(js)
    hits = sorted((j, w) for w in content for j in stems.get(w, ())[:200])
    if not hits:
        return Alignment(None, 0.0)
    span = max(2 * len(quote.words), 25)
    best, best_lo, best_hi = 0, 0, 0
    a = 0
    seen: Counter[str] = Counter()
    for b in range(len(hits)):
        seen[hits[b][1]] += 1
        while hits[b][0] - hits[a][0] >= span:
            seen[hits[a][1]] -= 1
            if not seen[hits[a][1]]:
                del seen[hits[a][1]]
            a += 1
        if len(seen) > best:
            best, best_lo, best_hi = len(seen), hits[a][0], hits[b][0]
    share = best / len(content)
    if share < need_share or best < need_words:
        return Alignment(None, round(share, 3))
    return Alignment("paraphrase", round(share, 3), source[best_lo].start, source[best_hi].end)
