"""Numbers, search words and verdicts from forms and query strings: a malformed one is a
400, never a 500."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, request

from ..review import Verdict

MAX_DIGITS = 18  # SQLite integers stop at 2**63 - 1 (19 digits)
MAX_SEARCH = 300
MAX_PAGE = 10**6  # characters of search words in a list's ?q=


def whole_number(raw: str | None, name: str, problem: str | None = None) -> int | None:
    """``raw`` as a non-negative int, ``None`` when blank.

    :param name: the field or parameter, for the error message
    :param problem: the 400 message instead of the default
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_DIGITS:
        abort(400, problem or f"Field {name!r} must be a whole number")
    return int(raw)


def expected_version() -> int:
    """The form's ``version``: the version of the quote the reviewer saw, required on every
    change to a quote so that no change lands on a version nobody has seen (409)."""
    version = whole_number(request.form.get("version"), "version")
    if version is None:
        abort(400, "Field 'version' is required: the version of the quote you are changing, "
                   "so a change made since is not overwritten. Reload the page and try again.")
    return version


def page_number() -> int:
    """``?page=`` from 1 (default 1)."""
    raw = request.args.get("page", "1").strip() or "1"
    # Checked and returned as one number: leading zeros can hide any length of digits
    # behind a short prefix (``000000001999...`` once passed as page 1 and overflowed SQLite).
    page = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS else 0
    if not 1 <= page <= MAX_PAGE:
        abort(400, f"Parameter 'page' must be a page number from 1 to {MAX_PAGE:,}")
    return page


def page_count(total: int, size: int) -> int:
    """Pages of ``size`` needed for ``total`` rows (at least one, shown even when empty)."""
    return max(1, -(-total // size))


def searched_page(name: str, count: Callable[[str], int],
                  fetch: Callable[[str, int, int], list], size: int) -> dict:
    """A list page's context from ``?q=`` and ``?page=``: the rows under ``name`` and
    ``q``, ``page``, ``pages`` and ``total`` for the search box and the pager.

    :param count: the number of rows matching the search words
    :param fetch: the rows matching them, given a limit and an offset
    """
    q = (request.args.get("q") or "").strip()
    if len(q) > MAX_SEARCH:
        abort(400, f"Search words are too long (at most {MAX_SEARCH} characters)")
    page = page_number()
    total = count(q)
    return {name: fetch(q, size, (page - 1) * size), "q": q, "page": page,
            "pages": page_count(total, size), "total": total}


def verdict_from_form(status: str | None = None) -> Verdict:
    """The verdict a form posts: ``status`` (required), ``note``, ``evidence_url`` and
    ``reason``. Only presence is checked here; :meth:`Verdict.validate` judges the values
    when the verdict is saved.

    :param status: the status when the form names it otherwise (the bulk page's
        ``status_to``); by default the form's ``status`` field, a 400 when blank
    """
    if status is None:
        status = request.form.get("status", "").strip()
        if not status:
            abort(400, "Field 'status' is required")
    return Verdict(status=status, note=request.form.get("note"),
                   evidence_url=request.form.get("evidence_url"),
                   reason=request.form.get("reason") or None)
