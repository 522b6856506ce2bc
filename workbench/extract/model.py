"""Result dataclasses of the extractor (plain, picklable)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


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
    # the outer source the speaker's words are reported through ('X said ..., CNN reported',
    # '... according to a pool report'); PolNeAR credits it, a desk wants the person and the source
    reported_by: str | None = None
    reported_by_mention: str | None = None
    reported_by_start: int | None = None
    reported_by_end: int | None = None
    reported_by_role: str | None = None


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Rule:
    """One way of finding a quote or its speaker. Each finder module declares its rules next to the
    code (direct.RULES, reported.RULES, pipeline.RULES); rules.REGISTRY holds them all. Control flow
    reads the flags below, never the rule's name."""
    name: str                      # as written in Quote.rule: "reported.said_that"
    kind: str                      # "direct" | "reported" | "mixed" | "adjustment" (changes another rule's speaker)
    find: Callable                 # the function that finds the quote (or, for an adjustment, the new speaker)
    speaker: Callable | None       # the function that picks the speaker mention (None: nobody is named)
    description: str               # one line, repeated in docs/extraction.md
    confidence: float | None = None    # fixed confidence where the rule sets one
    relative: bool = False         # the mention is a relative pronoun ("X, who said ..."), resolved to its antecedent
    according: bool = False        # the cue is "according to"
    tag_after: bool = False        # the attribution follows the quoted words ('"...," X said' / ', said X')
    shares_cue: bool = False       # a direct quote credited through the cue of the quote before it
    unattributed: bool = False     # no attribution of its own: the speaker comes from the context
    subject_elsewhere: bool = False   # the speaker is the subject of another verb or clause (a partial quote,
                                      # coordinated verbs, a participle, a relative pronoun), not of the cue itself
