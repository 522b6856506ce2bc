"""schema.org ClaimReview for rated or reviewed quotes: what fact-check readers and search
engines read.

A quote's own rating gives ``reviewRating``; a quote reviewed but not rated gets the
attribution entry its verdict stands for (verified: correct attribution; disputed as a
misquote: altered quote ...). ``author`` is the fact-checking organisation, from
configuration; ``url`` is where the review can be read.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import sqlite_utils

from .queries import QuoteFilter
from .ratings import BEST, WORST

# The scale entry a verdict stands for when the quote has no rating of its own.
VERDICT_RATINGS = {
    ("verified", None): "correct_attribution",
    ("disputed", "wrong_speaker"): "misattributed",
    ("disputed", "not_a_quote"): "misattributed",
    ("disputed", "misquote"): "altered_quote",
    ("disputed", "out_of_context"): "out_of_context",
    ("disputed", "other"): "unverified",
    ("disputed", None): "unverified",
}
_SELECT = """
    select q.id, q.text, q.status, q.dispute_reason, q.rating, q.rated_at, q.reviewed_at,
      coalesce(s.name, q.speaker_mention) as speaker, s.kind as speaker_kind,
      coalesce(q.speaker_role, s.role) as speaker_role,
      a.title, a.outlet, a.published, a.url as article_url
    from quotes q join articles a on a.id = q.article_id
    left join speakers s on s.id = q.speaker_id
"""
_REVIEWED = "(q.rating is not null or q.status != 'unreviewed')"


def _compact(value):
    """Drop empty fields (a ClaimReview field is left out rather than null)."""
    if isinstance(value, dict):
        out = {k: _compact(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", {}, [])}
    return value


def rating_of(quote: dict, entries: dict[str, dict]) -> dict | None:
    """The scale entry that rates ``quote``: its own rating, else its verdict's."""
    key = quote["rating"] or VERDICT_RATINGS.get((quote["status"], quote["dispute_reason"]))
    if key is None and quote["status"] == "disputed":
        key = VERDICT_RATINGS[("disputed", None)]
    return entries.get(key) if key else None


def claim_review(quote: dict, entry: dict | None, organisation: dict,
                 link: Callable[[int], str] | None) -> dict:
    """One quote as a ClaimReview node.

    :param quote: a row of this module's query (text, speaker, article fields ...)
    :param entry: the rating scale entry (see :func:`rating_of`)
    :param organisation: ``name`` and ``url`` of the fact-checking organisation
    """
    rating = None
    if entry:
        on_scale = bool(entry["value"])
        rating = {"@type": "Rating", "alternateName": entry["label"],
                  "ratingValue": entry["value"] if on_scale else None,
                  "bestRating": BEST if on_scale else None,
                  "worstRating": WORST if on_scale else None}
    reviewed = quote["rated_at"] or quote["reviewed_at"]
    speaker_type = "Organization" if quote["speaker_kind"] in ("organisation", "group") \
        else "Person"
    return _compact({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": link(quote["id"]) if link else None,
        "claimReviewed": quote["text"],
        "datePublished": reviewed[:10] if reviewed else None,
        "author": {"@type": "Organization", "name": organisation.get("name"),
                   "url": organisation.get("url")},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": speaker_type, "name": quote["speaker"],
                       "jobTitle": quote["speaker_role"] if speaker_type == "Person" else None}
            if quote["speaker"] else None,
            "datePublished": quote["published"],
            "appearance": {
                "@type": "NewsArticle", "url": quote["article_url"],
                "headline": quote["title"], "datePublished": quote["published"],
                "publisher": {"@type": "Organization", "name": quote["outlet"]}
                if quote["outlet"] else None,
            },
        },
        "reviewRating": rating,
    })


def _entries(db: sqlite_utils.Database) -> dict[str, dict]:
    return {r["key"]: r for r in db.query("select * from rating_scale")}


def for_quote(db: sqlite_utils.Database, quote_id: int, organisation: dict,
              link: Callable[[int], str] | None) -> dict | None:
    """The ClaimReview of one quote, or ``None`` if it is neither rated nor reviewed (or
    does not exist)."""
    rows = list(db.query(f"{_SELECT} where q.id = ? and {_REVIEWED}", [quote_id]))
    if not rows:
        return None
    return claim_review(rows[0], rating_of(rows[0], _entries(db)), organisation, link)


def iter_claimreview(db: sqlite_utils.Database, filt: QuoteFilter, organisation: dict,
                     link: Callable[[int], str] | None = None) -> Iterator[str]:
    """Every rated or reviewed quote under the filter as one JSON-LD array, in chunks."""
    where, params = filt.where()
    where = f"{where} and {_REVIEWED}" if where else f" where {_REVIEWED}"
    entries = _entries(db)
    cursor = db.query(f"{_SELECT} {where} order by q.article_id, q.start, q.id", params)
    yield "["
    for i, quote in enumerate(cursor):
        node = claim_review(quote, rating_of(quote, entries), organisation, link)
        yield ("\n" if i == 0 else ",\n") + json.dumps(node, ensure_ascii=False)
    yield "\n]\n"
