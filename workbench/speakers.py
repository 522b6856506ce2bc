"""Speaker records: reading one speaker, what the speaker page shows about it, and the
speaker menus (real names before descriptors).

The rest of the speaker code sits beside it by what it does: names and descriptors in
``speaker_names``, clean-up actions in ``speaker_cleanup``, merging in ``speaker_merge``,
finding or creating a speaker typed by a reviewer in ``corrections``, the lists and
counts in ``stats``.
"""
from __future__ import annotations

import sqlite_utils

from .speaker_names import is_descriptor


def get_speaker(db: sqlite_utils.Database, speaker_id: int) -> dict | None:
    """One speaker's row (merged or not), or ``None``."""
    rows = list(db.query("select * from speakers where id = ?", [speaker_id]))
    return rows[0] if rows else None


def speaker_name(db: sqlite_utils.Database, speaker_id: int | None) -> str | None:
    """A speaker's name; ``None`` for no speaker or an unknown id."""
    if speaker_id is None:
        return None
    sp = get_speaker(db, speaker_id)
    return sp["name"] if sp else None


def speaker_status_counts(db: sqlite_utils.Database, speaker_id: int) -> dict[str, int]:
    """A speaker's quotes counted by status (statuses without quotes left out), from the
    trigger-kept counts of migration m070."""
    row = db.execute("select verified, disputed, unreviewed from quote_progress_by_speaker"
                     " where speaker_id = ?", [speaker_id]).fetchone()
    return {status: n for status, n in zip(("verified", "disputed", "unreviewed"), row or ())
            if n}


def speakers_merged_into(db: sqlite_utils.Database, speaker_id: int) -> list[dict]:
    """The speakers merged into this one (id and name), by name."""
    return list(db.query("select id, name from speakers where merged_into = ? order by name",
                         [speaker_id]))


def speaker_history(db: sqlite_utils.Database, speaker_id: int, limit: int = 50) -> list[dict]:
    """A speaker's clean-up log (merges, renames, splits ...), newest first.

    :param limit: at most this many entries
    """
    return list(db.query("select * from speaker_log where speaker_id = ? order by id desc"
                         " limit ?", [speaker_id, limit]))


def rank_speakers(db: sqlite_utils.Database) -> None:
    """Let SQL order speakers real names first: ``is_descriptor(name)`` is 1 for "Her
    campaign", "officials", "he" (registered per connection; cheap to repeat)."""
    db.conn.create_function("is_descriptor", 1, lambda n: int(is_descriptor(n)),
                            deterministic=True)


def article_speakers(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """The speakers of an article's quotes, for the speaker menus: names first,
    descriptors ("officials", "he") after.

    :param article_id: the article whose quotes are read
    """
    rank_speakers(db)
    return list(db.query(
        "select distinct s.id, s.name, s.role, is_descriptor(s.name) as generic"
        " from quotes q join speakers s on s.id = q.speaker_id where q.article_id = ?"
        " order by generic, s.name", [article_id]))
