"""Turning an uploaded or pasted file into article text and its metadata fields.

The stored text is what every offset points into, so it is decided here once: newlines
are normalised, HTML is reduced to its main text, and nothing else is rewritten.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

MAX_TITLE = 300
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(?P<month>{_MONTHS})\.? (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS})\.? (?P<year>(?:19|20)\d\d)\b"),
]
_MONTH_NUM = {m.lower(): i for i, m in enumerate(_MONTHS.split("|")[:12], 1)}
_MONTH_NUM.update({m.lower(): _MONTH_NUM[full.lower()] for m, full in [
    ("Jan", "January"), ("Feb", "February"), ("Mar", "March"), ("Apr", "April"), ("Jun", "June"),
    ("Jul", "July"), ("Aug", "August"), ("Sep", "September"), ("Sept", "September"),
    ("Oct", "October"), ("Nov", "November"), ("Dec", "December")]})
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Outlet|Publisher)\s*:\s*(?P<outlet>.+?)\s*$", re.I | re.M)
_DATE_LINE = re.compile(r"^\s*(?:Date|Published|Dateline)\s*:\s*(?P<date>.+?)\s*$", re.I | re.M)


class DocumentError(ValueError):
    """The input cannot become an article; the message says why, for the person who sent it."""


@dataclass
class Document:
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date where the text gives one
    filename: str | None = None
    url: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """Hash that treats texts differing only in surrounding or trailing-line whitespace as one."""
    canonical = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(raw: bytes, filename: str = "input") -> str:
    """Decode uploaded bytes as UTF-8, refusing binary files rather than storing garbage."""
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{filename}: looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{filename}: is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
    return text


def from_text(text: str, filename: str | None = None, title: str | None = None) -> Document:
    """Build a document from plain text, reading headline, Source: line and date into fields."""
    text = normalise_newlines(text)
    check_text(text, filename)
    return Document(
        text=text,
        title=title or guess_title(text, filename),
        outlet=guess_outlet(text),
        published=guess_date(text),
        filename=filename,
    )


def check_text(text: str, filename: str | None = None) -> None:
    """:raises DocumentError: the text cannot be stored as an article"""
    if not text.strip():
        raise DocumentError(f"{filename or 'The text'} is empty: there is no article to ingest")
    if "\x00" in text:
        raise DocumentError(f"{filename or 'The text'} contains NUL characters: not an article")


def from_html(html: str, filename: str | None = None, url: str | None = None) -> Document:
    """Reduce an HTML page to its main article text with trafilatura, keeping its metadata."""
    import trafilatura  # heavy import, only needed for HTML

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise DocumentError(f"{filename or url or 'The page'}: no article text found in the HTML")
    title = getattr(extracted, "title", None)
    # Blank lines between paragraphs: the extractor splits paragraphs on them.
    body = re.sub(r"\n+", "\n\n", normalise_newlines(body).strip())
    text = f"{title}\n\n{body}" if title else body
    doc = from_text(text, filename=filename, title=title)
    doc.outlet = getattr(extracted, "sitename", None) or doc.outlet
    doc.published = getattr(extracted, "date", None) or doc.published
    doc.url = url or getattr(extracted, "url", None)
    return doc


def from_upload(raw: bytes, filename: str) -> Document:
    """Parse one uploaded file by its extension.

    :raises DocumentError: unsupported type, binary, invalid UTF-8 or empty
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"{filename}: unsupported file type {suffix!r}; upload .txt, .md or .html files"
        )
    text = decode(raw, filename)
    if suffix in HTML_SUFFIXES:
        return from_html(text, filename=filename)
    return from_text(text, filename=filename)


def guess_title(text: str, filename: str | None = None) -> str | None:
    """The first line when it reads as a headline: short and followed by a blank line."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    first = first.strip().lstrip("#").strip()
    if first and len(first) <= MAX_TITLE and (rest.startswith("\n") or not rest.strip()):
        return first
    if filename:
        return PurePath(filename).stem.replace("_", " ").replace("-", " ")
    return None


def guess_outlet(text: str) -> str | None:
    match = _SOURCE_LINE.search(text)
    return match.group("outlet")[:200] if match else None


def guess_date(text: str) -> str | None:
    """An explicit calendar date from a Date: line, or else the first one in the text, as ISO."""
    line = _DATE_LINE.search(text)
    haystacks = [line.group("date")] if line else []
    haystacks.append(text[:5000])
    for hay in haystacks:
        for pattern in _DATE_PATTERNS:
            match = pattern.search(hay)
            if not match:
                continue
            if pattern is _DATE_PATTERNS[0]:
                y, m, d = (int(g) for g in match.groups())
            else:
                y = int(match.group("year"))
                m = _MONTH_NUM[match.group("month").lower()]
                d = int(match.group("day"))
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    return None
