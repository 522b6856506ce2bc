"""Quote -> the prediction record score.py reads."""
from __future__ import annotations

from .model import Extraction


def to_prediction(doc_id, ex: Extraction) -> dict:
    out = []
    for q in ex.quotes:
        out.append({
            "start": q.start, "end": q.end, "text": q.text,
            "fragments": [[s, e] for s, e in q.fragments],
            "speaker": q.speaker, "speaker_mention": q.speaker_mention,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "speaker_role": q.speaker_role,
            "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end,
            "confidence": q.confidence, "rule": q.rule,
        })
    return {"id": doc_id, "quotes": out}
