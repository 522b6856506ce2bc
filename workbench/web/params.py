"""Whole numbers from forms and query strings: a malformed one is a 400, never a 500."""
from __future__ import annotations

from flask import abort

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
