"""Paragraphs, sentences (NLTK Punkt, offsets kept) and a fast regex word tokenizer."""
from __future__ import annotations

import re
from collections import defaultdict

from .lexicon import NEWS_ABBREVIATIONS, SENTENCE_TITLES
from .words import DASHES

_PARA_SEP = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_TOKENIZER = None

# words (with inner apostrophes / hyphens / dots as in "U.S." or "O'Neil"), numbers with their inner
# commas and points ("3,000", "4.5"), or one other char.
# Combining accents ("Jose\u0301") and the Latin-1 debris of mis-decoded UTF-8 ("Fran\u00c3\u00a7ois")
# stay inside the word, so a scraped name is still one capitalised token. Two apostrophes are one
# token: the quotation mark of the New York Times (''...''), which the finders compare with '"'.
# The word part is written as runs of plain word characters ([...]*, which the regex engine scans in
# one fast loop) joined by the marks that need a look ahead: the same tokens as one alternation per
# character, a third faster (tests/test_extract_props.py compares the two)
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|"
                      r"[^\W_][\w&\u0300-\u036f]*(?:(?:['\u2019\-](?=[^\W_])|"
                      r"[\u0080-\u009f\u00a1-\u00bf](?=[\w\u0300-\u036f\u0080-\u009f\u00a1-\u00bf]))[\w&\u0300-\u036f]*)*|"
                      r"''|\S")
# a token with the blanks before it: findall gives both as strings, whose lengths give the offsets
# without a match object per token (tokens() was a tenth of the extractor's time)
_SPACED_TOKEN_RE = re.compile(r"(\s*)(" + TOKEN_RE.pattern + ")")


def punkt():
    """The Punkt sentence tokenizer with the English parameters, built once."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
        from punkt.data import english as E

        params = PunktParameters()
        params.abbrev_types = set(E.ABBREV_TYPES) | NEWS_ABBREVIATIONS
        params.collocations = set(E.COLLOCATIONS)
        params.sent_starters = set(E.SENT_STARTERS)
        params.ortho_context = defaultdict(int, E.ORTHO_CONTEXT)
        _TOKENIZER = PunktSentenceTokenizer(params)
    return _TOKENIZER


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty paragraphs (split on blank lines), stripped, as (start, end) offsets."""
    out = []
    pos = 0
    for m in _PARA_SEP.finditer(text):
        _add_stripped(text, pos, m.start(), out)
        pos = m.end()
    _add_stripped(text, pos, len(text), out)
    return out


def _add_stripped(text, s, e, out):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return
    nl = text.find("\n", s, e)
    if nl < 0:
        out.append((s, e))
        return
    # a block with single line breaks: lines are paragraphs of their own unless the text
    # is hard-wrapped (most lines end mid-sentence)
    lines = []
    pos = s
    while True:
        nl = text.find("\n", pos, e)
        if nl < 0:
            lines.append((pos, e))
            break
        lines.append((pos, nl))
        pos = nl + 1
    mid = sum(1 for a, b in lines[:-1] if b > a and (text[b - 1].isalnum() or text[b - 1] in ",;-"))
    lens = sorted(b - a for a, b in lines)
    if len(lines) > 2 and mid >= 0.6 * (len(lines) - 1) and lens[len(lens) // 2] <= 100:
        out.append((s, e))
        return
    for a, b in lines:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))


def sentences(text: str, para: tuple[int, int]) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (absolute offsets). Single newlines also split."""
    ps, pe = para
    chunk = text[ps:pe]
    out = []
    tok = punkt()
    line_start = 0
    for line in chunk.split("\n"):
        ln = len(line)
        if line.strip():
            try:
                spans = list(tok.span_tokenize(line))
            except Exception:  # never lose the paragraph
                spans = [(0, ln)]
            for s, e in spans:
                b = s
                while b > 0 and line[b - 1].isspace():
                    b -= 1
                if out and out[-1][1] == ps + line_start + b and _false_split(line, b, s):
                    out[-1] = (out[-1][0], ps + line_start + e)
                    continue
                out.append((ps + line_start + s, ps + line_start + e))
        line_start += ln + 1
    return out


def _false_split(line: str, b: int, s: int) -> bool:
    """Punkt ended a sentence at line[b] (spaces up to s) where the sentence goes on."""
    if s > 0 and line[s:s + 1] in ("),;:]"):
        return True   # "Ann Cole (D-Mo.), who ...": Punkt ends after "Mo." inside the brackets; no sentence opens with ')'
    if s == 0 or b == s:
        return False
    before = line[max(0, b - 40):b]   # the last word is enough; a bounded look keeps long lines linear
    if line[s:s + 1].islower() or line[s:s + 1] in DASHES:
        # "the E.U. by March", "Ann Cole (D-Mo.) said", "LA CROSSE, Wisc. — Gov. ...": a sentence does
        # not go on in lowercase or with a dash after a real end
        return before.endswith((".", ".)", ".]"))
    # "Mr. | Hedge said", "Donald J. | Trump": Punkt breaks after a title or an initial when the next
    # name is also a common word ("hedge"); a title never ends a sentence
    last = before.rsplit(None, 1)[-1] if before else ""
    if last in ("No.", "Nos.") and line[s:s + 1].isdigit():
        return True   # "Rubio's new enemy No. | 1 in New Hampshire"
    return line[s:s + 1].isupper() and (last.lower().rstrip(".") in SENTENCE_TITLES and last.endswith(".") or
                                        len(last) == 2 and last[0].isupper() and last[1] == ".")


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The TOKEN_RE tokens of text[start:end] as (start, end, word), absolute offsets.

    No token holds a space, so the text is cut at spaces first (str.split, fast): a piece that is a
    plain ASCII word is one token as it stands (83% of the pieces of the PolNeAR dev texts), and the
    regex runs only over the other pieces. There every character that is not a blank belongs to a
    token, so the blanks before each token and the token's own length carry the offsets along."""
    out = []
    pos = start
    for piece in text[start:end].split(" "):
        piece_end = pos + len(piece)
        if piece.isalpha() and piece.isascii():
            out.append((pos, piece_end, piece))
        elif piece:
            for blanks, word in _SPACED_TOKEN_RE.findall(text, pos, piece_end):
                pos += len(blanks)
                word_end = pos + len(word)
                out.append((pos, word_end, word))
                pos = word_end
        pos = piece_end + 1   # past the space
    return out
