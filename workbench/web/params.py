"""Whole numbers from forms and query strings: a malformed one is a 400, never a 500."""
from __future__ import annotations

from flask import abort, request

MAX_DIGITS = 18  # SQLite integers stop at 2**63 - 1 (19 digits)


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


def page_number() -> int:
    """``?page=`` from 1 (default 1)."""
    raw = request.args.get("page", "1").strip() or "1"
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw[:9]) <= 10**6:
        abort(400, "Parameter 'page' must be a page number from 1")
    return int(raw)
