"""Narrow windows: at 800 px (and half a 1280x720 laptop) the quote, its speaker and the
verdict buttons are on screen together, without scrolling, in a real headless Chromium."""
import pytest

from test_review_browser import _current, _wait_moved

pytestmark = pytest.mark.browser

IN_VIEW_JS = """
(sel) => {
  const el = document.querySelector(sel);
  if (!el) return 'missing';
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight &&
         r.right <= innerWidth;
}
"""
ESSENTIALS = ("#current .q-text", "#current .speaker-name", "#verify-form button",
              "#notquote-form button", "#dispute > summary", "#article-text .q-current")


@pytest.mark.parametrize("size", [(800, 600), (640, 720)])
def test_the_card_is_in_view_on_a_narrow_window(page, live_server, seeded, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{live_server}/review?status=unreviewed")
    for _ in range(3):  # the first quote, and the next ones by key
        for sel in ESSENTIALS:
            assert page.evaluate(IN_VIEW_JS, sel) is True, (size, sel, _current(page))
        here = _current(page)
        page.keyboard.press("j")
        _wait_moved(page, here)
    # Nothing sticks out sideways: the page does not scroll horizontally.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
