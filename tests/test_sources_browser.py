"""Source checking in a real headless Chromium: the side-by-side view of a quote and its
sources in the review queue, and accepting the suggestion from the keyboard."""
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from workbench import db as storage

pytestmark = pytest.mark.browser

TRANSCRIPT = (Path(__file__).parent / "data" / "seed_transcript.txt").read_text(encoding="utf-8")


def _quote_id(app, starts: str) -> int:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        return next(qid for qid, text in db.execute("select id, text from quotes")
                    if text.lstrip('"').startswith(starts))
    finally:
        db.conn.close()


def _row(app, quote_id: int) -> tuple:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        return db.execute("select status, dispute_reason, evidence_url, note, version"
                          " from quotes where id = ?", [quote_id]).fetchone()
    finally:
        db.conn.close()


def test_side_by_side_diff_and_accepting_by_keyboard(page, app, client, live_server, seeded):
    assert client.post("/sources", data={"kind": "transcript", "title": "Sochi statements",
                                         "text": TRANSCRIPT}).status_code == 303
    altered = _quote_id(app, "At the initiative")
    verbatim = _quote_id(app, "We have a joint interest")
    page.goto(f"{live_server}/review?status=unreviewed&check=primary&id={altered}")
    panel = page.locator("#matches")
    assert panel.locator(".match.primary .verdict").first.inner_text().lower() == "altered"
    # The changed word, marked on both sides, side by side.
    assert panel.locator("ins.chg").first.inner_text() == "regards"
    assert panel.locator("del.chg").first.inner_text() == "regard"
    quote_box = panel.locator(".diff-side").nth(0).bounding_box()
    source_box = panel.locator(".diff-side").nth(1).bounding_box()
    assert source_box["x"] > quote_box["x"] + quote_box["width"] - 1  # beside, not below
    page.locator("#review").screenshot(path=str(_artifacts() / "source-check.png"))
    # In a narrow window the verdict buttons stay in view above the sources.
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(f"{live_server}/review?status=unreviewed&check=primary&id={altered}")
    for sel in ("#verify-form button", "#current .q-text"):
        box = page.locator(sel).bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 600, (sel, box)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server}/review?status=unreviewed&check=primary&id={altered}")

    # `s` accepts the sources' suggestion: disputed as altered, with the difference in the note,
    # and the queue moves on to the next quote with a primary match.
    page.keyboard.press("s")
    page.wait_for_function(
        "(old) => { const r = document.getElementById('review');"
        " return r && r.dataset.quoteId !== String(old)"
        " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'); }",
        arg=altered)
    status, reason, evidence, note, _ = _row(app, altered)
    assert (status, reason) == ("disputed", "misquote")
    assert "regard -> regards" in note and "/sources/" in evidence
    assert int(page.locator("#review").get_attribute("data-quote-id")) == verbatim
    assert "Verify against Sochi statements" in page.locator("#accept-form").inner_text()
    page.keyboard.press("s")
    page.wait_for_function(
        "(old) => { const r = document.getElementById('review');"
        " return !r || r.dataset.quoteId !== String(old); }", arg=verbatim)
    assert _row(app, verbatim)[0] == "verified"

    # The evidence link (on the configured address) opens the passage highlighted in the
    # transcript.
    evidence = urlsplit(_row(app, verbatim)[2])
    assert f"{evidence.scheme}://{evidence.netloc}" == app.config["BASE_URL"]
    page.goto(f"{live_server}{evidence.path}?{evidence.query}")
    mark = page.locator("mark.match-mark")
    assert mark.inner_text().startswith("We have a joint interest")
    assert page.locator(".passage.marked .turn-speaker").inner_text() == "PRESIDENT PUTIN:"


def _artifacts():
    from conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
