"""Turning an uploaded or pasted file into article text and its metadata fields.

The stored text is what every offset points into, so it is decided here once: newlines
are normalised, HTML is reduced to its main text, and nothing else is rewritten.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
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
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# A wire story's dateline: "WASHINGTON (AP) —", "MOSCOW, June 3 (Reuters) -",
# "SAN JUAN, Puerto Rico (AP) --", "PARIS (AFP) -": a place in capitals, perhaps a region
# or a day after a comma, the agency in brackets, then a dash.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\u2019 -]*[A-Z.](?:,[ \t]*[A-Z][\w.' -]{0,40}?)?(?:,[ \t]*[\w. ]{1,20})?"
    r"[ \t]*\((?P<agency>[A-Za-z][A-Za-z&. -]{0,40}?)\)[ \t]*(?:--|[-\u2013\u2014])",
    re.M)
AGENCIES = {
    "ap": "Associated Press", "afp": "Agence France Presse", "reuters": "Reuters",
    "upi": "United Press International", "dpa": "dpa", "xinhua": "Xinhua",
    "efe": "EFE", "ansa": "ANSA", "pa": "PA Media", "cnn": "CNN", "bloomberg": "Bloomberg",
}
# A date in a file name: 2024-06-03-story.txt, story_20240603.html, 2024.06.03 notes.md
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")
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
    url: str | None = None  # the article's own address (its canonical URL when it names one)
    author: str | None = None
    source_url: str | None = None  # where it was fetched from, when that differs from url

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
        published=guess_date(text, filename),
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

    name = filename or url or "The page"
    try:
        extracted = trafilatura.bare_extraction(
            _html_document(html, name), url=url, with_metadata=True, include_comments=False,
            include_tables=False, favor_precision=True,
        )
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input
        # trafilatura, htmldate and lxml assert and raise on structures nobody tested;
        # one such file must be refused on its own, not end the whole upload in a 500.
        raise DocumentError(f"{name}: could not be read as HTML ({type(exc).__name__}); "
                            "save the page again or paste its text") from exc
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise DocumentError(f"{name}: no article text found in the HTML")
    title = _headline(getattr(extracted, "title", None))
    # Blank lines between paragraphs: the extractor splits paragraphs on them.
    body = re.sub(r"\n+", "\n\n", normalise_newlines(body).strip())
    first_line = body.split("\n", 1)[0].strip()
    # The headline goes first, once: some pages keep their <h1> in the main text.
    text = f"{title}\n\n{body}" if title and first_line != title.strip() else body
    doc = from_text(text, filename=filename, title=title)
    doc.outlet = _short(getattr(extracted, "sitename", None)) or doc.outlet
    doc.published = getattr(extracted, "date", None) or doc.published
    doc.author = _short(getattr(extracted, "author", None))
    canonical = getattr(extracted, "url", None)
    # A page names its own canonical address; a hostile one could name anything, so only
    # a plain web address is taken.
    if canonical and re.match(r"https?://[^\s/]+", canonical) and len(canonical) <= 2000:
        doc.url = canonical
    else:
        doc.url = url
    return doc


def _html_document(html: str, name: str):
    """The page parsed as a whole HTML document, without inline SVG and MathML.

    trafilatura's own loader keeps a foreign root element as the tree's root
    (``<svg>...</svg>`` stays an ``svg`` tree), and htmldate's clean-up then tries to
    drop that root: an AssertionError. ``document_fromstring`` always gives an ``<html>``
    root. SVG and MathML hold drawings and formulas, never article text, so they go
    before extraction (their ``<text>`` labels would otherwise read as the article).
    """
    import lxml.html
    from lxml import etree

    # lxml refuses a str that declares its own encoding; the bytes were decoded already.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise DocumentError(f"{name}: no article text found in the HTML") from None
    for element in list(tree.iter("svg", "math", "{*}svg", "{*}math")):
        element.drop_tree()
    return tree


def _headline(title: str | None) -> str | None:
    """The headline without the site's " | Site | date" tail that some pages put in their
    title ("Uncork the mystery ... | DW | 10.06.2013")."""
    if not title or " | " not in title:
        return title
    first, *rest = (part.strip() for part in title.split(" | "))
    if len(first) >= 20 and all(len(part) <= 40 for part in rest):
        return first
    return title


def _short(value: str | None, limit: int = 200) -> str | None:
    value = (value or "").strip()
    return value[:limit] or None


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
    """The outlet from a ``Source:`` line, else from a wire dateline near the top."""
    match = _SOURCE_LINE.search(text)
    if match:
        return match.group("outlet")[:200]
    dateline = _DATELINE.search(text[:3000])
    if dateline:
        agency = dateline.group("agency").strip()
        return AGENCIES.get(agency.lower().replace(".", ""), agency)
    return None


def guess_date(text: str, filename: str | None = None) -> str | None:
    """The publication date as ISO: from a Date: line, else from the file name, else the
    first calendar date in the text."""
    line = _DATE_LINE.search(text)
    if line:
        found = _first_date(line.group("date"))
        if found:
            return found
    if filename:
        for match in _FILENAME_DATE.finditer(PurePath(filename).name):
            y, m, d = int(match.group(1)), int(match.group(3)), int(match.group(4))
            if _valid(y, m, d):
                return f"{y:04d}-{m:02d}-{d:02d}"
    return _first_date(text[:5000])


def _first_date(hay: str) -> str | None:
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
        if _valid(y, m, d):
            return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True
