"""The JSON API under /api/v1: tokens, the role policy, each endpoint, and errors as JSON."""
from __future__ import annotations

import pytest
from flask import Flask

from workbench import accounts, api_tokens
from workbench import db as storage
from workbench.web import create_app

from conftest import TEST_USERS, add_user, login


def make_token(app: Flask, username: str) -> tuple[int, str]:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        row, token = api_tokens.create(db, username)
        return row["id"], token
    finally:
        db.conn.close()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(app):
    """``api(role)``: a test client and the headers of a token for that role's test user."""
    def make(role: str = "reviewer"):
        _, token = make_token(app, TEST_USERS[role])
        return app.test_client(), bearer(token)
    return make


@pytest.fixture
def article(app, api, seed_text) -> int:
    """The seed article ingested through the API by the reviewer: its id."""
    client, headers = api("reviewer")
    resp = client.post("/api/v1/articles", json={"text": seed_text, "title": "Seed"},
                       headers=headers)
    assert resp.status_code == 201, resp.json
    assert resp.json["quotes"] > 0
    return resp.json["id"]


# --- tokens: the command line -----------------------------------------------------------

def test_token_create_prints_the_token_last_and_stores_only_its_hash(app, runner):
    result = runner.invoke(args=["token", "create", TEST_USERS["viewer"], "--label", "cms"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith(api_tokens.PREFIX) and len(token) > 40
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        stored = list(db.query("select * from api_tokens"))
    finally:
        db.conn.close()
    assert len(stored) == 1
    assert token not in repr(stored)  # only the hash is kept
    assert stored[0]["token_hash"] == api_tokens.token_hash(token)
    resp = app.test_client().get("/api/v1/articles", headers=bearer(token))
    assert resp.status_code == 200
    listed = runner.invoke(args=["token", "list"])
    assert TEST_USERS["viewer"] in listed.output and "cms" in listed.output
    assert token not in listed.output


def test_token_create_for_an_unknown_user_fails_cleanly(runner):
    result = runner.invoke(args=["token", "create", "nobody_here"])
    assert result.exit_code != 0
    assert "No user 'nobody_here'" in result.output


def test_revoked_token_is_refused(app, runner):
    token_id, token = make_token(app, TEST_USERS["reviewer"])
    client = app.test_client()
    assert client.get("/api/v1/speakers", headers=bearer(token)).status_code == 200
    result = runner.invoke(args=["token", "revoke", str(token_id)])
    assert result.exit_code == 0, result.output
    resp = client.get("/api/v1/speakers", headers=bearer(token))
    assert resp.status_code == 401
    assert "revoked" in resp.json["message"]
    again = runner.invoke(args=["token", "revoke", str(token_id)])
    assert again.exit_code != 0 and "revoked already" in again.output
    assert runner.invoke(args=["token", "revoke", "999"]).exit_code != 0
    assert str(token_id) not in runner.invoke(args=["token", "list"]).output.split()[:1]


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer"}, {"Authorization": "Bearer wbt_wrong"},
    {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer " + "x" * 5000},
    {"Authorization": "Bearer caf\u00e9"},
])
def test_absent_or_wrong_token_is_401_json(app, headers):
    resp = app.test_client().get("/api/v1/quotes", headers=headers)
    assert resp.status_code == 401
    assert resp.is_json and resp.json["status"] == 401 and resp.json["message"]
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")


def test_disabled_users_token_is_403_and_works_again_when_enabled(app, api):
    client, headers = api("viewer")
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        accounts.set_disabled(db, TEST_USERS["viewer"], True)
        resp = client.get("/api/v1/articles", headers=headers)
        assert resp.status_code == 403 and "disabled" in resp.json["message"]
        accounts.set_disabled(db, TEST_USERS["viewer"], False)
    finally:
        db.conn.close()
    assert client.get("/api/v1/articles", headers=headers).status_code == 200


def test_session_cookie_is_not_an_api_credential(app, client):
    """A signed-in browser cannot use the API: no token, no access (hence no CSRF)."""
    resp = client.get("/api/v1/articles")
    assert resp.status_code == 401 and resp.is_json
    assert client.post("/api/v1/articles", json={"text": "x"}).status_code == 401


def test_api_needs_no_csrf_token_but_the_ui_still_does(tmp_path, seed_text):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "csrf.db"),
                      "SECRET_KEY": "test-secret"})  # CSRF on, as in production
    add_user(app, "rev_csrf", "reviewer")
    _, token = make_token(app, "rev_csrf")
    client = login(app.test_client(), "rev_csrf")
    ui = client.post("/articles", data={"text": seed_text})
    assert ui.status_code == 400  # the form without its CSRF token
    resp = app.test_client().post("/api/v1/articles", json={"text": seed_text},
                                  headers=bearer(token))
    assert resp.status_code == 201
    assert "Set-Cookie" not in resp.headers


# --- the role policy ---------------------------------------------------------------------

def test_viewer_reads_but_may_not_write(api, article):
    client, headers = api("viewer")
    quotes = client.get("/api/v1/quotes", headers=headers)
    assert quotes.status_code == 200
    q = quotes.json["items"][0]
    resp = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers,
                       json={"status": "verified", "version": q["version"]})
    assert resp.status_code == 403 and "reviewer" in resp.json["message"]
    resp = client.post("/api/v1/articles", headers=headers, json={"text": "He said \"no\"."})
    assert resp.status_code == 403
    assert client.get(f"/api/v1/quotes/{q['id']}", headers=headers).json["status"] == "unreviewed"


def test_token_follows_its_users_role(app, api, article):
    client, headers = api("viewer")
    q = client.get("/api/v1/quotes", headers=headers).json["items"][0]
    body = {"status": "verified", "version": q["version"]}
    assert client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers,
                       json=body).status_code == 403
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        accounts.set_role(db, TEST_USERS["viewer"], "reviewer")
    finally:
        db.conn.close()
    resp = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers, json=body)
    assert resp.status_code == 200 and resp.json["reviewer"] == TEST_USERS["viewer"]


def test_user_with_a_one_time_password_can_use_a_token(app):
    add_user(app, "script_sam", "viewer", must_change_password=1)
    _, token = make_token(app, "script_sam")
    assert app.test_client().get("/api/v1/articles", headers=bearer(token)).status_code == 200


# --- endpoints -----------------------------------------------------------------------------

def test_articles_list_paginates(api, article, seed_text):
    client, headers = api("reviewer")
    second = client.post("/api/v1/articles", headers=headers,
                         json={"text": seed_text + "\n\nA second copy, changed."})
    assert second.status_code == 201
    page1 = client.get("/api/v1/articles?limit=1", headers=headers).json
    page2 = client.get("/api/v1/articles?limit=1&page=2", headers=headers).json
    assert page1["total"] == page2["total"] == 2
    assert [a["id"] for a in page1["items"]] == [second.json["id"]]
    assert [a["id"] for a in page2["items"]] == [article]
    assert page1["items"][0]["quotes"] == second.json["quotes"]
    found = client.get("/api/v1/articles?q=Seed", headers=headers).json
    assert [a["id"] for a in found["items"]] == [article]


def test_article_detail_and_404(api, article, seed_text):
    client, headers = api("viewer")
    resp = client.get(f"/api/v1/articles/{article}", headers=headers)
    assert resp.status_code == 200
    assert resp.json["text"] == seed_text.strip() or resp.json["text"]
    assert resp.json["title"] == "Seed" and resp.json["quotes"] > 0
    missing = client.get("/api/v1/articles/99999", headers=headers)
    assert missing.status_code == 404 and missing.is_json
    assert "No article 99999" in missing.json["message"]
    huge = client.get(f"/api/v1/articles/{2**70}", headers=headers)
    assert huge.status_code == 404 and huge.is_json


def test_ingest_errors(api, article, seed_text):
    client, headers = api("reviewer")
    dup = client.post("/api/v1/articles", headers=headers, json={"text": seed_text})
    assert dup.status_code == 409 and f"article {article}" in dup.json["message"]
    for body in ({}, {"text": ""}, {"text": 5}, {"text": "x", "extra": 1}):
        resp = client.post("/api/v1/articles", headers=headers, json=body)
        assert resp.status_code == 400 and resp.is_json, body
    resp = client.post("/api/v1/articles", headers=headers, data="not json",
                       content_type="text/plain")
    assert resp.status_code == 400 and "JSON object" in resp.json["message"]
    resp = client.post("/api/v1/articles", headers=headers, data="{broken",
                       content_type="application/json")
    assert resp.status_code == 400 and resp.is_json
    # json.loads raises RecursionError (not ValueError) on deep nesting: was a 500.
    resp = client.post("/api/v1/articles", headers=headers, data="[" * 100_000,
                       content_type="application/json")
    assert resp.status_code == 400 and "nested too deeply" in resp.json["message"]


def test_quotes_filters_and_pages(api, article):
    client, headers = api("reviewer")
    every = client.get(f"/api/v1/quotes?article={article}&limit=100", headers=headers).json
    assert every["total"] == len(every["items"]) > 2
    first = every["items"][0]
    client.post(f"/api/v1/quotes/{first['id']}/verdict", headers=headers,
                json={"status": "verified", "version": first["version"]})
    verified = client.get("/api/v1/quotes?status=verified", headers=headers).json
    assert [q["id"] for q in verified["items"]] == [first["id"]] and verified["total"] == 1
    page2 = client.get("/api/v1/quotes?limit=2&page=2", headers=headers).json
    assert [q["id"] for q in page2["items"]] == [q["id"] for q in every["items"][2:4]]
    speaker = next(q for q in every["items"] if q["speaker_id"])
    by_speaker = client.get(f"/api/v1/quotes?speaker={speaker['speaker_id']}",
                            headers=headers).json
    assert by_speaker["items"] and all(q["speaker_id"] == speaker["speaker_id"]
                                       for q in by_speaker["items"])
    for bad in ("status=maybe", "limit=0", "limit=101", "page=0", "speaker=abc",
                "min_confidence=2", "check=nope", f"page={10**30}"):
        resp = client.get(f"/api/v1/quotes?{bad}", headers=headers)
        assert resp.status_code == 400 and resp.is_json and resp.json["message"], bad


def test_quote_detail_has_its_source_check_matches(api, app, article, seed_text):
    client, headers = api("reviewer")
    quotes = client.get(f"/api/v1/quotes?article={article}&limit=100", headers=headers).json
    # The same text as a primary source: every quote of the article now has a match.
    from workbench import matching, sources
    from workbench.documents import from_text
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        source_id = sources.store_source(db, from_text(seed_text, title="Transcript"),
                                         "transcript")
        matching.add_source(db, source_id if isinstance(source_id, int) else source_id["id"])
    finally:
        db.conn.close()
    q = quotes["items"][0]
    resp = client.get(f"/api/v1/quotes/{q['id']}", headers=headers)
    assert resp.status_code == 200
    assert resp.json["text"] == q["text"] and resp.json["version"] == q["version"]
    assert resp.json["matches"], "a quote found word for word in a source has a match"
    best = resp.json["matches"][0]
    assert best["doc_type"] == "source" and best["verdict"] in ("verbatim", "elided")
    assert client.get("/api/v1/quotes/424242", headers=headers).status_code == 404


def test_speakers(api, article):
    client, headers = api("viewer")
    resp = client.get("/api/v1/speakers?limit=100", headers=headers).json
    assert resp["total"] == len(resp["items"]) > 0
    names = [s["name"] for s in resp["items"]]
    assert "Vladimir Putin" in names or any("Putin" in n for n in names)
    assert all(isinstance(s["aliases"], list) and s["quotes"] > 0 for s in resp["items"])
    one = client.get("/api/v1/speakers?limit=1&page=2", headers=headers).json
    assert one["items"] == resp["items"][1:2]


def test_rating_scale_lists_what_a_verdict_takes(app, api):
    from workbench import ratings

    client, headers = api("viewer")
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        ratings.retire(db, "unproven")
    finally:
        db.conn.close()
    keys = [r["key"] for r in client.get("/api/v1/ratings", headers=headers).json["items"]]
    assert "altered_quote" in keys and "false" in keys and "unproven" not in keys


# --- verdicts ----------------------------------------------------------------------------

def _first_quote(client, headers, article) -> dict:
    return client.get(f"/api/v1/quotes?article={article}", headers=headers).json["items"][0]


def test_verdict_with_rating_and_its_version(api, article):
    client, headers = api("reviewer")
    q = _first_quote(client, headers, article)
    resp = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers, json={
        "status": "disputed", "version": q["version"], "reason": "misquote",
        "note": "The transcript differs", "evidence_url": "https://example.org/t",
        "rating": "altered_quote"})
    assert resp.status_code == 200, resp.json
    body = resp.json
    assert body["status"] == "disputed" and body["dispute_reason"] == "misquote"
    assert body["note"] == "The transcript differs" and body["rating"] == "altered_quote"
    assert body["evidence_url"] == "https://example.org/t"
    assert body["version"] == q["version"] + 2  # the verdict and the rating
    # Left out, the rating stays; null clears it.
    kept = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers,
                       json={"status": "verified", "version": body["version"]}).json
    assert kept["rating"] == "altered_quote" and kept["status"] == "verified"
    cleared = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers,
                          json={"status": "verified", "version": kept["version"],
                                "rating": None}).json
    assert cleared["rating"] is None


def test_stale_version_is_409_and_writes_nothing(api, article):
    client, headers = api("reviewer")
    q = _first_quote(client, headers, article)
    url = f"/api/v1/quotes/{q['id']}/verdict"
    assert client.post(url, headers=headers,
                       json={"status": "verified", "version": q["version"]}).status_code == 200
    stale = client.post(url, headers=headers, json={
        "status": "disputed", "version": q["version"], "reason": "other", "rating": "false"})
    assert stale.status_code == 409 and stale.is_json
    assert f"version {q['version'] + 1}" in stale.json["message"]
    now = client.get(f"/api/v1/quotes/{q['id']}", headers=headers).json
    assert now["status"] == "verified" and now["rating"] is None


@pytest.mark.parametrize("body, words", [
    ({"version": 1}, "status"),
    ({"status": "verified"}, "version"),
    ({"status": "great", "version": 1}, "status"),
    ({"status": "disputed", "version": 1}, "reason or a note"),
    ({"status": "verified", "version": 1, "evidence_url": "javascript:alert(1)"}, "http"),
    ({"status": "verified", "version": 1, "rating": "nonsense"}, "Unknown rating"),
    ({"status": "verified", "version": -1}, "version"),
    ({"status": "verified", "version": "1; drop"}, "version"),
    ({"status": "verified", "version": True}, "version"),
    ({"status": "verified", "version": "1"}, "version"),
    ({"status": "verified", "version": 1, "surprise": True}, "surprise"),
])
def test_bad_verdict_is_400_and_writes_nothing(api, article, body, words):
    client, headers = api("reviewer")
    q = _first_quote(client, headers, article)
    resp = client.post(f"/api/v1/quotes/{q['id']}/verdict", headers=headers, json=body)
    assert resp.status_code == 400 and resp.is_json
    assert words in resp.json["message"], resp.json
    after = client.get(f"/api/v1/quotes/{q['id']}", headers=headers).json
    assert after["version"] == q["version"] and after["status"] == "unreviewed"


def test_verdict_on_a_missing_quote_is_404(api):
    client, headers = api("reviewer")
    resp = client.post("/api/v1/quotes/5555/verdict", headers=headers,
                       json={"status": "verified", "version": 1})
    assert resp.status_code == 404 and resp.is_json


def test_errors_are_json_never_html(app, api):
    client, headers = api("reviewer")
    for method, url in (("GET", "/api/v1/nothing"), ("DELETE", "/api/v1/articles"),
                        ("GET", "/api/v1"), ("PUT", "/api/v1/quotes/1/verdict"),
                        ("GET", "/api/v2/quotes"), ("POST", "/api")):
        resp = client.open(url, method=method, headers=headers)
        assert resp.status_code in (404, 405) and resp.is_json, (method, url)
        assert "<html" not in resp.get_data(as_text=True).lower()
        anon = app.test_client().open(url, method=method)
        assert anon.status_code == 401 and anon.is_json, (method, url)


def test_openapi_description_is_generated_from_the_routes(app):
    resp = app.test_client().get("/api/v1/openapi.json")  # public: it holds no data
    assert resp.status_code == 200
    spec = resp.json
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/quotes",
        "/api/v1/quotes/{quote_id}", "/api/v1/quotes/{quote_id}/verdict", "/api/v1/speakers",
        "/api/v1/ratings"}
    assert set(spec["paths"]["/api/v1/articles"]) == {"get", "post"}
    verdict = spec["paths"]["/api/v1/quotes/{quote_id}/verdict"]["post"]
    assert "409" in verdict["responses"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_parallel_verdicts_on_one_version_one_wins(app, api, article):
    """Eight scripts send a verdict on the same version at once: one lands, seven get 409."""
    from concurrent.futures import ThreadPoolExecutor

    client, headers = api("reviewer")
    q = _first_quote(client, headers, article)

    def send(i: int) -> int:
        return app.test_client().post(
            f"/api/v1/quotes/{q['id']}/verdict", headers=headers,
            json={"status": "verified", "version": q["version"], "note": f"script {i}"}
        ).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(send, range(8)))
    assert codes == [200] + [409] * 7
    after = client.get(f"/api/v1/quotes/{q['id']}", headers=headers).json
    assert after["version"] == q["version"] + 1


def test_too_large_and_busy_answers_are_json_too(app, api, monkeypatch):
    import sqlite3

    from workbench.web import api as api_module

    client, headers = api("reviewer")
    app.config["MAX_CONTENT_LENGTH"] = 1000
    resp = client.post("/api/v1/articles", headers=headers, json={"text": "x" * 5000})
    assert resp.status_code == 413 and resp.is_json and "nothing was stored" in resp.json["message"]
    app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024

    def busy(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(api_module, "ingest_document", busy)
    resp = client.post("/api/v1/articles", headers=headers, json={"text": "He said \"so\"."})
    assert resp.status_code == 503 and resp.is_json and resp.headers["Retry-After"] == "2"
