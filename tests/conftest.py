"""Shared fixtures: an app on a temporary database, its clients, and a real browser."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from workbench import db as storage
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


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "test.db"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
    })
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP on 127.0.0.1 in a thread; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


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
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
