"""Accounts, the access policy on every route, CSRF, hostile text, bad input, integrity.

The route tables are generated from ``app.url_map``: a route added later is checked here
without anyone adding it to a list.
"""
from __future__ import annotations

import csv
import io
import re
import stat
import subprocess
import threading

import pytest
from conftest import TEST_PASSWORD, TEST_USERS, add_user, login

from workbench import accounts, api_tokens
from workbench import db as storage
from workbench.documents import Document
from workbench.extract import Extraction, Quote, Speaker
from workbench.ingest import store
from workbench.review import Verdict, VersionConflict, set_verdict
from workbench.web import create_app
from workbench.web import auth as web_auth

XSS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "'><svg onload=window.__xss=3>",
    "</textarea><script>window.__xss=4</script>",
    '<a href="javascript:window.__xss=5">click</a>',
    "<iframe srcdoc=\"<script>parent.__xss=6</script>\"></iframe>",
    "</title><style>*{display:none}</style>",
]
RAW_MARKERS = ["<script>window", "<img src=x", "<svg onload", "<iframe", "<style>*",
               '<a href="javascript']


def _db(app):
    return storage.connect(app.config["DATABASE"], migrate=False)


def seed_hostile(app, payload: str = XSS[1], title: str | None = None) -> tuple[int, int]:
    """Store an article whose text, title, quote, speaker and cue carry ``payload``,
    through ingest.store (the path every ingest takes). Returns (article id, quote id)."""
    quote_text = f"{payload} is what we said"
    speaker = f"Ann {payload} Lee"
    text = (f"{title or payload}\n\nSource: {payload}\n\n\u201c{quote_text},\u201d said {speaker}."
            f"\n\nMore text {payload} here.")
    q_start = text.index(quote_text)
    s_start = text.index(speaker, q_start)
    c_start = text.index("said", q_start)
    doc = Document(text=text, title=title or payload, outlet=payload, filename=f"{payload}.txt")
    ex = Extraction(
        quotes=[Quote(q_start, q_start + len(quote_text), [(q_start, q_start + len(quote_text))],
                      quote_text, "direct", "said", c_start, c_start + 4, speaker, speaker,
                      s_start, s_start + len(speaker), payload, 0.9, "test")],
        speakers=[Speaker(speaker, "person", payload, [speaker, payload])])
    db = _db(app)
    try:
        res = store(db, doc, ex, user=TEST_USERS["reviewer"])
        qid = db.execute("select id from quotes where article_id = ?",
                         [res.article_id]).fetchone()[0]
    finally:
        db.conn.close()
    return res.article_id, qid


def _counts(app) -> dict:
    db = _db(app)
    try:
        return {t: db.execute(f"select count(*) from [{t}]").fetchone()[0]
                for t in ("articles", "quotes", "speakers", "review_log", "users")} | {
            "versions": db.execute("select coalesce(sum(version), 0) from quotes").fetchone()[0]}
    finally:
        db.conn.close()


# --- the route x role table ------------------------------------------------------------

_probe_app = create_app({"TESTING": True, "DATABASE": ":memory:", "SECRET_KEY": "x",
                         "WTF_CSRF_ENABLED": False})
ROUTES = sorted(
    (rule.rule, rule.endpoint, method)
    for rule in _probe_app.url_map.iter_rules()
    for method in rule.methods - {"HEAD", "OPTIONS"}
)
ROLES = ("viewer", "reviewer", "admin")
WRITE = {"POST", "PUT", "PATCH", "DELETE"}


def expected_role(app, rule: str, endpoint: str, method: str) -> str | None:
    """The policy, written out independently of workbench.web.auth."""
    if endpoint in ("static", "auth.login", "api.openapi"):
        return None
    if rule == "/admin" or rule.startswith("/admin/"):
        role = "admin"
    elif endpoint in ("auth.logout", "auth.change_password") or endpoint.startswith("account."):
        role = "viewer"
    elif method in WRITE:
        role = "reviewer"
    else:
        role = "viewer"
    extra = getattr(app.view_functions[endpoint], "required_role", None)
    if extra and accounts.RANK[extra] > accounts.RANK[role]:
        role = extra
    return role


def _token_headers(app, username: str) -> dict:
    db = _db(app)
    try:
        return {"Authorization": f"Bearer {api_tokens.create(db, username)[1]}"}
    finally:
        db.conn.close()


def build_url(app, rule_str: str, endpoint: str, method: str, ids: dict) -> str:
    rule = next(r for r in app.url_map.iter_rules(endpoint) if r.rule == rule_str)
    values = {}
    for arg in rule.arguments:
        conv = rule._converters[arg]
        if type(conv).__name__ in ("BoundedInt", "IntegerConverter"):
            values[arg] = ids["user"] if rule_str.startswith("/admin") else ids["any"]
        elif endpoint == "static":
            values[arg] = "app.css"
        else:
            values[arg] = "x"
    with app.test_request_context():
        return app.url_map.bind("localhost").build(endpoint, values, method=method)


def test_the_table_covers_every_route():
    endpoints = {e for _, e, _ in ROUTES}
    assert {"articles.index", "quotes.verdict", "admin.users", "auth.login"} <= endpoints
    assert len(ROUTES) >= 15


@pytest.mark.parametrize("rule, endpoint, method", ROUTES,
                         ids=[f"{m} {r}" for r, _, m in ROUTES])
def test_route_x_role(app, rule, endpoint, method):
    article_id, quote_id = seed_hostile(app, "plain")
    victim = add_user(app, "victim", "viewer")
    ids = {"any": 1, "user": victim["id"]}
    url = build_url(app, rule, endpoint, method, ids)
    need = expected_role(app, rule, endpoint, method)

    anon = app.test_client().open(url, method=method)
    hx = app.test_client().open(url, method=method, headers={"HX-Request": "true"})
    api = rule.startswith("/api/")  # tokens only: a session cookie is no credential there
    if need is None:
        assert anon.status_code not in (401, 403), url
    elif api:
        assert anon.status_code == 401 and anon.is_json, url
        assert hx.status_code == 401 and hx.is_json, url
        signed_in = login(app.test_client(), TEST_USERS["admin"]).open(url, method=method)
        assert signed_in.status_code == 401 and signed_in.is_json, url
    else:
        if method == "GET":
            assert anon.status_code == 302 and "/login" in anon.headers["Location"], url
        else:
            assert anon.status_code == 401, url
        assert hx.status_code == 401 and "/login" in hx.headers["HX-Redirect"], url

    before = _counts(app)
    for role in ROLES:
        if api:
            client, headers = app.test_client(), _token_headers(app, TEST_USERS[role])
        else:
            client, headers = login(app.test_client(), TEST_USERS[role]), {}
        resp = client.open(url, method=method, data={}, headers=headers)
        allowed = need is None or accounts.RANK[role] >= accounts.RANK[need]
        if allowed:
            assert resp.status_code not in (401, 403), (role, url, resp.status_code)
        else:
            assert resp.status_code == 403, (role, url, resp.status_code)
        assert resp.status_code < 500, (role, url, resp.get_data(as_text=True)[:500])
    if method == "GET":  # reads never write: GET gets neither the reviewer check nor CSRF
        assert _counts(app) == before, url


def test_unknown_urls_need_a_session_too(anon_client, client):
    resp = anon_client.get("/no/such/page")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    assert client.get("/no/such/page").status_code == 404


# --- signing in and out ------------------------------------------------------------------

def _sign_in(client, username, password, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/login", data=data)


def test_sign_in_and_out(app, anon_client):
    assert anon_client.get("/articles").status_code == 302
    resp = _sign_in(anon_client, TEST_USERS["reviewer"], "wrong password!")
    assert resp.status_code == 401 and "Wrong username or password" in resp.get_data(as_text=True)
    resp = _sign_in(anon_client, TEST_USERS["reviewer"], TEST_PASSWORD, "/quotes")
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/quotes")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = anon_client.get("/articles").get_data(as_text=True)
    assert "rev_rita (reviewer)" in page and "Sign out" in page
    assert anon_client.post("/logout").status_code == 303
    assert anon_client.get("/articles").status_code == 302


def test_passwords_are_argon2_hashes(app):
    db = _db(app)
    try:
        hashes = [r[0] for r in db.execute("select password_hash from users")]
    finally:
        db.conn.close()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(TEST_PASSWORD not in h for h in hashes)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)", "http:/evil"])
def test_sign_in_never_redirects_off_site(anon_client, target):
    resp = _sign_in(anon_client, TEST_USERS["viewer"], TEST_PASSWORD, target)
    assert resp.status_code == 303
    assert resp.headers["Location"] in ("/articles", "http://localhost/articles")


def test_verdict_next_stays_on_site(client, app):
    _, qid = seed_hostile(app, "plain")
    resp = client.post(f"/quotes/{qid}/verdict", data={"status": "verified", "version": "1",
                                                       "next": "https://evil.example/"})
    assert resp.status_code == 303 and "evil" not in resp.headers["Location"]


def test_wrong_passwords_are_throttled(app, anon_client):
    add_user(app, "slowpoke", "viewer")
    for _ in range(web_auth.LOGIN_ATTEMPTS):
        assert _sign_in(anon_client, "slowpoke", "not the password").status_code == 401
    resp = _sign_in(anon_client, "slowpoke", TEST_PASSWORD)
    assert resp.status_code == 429 and "Too many failed sign-ins" in resp.get_data(as_text=True)


def test_unknown_user_and_disabled_user_cannot_sign_in(app, anon_client):
    assert _sign_in(anon_client, "nobody", TEST_PASSWORD).status_code == 401
    add_user(app, "gone", "reviewer", disabled=1)
    assert _sign_in(anon_client, "gone", TEST_PASSWORD).status_code == 401


def test_disabling_a_user_ends_their_session(app, admin_client, client_as):
    victim = add_user(app, "leaver", "reviewer")
    theirs = client_as("leaver")
    assert theirs.get("/articles").status_code == 200
    assert admin_client.post(f"/admin/users/{victim['id']}/disable").status_code == 200
    assert theirs.get("/articles").status_code == 302


@pytest.mark.parametrize("stamp, limit", [
    ("seen", "IDLE_TIMEOUT"),  # idle too long on a shared machine
    ("since", "PERMANENT_SESSION_LIFETIME"),  # 12 hours from sign-in, however busy
])
def test_a_session_ends(app, client, stamp, limit):
    assert client.get("/articles").status_code == 200
    with client.session_transaction() as sess:
        sess[stamp] -= int(app.config[limit].total_seconds()) + 1
    assert client.get("/articles").status_code == 302
    with client.session_transaction() as sess:
        assert "uid" not in sess


def test_a_session_lasts_12_hours_and_is_not_rewritten_on_every_response(app):
    """A late response must not bring back a cookie the browser has just dropped."""
    from email.utils import parsedate_to_datetime
    from datetime import datetime, timezone

    web_auth._failures.clear()
    fresh = app.test_client()
    signed_in = _sign_in(fresh, TEST_USERS["reviewer"], TEST_PASSWORD)
    cookie = next(c for c in signed_in.headers.getlist("Set-Cookie") if c.startswith("session="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    hours = (expires - datetime.now(timezone.utc)).total_seconds() / 3600
    assert 11.9 < hours <= 12
    fresh.get("/articles")  # the first page puts the CSRF token in the session
    for url in ("/articles", "/quotes", "/static/app.css", "/no-such-page"):
        assert not fresh.get(url).headers.getlist("Set-Cookie"), url


def test_password_change_ends_other_sessions(app, client_as):
    add_user(app, "twice", "reviewer")
    laptop, desktop = client_as("twice"), client_as("twice")
    bad = laptop.post("/account/password", data={
        "current_password": "nope", "new_password": "a new secret 123",
        "confirm_password": "a new secret 123"})
    assert bad.status_code == 400 and "current password is wrong" in bad.get_data(as_text=True)
    resp = laptop.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": "a new secret 123",
        "confirm_password": "a new secret 123"})
    assert resp.status_code == 303
    assert laptop.get("/articles").status_code == 200
    assert desktop.get("/articles").status_code == 302
    fresh = app.test_client()
    assert _sign_in(fresh, "twice", TEST_PASSWORD).status_code == 401
    assert _sign_in(fresh, "twice", "a new secret 123").status_code == 303


def test_first_run_creates_admin_with_one_time_password(tmp_path):
    web_auth._failures.clear()
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "new.db"),
                      "SECRET_KEY": "k", "WTF_CSRF_ENABLED": False})
    anon = app.test_client()
    # Nothing is open and there is no default password.
    assert anon.get("/articles").status_code == 302
    for guess in ("admin", "password", "changeme", ""):
        assert _sign_in(anon, "admin", guess).status_code in (400, 401)
    result = app.test_cli_runner().invoke(args=["user", "ensure-admin"])
    assert result.exit_code == 0, result.output
    password = re.search(r"password: (\S+)", result.output).group(1)
    again = app.test_cli_runner().invoke(args=["user", "ensure-admin"])
    assert "Users exist already" in again.output
    resp = _sign_in(anon, "admin", password)
    assert resp.status_code == 303 and "/account/password" in resp.headers["Location"]
    # Until a password of their own is chosen, nothing else is reachable.
    assert anon.get("/articles").status_code == 302
    assert anon.post("/articles", data={"text": "x"}).status_code == 403
    resp = anon.post("/account/password", data={
        "current_password": password, "new_password": "my own secret!",
        "confirm_password": "my own secret!"})
    assert resp.status_code == 303
    assert anon.get("/articles").status_code == 200
    assert anon.get("/admin/users").status_code == 200


def test_admin_manages_users_in_the_ui(app, admin_client, viewer_client):
    resp = admin_client.post("/admin/users", data={"username": "newbie", "role": "reviewer"})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 201 and "One-time password for <strong>newbie</strong>" in body
    password = re.search(r'<code class="password">([^<]+)</code>', body).group(1)
    assert admin_client.post("/admin/users", data={"username": "newbie",
                                                   "role": "viewer"}).status_code == 409
    for bad in ({"username": "", "role": "viewer"}, {"username": "a b", "role": "viewer"},
                {"username": "x" * 65, "role": "viewer"}, {"username": "ok", "role": "god"}):
        assert admin_client.post("/admin/users", data=bad).status_code == 400
    newbie = accounts.find_user(_db(app), "newbie")
    assert admin_client.post(f"/admin/users/{newbie['id']}/role",
                             data={"role": "viewer"}).status_code == 200
    assert admin_client.post(f"/admin/users/{newbie['id']}/role",
                             data={"role": "nope"}).status_code == 400
    fresh = app.test_client()
    assert _sign_in(fresh, "newbie", password).status_code == 303
    reset = admin_client.post(f"/admin/users/{newbie['id']}/password")
    assert reset.status_code == 200 and "One-time password" in reset.get_data(as_text=True)
    assert fresh.get("/articles").status_code == 302  # the reset signed them out
    ada = accounts.find_user(_db(app), TEST_USERS["admin"])
    last = admin_client.post(f"/admin/users/{ada['id']}/role", data={"role": "viewer"})
    assert last.status_code == 400 and "last admin" in last.get_data(as_text=True)
    assert admin_client.post(f"/admin/users/{ada['id']}/disable").status_code == 400
    assert admin_client.post("/admin/users/424242/role", data={"role": "admin"}).status_code == 404
    assert viewer_client.get("/admin/users").status_code == 403


def test_user_cli(app):
    runner = app.test_cli_runner()
    out = runner.invoke(args=["user", "create", "carol", "--role", "viewer"])
    assert out.exit_code == 0 and "One-time password for carol" in out.output
    assert runner.invoke(args=["user", "create", "carol"]).exit_code != 0
    assert "carol" in runner.invoke(args=["user", "list"]).output
    assert runner.invoke(args=["user", "set-role", "carol", "reviewer"]).exit_code == 0
    out = runner.invoke(args=["user", "set-password", "carol"],
                        input="a long secret 1\na long secret 1\n")
    assert out.exit_code == 0, out.output
    assert accounts.authenticate(_db(app), "carol", "a long secret 1")["role"] == "reviewer"
    assert runner.invoke(args=["user", "set-password", "carol"],
                         input="short\nshort\n").exit_code != 0
    assert runner.invoke(args=["user", "disable", "carol"]).exit_code == 0
    assert accounts.authenticate(_db(app), "carol", "a long secret 1") is None
    assert runner.invoke(args=["user", "enable", "carol"]).exit_code == 0
    assert runner.invoke(args=["user", "disable", TEST_USERS["admin"]]).exit_code != 0
    assert runner.invoke(args=["user", "set-role", "nobody", "admin"]).exit_code != 0


def test_every_verdict_and_ingest_records_its_reviewer(app, client, client_as):
    _, qid = seed_hostile(app, "plain")
    assert client.post(f"/quotes/{qid}/verdict",
                       data={"status": "verified", "version": "1"}).status_code == 303
    ada = client_as(TEST_USERS["admin"])
    assert ada.post(f"/quotes/{qid}/verdict", data={"status": "disputed", "reason": "misquote",
                                                    "version": "2"},
                    headers={"HX-Request": "true"}).status_code == 200
    db = _db(app)
    log = [r[0] for r in db.execute("select reviewer from review_log where quote_id = ? "
                                    "order by id", [qid])]
    assert log[-2:] == [TEST_USERS["reviewer"], TEST_USERS["admin"]]
    assert db.execute("select reviewer from quotes where id = ?", [qid]).fetchone()[0] == \
        TEST_USERS["admin"]
    resp = client.post("/articles", data={"text": 'Title\n\n"Fine," she said.'})
    assert resp.status_code == 303
    article_id = int(resp.headers["Location"].rsplit("/", 1)[1])
    assert db.execute("select ingested_by from articles where id = ?",
                      [article_id]).fetchone()[0] == TEST_USERS["reviewer"]


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_SECRET_KEY", raising=False)
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(tmp_path / "instance"))
    one = create_app({"DATABASE": str(tmp_path / "a.db")})
    two = create_app({"DATABASE": str(tmp_path / "a.db")})
    key = tmp_path / "instance" / "secret_key"
    assert one.secret_key == two.secret_key == key.read_text().strip()
    assert len(one.secret_key) == 64
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert one.config["SESSION_COOKIE_HTTPONLY"] and one.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True,
                             cwd=str(storage.Path(__file__).parents[1])).stdout.split()
    assert not [f for f in tracked if f.startswith("instance/") or "secret_key" in f]


def test_viewers_see_no_write_controls(app, viewer_client, client):
    article_id, qid = seed_hostile(app, "plain")
    for url in ("/articles", f"/articles/{article_id}", f"/quotes/{qid}", "/quotes"):
        viewer_page = viewer_client.get(url).get_data(as_text=True)
        assert '/verdict"' not in viewer_page and 'name="text"' not in viewer_page, url
    assert '/verdict"' in client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert 'name="text"' in client.get("/articles").get_data(as_text=True)


def test_security_headers(client):
    resp = client.get("/articles")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["Cache-Control"] == "no-store"


# --- CSRF -------------------------------------------------------------------------------

@pytest.fixture
def csrf_app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "csrf.db"),
                      "SECRET_KEY": "csrf-secret", "WTF_CSRF_ENABLED": True})
    for role, username in TEST_USERS.items():
        add_user(app, username, role)
    web_auth._failures.clear()
    return app


def _token(client, url="/articles") -> str:
    html = client.get(url).get_data(as_text=True)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)
    header = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", html).group(1)
    fields = re.findall(r'name="csrf_token" value="([^"]+)"', html)
    assert meta == header and fields and set(fields) == {meta}
    return meta


def test_csrf_refuses_state_changes_without_a_token(csrf_app):
    client = login(csrf_app.test_client(), TEST_USERS["reviewer"])
    _, qid = seed_hostile(csrf_app, "plain")
    before = _counts(csrf_app)
    text = 'Csrf\n\n"Yes," he said.'
    resp = client.post("/articles", data={"text": text})
    assert resp.status_code == 400 and "Reload the page" in resp.get_data(as_text=True)
    resp = client.post(f"/quotes/{qid}/verdict", data={"status": "verified"},
                       headers={"HX-Request": "true"})
    assert resp.status_code == 400 and "<html" not in resp.get_data(as_text=True)
    assert client.post(f"/quotes/{qid}/verdict", data={"status": "verified",
                       "csrf_token": "forged"}).status_code == 400
    other = login(csrf_app.test_client(), TEST_USERS["admin"])
    stolen = _token(other)  # another session's token does not work here
    assert client.post(f"/quotes/{qid}/verdict", headers={"X-CSRFToken": stolen},
                       data={"status": "verified"}).status_code == 400
    assert _counts(csrf_app) == before
    token = _token(client)
    assert client.post(f"/quotes/{qid}/verdict", data={"status": "verified", "version": "1"},
                       headers={"HX-Request": "true", "X-CSRFToken": token}).status_code == 200
    assert client.post("/articles", data={"text": text, "csrf_token": token}).status_code == 303
    # Signing in is protected too (no login CSRF), and signing out.
    anon = csrf_app.test_client()
    assert _sign_in(anon, TEST_USERS["viewer"], TEST_PASSWORD).status_code == 400
    assert client.post("/logout").status_code == 400


def test_csrf_login_page_has_a_token_and_works(csrf_app):
    anon = csrf_app.test_client()
    html = anon.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    resp = anon.post("/login", data={"username": TEST_USERS["viewer"], "password": TEST_PASSWORD,
                                     "csrf_token": token})
    assert resp.status_code == 303


# --- hostile text --------------------------------------------------------------------------

def _assert_inert(body: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in body, f"{marker!r} unescaped in {where}"


def _get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_stay_text_on_every_page_and_fragment(app, client, payload):
    article_id, qid = seed_hostile(app, payload)
    # Through the real ingest too: paste with a hostile title, upload with a hostile name.
    pasted = client.post("/articles", data={
        "title": payload[:300], "text": f'{payload}\n\n"{payload}," said {payload} Smith.'})
    assert pasted.status_code == 303, pasted.get_data(as_text=True)[:300]
    upload = client.post("/articles/upload", content_type="multipart/form-data", data={
        "files": [(io.BytesIO(f"T\n\n{payload} x".encode()), f"{payload}.txt"),
                  (io.BytesIO(b"\x00\x01"), f"{payload}.bin")]})
    _assert_inert(upload.get_data(as_text=True), "upload results")
    note = client.post(f"/quotes/{qid}/verdict", headers={"HX-Request": "true"},
                       data={"status": "disputed", "reason": "other", "note": payload,
                             "version": "1"})
    assert note.status_code == 200
    _assert_inert(note.get_data(as_text=True), "verdict fragment")
    assert "&lt;" in note.get_data(as_text=True)

    pages = {}
    for rule in _get_routes(app):
        values = {a: (qid if "quote" in a else article_id) for a in rule.arguments}
        with app.test_request_context():
            url = app.url_map.bind("localhost").build(rule.endpoint, values)
        for headers in ({}, {"HX-Request": "true", "HX-Target": "results"}):
            resp = client.get(url, headers=headers)
            assert resp.status_code < 500, url
            if resp.mimetype == "text/html":
                _assert_inert(resp.get_data(as_text=True), f"{url} {headers}")
                pages[url] = resp.get_data(as_text=True)
    for url in (f"/quotes?q={payload}", f"/quotes?status={payload}", f"/quotes?speaker={payload}",
                f"/articles/{article_id}?x={payload}", f"/articles?q={payload}",
                "/no-such-" + payload):
        resp = client.get(url)
        assert resp.status_code < 500
        _assert_inert(resp.get_data(as_text=True), url)
    # The highlighted article shows the payload as text, inside its highlight.
    show = pages[f"/articles/{article_id}"]
    assert "quote-mark" in show and "&lt;" in show


def test_template_syntax_in_text_is_not_evaluated(app, client):
    article_id, _ = seed_hostile(app, "{{ 7*7 }}{% if 1 %}IF{% endif %}")
    body = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "{{ 7*7 }}" in body and "{% if 1 %}" in body


def test_csv_export_neutralises_formula_cells(app, client):
    formulas = ["=HYPERLINK(\"http://evil\",\"x\")", "+SUM(1,2)", "-2+3", "@cmd", "\t=1"]
    for f in formulas:
        article_id, qid = seed_hostile(app, f, title=f + " title")
        client.post(f"/quotes/{qid}/verdict", data={"status": "disputed", "reason": "other",
                                                    "note": f, "version": "1"})
    resp = client.get("/export.csv")
    assert resp.status_code == 200
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
    cells = [c for row in rows[1:] for c in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not (cell.startswith("-") and not re.fullmatch(r"-?\d+(\.\d+)?", cell)), cell
    header = rows[0]
    by_col = {name: [r[i] for r in rows[1:]] for i, name in enumerate(header)}
    assert "'=HYPERLINK(\"http://evil\",\"x\") title" in by_col["article_title"]
    assert "'+SUM(1,2)" in by_col["note"]


# --- bad input: a clear message, the right status, nothing changed -------------------------

def _upload(client, content: bytes, name: str):
    return client.post("/articles/upload", content_type="multipart/form-data",
                       data={"files": (io.BytesIO(content), name)})


@pytest.mark.parametrize("name, send, status, message", [
    ("empty text", lambda c, q: c.post("/articles", data={"text": " \n\t "}), 400, "empty"),
    ("no text field", lambda c, q: c.post("/articles", data={}), 400, "empty"),
    ("title too long", lambda c, q: c.post("/articles", data={"text": "A\n\nB", "title": "t" * 301}),
     400, "too long"),
    ("text too long", lambda c, q: c.post("/articles", data={"text": "x" * (5 * 1024 * 1024 + 1)}),
     400, "too long"),
    ("binary file", lambda c, q: _upload(c, b"\x7fELF\x00\x00\x01", "a.txt"), 400, "binary"),
    ("unsupported file", lambda c, q: _upload(c, b"%PDF-1.4", "a.pdf"), 400, "unsupported"),
    ("exe file", lambda c, q: _upload(c, b"MZ\x90\x00", "setup.exe"), 400, "unsupported"),
    ("invalid utf-8", lambda c, q: _upload(c, b"Caf\xe9 \xff\xfe", "a.txt"), 400, "UTF-8"),
    ("empty file", lambda c, q: _upload(c, b"", "a.txt"), 400, "empty"),
    ("no file", lambda c, q: c.post("/articles/upload", data={}), 400, "Choose"),
    ("verdict without status", lambda c, q: c.post(f"/quotes/{q}/verdict", data={}), 400,
     "required"),
    ("unknown status", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "meh", "version": "1"}), 400,
     "Unknown status"),
    ("note too long", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "disputed", "note": "n" * 5001, "version": "1"}), 400, "too long"),
    ("bad evidence url", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "disputed", "note": "x", "evidence_url": "javascript:alert(1)",
        "version": "1"}), 400,
     "http"),
    ("bad version", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "verified", "version": "²"}), 400, "number"),
    ("huge version", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "verified", "version": "9" * 30}), 400, "number"),
    ("verdict without version", lambda c, q: c.post(f"/quotes/{q}/verdict", data={
        "status": "verified"}), 400, "required: the version of the quote"),
    ("review verdict without version", lambda c, q: c.post(f"/review/{q}/verdict", data={
        "status": "verified"}), 400, "required: the version of the quote"),
    ("speaker change without version", lambda c, q: c.post(f"/review/{q}/speaker", data={
        "name": "Someone Else"}), 400, "required: the version of the quote"),
    ("span change without version", lambda c, q: c.post(f"/review/{q}/span", data={
        "start": "0", "end": "5"}), 400, "required: the version of the quote"),
    ("unknown quote", lambda c, q: c.post("/quotes/987654/verdict", data={
        "status": "verified", "version": "1"}),
     404, "No quote"),
    ("huge quote id", lambda c, q: c.post("/quotes/99999999999999999999/verdict",
                                          data={"status": "verified"}), 404, "Not Found"),
    ("unknown article", lambda c, q: c.get("/articles/987654"), 404, "No article"),
    ("huge article id", lambda c, q: c.get("/articles/123456789012345678901234"), 404,
     "Not Found"),
    ("unknown quote page", lambda c, q: c.get("/quotes/987654"), 404, "No quote"),
    ("speaker not a number", lambda c, q: c.get("/quotes?speaker=abc"), 400, "number"),
    ("superscript digit", lambda c, q: c.get("/quotes?article=%C2%B2"), 400, "number"),
    ("huge speaker id", lambda c, q: c.get("/quotes?speaker=" + "9" * 25), 400, "number"),
    ("confidence nan", lambda c, q: c.get("/quotes?min_confidence=nan"), 400, "between"),
    ("confidence inf", lambda c, q: c.get("/quotes?max_confidence=1e999"), 400, "between"),
    ("filter too long", lambda c, q: c.get("/quotes?q=" + "w" * 600), 400, "too long"),
    ("bad export filter", lambda c, q: c.get("/export.csv?status=bogus"), 400, "Unknown status"),
])
def test_bad_input_is_refused_clearly_and_changes_nothing(app, client, name, send, status,
                                                          message):
    _, qid = seed_hostile(app, "plain")
    before = _counts(app)
    resp = send(client, qid)
    assert resp.status_code == status, (name, resp.get_data(as_text=True)[:400])
    assert message.lower() in resp.get_data(as_text=True).lower(), name
    assert _counts(app) == before, name


def test_upload_over_the_size_limit_is_413_and_changes_nothing(app, client):
    before = _counts(app)
    big = b"word " * (app.config["MAX_CONTENT_LENGTH"] // 5 + 10)
    resp = _upload(client, big, "big.txt")
    assert resp.status_code == 413
    assert "Too Large" in resp.get_data(as_text=True)
    assert "nothing was stored" in resp.get_data(as_text=True)
    assert _counts(app) == before


def test_a_long_paste_is_not_refused_by_the_form_parser(app, client):
    """Werkzeug refuses form fields over 500 kB by default; an article may be longer."""
    text = "Long one\n\n" + ('"We will see," he said. ' * 40 + "\n\n") * 600
    assert len(text.encode()) > 500_000
    resp = client.post("/articles", data={"text": text})
    assert resp.status_code == 303


# --- arbitrary form data never makes a 500 --------------------------------------------------
# tests/test_fuzz_routes.py: every route of app.url_map, as every role, arbitrary query
# strings, form fields and uploads.


# --- integrity ------------------------------------------------------------------------------

def test_ingest_is_one_transaction(app, monkeypatch):
    import sqlite_utils.db

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    before = _counts(app)
    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", boom)
    with pytest.raises(RuntimeError):
        seed_hostile(app, "plain")
    assert _counts(app) == before  # no article, no speaker without its quotes


def test_concurrent_verdicts_on_one_version_exactly_one_wins(app):
    _, qid = seed_hostile(app, "plain")
    results, barrier = [], threading.Barrier(12)

    def worker(i):
        db = _db(app)
        try:
            barrier.wait()
            set_verdict(db, qid, Verdict("verified", note=f"n{i}"), f"user{i}",
                        expected_version=1)
            results.append(("ok", i))
        except VersionConflict as exc:
            results.append(("conflict", exc.current["version"]))
        finally:
            db.conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r[0] for r in results) == ["conflict"] * 11 + ["ok"]
    db = _db(app)
    rows = list(db.query("select reviewer, note from review_log where quote_id = ?", [qid]))
    winner = next(i for kind, i in results if kind == "ok")
    assert [(r["reviewer"], r["note"]) for r in rows] == [(f"user{winner}", f"n{winner}")]
    assert db.execute("select version from quotes where id = ?", [qid]).fetchone()[0] == 2


@pytest.mark.slow
def test_a_5_mb_article_is_ingested_whole_and_shown(app, client):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from big_article import build

    text = build(5 * 1024 * 1024)
    assert len(text.encode()) >= 5 * 1024 * 1024
    resp = _upload(client, text.encode(), "big.txt")
    assert resp.status_code == 303, resp.get_data(as_text=True)[:300]
    article_id = int(resp.headers["Location"].rsplit("/", 1)[1])
    db = _db(app)
    try:
        stored = db.execute("select text from articles where id = ?", [article_id]).fetchone()[0]
        quotes = list(db.query("select start, end, text from quotes where article_id = ?",
                               [article_id]))
    finally:
        db.conn.close()
    assert stored == text
    assert len(quotes) > 5000
    assert all(stored[q["start"]:q["end"]] == q["text"] for q in quotes)
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    assert page.get_data(as_text=True).count('class="quote-mark') >= len(quotes)


def test_an_admin_resetting_their_own_password_stays_signed_in(app, admin_client):
    ada = accounts.find_user(_db(app), TEST_USERS["admin"])
    resp = admin_client.post(f"/admin/users/{ada['id']}/password")
    assert resp.status_code == 200 and "One-time password" in resp.get_data(as_text=True)
    nxt = admin_client.get("/articles")
    assert nxt.status_code == 302 and "/account/password" in nxt.headers["Location"]
