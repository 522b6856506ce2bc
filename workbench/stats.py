"""Progress figures for the dashboard and the speakers page."""
from __future__ import annotations

import json

import sqlite_utils

STATUS_SUMS = """
    count(q.id) as total,
    coalesce(sum(q.status = 'verified'), 0) as verified,
    coalesce(sum(q.status = 'disputed'), 0) as disputed,
    coalesce(sum(q.status = 'unreviewed'), 0) as unreviewed
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
    return [_pct(r) for r in db.query(f"""
        select a.id, a.title, a.outlet, {STATUS_SUMS}
        from articles a join quotes q on q.article_id = a.id
        group by a.id order by (sum(q.status = 'unreviewed') * 1.0 / count(q.id)) desc, a.id
        limit ?""", [limit])]


def by_speaker(db: sqlite_utils.Database, limit: int | None = 200) -> list[dict]:
    sql = f"""
        select s.id, s.name, s.role, s.kind, s.aliases, {STATUS_SUMS}
        from speakers s join quotes q on q.speaker_id = s.id
        group by s.id order by count(q.id) desc, s.name"""
    rows = db.query(sql + (" limit ?" if limit else ""), [limit] if limit else [])
    return [_pct(r) for r in rows]


def by_reviewer(db: sqlite_utils.Database) -> list[dict]:
    """Current verdicts per reviewer, and how many log entries each wrote."""
    rows = {r["reviewer"]: dict(r) for r in db.query("""
        select reviewer, coalesce(sum(status = 'verified'), 0) as verified,
          coalesce(sum(status = 'disputed'), 0) as disputed
        from quotes where status != 'unreviewed' and reviewer is not null group by reviewer""")}
    for r in db.query("select reviewer, count(*) as actions, max(at) as last_at"
                      " from review_log group by reviewer"):
        row = rows.setdefault(r["reviewer"], {"reviewer": r["reviewer"], "verified": 0,
                                              "disputed": 0})
        row.update(actions=r["actions"], last_at=r["last_at"])
    out = sorted(rows.values(), key=lambda r: -(r["verified"] + r["disputed"]))
    for r in out:
        r.setdefault("actions", 0)
        r.setdefault("last_at", None)
        r["reviewed"] = r["verified"] + r["disputed"]
    return out


def speakers(db: sqlite_utils.Database) -> list[dict]:
    """Every speaker not merged away, with aliases, role, counts by status, merged names."""
    merged: dict[int, list[str]] = {}
    for r in db.query("select name, merged_into from speakers where merged_into is not null"):
        merged.setdefault(r["merged_into"], []).append(r["name"])
    rows = []
    for r in db.query(f"""
            select s.id, s.name, s.role, s.kind, s.aliases, {STATUS_SUMS}
            from speakers s left join quotes q on q.speaker_id = s.id
            where s.merged_into is null
            group by s.id order by s.name collate nocase"""):
        r = _pct(dict(r))
        r["aliases"] = [a for a in json.loads(r["aliases"] or "[]") if a != r["name"]]
        r["merged"] = sorted(merged.get(r["id"], []))
        rows.append(r)
    return rows
