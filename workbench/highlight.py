"""Splitting an article's text into runs for showing its quotes highlighted in place."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass


_BREAK = re.compile(r"\n\n+")


@dataclass(slots=True)
class Run:
    text: str
    start: int
    quote_ids: tuple[int, ...] = ()  # quotes covering this run, by start
    speaker_of: tuple[int, ...] = ()  # quotes whose speaker mention it is
    cue_of: tuple[int, ...] = ()


@dataclass
class Paragraph:
    start: int
    runs: list[Run]


def _spans(quote: dict) -> list[tuple[int, int]]:
    frags = quote.get("fragments")
    if isinstance(frags, str):
        frags = json.loads(frags or "[]")
    return [tuple(f) for f in frags] if frags else [(quote["start"], quote["end"])]


def paragraphs(text: str, quotes: list[dict]) -> list[Paragraph]:
    """Runs of text between every quote, speaker and cue boundary, grouped by paragraph.

    Overlapping quotes are fine: a run lists every quote that covers it. Text is not
    escaped here; the template does that, so hostile text stays inert.

    One sweep over the sorted boundaries, keeping the set of marks open at each point:
    O((text + marks) log marks), where testing every mark against every run was
    O(runs x marks), which grows with the square of the article's length.
    """
    n = len(text)
    kinds = ("quote", "speaker", "cue")
    # (kind, order, quote id) opening and closing at each offset; ``order`` keeps a run's
    # ids in the order the quotes were given (by start), as the template expects.
    opens: dict[int, list[tuple[int, int, int]]] = {}
    closes: dict[int, list[tuple[int, int, int]]] = {}
    cuts = {0, n}
    order = 0

    def add(kind: int, s, e, quote_id: int) -> None:
        nonlocal order
        order += 1
        s, e = max(int(s), 0), min(int(e), n)
        if s < e:
            opens.setdefault(s, []).append((kind, order, quote_id))
            closes.setdefault(e, []).append((kind, order, quote_id))
            cuts.update((s, e))

    for q in quotes:
        for s, e in _spans(q):
            add(0, s, e, q["id"])
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            add(1, q["speaker_start"], q["speaker_end"], q["id"])
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            add(2, q["cue_start"], q["cue_end"], q["id"])
    # Blank lines between paragraphs are cut out, so each run sits inside one paragraph
    # (even when a mark starts or ends among the newlines).
    breaks = {}
    for m in _BREAK.finditer(text):
        breaks[m.start()] = m.end()
        cuts.update(m.span())
    bounds = sorted(cuts)
    skip_until = -1
    active: list[dict[int, int]] = [{} for _ in kinds]  # per kind: order -> quote id
    ids: list[tuple[int, ...]] = [(), (), ()]
    out: list[Paragraph] = []
    current = Paragraph(0, [])
    for s, e in zip(bounds, bounds[1:]):
        changed = set()
        for kind, o, _ in closes.get(s, ()):
            active[kind].pop(o, None)
            changed.add(kind)
        for kind, o, quote_id in opens.get(s, ()):
            active[kind][o] = quote_id
            changed.add(kind)
        for kind in changed:
            act = active[kind]
            ids[kind] = tuple(act[o] for o in sorted(act)) if act else ()
        if s in breaks:
            skip_until = breaks[s]
            if current.runs:
                out.append(current)
            current = Paragraph(skip_until, [])
        if s < skip_until:
            continue
        chunk = text[s:e]
        # Tuples are shared between runs (immutable) and not tracked by the cyclic GC,
        # whose passes over millions of tracked objects made this superlinear.
        current.runs.append(Run(chunk, s, ids[0], ids[1], ids[2]))
    if current.runs:
        out.append(current)
    return out
