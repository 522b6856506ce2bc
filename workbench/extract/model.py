"""Result dataclasses of the extractor (plain, picklable)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Speaker:
    name: str                      # canonical: "Sergei Lavrov", "the newspaper", "officials"
    kind: str                      # "person" | "organisation" | "group" | "unknown"
    role: str | None = None        # "Russian Foreign Minister"
    aliases: list[str] = field(default_factory=list)  # surface name mentions seen in the article
    gender: str | None = None      # "m" / "f" / None


@dataclass
class Quote:
    start: int
    end: int
    fragments: list[tuple[int, int]]
    text: str
    kind: str                      # "direct" | "mixed" | "reported"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    confidence: float = 0.5
    rule: str = ""


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
