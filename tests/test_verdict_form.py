"""The verdict forms (quote page, review queue, bulk) read a verdict the same way
(web.params.verdict_from_form): the same fields, the same refusals, nothing saved."""
import pytest

from workbench import db as storage


def _first_quote(app) -> dict:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        return dict(next(db.query("select id, status, version from quotes order by id limit 1")))
    finally:
        db.conn.close()


@pytest.mark.parametrize("url", ["/quotes/{id}/verdict", "/review/{id}/verdict"])
def test_a_verdict_without_status_is_a_400_and_saves_nothing(app, client, seeded, url):
    quote = _first_quote(app)
    resp = client.post(url.format(id=quote["id"]), data={"status": "  ", "version": "1",
                                                         "note": "kept?"})
    assert resp.status_code == 400
    assert "Field &#39;status&#39; is required" in resp.get_data(as_text=True)
    assert _first_quote(app) == quote


@pytest.mark.parametrize("url", ["/quotes/{id}/verdict", "/review/{id}/verdict"])
def test_every_verdict_field_reaches_the_quote(app, client, seeded, url):
    quote = _first_quote(app)
    resp = client.post(url.format(id=quote["id"]), data={
        "status": " disputed ", "reason": "misquote", "note": "not what she said",
        "evidence_url": "https://example.org/transcript", "version": "1"})
    assert resp.status_code == 303
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        row = db.execute("select status, note, evidence_url, dispute_reason from quotes"
                         " where id = ?", [quote["id"]]).fetchone()
    finally:
        db.conn.close()
    assert row == ("disputed", "not what she said", "https://example.org/transcript", "misquote")
