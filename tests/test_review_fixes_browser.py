"""Issue 13's bugs in the review queue and the quote list, in a real headless Chromium."""
import pytest

from test_review_browser import SELECT_JS, _current, _wait_moved, db  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def _settled(page):
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_esc_in_the_search_keeps_the_search_and_the_next_key_works(page, live_server, seeded):
    """Bug 3: Esc cleared the search and swallowed the next key."""
    page.goto(f"{live_server}/review")
    page.keyboard.press("/")
    page.keyboard.type("Syria")
    page.wait_for_url("**/review?q=Syria*")
    _settled(page)
    assert int(page.locator("#queue-counts strong").inner_text()) >= 2
    page.keyboard.press("Escape")
    assert page.locator("#q").input_value() == "Syria"
    assert page.evaluate("document.activeElement.id") != "q"
    here = _current(page)
    page.keyboard.press("j")
    _wait_moved(page, here)
    assert "q=Syria" in page.url and page.locator("#q").input_value() == "Syria"


def test_adding_a_missed_quote_keeps_the_queue_filter(page, live_server, seeded, db):
    """Bug 4: adding a quote dropped status=unreviewed from the URL; j then walked through
    verified quotes."""
    page.goto(f"{live_server}/review?status=unreviewed")
    first = _current(page)
    page.keyboard.press("v")  # one verified quote the queue must now skip
    _wait_moved(page, first)
    page.goto(f"{live_server}/review?status=unreviewed&id={first}")  # shown, not matching
    needle = "The war in Syria has cost an estimated 70,000 lives"
    page.goto(f"{live_server}/review?status=unreviewed")
    assert page.evaluate(SELECT_JS, needle)
    page.locator("#add-form button[type=submit]").click()
    page.locator(".flash", has_text="Added quote").wait_for()
    assert "status=unreviewed" in page.url
    added = _current(page)
    seen = []
    for _ in range(40):
        if page.locator("#next-link").count() == 0 or page.locator("#queue-done").count():
            break
        here = _current(page)
        page.keyboard.press("j")
        if page.locator("#queue-done").count():
            break
        seen.append(_wait_moved(page, here))
    assert seen and added not in seen
    assert all(db["quotes"].get(i)["status"] == "unreviewed" for i in seen)
    assert first not in seen


def test_back_on_the_quote_list_restores_the_filter_boxes(page, live_server, seeded):
    """Bug 5: Back reset the filter boxes while the list kept the filter."""
    page.goto(f"{live_server}/quotes")
    page.locator("select[name=kind]").select_option("direct")
    page.wait_for_url(lambda url: "kind=direct" in url)
    page.locator("select[name=status]").select_option("unreviewed")
    page.wait_for_url(lambda url: "status=unreviewed" in url)
    _settled(page)
    page.go_back()
    page.wait_for_url(lambda url: "kind=direct" in url and "status=unreviewed" not in url)
    _settled(page)
    assert page.locator("select[name=kind]").input_value() == "direct"
    assert page.locator("select[name=status]").input_value() == ""
    # The next change keeps the restored filter.
    page.locator("select[name=status]").select_option("verified")
    page.wait_for_url(lambda url: "status=verified" in url)
    assert "kind=direct" in page.url


def test_end_of_queue_k_goes_back_and_a_finished_queue_says_so(page, live_server, seeded, db,
                                                               client):
    """Bug 7: k did nothing at the end; a finished queue said "No quotes match"."""
    last = db.execute("select id from quotes order by article_id desc, start desc, id desc"
                      " limit 1").fetchone()[0]
    page.goto(f"{live_server}/review?status=unreviewed&id={last}")
    page.keyboard.press("v")
    page.locator("#queue-done h2", has_text="End of the queue").wait_for()
    page.keyboard.press("k")
    back = _wait_moved(page, last)
    assert back != last and db["quotes"].get(back)["status"] == "unreviewed"

    n = db.execute("select count(*) from quotes where status = 'unreviewed'").fetchone()[0]
    page.goto(f"{live_server}/review/bulk?status=unreviewed")
    page.locator("#bulk-confirm").click()
    page.locator("#queue-done h2", has_text="Queue finished").wait_for()
    assert "No quotes match" not in page.locator("#queue").inner_text()
    # The heading shows while the page is still parsed, before the deferred review.js
    # listens for keys: a key pressed then is lost (seen once in CI on a loaded machine).
    page.wait_for_load_state()
    # Undoing the bulk verdict lands on the first restored quote, not on the end screen.
    page.keyboard.press("z")
    page.locator(".flash", has_text=f"on {n} quotes").wait_for()
    first = db.execute("select id from quotes order by article_id, start, id limit 1"
                       ).fetchone()[0]
    assert _current(page) == first


def test_capital_letters_work_like_small_ones(page, live_server, seeded, db):
    """Bug 8: with Caps Lock on, "V" did nothing."""
    page.goto(f"{live_server}/review?status=unreviewed")
    first = _current(page)
    page.keyboard.press("V")
    _wait_moved(page, first)
    assert db["quotes"].get(first)["status"] == "verified"


CONTRAST_JS = """
(sel) => {
  const el = document.querySelector(sel), cs = getComputedStyle(el);
  const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = c.map((x) => { x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const a = lum(rgb(cs.color)), b = lum(rgb(cs.backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


def test_unreviewed_badge_is_readable(page, live_server, seeded):
    """Bug 8: the small "unreviewed" badge had a contrast of 4.42:1 (AA needs 4.5:1)."""
    page.goto(f"{live_server}/review?status=unreviewed")
    assert page.evaluate(CONTRAST_JS, "#current .badge.status-unreviewed") >= 4.5


def test_a_selection_begun_left_of_a_line_is_taken(page, live_server, seeded):
    """Bug 8: a selection starting at the left edge of a line (in the space between
    paragraphs) was ignored without a word."""
    page.goto(f"{live_server}/review")
    took = page.evaluate("""() => {
      const box = document.getElementById('article-text');
      const paras = box.querySelectorAll('p');
      const p = paras[2], gap = p.previousSibling;  // the white space before it
      if (!gap || gap.nodeType !== 3) return 'no gap';
      const r = document.createRange();
      r.setStart(gap, 0);
      const last = p.querySelector('span[data-start]');
      r.setEnd(last.firstChild, Math.min(12, last.firstChild.length));
      const s = getSelection(); s.removeAllRanges(); s.addRange(r);
      box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
      return p.dataset.start;
    }""")
    assert took.isdigit()
    info = page.locator("#selection-info").inner_text()
    assert f"Selected characters {took}–" in info
    assert page.locator("#span-form button[type=submit]").is_enabled()
    # A selection with no article text in it (the title alone) says so instead of nothing.
    page.evaluate("""() => {
      const box = document.getElementById('article-text');
      const title = box.querySelector('.article-title a').firstChild;
      const r = document.createRange(); r.setStart(title, 0); r.setEnd(title, 5);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r);
      box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    assert "holds no article text" in page.locator("#selection-info").inner_text()
    assert page.locator("#span-form button[type=submit]").is_disabled()
