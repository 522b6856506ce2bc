"""Primary sources as passages: transcript turns with their speakers, and who a label names.

A speaker label at the start of a line (``PUTIN:``, ``SECRETARY KERRY:``, ``MR. LAVROV:``,
``Vladimir Putin:``, ``Q:``) opens a turn that runs to the next label. Text before the
first label, or a document with no labels at all, is one passage given to the document's
stated speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .extract.sentences import paragraphs

# One to five capitalised words (or Q / QUESTION), then a colon, at the start of a line.
# No commas or digits: "Moscow, June 3:" or "10:30" are not speakers.
_LABEL = re.compile(
    r"^[ \t]*(?P<label>(?:[A-Z][\w.'\u2019-]*[ \t]+){0,4}[A-Z][\w.'\u2019-]*)[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE)
QUESTION_LABELS = {"q", "question", "questions", "reporter", "journalist", "audience"}
# A label's last word that names a role rather than a person ("THE PRESIDENT:").
_ROLE_WORDS = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "moderator", "chairman", "chair", "ambassador", "host", "interviewer", "speaker",
    "operator", "announcer", "participant", "voice", "translator", "interpreter", "note",
}
MAX_LABEL = 48
QUESTION = "Question"  # the speaker of a Q: turn


@dataclass
class Passage:
    start: int
    end: int
    speaker: str | None  # the label as written ("SECRETARY KERRY"), or the stated speaker
    label: bool  # the speaker comes from a label in the text


def turns(text: str, speaker: str | None = None) -> list[Passage]:
    """A primary source's passages: its labelled turns, or the whole text as one.

    :param speaker: the document's stated speaker (for text outside any labelled turn)
    """
    labels = [m for m in _LABEL.finditer(text) if len(m.group("label")) <= MAX_LABEL
              and _is_label(m.group("label"))]
    out: list[Passage] = []
    first = labels[0].start() if labels else len(text)
    if text[:first].strip():
        out.append(_trimmed(text, 0, first, speaker, False))
    for m, nxt in zip(labels, [*labels[1:], None]):
        end = nxt.start() if nxt else len(text)
        label = m.group("label")
        name = QUESTION if _last_word(label) in QUESTION_LABELS else label
        if text[m.end():end].strip():
            out.append(_trimmed(text, m.end(), end, name, True))
    return out


def article_passages(text: str) -> list[Passage]:
    """An article's passages: its paragraphs (a report of the same words elsewhere)."""
    return [Passage(s, e, None, False) for s, e in paragraphs(text) if text[s:e].strip()]


def _trimmed(text: str, start: int, end: int, speaker: str | None, label: bool) -> Passage:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Passage(start, end, speaker, label)


def _is_label(label: str) -> bool:
    # Words of a sentence start ("Asked about it: ...") are mostly lower case after the
    # first; a label is every word capitalised, or all in capitals.
    words = label.split()
    return all(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in label)


def _last_word(label: str) -> str:
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", label.casefold())
    return words[-1] if words else ""


def same_speaker(label: str | None, name: str | None, aliases: list[str] = ()) -> bool | None:
    """Whether a transcript label names the quote's resolved speaker.

    Compared by the label's last word ("SECRETARY KERRY" -> kerry) against every word of
    the speaker's name and aliases. ``None`` when it cannot be told: no label or no
    speaker, or a label that names a role ("THE PRESIDENT").
    """
    if not label or not name:
        return None
    if label == QUESTION:
        return False  # the words are a journalist's question, not the speaker's
    last = _last_word(label).removesuffix("'s")
    if not last:
        return None
    names = set()
    for n in [name, *aliases]:
        names.update(w.removesuffix("'s") for w in re.findall(r"[^\W\d_][\w'\u2019-]*", n.casefold()))
    if last in names:
        return True
    # "THE PRESIDENT:" names a role: it may or may not be the quote's speaker.
    return None if last in _ROLE_WORDS else False
