"""Issue 13's bugs that show in the served pages: counts under a status filter, history
labels, and "1 quotes"."""
import re


def _quote_ids(client, seeded):
    page = client.get(f"/quotes?article={seeded}").get_data(as_text=True)
    return [int(i) for i in re.findall(r'id="quote-(\d+)"', page)]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_count_line_follows_the_status_filter(client, seeded):
    """Bug 6: under status=verified the count line said "N quotes: M unreviewed ..."."""
    ids = _quote_ids(client, seeded)
    client.post(f"/quotes/{ids[0]}/verdict", data={"status": "verified", "version": "1"})
    line = _text(client.get("/quotes?status=verified").get_data(as_text=True))
    assert f"1 verified quote (of {len(ids)} quotes matching the other filters" in line
    assert not re.search(r"\b1 quotes", line)
    line = _text(client.get("/quotes").get_data(as_text=True))
    assert f"{len(ids)} quotes: {len(ids) - 1} unreviewed, 1 verified, 0 disputed" in line


def test_one_quote_is_one_quote(client, seeded):
    """Bug 8: "Bulk verdict on these 1…", "Set 1 quotes"."""
    ids = _quote_ids(client, seeded)
    client.post(f"/review/{ids[0]}/verdict", data={"status": "verified", "version": "1"})
    page = _text(client.get("/review?status=verified").get_data(as_text=True))
    assert "Bulk verdict on this quote" in page and "these 1" not in page
    resp = client.post("/review/bulk?status=verified",
                       data={"status_to": "disputed", "reason": "misquote", "expected_count": "1"},
                       follow_redirects=True)
    assert "Set 1 quote to disputed" in _text(resp.get_data(as_text=True))


def test_history_labels_do_not_repeat_the_action(client, seeded, app):
    """Bug 8: the history read "span (span)"."""
    from workbench import db as storage

    qid = _quote_ids(client, seeded)[0]
    db = storage.connect(app.config["DATABASE"], migrate=False)
    q = db["quotes"].get(qid)
    db.conn.close()
    client.post(f"/review/{qid}/span", data={"start": q["start"] + 1, "end": q["end"],
                                             "version": str(q["version"])})
    client.post(f"/review/{qid}/speaker", data={"name": "Jane Envoy", "version": str(q["version"] + 1)})
    cells = re.findall(r'<tr class="action-(\w+)">.*?</td><td>[^<]*</td>\s*<td>([^<]*)</td>',
                       client.get(f"/quotes/{qid}").get_data(as_text=True), re.S)
    labels = {action: label.strip() for action, label in cells}
    assert labels["span"] == "span" and labels["speaker"] == "speaker"
