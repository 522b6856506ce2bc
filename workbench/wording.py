"""Words for comparing a quote with its sources: typography never counts, words always do.

A quote and a source are compared as sequences of normalised words, each keeping its
character offsets in the original text (which is never rewritten). Quote marks, dashes,
ellipsis characters, spacing, case and punctuation are not words, so they can never show
up as a change; a changed, added or dropped word always does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from .extract.marks import find_segments

# Letters and digits, with apostrophes inside a word kept ("don't", "Syria's"). "_" is a
# word character to \w but never a word of a quote.
_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")
# "...", ". . ." and "…" mark words the reporter left out; so do "[...]" and "(...)".
_ELLIPSIS = re.compile(r"[\[(]?(?:\.\s?){3,}[\])]?|[\[(]?\u2026[\])]?")

# Words that carry no content on their own: a paraphrase is judged by the others.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves also said says say
told tell according would shall may might must us let it's i'm we're they're that's there's
""".split())


@dataclass(frozen=True)
class Word:
    norm: str   # lower case, curly apostrophes straightened, accents kept
    start: int  # offsets into the text the word came from
    end: int


def normalise(word: str) -> str:
    """The form two words are compared in: NFKC, lower case, one kind of apostrophe."""
    word = unicodedata.normalize("NFKC", word).casefold()
    return word.replace("\u2019", "'").replace("\u02bc", "'")


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Word(normalise(m.group()), m.start(), m.end())
            for m in _WORD.finditer(text, start, end)]


_STEMMER = SnowballStemmer("english")


@lru_cache(maxsize=65536)
def stem(norm: str) -> str:
    """The English stem of a normalised word (Snowball; no downloaded data needed)."""
    return _STEMMER.stem(norm)


def is_content(norm: str) -> bool:
    return norm not in STOPWORDS and (len(norm) > 2 or norm.isdigit())


@dataclass
class QuoteWords:
    """A quote as the words it claims the speaker said.

    ``words`` runs through every part of the quote in order; ``breaks`` maps the indexes
    (into ``words``) where the quote itself allows words of the source to be missing to
    why: ``ellipsis`` (the quote marks the cut), ``split`` (the cue between the fragments
    of a split quote) or ``part`` (the reporter's own words between the quoted parts of a
    mixed quote, where skipping the source's words is no change at all).
    """

    words: list[Word]
    breaks: dict[int, str]


def quote_words(text: str, fragments: list[tuple[int, int]], kind: str) -> QuoteWords:
    """The words of a quote in ``text`` (the article) from its fragments.

    :param fragments: character spans of the quote's parts, in order
    :param kind: ``direct``, ``mixed`` or ``reported``; a mixed quote is compared by the
        parts inside its quote marks only (the rest is the reporter's wording)
    """
    parts: list[tuple[int, int, str]] = []
    for start, end in fragments:
        if kind == "mixed":
            inner = [(seg.inner_start, seg.inner_end)
                     for seg in find_segments(text[start:end], [(0, end - start)])]
            parts.extend((start + s, start + e, "part") for s, e in inner if e > s)
        else:
            parts.append((start, end, "split"))
    if kind == "mixed" and not parts:  # marks not found: the whole span is compared
        parts = [(s, e, "split") for s, e in fragments]
    out: list[Word] = []
    breaks: dict[int, str] = {}
    for start, end, why in parts:
        if out:
            breaks[len(out)] = why
        pos = start
        for m in [*_ELLIPSIS.finditer(text, start, end), None]:
            out.extend(words(text, pos, m.start() if m else end))
            if m is not None:
                breaks[len(out)] = "ellipsis"
                pos = m.end()
    # A break before the first word or after the last changes nothing: the source's
    # words before and after a quote are never counted anyway.
    return QuoteWords(out, {i: why for i, why in breaks.items() if 0 < i < len(out)})
