"""Property tests: nothing anyone can send makes a 5xx.

Every route comes from ``app.url_map`` and every field name from the web code's own
``request.form.get("...")``-style reads, so a route or field added later is covered
without touching this file. Each example picks a role (nobody, viewer, reviewer, admin),
fills the URL's converters with ids that exist or odd values (zero, huge, signed, other
scripts' digits), and sends arbitrary query strings to GET routes and arbitrary form
fields to POST routes. Uploads get arbitrary bytes named .txt, .md and .html, and
HTML-shaped byte soup. Examples are few per route, so the whole file stays within ~30 s.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import TEST_PASSWORD, TEST_USERS, _TEST_HASH, login
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import db as storage
from workbench.queries import QuoteFilter
from workbench.web import create_app

ROOT = Path(__file__).resolve().parents[1]
_probe = create_app({"TESTING": True, "DATABASE": ":memory:", "SECRET_KEY": "x"})
RULES = sorted(((r.rule, r.endpoint, m) for r in _probe.url_map.iter_rules()
                for m in sorted(r.methods - {"HEAD", "OPTIONS"})))
GET_RULES = [(r, e) for r, e, m in RULES if m == "GET"]
POST_RULES = [(r, e) for r, e, m in RULES if m == "POST"]

# Field names the web code reads: .get("x"), .getlist("x"), _id("x") ... and the filter's.
_READ = re.compile(r"""\(\s*["']([a-z][a-z0-9_]{0,30})["']""")
FIELD_NAMES = sorted(
    {name for path in (ROOT / "workbench" / "web").glob("*.py")
     for name in _READ.findall(path.read_text(encoding="utf-8"))}
    | set(QuoteFilter.__dataclass_fields__) | {"page", "q", "csrf_token", "files"})

ODD = ["", "0", "1", "-1", "+1", "01", "1.0", "1e3", "nan", "inf", "9" * 19, "9" * 40,
       "0" * 30 + "1", "00000000199999999999999999999", "\u0663", "\u00b2", " 1 ", "\x00", "true", "[]", "null", "%00",
       "verified", "disputed", "unreviewed", "misquote", "not_a_quote", "direct", "mixed",
       "reported", "admin", "viewer", "reviewer", "https://x.example/", "javascript:x",
       "//evil.example", "/articles", "<svg onload=x>", "'; drop table quotes; --",
       "a" * 5001, "\u202e\u0301", "\ud7ff", "\U0001f600"]
# Numbers as people and scripts type them: signs, leading zeros hiding any length.
numbers = st.builds(lambda sign, zeros, n: sign + "0" * zeros + str(n),
                    st.sampled_from(["", "", "-", "+"]), st.integers(0, 12),
                    st.integers(0, 2**80))
values = st.one_of(st.sampled_from(ODD), st.text(max_size=30), numbers)
field_values = st.one_of(values, st.lists(values, min_size=2, max_size=3))
# Every known field may be there at once (a route reads only its own), plus made-up ones.
fields = st.builds(
    lambda known, extra: {**extra, **known},
    st.fixed_dictionaries({}, optional={name: field_values for name in FIELD_NAMES}),
    st.dictionaries(st.text(max_size=8), field_values, max_size=3))
ROLES = [None, "viewer", "reviewer", "admin"]
# Ids taken from the database at run time (see _ids); the rest are odd on purpose.
URL_ODD = ["0", "9" * 19, "9" * 30, "00001", "\u0663", "-1", "1.5", "x", "%2e%2e", "..%2f"]

SETTINGS = dict(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _db(app):
    return storage.connect(app.config["DATABASE"], migrate=False)


@pytest.fixture
def world(app):
    """The test app with an article, quotes, speakers, a review and a sign-in session."""
    client = login(app.test_client(), TEST_USERS["reviewer"])
    resp = client.post("/articles", data={"text": (
        'Fuzz\n\nSource: Wire\n\n"We will win," said Jane Roe, the mayor. '
        'Bob Lee said that taxes would fall. "Never," he told reporters.')})
    assert resp.status_code == 303
    db = _db(app)
    try:
        qid = db.execute("select min(id) from quotes").fetchone()[0]
    finally:
        db.conn.close()
    assert client.post(f"/quotes/{qid}/verdict",
                       data={"status": "verified", "version": "1"}).status_code == 303
    return app


def _ids(app) -> list[str]:
    db = _db(app)
    try:
        tables = {"articles", "quotes", "speakers", "users", "sessions"} & set(db.table_names())
        ids = {row[0] for table in sorted(tables)
               for row in db.execute(f"select id from [{table}] order by id desc limit 3")}
    finally:
        db.conn.close()
    return sorted(str(i) for i in ids)


def _restore_users(app) -> None:
    """Undo what an admin example did to the test users (role, password, disabled), so
    every example signs in as the role it drew."""
    db = _db(app)
    try:
        with storage.write_transaction(db):
            for role, name in TEST_USERS.items():
                db.execute("update users set role = ?, disabled = 0, must_change_password = 0,"
                           " password_hash = ? where username = ?", [role, _TEST_HASH[0], name])
    finally:
        db.conn.close()


def _url(rule: str, parts: list[str]) -> str:
    """``rule`` with each ``<converter:name>`` replaced by the next of ``parts``, quoted."""
    it = iter(parts)
    return re.sub(r"<[^>]+>", lambda _m: quote(next(it), safe=""), rule)


def _client(app, role: str | None, rule: str = ""):
    if rule.startswith("/admin/"):  # an admin example may have changed the test users
        _restore_users(app)
    return login(app.test_client(), TEST_USERS[role]) if role else app.test_client()


def _counts(app) -> dict:
    db = _db(app)
    try:
        return {t: db.execute(f"select count(*), coalesce(max(rowid), 0) from [{t}]").fetchone()
                for t in ("articles", "quotes", "speakers", "review_log", "users")}
    finally:
        db.conn.close()


def url_parts(app, rule: str):
    """Values for the rule's converters: ids that exist when the test starts (read once:
    a strategy must not change under hypothesis between examples) or odd ones."""
    if rule.startswith("/static/"):
        return st.tuples(st.one_of(st.sampled_from(["app.css", "htmx.min.js", "../app.py",
                                                    "%00", "."]), st.text(min_size=1, max_size=20)))
    return st.tuples(*[st.sampled_from(_ids(app) + URL_ODD)] * rule.count("<"))


def _assert_no_5xx(resp, what) -> None:
    assert resp.status_code < 500, (what, resp.status_code, resp.get_data(as_text=True)[:600])


@pytest.mark.parametrize("rule, endpoint", GET_RULES, ids=[r for r, _ in GET_RULES])
def test_any_query_string_as_anyone_never_makes_a_5xx(world, rule, endpoint):
    app = world

    @settings(max_examples=12, **SETTINGS)
    @given(data=st.data(), role=st.sampled_from(ROLES), query=fields, htmx=st.booleans(),
           parts=url_parts(app, rule))
    def check(data, role, query, htmx, parts):
        url = _url(rule, list(parts))
        headers = {"HX-Request": "true", "HX-Target": data.draw(st.sampled_from(
            ["results", "queue", "article-list", "x"]))} if htmx else {}
        before = _counts(app)
        resp = _client(app, role).get(url, query_string=query, headers=headers)
        _assert_no_5xx(resp, (role, url, query))
        assert _counts(app) == before, (role, url, query)  # a GET never writes

    check()


@pytest.mark.parametrize("rule, endpoint", POST_RULES,
                         ids=[r for r, _ in POST_RULES])
def test_any_form_as_anyone_never_makes_a_5xx(world, rule, endpoint):
    app = world

    @settings(max_examples=12, **SETTINGS)
    @given(parts=url_parts(app, rule), role=st.sampled_from(ROLES), form=fields,
           htmx=st.booleans(),
           query=st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=2),
           upload=st.one_of(st.none(), st.tuples(st.binary(max_size=200), st.sampled_from(
               ["a.txt", "b.html", "c.md", "d.pdf", "", "../../e.txt", "f\x00.txt"]))))
    def check(role, form, htmx, query, upload, parts):
        url = _url(rule, list(parts))
        headers = {"HX-Request": "true"} if htmx else {}
        if upload is not None:
            form = {**form, "files": (io.BytesIO(upload[0]), upload[1])}
        resp = _client(app, role, rule).post(url, data=form, query_string=query, headers=headers,
                                       content_type="multipart/form-data")
        _assert_no_5xx(resp, (role, url, form))

    check()


# HTML-shaped soup: tags and text pieces in any order, often unbalanced.
_HTML_PIECES = ["<html>", "</html>", "<body>", "<p>", "</p>", "<svg>", "</svg>", "<math>",
                "<script>", "</script>", "<text>", "</text>", "<style>", "<head>", "<title>",
                "</title>", "<meta content='2021-13-45' name='date'>", "<time datetime='x'>",
                "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='latin-1'?>",
                "<!DOCTYPE html>", "<table><tr><td>", "<article>", "<main>", "<br/>", "&amp;",
                "&#0;", "&#x110000;", '"Quoted words," said Ann. ', "2024-02-30 ", "\x0c",
                "<a href='javascript:x'>", "<frameset>", "<template>", "<noscript>"]
html_soup = st.lists(st.one_of(st.sampled_from(_HTML_PIECES), st.text(max_size=20)),
                     max_size=25).map(lambda parts: "".join(parts).encode("utf-8", "replace"))
# Well-nested trees whose root is any element, foreign (svg, math) ones included.
_TAGS = ["html", "head", "body", "svg", "math", "script", "style", "text", "p", "div", "title",
         "article", "time", "table", "td", "template", "noscript", "foreignObject", "meta"]
_words = st.sampled_from(["", "hi", '"We won," she said.', "2021-02-03", "&amp;", "x y z"])
html_tree = st.recursive(
    _words,
    lambda inner: st.builds(lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>",
                            st.sampled_from(_TAGS), st.lists(inner, max_size=3)),
    max_leaves=8).map(str.encode)


@settings(max_examples=60, **SETTINGS)
@given(files=st.lists(st.tuples(
    st.one_of(st.binary(max_size=300), html_soup, html_tree,
              st.text(max_size=200).map(str.encode)),
    st.sampled_from([".txt", ".md", ".html", ".htm", ".xhtml", ""])), min_size=1, max_size=3),
    htmx=st.booleans())
def test_any_uploaded_bytes_never_make_a_5xx(app, files, htmx):
    client = login(app.test_client(), TEST_USERS["reviewer"])
    data = {"files": [(io.BytesIO(body), f"f{i}{suffix}") for i, (body, suffix) in
                      enumerate(files)]}
    headers = {"HX-Request": "true"} if htmx else {}
    resp = client.post("/articles/upload", data=data, headers=headers,
                       content_type="multipart/form-data")
    _assert_no_5xx(resp, [body[:80] for body, _ in files])
    assert resp.status_code in (200, 303, 400, 409), resp.status_code


def test_the_fuzzed_surface_is_the_whole_app():
    """The tables above really are the url_map, and the field names include the ones
    the forms send (a broken harvest would fuzz nothing useful)."""
    assert len(GET_RULES) >= 12 and len(POST_RULES) >= 15
    assert {"quotes.verdict", "articles.upload", "auth.login", "admin.set_role"} <= {
        e for _, e in POST_RULES}
    assert {"version", "status", "text", "username", "current_password", "from_id",
            "page", "speaker", "min_confidence"} <= set(FIELD_NAMES)
    assert TEST_PASSWORD not in FIELD_NAMES
