"""Claim ratings on a configurable scale, and schema.org ClaimReview for rated or reviewed
quotes (every field checked, and the output expanded as JSON-LD by pyld)."""
from __future__ import annotations

import json

import pytest

from workbench import claimreview, ratings, undo
from workbench import db as storage
from workbench.documents import from_text
from workbench.ingest import ingest_document
from workbench.queries import QuoteFilter
from workbench.review import Verdict, VersionConflict, set_verdict

WIRE = ("Ferry vote delayed\n\nPORT AVALON (AP) \u2014 The council met on Friday. "
        "\"We cannot sign a cheque this size on trust alone,\" said councillor Edwin Marsh, "
        "who chairs the finance committee.\n\nThe Port Avalon Ferry Company said it had "
        "\"nothing to hide\" and would publish its accounts.\n")
ORG = {"name": "Harbour Fact Check", "url": "https://factcheck.example"}


@pytest.fixture
def db(fresh_db):
    doc = from_text(WIRE)
    doc.url, doc.published = "https://gazette.example/ferry", "2026-03-14"
    ingest_document(fresh_db, doc)
    return fresh_db


def _marsh(db) -> dict:
    return next(db.query("select * from quotes where text like '\"We cannot%'"))


def test_default_scale_covers_attribution_and_truth(fresh_db):
    by_kind = {}
    for entry in ratings.scale(fresh_db):
        by_kind.setdefault(entry["kind"], []).append(entry["label"])
    assert by_kind == {
        "attribution": ["Correct attribution", "Misattributed", "Altered quote",
                        "Out of context", "Unverified"],
        "truth": ["True", "Mostly true", "Misleading", "False", "Unproven"]}


def test_rating_is_versioned_logged_and_undone(db):
    quote = _marsh(db)
    new = ratings.set_rating(db, quote["id"], "misleading", "rev", quote["version"])
    assert (new["rating"], new["rated_by"], new["version"]) == ("misleading", "rev",
                                                                quote["version"] + 1)
    assert new["status"] == "unreviewed"  # the verdict is a separate thing
    with pytest.raises(VersionConflict):
        ratings.set_rating(db, quote["id"], "false", "ana", quote["version"])
    with pytest.raises(ratings.RatingError, match="Unknown rating 'bogus'"):
        ratings.set_rating(db, quote["id"], "bogus", "rev")
    log = next(db.query("select * from review_log where action = 'rating'"))
    assert (log["old_value"], log["new_value"], log["reviewer"]) == (None, "misleading", "rev")
    undo.undo_last(db, "rev")
    after = db["quotes"].get(quote["id"])
    assert (after["rating"], after["rated_by"], after["rated_at"]) == (None, None, None)


def test_admin_changes_the_scale(db):
    ratings.save_entry(db, "half_true", "Half true", "truth", 3)
    ratings.save_entry(db, "misleading", "Misleading framing", "truth", 2)
    quote = _marsh(db)
    ratings.set_rating(db, quote["id"], "half_true", "rev")
    ratings.retire(db, "half_true")
    assert "half_true" not in {e["key"] for e in ratings.scale(db)}
    assert ratings.labels(db)["half_true"] == "Half true"  # the rated quote still shows it
    assert ratings.labels(db)["misleading"] == "Misleading framing"
    with pytest.raises(ratings.RatingError):
        ratings.set_rating(db, quote["id"], "half_true", "rev")
    for bad in [("Bad Key", "x", "truth", 1), ("ok", "", "truth", 1),
                ("ok", "x", "mood", 1), ("ok", "x", "truth", 9)]:
        with pytest.raises(ratings.RatingError):
            ratings.save_entry(db, *bad)


def test_claimreview_of_a_rated_quote_has_every_field(db):
    quote = _marsh(db)
    ratings.set_rating(db, quote["id"], "misleading", "rev")
    node = claimreview.for_quote(db, quote["id"], ORG, lambda i: f"https://wb.example/quotes/{i}")
    rated_at = db["quotes"].get(quote["id"])["rated_at"]
    assert node == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://wb.example/quotes/{quote['id']}",
        "claimReviewed": quote["text"],
        "datePublished": rated_at[:10],
        "author": {"@type": "Organization", "name": "Harbour Fact Check",
                   "url": "https://factcheck.example"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Edwin Marsh", "jobTitle": "councillor"},
            "datePublished": "2026-03-14",
            "appearance": {"@type": "NewsArticle", "url": "https://gazette.example/ferry",
                           "headline": "Ferry vote delayed", "datePublished": "2026-03-14",
                           "publisher": {"@type": "Organization", "name": "Associated Press"}},
        },
        "reviewRating": {"@type": "Rating", "alternateName": "Misleading", "ratingValue": 2,
                         "bestRating": 5, "worstRating": 1},
    }


def test_verdicts_stand_for_ratings_and_unreviewed_quotes_have_none(db):
    quote = _marsh(db)
    assert claimreview.for_quote(db, quote["id"], ORG, None) is None
    set_verdict(db, quote["id"], Verdict("verified"), "rev")
    assert claimreview.for_quote(db, quote["id"], ORG, None)["reviewRating"][
        "alternateName"] == "Correct attribution"
    set_verdict(db, quote["id"], Verdict("disputed", reason="misquote"), "rev")
    assert claimreview.for_quote(db, quote["id"], ORG, None)["reviewRating"][
        "alternateName"] == "Altered quote"
    ratings.set_rating(db, quote["id"], "unverified", "rev")
    rating = claimreview.for_quote(db, quote["id"], ORG, None)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unverified"}  # off the 1-5 scale


def _schema_loader(url, options=None):
    """schema.org's context, served locally (tests use no network): its vocabulary is
    https://schema.org/, so every term of the export must expand under it."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}}}


def _terms(node) -> int:
    """Properties in a compact JSON-LD node, nested ones included (keywords excluded)."""
    if isinstance(node, list):
        return sum(_terms(n) for n in node)
    if not isinstance(node, dict):
        return 0
    return sum(1 + _terms(v) for k, v in node.items() if not k.startswith("@"))


def test_export_is_valid_json_ld(db):
    from pyld import jsonld

    quotes = list(db.query("select id from quotes order by id"))
    ratings.set_rating(db, quotes[0]["id"], "true", "rev")
    set_verdict(db, quotes[-1]["id"], Verdict("disputed", reason="wrong_speaker"), "rev")
    text = "".join(claimreview.iter_claimreview(db, QuoteFilter(), ORG, lambda i: f"https://wb.example/q/{i}"))
    nodes = json.loads(text)
    assert len(nodes) == 2
    expanded = jsonld.expand(nodes, {"documentLoader": _schema_loader})
    assert len(expanded) == 2
    for node, full in zip(nodes, expanded):
        assert full["@type"] == ["https://schema.org/ClaimReview"]
        # Nothing dropped: every property expanded to a schema.org IRI.
        flat = json.dumps(full)
        assert _terms(full) == _terms(node)
        assert '"claimReviewed"' not in flat and "https://schema.org/claimReviewed" in flat
    # Round trip: compacting with the same context gives the export back.
    again = jsonld.compact(expanded[0], "https://schema.org",
                           {"documentLoader": _schema_loader})
    assert {k: v for k, v in again.items() if k != "@context"} == \
        {k: v for k, v in nodes[0].items() if k != "@context"}


# --- the web and the command line ------------------------------------------------------

def _first_quote(app) -> dict:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        return next(db.query("select * from quotes order by id limit 1"))
    finally:
        db.conn.close()


def test_rate_a_quote_in_the_ui(app, client, viewer_client, seeded):
    quote = _first_quote(app)
    url = f"/quotes/{quote['id']}/rating"
    resp = client.post(url, data={"rating": "mostly_true", "version": quote["version"]},
                       headers={"HX-Request": "true"})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'class="rating rating-mostly_true">Mostly true<' in body
    assert '<option value="mostly_true" selected>' in body
    assert client.post(url, data={"rating": "x", "version": quote["version"] + 1},
                       headers={"HX-Request": "true"}).status_code == 400
    stale = client.post(url, data={"rating": "false", "version": quote["version"]},
                        headers={"HX-Request": "true"})
    assert stale.status_code == 409
    assert viewer_client.post(url, data={"rating": "false"}).status_code == 403
    assert client.post("/quotes/99999999/rating",
                       data={"rating": "false", "version": "1"}).status_code == 404
    # Like every change to a quote, a rating needs the version it was made on.
    assert client.post(url, data={"rating": "false"}).status_code == 400
    plain = client.post(url, data={"rating": "", "version": _first_quote(app)["version"]})
    assert plain.status_code == 303 and _first_quote(app)["rating"] is None


def test_claimreview_link_and_cli_export(app, client, runner, seeded):
    quote = _first_quote(app)
    link = f"/quotes/{quote['id']}/claimreview.jsonld"
    assert client.get(link).status_code == 404  # not reviewed yet
    client.post(f"/quotes/{quote['id']}/rating",
                data={"rating": "false", "version": quote["version"]})
    resp = client.get(link)
    assert resp.status_code == 200 and resp.mimetype == "application/ld+json"
    node = resp.get_json()
    assert node["reviewRating"]["alternateName"] == "False"
    assert node["url"].endswith(f"/quotes/{quote['id']}")
    assert node["author"]["name"] == app.config["CLAIMREVIEW_ORG_NAME"]
    out = runner.invoke(args=["export", "--format", "claimreview"])
    assert out.exit_code == 0, out.output
    assert [n["claimReviewed"] for n in json.loads(out.output)] == [quote["text"]]


def test_rating_scale_admin_page(admin_client, client):
    assert client.get("/admin/ratings").status_code == 403
    page = admin_client.get("/admin/ratings").get_data(as_text=True)
    assert "Correct attribution" in page and "Unproven" in page
    resp = admin_client.post("/admin/ratings", data={"key": "half_true", "label": "Half true",
                                                     "kind": "truth", "value": "3"})
    assert resp.status_code == 303
    assert "Half true" in admin_client.get("/admin/ratings").get_data(as_text=True)
    bad = admin_client.post("/admin/ratings", data={"key": "Bad Key", "label": "x",
                                                    "kind": "truth", "value": "3"})
    assert bad.status_code == 400 and "lowercase" in bad.get_data(as_text=True)
    assert admin_client.post("/admin/ratings", data={"key": "k", "label": "x", "kind": "truth",
                                                     "value": "99999999999999999999"}).status_code == 400
