"""Accounts, CSRF, CSP and hostile text in a real headless Chromium.

Here the app runs as in production: CSRF on and the Content-Security-Policy enforced
(the shared ``page`` fixture bypasses CSP for Playwright's own helpers; these do not).
"""
from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD, TEST_USERS, add_user, serve_in_thread, session_cookie
from test_security import XSS, seed_hostile

from workbench import db as storage
from workbench.web import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def prod_app(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "prod.db"), "SECRET_KEY": "browser-secret",
                      "WTF_CSRF_ENABLED": True})
    for role, username in TEST_USERS.items():
        add_user(app, username, role)
    from workbench.web import auth

    auth._failures.clear()
    return app


@pytest.fixture
def prod_server(prod_app):
    with serve_in_thread(prod_app) as url:
        yield url


@pytest.fixture
def strict_page(browser):
    """A page that enforces the app's CSP and records every console error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def test_first_sign_in_paste_verify_and_sign_out_with_csrf_and_csp(prod_app, prod_server,
                                                                  strict_page, seed_text):
    page = strict_page
    add_user(prod_app, "newcomer", "reviewer", must_change_password=1)
    page.goto(f"{prod_server}/articles")
    assert "/login" in page.url
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    assert "Wrong username or password" in page.locator("p.error").inner_text()
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/account/password**")
    page.fill("input[name=current_password]", TEST_PASSWORD)
    page.fill("input[name=new_password]", "my very own password")
    page.fill("input[name=confirm_password]", "my very own password")
    page.click("main button[type=submit]")
    page.wait_for_url("**/articles")
    assert "newcomer (reviewer)" in page.locator("header").inner_text()

    # A plain form post carries its hidden token ...
    page.fill("textarea[name=text]", seed_text)
    page.get_by_role("button", name="Ingest text").click()
    page.wait_for_url("**/articles/*")
    # ... and an htmx post the X-CSRFToken header from <body hx-headers>.
    card = page.locator("li.quote-card").first
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Verify").click()
    page.locator(f"#{card_id}.status-verified").wait_for()
    assert "by newcomer" in page.locator(f"#{card_id}").inner_text()

    # The review queue's keyboard verdicts carry the token too.
    page.goto(f"{prod_server}/review?status=unreviewed")
    current = int(page.locator("#review").get_attribute("data-quote-id"))
    page.keyboard.press("v")
    db = storage.connect(prod_app.config["DATABASE"], migrate=False)
    try:
        for _ in range(100):
            status = db.execute("select status, reviewer from quotes where id = ?",
                                [current]).fetchone()
            if status[0] != "unreviewed":
                break
            page.wait_for_timeout(100)
        assert tuple(status) == ("verified", "newcomer")
    finally:
        db.conn.close()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    page.goto(f"{prod_server}/quotes")
    assert "/login" in page.url
    violations = [e for e in page.errors if "Content Security Policy" in e or "CSRF" in e]
    assert not violations, violations


def test_an_expired_session_sends_htmx_to_the_sign_in_page(prod_app, prod_server, strict_page):
    page = strict_page
    _, qid = seed_hostile(prod_app, "plain")
    page.context.add_cookies([{"name": "session", "url": prod_server,
                               "value": session_cookie(prod_app, TEST_USERS["reviewer"])}])
    page.goto(f"{prod_server}/quotes/{qid}")
    page.locator(f"#quote-{qid}").wait_for()
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()  # the session ends while the page is open
    with page.expect_response(lambda r: "/verdict" in r.url) as info:
        page.locator(f"#quote-{qid}").get_by_role("button", name="Verify").click()
    resp = info.value
    assert resp.status == 401 and "/login" in resp.headers.get("hx-redirect", ""), \
        (resp.status, resp.headers, resp.request.headers)
    page.wait_for_url("**/login**")


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-alone", "with-csp"])
def test_hostile_text_never_runs(browser, prod_app, prod_server, bypass_csp):
    """With CSP bypassed this checks escaping alone; with it, the two defences together."""
    context = browser.new_context(bypass_csp=bypass_csp)
    context.add_cookies([{"name": "session", "url": prod_server,
                          "value": session_cookie(prod_app, TEST_USERS["reviewer"])}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        ids = [seed_hostile(prod_app, p) for p in XSS]
        article_id, qid = ids[1]
        for url in ["/articles", f"/articles/{article_id}", f"/quotes/{qid}", "/quotes",
                    "/quotes?q=script", "/review", "/speakers", "/dashboard"]:
            page.goto(prod_server + url)
            assert page.evaluate("window.__xss") is None, url
        # An htmx fragment with a hostile note, swapped into the live page.
        page.goto(f"{prod_server}/articles/{article_id}")
        card = page.locator(f"#quote-{qid}")
        card.locator("summary").click()
        card.locator("textarea[name=note]").fill(XSS[0] + XSS[1])
        card.get_by_role("button", name="Dispute").click()
        page.locator(f"#quote-{qid}.status-disputed").wait_for()
        assert "<script>window.__xss=1</script>" in page.locator(f"#quote-{qid} .note").inner_text()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
        # The hostile text is shown as text inside its highlight.
        assert XSS[1] in page.locator("#article-text").inner_text()
        assert not dialogs
    finally:
        context.close()
