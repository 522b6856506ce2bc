"""Splitting an article's text into runs for showing its quotes highlighted in place."""
from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    start: int
    quote_ids: list[int] = field(default_factory=list)  # quotes covering this run, by start
    speaker_of: list[int] = field(default_factory=list)  # quotes whose speaker mention it is
    cue_of: list[int] = field(default_factory=list)


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
    """
    marks: dict[str, list[tuple[int, int, int]]] = {"quote": [], "speaker": [], "cue": []}
    cuts = {0, len(text)}
    for q in quotes:
        for s, e in _spans(q):
            marks["quote"].append((s, e, q["id"]))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            marks["speaker"].append((q["speaker_start"], q["speaker_end"], q["id"]))
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            marks["cue"].append((q["cue_start"], q["cue_end"], q["id"]))
    for spans in marks.values():
        for s, e, _ in spans:
            if 0 <= s < e <= len(text):
                cuts.update((s, e))
    # Paragraph breaks are cuts too, so each run sits inside one paragraph.
    pos = text.find("\n\n")
    while pos != -1:
        cuts.add(pos)
        pos = text.find("\n\n", pos + 2)
    bounds = sorted(cuts)
    out: list[Paragraph] = []
    current = Paragraph(0, [])
    for s, e in zip(bounds, bounds[1:]):
        chunk = text[s:e]
        if chunk.startswith("\n\n"):
            if current.runs:
                out.append(current)
            stripped = chunk.lstrip("\n")
            s += len(chunk) - len(stripped)
            chunk = stripped
            current = Paragraph(s, [])
            if not chunk:
                continue
        run = Run(chunk, s)
        run.quote_ids = [i for qs, qe, i in marks["quote"] if qs <= s and e <= qe]
        run.speaker_of = [i for qs, qe, i in marks["speaker"] if qs <= s and e <= qe]
        run.cue_of = [i for qs, qe, i in marks["cue"] if qs <= s and e <= qe]
        current.runs.append(run)
    if current.runs:
        out.append(current)
    return out
