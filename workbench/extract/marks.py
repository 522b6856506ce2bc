"""Quotation marks: find quoted segments with offsets (marks included).

Handles straight ("), curly (“ ”), low (\u201e), guillemets (« » and reversed), the
double-apostrophe style ('' ... '') and single marks (‘ ’ / ') outside double quotes.
Apostrophes inside words ("don't", "Sanders’ plan") are never taken as marks.
Pairing is paragraph-local: a stray mark can only disturb its own paragraph.
A paragraph that opens a quote and leaves it open continues into the next paragraph when that
one opens with a mark (multi-paragraph quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# every alternative a single literal opening (not one character class): the regex engine then knows
# the possible first characters and skips the text between marks in one fast loop, twice as fast
_DOUBLE = re.compile(r"''|``|\"|\u201c|\u201d|\u201e|\u201f|\u00ab|\u00bb|\u2033")
_OPENERS = "\u201c\u201e\u201f\u00ab`"
_CLOSERS = "\u201d\u00bb"
_PAIR_CLOSE = {"\u201e": "\u201c\u201d", "\u00bb": "\u00ab\u00bb", "\u00ab": "\u00bb"}
_OPEN_PRE = set(" \t\n\u00a0([{\u2014\u2013-/:;,") | {""}


@dataclass
class Segment:
    start: int            # offset of the opening mark
    end: int              # offset after the closing mark (or paragraph end if left open)
    inner_start: int
    inner_end: int
    para: int             # paragraph index
    closed: bool = True
    continued: bool = False   # continues an open quote of the previous paragraph
    open_end: bool = False    # left open at paragraph end, continued by the next paragraph
    single: bool = False      # single-mark quote


def _ctx(text, i, j):
    prev = text[i - 1] if i > 0 else ""
    nxt = text[j] if j < len(text) else ""
    return prev, nxt


def _classify(text, m):
    """'o' opener, 'c' closer, '?' ambiguous."""
    s, e = m.span()
    ch = m.group()
    prev, nxt = _ctx(text, s, e)
    openish = (prev in _OPEN_PRE or prev.isspace()) and nxt != "" and not nxt.isspace()
    closeish = (nxt == "" or nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-'\u2019") and prev != "" \
        and not prev.isspace()
    if ch in ("``",) or ch in _OPENERS:
        return "o" if not closeish or ch == "``" else ("c" if ch == "\u201c" else "o")
    if ch in _CLOSERS:
        if openish and not closeish:
            return "O"   # weak opener (Swedish/Germanic style or typo)
        return "c"
    if openish and not closeish:
        return "o"
    if closeish and not openish:
        return "c"
    return "?"


def _pair_para(text, ps, pe, pidx, carry_open):
    """Pair double marks in one paragraph.  Returns (segments, open_at_end)."""
    segs = []
    cur = None   # (start, inner_start, opener char)
    marks = list(_DOUBLE.finditer(text, ps, pe))
    for m in marks:
        kind = _classify(text, m)
        ch = m.group()
        if cur is None:
            if kind in ("o", "?", "O"):
                cur = (m.start(), m.end(), ch)
            # stray closer: ignore
            continue
        # inside a quote
        opener = cur[2]
        if kind == "o" and ch != "\u201c":
            # a clear opener inside a quote: the previous opener was stray
            if m.start() - cur[1] > 0:
                cur = (m.start(), m.end(), ch)
                continue
        if kind == "o" and ch == "\u201c" and opener not in "\u201e":
            cur = (m.start(), m.end(), ch)
            continue
        if opener == "''" and ch == '"' or opener == '"' and ch == "''":
            continue  # different style: nested or stray
        segs.append(Segment(cur[0], m.end(), cur[1], m.start(), pidx))
        cur = None
    open_end = False
    if cur is not None:
        segs.append(Segment(cur[0], pe, cur[1], pe, pidx, closed=False))
        open_end = True
    return segs, open_end


_SINGLE = re.compile(r"[\u2018\u2019']")


def _outside(marks, spans):
    """The marks (in text order) that lie in none of spans (sorted, non-overlapping): one walk over
    both, as a paragraph's apostrophes far outnumber its quotes."""
    out = []
    k = 0
    n = len(spans)
    for m in marks:
        pos = m.start()
        while k < n and spans[k][1] <= pos:
            k += 1
        if k == n or pos < spans[k][0]:
            out.append(m)
    return out


def _single_segments(text, ps, pe, pidx, taken):
    """Single-mark quotes ('Possible Options') outside double quotes, short only."""
    out = []
    marks = list(_SINGLE.finditer(text, ps, pe))
    if taken:   # most paragraphs hold no double quotes: nothing to test the apostrophes against
        marks = _outside(marks, taken)
    k = 0
    while k < len(marks):
        m = marks[k]
        s = m.start()
        prev, nxt = _ctx(text, s, s + 1)
        if (prev == "" or prev.isspace() or prev in "([{\u2014\u2013-/:") and nxt.isalnum() and \
                not (m.group() == "\u2019" and text[s + 1:s + 3].lower() in ("s ", "em", "ti", "90", "80")):
            # find a closer
            for k2 in range(k + 1, min(len(marks), k + 12)):
                c = marks[k2]
                cs = c.start()
                if c.group() == "\u2018":
                    break
                cp, cn = _ctx(text, cs, cs + 1)
                if cp.isalnum() and cn.isalnum():
                    continue  # apostrophe inside a word
                if cp.isspace():
                    continue
                if cp in "sS" and cn.isspace() and k2 + 1 < len(marks) and marks[k2 + 1].start() - cs < 80:
                    continue  # likely plural possessive, a later closer exists
                if cn == "" or cn.isspace() or cn in ".,;:!?)]}\u2014\u2013-":
                    if 1 < cs - s < 300 and "\n" not in text[s:cs]:
                        out.append(Segment(s, cs + 1, s + 1, cs, pidx, single=True))
                        k = k2
                    break
        k += 1
    return out


def find_segments(text: str, paras: list[tuple[int, int]]) -> list[Segment]:
    out: list[Segment] = []
    prev_open = False
    for pidx, (ps, pe) in enumerate(paras):
        segs, open_end = _pair_para(text, ps, pe, pidx, prev_open)
        if prev_open:
            if segs and segs[0].start == ps:
                segs[0].continued = True
                out[-1].open_end = True
            else:
                # previous paragraph's open quote is not continued: keep it only if it
                # started its paragraph or followed a colon (quote missing its closing mark)
                last = out[-1]
                lp = paras[last.para][0]
                before = text[lp:last.start].rstrip()
                if not (last.start == lp or before.endswith(":") or before.endswith(",")):
                    out.pop()
        taken = [(s.start, s.end) for s in segs]
        singles = _single_segments(text, ps, pe, pidx, taken)
        if singles:
            segs = sorted(segs + singles, key=lambda s: s.start)
        out.extend(segs)
        prev_open = open_end
    if prev_open and out:
        last = out[-1]
        lp = paras[last.para][0]
        before = text[lp:last.start].rstrip()
        if not (last.start == lp or before.endswith(":") or before.endswith(",")):
            out.pop()
    return out
