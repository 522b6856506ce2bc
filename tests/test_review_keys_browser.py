"""Every correction from the keyboard, in a real headless Chromium: span by word and by
sentence, the cue, the kind and a missed quote, each saved with Enter."""
import pytest

from test_review_browser import db  # noqa: F401 (a fixture: the app's database)

pytestmark = pytest.mark.browser

QUOTE = "the two leaders discussed possible options and joint measures for finding peace"
NEXT_SENTENCE = "However there was no sign of an immediate breakthrough."


@pytest.fixture
def quote(db, seeded):
    row = db.execute("select id from quotes where text = ?", [QUOTE]).fetchone()
    assert row, "the seed article's reported quote"
    return row[0]


def _saved(page, db, qid, version):
    """Wait for the card to show the quote at ``version``; its row from the database."""
    page.locator(f"#review[data-quote-id='{qid}'][data-version='{version}']").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    return db["quotes"].get(qid)


def _check_offsets(db, row):
    text = db["articles"].get(row["article_id"])["text"]
    assert text[row["start"]:row["end"]] == row["text"]
    return text


def test_span_by_word_at_either_end(page, live_server, db, quote):
    page.goto(f"{live_server}/review?status=unreviewed&id={quote}")
    v = db["quotes"].get(quote)["version"]
    page.keyboard.press("Shift+ArrowLeft")  # the end one word earlier
    assert "finding”" in page.locator("#selection-info").inner_text()
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, v + 1)
    assert row["text"] == QUOTE.rsplit(" ", 1)[0]
    _check_offsets(db, row)

    page.keyboard.press("Alt+Shift+ArrowRight")  # the start one word later
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, v + 2)
    assert row["text"] == "two leaders discussed possible options and joint measures for finding"

    page.keyboard.press("Shift+ArrowRight")  # the end a word later again: "peace."
    page.keyboard.press("Alt+Shift+ArrowLeft")  # and the start a word earlier
    page.keyboard.press("Alt+Shift+ArrowLeft")
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, v + 3)
    assert row["text"] == "said " + QUOTE + "."
    _check_offsets(db, row)
    assert "status=unreviewed" in page.url


def test_span_to_sentence_boundaries_and_esc_cancels(page, live_server, db, quote):
    page.goto(f"{live_server}/review?id={quote}")
    v = db["quotes"].get(quote)["version"]
    page.keyboard.press(")")  # to the end of the quote's own sentence
    page.keyboard.press(")")  # and of the next one
    page.keyboard.press("(")  # the start back to its sentence's start
    info = page.locator("#selection-info").inner_text()
    assert "Amid signs" in info and "breakthrough.”" in info
    page.keyboard.press("Escape")  # nothing saved
    page.wait_for_timeout(300)
    assert db["quotes"].get(quote)["version"] == v
    page.keyboard.press(")")
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, v + 1)
    assert row["text"] == QUOTE + "."


def test_cue_and_kind_by_keys(page, live_server, db, quote):
    page.goto(f"{live_server}/review?id={quote}")
    row = db["quotes"].get(quote)
    assert (row["cue"], row["kind"]) == ("said", "reported")
    page.keyboard.press("c")
    assert "New cue" in page.locator("#selection-info").inner_text()
    page.keyboard.press("Alt+Shift+ArrowLeft")  # "Putin said"
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, row["version"] + 1)
    assert row["cue"] == "Putin said"
    text = _check_offsets(db, row)
    assert text[row["cue_start"]:row["cue_end"]] == "Putin said"
    assert page.locator("#article-text .cue-current").first.inner_text().startswith("Putin")

    page.keyboard.press("t")
    assert page.evaluate("document.activeElement.id") == "kind-select"
    page.keyboard.press("ArrowUp")  # reported -> mixed
    page.keyboard.press("Enter")
    row = _saved(page, db, quote, row["version"] + 1)
    assert row["kind"] == "mixed"
    assert "kind changed to mixed" in page.locator(".flash").inner_text()
    # Both corrections are in the history and undo one at a time.
    page.keyboard.press("z")
    row = _saved(page, db, quote, row["version"] + 1)
    assert (row["kind"], row["cue"]) == ("reported", "Putin said")


def test_add_a_missed_quote_by_keys(page, live_server, db, quote):
    page.goto(f"{live_server}/review?status=unreviewed&id={quote}")
    page.keyboard.press("a")  # the sentence after the quote
    assert NEXT_SENTENCE in page.locator("#selection-info").inner_text()
    page.keyboard.press("]")  # one sentence on
    page.keyboard.press("[")  # and back
    page.keyboard.press("Shift+ArrowLeft")  # without its last word
    page.keyboard.press("Enter")
    page.locator(".flash", has_text="Added quote").wait_for()
    added = db.execute("select * from quotes where origin = 'reviewer'").fetchone()
    row = db["quotes"].get(added[0])
    assert row["text"] == "However there was no sign of an immediate"
    _check_offsets(db, row)
    assert "status=unreviewed" in page.url


def test_the_keys_help_lists_the_correction_keys(page, live_server, quote):
    page.goto(f"{live_server}/review?id={quote}")
    page.keyboard.press("?")
    keys = page.locator("#keys-help").inner_text()
    for key in ("Shift+→", "Alt+Shift+←", "(", ")", "] / [", "c", "a", "t", "Enter"):
        assert key in keys
