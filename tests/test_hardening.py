"""What an outside attack found (issue 11), each kept shut by a test that failed before.

Huge page numbers, a hostile HTML upload next to a good file, parallel password guesses,
sessions that outlived their end, and the current-password check as a guessing oracle.
"""
from __future__ import annotations

import io
import re
import threading
import time

import pytest
from conftest import TEST_PASSWORD, TEST_USERS, add_user

from workbench import accounts
from workbench import db as storage
from workbench.web import auth as web_auth

NEW_PASSWORD = "a brand new secret 42"


def _count(app, table: str) -> int:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        return db.execute(f"select count(*) from [{table}]").fetchone()[0]
    finally:
        db.conn.close()


def _sign_in(client, username: str, password: str):
    return client.post("/login", data={"username": username, "password": password})


# --- 1. a page number hiding its length behind leading zeros ------------------------------

@pytest.mark.parametrize("url", ["/quotes", "/articles", "/speakers"])
@pytest.mark.parametrize("page", ["00000000199999999999999999999", "0000000001" + "0" * 40,
                                  "000000000", "1000001"])
def test_a_huge_page_number_is_a_400(client, url, page):
    resp = client.get(url, query_string={"page": page})
    assert resp.status_code == 400, resp.get_data(as_text=True)[:300]
    assert "page number" in resp.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/quotes", "/articles", "/speakers"])
def test_a_page_number_with_leading_zeros_still_works(client, seeded, url):
    assert client.get(url, query_string={"page": "0001"}).status_code == 200


# --- 2. an HTML file the HTML library chokes on, next to a good file ----------------------

def test_a_hostile_html_file_is_refused_alone_and_its_companion_reported(app, client):
    before = _count(app, "articles")
    resp = client.post("/articles/upload", content_type="multipart/form-data", data={
        "files": [(io.BytesIO(b'Companion\n\n"It holds," she said.'), "companion.txt"),
                  (io.BytesIO(b"<svg><script>a</script><text>hi</text></svg>"), "evil.html")]})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200, body[:500]
    assert re.search(r"<strong>companion\.txt</strong>:\s*ingested", body)
    assert re.search(r"<strong>evil\.html</strong>:\s*evil\.html: no article text", body)
    assert _count(app, "articles") == before + 1


@pytest.mark.parametrize("html", [
    b"<svg><script>a</script><text>hi</text></svg>",
    b"<math><mi>x</mi></math>",
    b"<?xml version='1.0' encoding='utf-8'?><svg xmlns='http://www.w3.org/2000/svg'><text>t</text></svg>",
])
def test_foreign_root_elements_are_a_clear_400(client, html):
    resp = client.post("/articles/upload", content_type="multipart/form-data",
                       data={"files": (io.BytesIO(html), "page.html")})
    assert resp.status_code == 400 and "page.html" in resp.get_data(as_text=True)


def test_an_xhtml_page_with_an_xml_declaration_is_still_read(client):
    page = (b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            b"<head><title>Declared</title></head><body><p>\"We stay,\" the mayor said on "
            b"Monday in a long speech to the council.</p></body></html>")
    resp = client.post("/articles/upload", content_type="multipart/form-data",
                       data={"files": (io.BytesIO(page), "page.xhtml")})
    assert resp.status_code == 303, resp.get_data(as_text=True)[:300]


# --- 3. parallel password guesses -----------------------------------------------------------

def _slow_authenticate(monkeypatch, delay: float = 0.3) -> list:
    """Make each password check take ``delay`` s (argon2 on a busy machine) and count them."""
    calls: list[str] = []
    real = accounts.authenticate

    def slow(db, username, password):
        calls.append(password)
        time.sleep(delay)
        return real(db, username, password)

    monkeypatch.setattr(accounts, "authenticate", slow)
    return calls


def test_a_burst_of_guesses_checks_at_most_the_limit_and_the_right_one_is_refused(
        app, monkeypatch):
    add_user(app, "target", "reviewer")
    calls = _slow_authenticate(monkeypatch)
    statuses: list[int] = []
    barrier = threading.Barrier(24)

    def guess(i: int) -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(_sign_in(client, "target", f"wrong guess {i}").status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    # The right password arrives while the first guesses are still being checked.
    deadline = time.monotonic() + 10
    while len(calls) < web_auth.LOGIN_ATTEMPTS and time.monotonic() < deadline:
        time.sleep(0.005)
    right = _sign_in(app.test_client(), "target", TEST_PASSWORD)
    for t in threads:
        t.join()
    assert len(calls) <= web_auth.LOGIN_ATTEMPTS, f"{len(calls)} passwords checked"
    assert right.status_code == 429, "the right password got in during the burst"
    assert sorted(set(statuses)) == [401, 429]
    assert statuses.count(401) == len(calls)


def test_guesses_from_one_address_at_many_accounts_are_throttled(app, anon_client,
                                                                 monkeypatch):
    monkeypatch.setitem(web_auth._throttle.limits, "address", 8)  # 100 guesses take long
    for i in range(8):
        assert _sign_in(anon_client, f"name{i}", "not a password").status_code == 401
    resp = _sign_in(anon_client, TEST_USERS["viewer"], TEST_PASSWORD)
    assert resp.status_code == 429


def test_a_right_password_takes_back_its_own_attempt(app, anon_client, monkeypatch):
    monkeypatch.setitem(web_auth._throttle.limits, "account", 3)  # fewer slow checks
    for _ in range(2):
        assert _sign_in(anon_client, TEST_USERS["viewer"], "not it at all").status_code == 401
    assert _sign_in(anon_client, TEST_USERS["viewer"], TEST_PASSWORD).status_code == 303
    again = app.test_client()  # the account's count ended with its owner's success
    for _ in range(3):
        assert _sign_in(again, TEST_USERS["viewer"], "not it at all").status_code == 401
    assert _sign_in(again, TEST_USERS["viewer"], TEST_PASSWORD).status_code == 429


# --- 3b. the current-password check on /account/password ------------------------------------

def _change(client, current: str, new: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post("/account/password", data={
        "current_password": current, "new_password": new,
        "confirm_password": new if confirm is None else confirm})


def _page(resp) -> str:
    """The page without its CSRF tokens (they carry a timestamp, so differ by the second)."""
    return re.sub(r'(csrf-token" content|name="csrf_token" value|X-CSRFToken": )"[^"]*"', "",
                  resp.get_data(as_text=True))


def test_current_password_guesses_are_throttled(app, client_as):
    add_user(app, "guessed", "reviewer")
    thief = client_as("guessed")
    for i in range(web_auth.LOGIN_ATTEMPTS):
        assert _change(thief, f"guess number {i}").status_code == 400
    resp = _change(thief, TEST_PASSWORD)
    assert resp.status_code == 429 and "Too many" in resp.get_data(as_text=True)
    assert _sign_in(app.test_client(), "guessed", TEST_PASSWORD).status_code == 429
    assert accounts.check_password(accounts.find_user(storage.connect(
        app.config["DATABASE"], migrate=False), "guessed"), TEST_PASSWORD)


@pytest.mark.parametrize("new, confirm", [
    (NEW_PASSWORD, "something else entirely"),  # the two differ
    ("short", "short"),  # too short
    ("guessed2", "guessed2"),  # too short and the username
])
def test_the_error_does_not_tell_a_right_guess_from_a_wrong_one(app, client_as, new, confirm):
    add_user(app, "guessed2", "reviewer")
    thief = client_as("guessed2")
    right = _change(thief, TEST_PASSWORD, new, confirm)
    wrong = _change(thief, "a wrong guess!", new, confirm)
    assert right.status_code == wrong.status_code == 400
    assert _page(right) == _page(wrong)


def test_new_equal_to_a_guess_does_not_tell_the_guess_is_right(app, client_as):
    add_user(app, "guessed3", "reviewer")
    thief = client_as("guessed3")
    right = _change(thief, TEST_PASSWORD, TEST_PASSWORD)
    wrong = _change(thief, "a wrong guess!", "a wrong guess!")
    assert right.status_code == wrong.status_code == 400
    assert _page(right) == _page(wrong)


# --- 4 and the server-side sessions ---------------------------------------------------------

def test_enabling_a_user_again_does_not_revive_their_sessions(app, admin_client, client_as):
    victim = add_user(app, "comeback", "reviewer")
    theirs = client_as("comeback")
    assert theirs.get("/articles").status_code == 200
    assert admin_client.post(f"/admin/users/{victim['id']}/disable").status_code == 200
    assert admin_client.post(f"/admin/users/{victim['id']}/enable").status_code == 200
    assert theirs.get("/articles").status_code == 302
    assert _sign_in(app.test_client(), "comeback", TEST_PASSWORD).status_code == 303


def _cookie(client, app) -> str:
    return client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value


def _with_cookie(app, value: str):
    other = app.test_client()
    other.set_cookie(app.config.get("SESSION_COOKIE_NAME", "session"), value)
    return other


def test_a_copied_cookie_is_dead_after_sign_out(app, anon_client):
    assert _sign_in(anon_client, TEST_USERS["reviewer"], TEST_PASSWORD).status_code == 303
    copied = _cookie(anon_client, app)
    assert _with_cookie(app, copied).get("/articles").status_code == 200
    assert anon_client.post("/logout").status_code == 303
    assert _with_cookie(app, copied).get("/articles").status_code == 302
    assert _with_cookie(app, copied).post("/articles", data={"text": "x"}).status_code == 401


@pytest.mark.parametrize("how", ["password change", "admin reset", "cli reset", "disable"])
def test_every_way_of_ending_sessions_kills_copied_cookies(app, client_as, admin_client, how):
    user = add_user(app, "copied", "reviewer")
    mine = client_as("copied")
    copied = _cookie(client_as("copied"), app)
    if how == "password change":
        assert _change(mine, TEST_PASSWORD).status_code == 303
        assert mine.get("/articles").status_code == 200  # the session that changed it goes on
    elif how == "admin reset":
        assert admin_client.post(f"/admin/users/{user['id']}/password").status_code == 200
    elif how == "cli reset":
        assert app.test_cli_runner().invoke(
            args=["user", "set-password", "copied", "--generate"]).exit_code == 0
    else:
        assert admin_client.post(f"/admin/users/{user['id']}/disable").status_code == 200
        assert admin_client.post(f"/admin/users/{user['id']}/enable").status_code == 200
    assert _with_cookie(app, copied).get("/articles").status_code == 302, how


def test_a_user_sees_their_sessions_and_ends_the_others(app, client_as):
    add_user(app, "roamer", "viewer")
    here, laptop, phone = client_as("roamer"), client_as("roamer"), client_as("roamer")
    page = here.get("/account/sessions")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and body.count("<tr") == 4  # header and three sessions
    assert "this session" in body
    ids = [int(i) for i in re.findall(r"/account/sessions/(\d+)/end", body)]
    assert len(ids) == 2
    resp = here.post(f"/account/sessions/{ids[0]}/end")  # a viewer may: it is their own
    assert resp.status_code == 200 and "signed out" in resp.get_data(as_text=True)
    alive = [c.get("/articles").status_code for c in (laptop, phone)]
    assert sorted(alive) == [200, 302]
    assert here.post("/account/sessions/end-others").status_code == 200
    assert [c.get("/articles").status_code for c in (laptop, phone)] == [302, 302]
    assert here.get("/articles").status_code == 200
    assert here.get("/account/sessions").get_data(as_text=True).count("<tr") == 2


def test_no_one_ends_another_users_session(app, client_as):
    add_user(app, "alice2", "viewer")
    add_user(app, "bob2", "viewer")
    alice, bob = client_as("alice2"), client_as("bob2")
    (bobs,) = _session_ids(app, "bob2")
    assert alice.post(f"/account/sessions/{bobs}/end").status_code == 404
    assert bob.get("/articles").status_code == 200


def _session_ids(app, username: str) -> list[int]:
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        user = accounts.find_user(db, username)
        return [r[0] for r in db.execute(
            "select id from sessions where user_id = ? and ended_at is null", [user["id"]])]
    finally:
        db.conn.close()


def test_ending_your_own_session_from_the_list_signs_you_out(app, client_as):
    add_user(app, "self_ender", "viewer")
    me = client_as("self_ender")
    (mine,) = _session_ids(app, "self_ender")
    resp = me.post(f"/account/sessions/{mine}/end")
    assert resp.status_code == 303 and "/login" in resp.headers["Location"]
    assert me.get("/articles").status_code == 302


# --- trusted hosts and links built from configuration ---------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost:99999",
                                  "localhost@evil.example", "a b"])
@pytest.mark.parametrize("url", ["/login", "/articles", "/static/app.css", "/no-such-page"])
def test_a_forged_host_header_is_a_plain_400(client, anon_client, host, url):
    for who in (anon_client, client):
        resp = who.get(url, headers={"Host": host})
        assert resp.status_code == 400, (host, url, resp.status_code)
        assert resp.mimetype == "text/plain" and "Location" not in resp.headers
        assert "WORKBENCH_HOSTS" in resp.get_data(as_text=True)
    assert client.post("/articles", data={"text": "Forged\n\nhost"},
                       headers={"Host": host}).status_code == 400


def test_workbench_hosts_names_the_trusted_hosts(tmp_path, monkeypatch):
    from workbench.web import create_app

    monkeypatch.setenv("WORKBENCH_HOSTS", "desk.example, .news.example")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "h.db"), "SECRET_KEY": "k"})
    assert app.config["TRUSTED_HOSTS"] == ["desk.example", ".news.example"]
    client = app.test_client()
    assert client.get("/login", headers={"Host": "desk.example:8080"}).status_code == 200
    assert client.get("/login", headers={"Host": "fc.news.example"}).status_code == 200
    assert client.get("/login", headers={"Host": "localhost"}).status_code == 400
    monkeypatch.delenv("WORKBENCH_HOSTS")
    default = create_app({"TESTING": True, "DATABASE": str(tmp_path / "h.db"), "SECRET_KEY": "k"})
    assert default.config["TRUSTED_HOSTS"] == ["127.0.0.1", "localhost"]


def _export_links(client) -> list[str]:
    import csv

    resp = client.get("/export.csv", headers={"Host": "localhost"})
    assert resp.status_code == 200
    return [row["workbench_url"] for row in csv.DictReader(io.StringIO(resp.get_data(as_text=True)))]


def test_export_links_come_from_configuration_not_the_host_header(app, client, seeded):
    links = _export_links(client)
    assert links and all(re.fullmatch(r"http://127\.0\.0\.1:5000/quotes/\d+", u) for u in links)
    app.config["BASE_URL"] = "https://desk.example/workbench/"
    links = _export_links(client)
    assert all(re.fullmatch(r"https://desk\.example/workbench/quotes/\d+", u) for u in links)


def test_serve_trusts_its_own_address_and_links_to_it(app, monkeypatch):
    from workbench.web.cli import _served_at

    monkeypatch.delenv("WORKBENCH_BASE_URL", raising=False)
    _served_at(app, "10.0.0.5", 8123)
    assert app.config["TRUSTED_HOSTS"][-1] == "10.0.0.5"
    assert app.config["BASE_URL"] == "http://10.0.0.5:8123"
    _served_at(app, "0.0.0.0", 8124)  # every interface: trust nothing more, link to the first
    assert "0.0.0.0" not in app.config["TRUSTED_HOSTS"]
    assert app.config["BASE_URL"] == "http://127.0.0.1:8124"
    monkeypatch.setenv("WORKBENCH_BASE_URL", "https://desk.example")
    app.config["BASE_URL"] = "https://desk.example"
    _served_at(app, "127.0.0.1", 9000)
    assert app.config["BASE_URL"] == "https://desk.example"


def test_a_restore_ends_every_session(app, client, runner, tmp_path):
    """A backup holds sessions that were ended after it was taken: none may come back."""
    assert client.get("/articles").status_code == 200
    assert runner.invoke(args=["backup", str(tmp_path / "b.db")]).exit_code == 0
    assert runner.invoke(args=["restore", "--yes", str(tmp_path / "b.db")]).exit_code == 0
    assert client.get("/articles").status_code == 302
    assert _sign_in(app.test_client(), TEST_USERS["reviewer"], TEST_PASSWORD).status_code == 303


def test_the_sessions_page_leaves_out_expired_sessions(app, client_as):
    add_user(app, "forgetful", "viewer")
    here, _old = client_as("forgetful"), client_as("forgetful")
    older = min(_session_ids(app, "forgetful"))
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        with storage.write_transaction(db):
            db.execute("update sessions set last_seen_at = '2000-01-01T00:00:00.000+00:00' "
                       "where id = ?", [older])
    finally:
        db.conn.close()
    body = here.get("/account/sessions").get_data(as_text=True)
    assert body.count("<tr") == 2 and f"/account/sessions/{older}/end" not in body


def test_signing_in_again_ends_the_session_the_browser_had(app, anon_client):
    assert _sign_in(anon_client, TEST_USERS["reviewer"], TEST_PASSWORD).status_code == 303
    first = _cookie(anon_client, app)
    assert anon_client.post("/login", data={"username": TEST_USERS["viewer"],
                                            "password": TEST_PASSWORD}).status_code == 303
    assert _with_cookie(app, first).get("/articles").status_code == 302
    assert "view_victor" in anon_client.get("/articles").get_data(as_text=True)


def test_bad_facts_for_a_missing_article_are_a_404(client):
    # Found by test_fuzz_routes after the facts form landed: the value check ran first and
    # its error page needed the article (500).
    resp = client.post("/articles/999/facts", data={"url": "ftp://x", "version": "1"})
    assert resp.status_code == 404
