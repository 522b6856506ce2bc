"""Quote -> the prediction record score.py reads."""
from __future__ import annotations

from .model import Extraction


def to_prediction(doc_id, ex: Extraction) -> dict:
    """The record of one article in the evaluation format (``extract --jsonl``).

    Speakers follow PolNeAR's convention, which the gold files use: a quote reported through an
    outer source ('X said ..., CNN reported', '... according to a pool report') is credited to that
    source, while the workbench stores the person as the speaker and the source as ``reported_by``.
    Such quotes also carry the person as ``inner_speaker`` (name, mention and offsets).
    """
    out = []
    for q in ex.quotes:
        outer = q.reported_by_mention is not None
        rec = {
            "start": q.start, "end": q.end, "text": q.text,
            "fragments": [[s, e] for s, e in q.fragments],
            "speaker": q.reported_by if outer else q.speaker,
            "speaker_mention": q.reported_by_mention if outer else q.speaker_mention,
            "speaker_start": q.reported_by_start if outer else q.speaker_start,
            "speaker_end": q.reported_by_end if outer else q.speaker_end,
            "speaker_role": q.reported_by_role if outer else q.speaker_role,
            "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end,
            "confidence": q.confidence, "rule": q.rule,
        }
        if outer:
            rec.update(inner_speaker=q.speaker, inner_speaker_mention=q.speaker_mention,
                       inner_speaker_start=q.speaker_start, inner_speaker_end=q.speaker_end)
        out.append(rec)
    return {"id": doc_id, "quotes": out}
