"""Progress figures for the dashboard and the speakers page."""
from __future__ import annotations

import json

import sqlite_utils

from .queries import words_like
from .speakers import rank_speakers


# Counts read from the trigger-kept tables of migration m070 (``p``: a quote_progress_by_*
# row, absent when nothing is counted there).
STATUS_COUNTS = """
    coalesce(p.total, 0) as total, coalesce(p.verified, 0) as verified,
    coalesce(p.disputed, 0) as disputed, coalesce(p.unreviewed, 0) as unreviewed
"""


def _pct(row: dict) -> dict:
    total = row["total"] or 0
    row["reviewed"] = (row["verified"] or 0) + (row["disputed"] or 0)
    row["pct"] = round(100 * row["reviewed"] / total, 1) if total else 0.0
    return row


def overall(db: sqlite_utils.Database) -> dict:
    # quote_status_counts is kept by triggers (migration m003): no scan of every quote.
    counts = {r["status"]: r["n"] for r in db.query("select status, n from quote_status_counts")}
    row = {s: counts.get(s, 0) for s in ("verified", "disputed", "unreviewed")}
    row["total"] = sum(row.values())
    return _pct(row)


def by_article(db: sqlite_utils.Database, limit: int = 200) -> list[dict]:
    """The articles with the largest share of unreviewed quotes first (an index on that
    share, migration m070, so no article is counted on the way)."""
    # The page is taken first, so that SQLite reads it from the index rather than joining
    # every article and sorting (21 ms at 50,000 articles).
    return [_pct(r) for r in db.query(f"""
        with top as (
          select * from quote_progress_by_article p
          order by p.unreviewed * 1.0 / p.total desc, p.article_id limit ?)
        select a.id, a.title, a.outlet, {STATUS_COUNTS}
        from top p join articles a on a.id = p.article_id
        order by p.unreviewed * 1.0 / p.total desc, p.article_id""", [limit])]


def by_speaker(db: sqlite_utils.Database, limit: int | None = 200) -> list[dict]:
    sql = f"""
        select s.id, s.name, s.role, s.kind, s.aliases, {STATUS_COUNTS}
        from quote_progress_by_speaker p join speakers s on s.id = p.speaker_id
        order by p.total desc, s.name"""
    rows = db.query(sql + (" limit ?" if limit else ""), [limit] if limit else [])
    return [_pct(r) for r in rows]


def by_reviewer(db: sqlite_utils.Database) -> list[dict]:
    """Current verdicts per reviewer, and how many log entries each wrote."""
    rows = {r["reviewer"]: dict(r) for r in db.query("""
        select reviewer, verified, disputed from quote_progress_by_reviewer
        where verified + disputed > 0""")}
    for r in db.query("select reviewer, actions, last_at from reviewer_activity"):
        row = rows.setdefault(r["reviewer"], {"reviewer": r["reviewer"], "verified": 0,
                                              "disputed": 0})
        row.update(actions=r["actions"], last_at=r["last_at"])
    out = sorted(rows.values(), key=lambda r: -(r["verified"] + r["disputed"]))
    for r in out:
        r.setdefault("actions", 0)
        r.setdefault("last_at", None)
        r["reviewed"] = r["verified"] + r["disputed"]
    return out


def _speaker_where(q: str | None, hidden: bool = False) -> tuple[str, list]:
    """Speakers not merged away, matching ``q``; those marked "not a speaker" only when
    ``hidden`` (and then only they)."""
    clauses, params = words_like(q, ["s.name", "s.aliases"])
    shown = "s.not_speaker = 1" if hidden else "s.not_speaker = 0"
    return " and ".join(["where s.merged_into is null", shown, *clauses]), params


def count_speakers(db: sqlite_utils.Database, q: str | None = None, hidden: bool = False) -> int:
    where, params = _speaker_where(q, hidden)
    return next(db.query(f"select count(*) as n from speakers s {where}", params))["n"]


def merge_choices(db: sqlite_utils.Database) -> list[dict]:
    """Every speaker not merged away with their quote count, for the merge form: names
    first, then descriptors, each by name."""
    rank_speakers(db)
    return list(db.query("""
        select s.id, s.name, is_descriptor(s.name) as generic,
          coalesce(p.total, 0) as total
        from speakers s left join quote_progress_by_speaker p on p.speaker_id = s.id
        where s.merged_into is null and s.not_speaker = 0
        order by generic, s.name collate nocase"""))


def speakers(db: sqlite_utils.Database, q: str | None = None, limit: int = 100,
             offset: int = 0, hidden: bool = False) -> list[dict]:
    """One page of the speakers not merged away (names first, then descriptors, each by
    name, optionally matching ``q``), with aliases, role, counts by status and the names
    merged into them. ``hidden``: the speakers marked "not a speaker" instead.

    The counts are read from quote_progress_by_speaker (migration m070): counting the
    page's quotes took 340 ms at a million quotes.
    """
    where, params = _speaker_where(q, hidden)
    rank_speakers(db)
    rows = []
    for r in db.query(f"""
            with page as (
              select s.id, s.name, s.role, s.kind, s.aliases, s.not_speaker,
                is_descriptor(s.name) as generic from speakers s {where}
              order by generic, s.name collate nocase, s.id limit ? offset ?)
            select page.*, {STATUS_COUNTS}
            from page left join quote_progress_by_speaker p on p.speaker_id = page.id
            order by page.generic, page.name collate nocase, page.id""",
            params + [limit, offset]):
        r = _pct(dict(r))
        r["aliases"] = [a for a in json.loads(r["aliases"] or "[]") if a != r["name"]]
        r["merged"] = []
        rows.append(r)
    by_id = {r["id"]: r for r in rows}
    if by_id:
        for m in db.query("select name, merged_into from speakers where merged_into in "
                          f"({', '.join('?' * len(by_id))}) order by name", list(by_id)):
            by_id[m["merged_into"]]["merged"].append(m["name"])
    return rows
