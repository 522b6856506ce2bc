"""Shared fixtures: an app on a temporary database, its clients, and a real browser."""
from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

import pytest

from workbench import db as storage
from workbench.web import auth as web_auth
from workbench.web import create_app

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT_PATH = ROOT / "data" / "afp-syria-putin-cameron.txt"
SEED_GOLD_PATH = ROOT / "tests" / "data" / "seed_gold.jsonl"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = ROOT / "test-output"


@pytest.fixture
def seed_text() -> str:
    return SEED_TEXT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def seed_gold() -> dict:
    with open(SEED_GOLD_PATH, encoding="utf-8") as fh:
        return json.loads(fh.readline())


@pytest.fixture
def fresh_db():
    """An in-memory database with the schema applied."""
    db = storage.connect(":memory:")
    yield db
    db.conn.close()


# One user per role in every test app; `client` is signed in as the reviewer.
TEST_USERS = {"admin": "admin_ada", "reviewer": "rev_rita", "viewer": "view_victor"}
TEST_PASSWORD = "correct horse battery staple"
_TEST_HASH: list[str] = []


def add_user(app, username: str, role: str, password: str = TEST_PASSWORD, **fields) -> dict:
    """Insert a user straight into the app's database (hashing TEST_PASSWORD only once)."""
    from workbench import accounts
    from workbench.clock import now

    if password == TEST_PASSWORD:
        if not _TEST_HASH:
            _TEST_HASH.append(accounts.hash_password(TEST_PASSWORD))
        hashed = _TEST_HASH[0]
    else:
        hashed = accounts.hash_password(password)
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        with storage.write_transaction(db):
            db["users"].insert({"username": username, "password_hash": hashed, "role": role,
                                "disabled": 0, "must_change_password": 0, "created_at": now(),
                                "updated_at": now(), **fields})
        return accounts.find_user(db, username)
    finally:
        db.conn.close()


def login(client, username: str):
    """Sign a test client in as ``username``: a real session record and its cookie (no
    password round trip)."""
    from workbench import accounts

    db = storage.connect(client.application.config["DATABASE"], migrate=False)
    try:
        fields = web_auth.session_fields(accounts.find_user(db, username), db)
    finally:
        db.conn.close()
    with client.session_transaction() as sess:
        sess.clear()
        sess.update(fields)
    return client


def session_cookie(app, username: str) -> str:
    """The signed session cookie value of a signed-in ``username`` (for a real browser)."""
    from workbench import accounts

    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        fields = web_auth.session_fields(accounts.find_user(db, username), db)
    finally:
        db.conn.close()
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({**fields, "_permanent": True})


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "test.db"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
    })
    for role, username in TEST_USERS.items():
        add_user(app, username, role)
    from workbench.web import auth

    auth._failures.clear()  # sign-in throttling is per process: no test inherits another's
    yield app


@pytest.fixture
def seeded(client, seed_text) -> int:
    """The seed article pasted through the web UI by the signed-in reviewer: its id."""
    resp = client.post("/articles", data={"text": seed_text})
    assert resp.status_code == 303
    return int(resp.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture
def client(app):
    """A test client signed in as the reviewer ``rev_rita``."""
    return login(app.test_client(), TEST_USERS["reviewer"])


@pytest.fixture
def anon_client(app):
    """A test client nobody signed in to."""
    return app.test_client()


@pytest.fixture
def viewer_client(app):
    return login(app.test_client(), TEST_USERS["viewer"])


@pytest.fixture
def admin_client(app):
    return login(app.test_client(), TEST_USERS["admin"])


@pytest.fixture
def client_as(app):
    """``client_as(username)``: a new test client signed in as that user."""
    return lambda username: login(app.test_client(), username)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@contextlib.contextmanager
def serve_in_thread(app):
    """Serve ``app`` over real HTTP on 127.0.0.1 in a thread; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture
def live_server(app):
    """The test app served over real HTTP; yields its base URL."""
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download needed)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run ./test.sh, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def anon_page(browser):
    """A browser page with nobody signed in.

    ``bypass_csp``: Playwright's wait_for_function evaluates strings, which the app's
    Content-Security-Policy forbids; tests/test_security.py checks the app under CSP.
    """
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900},
                                  bypass_csp=True)
    page = context.new_page()
    # Generous: on a 2-core machine busy with other work a swap can take seconds; a real
    # failure still fails, only later.
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def page(anon_page, app, live_server):
    """A browser page signed in to ``live_server`` as the reviewer ``rev_rita``."""
    anon_page.context.add_cookies([{
        "name": app.config.get("SESSION_COOKIE_NAME", "session"),
        "value": session_cookie(app, TEST_USERS["reviewer"]), "url": live_server,
        "httpOnly": True, "sameSite": "Lax"}])
    return anon_page
