"""Primary sources and source checking: add a transcript or statement, read it with a
matched passage highlighted, and see a quote's matches (the review card's panel)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import matching
from ..documents import DocumentError, from_text, from_upload
from ..fetch import FetchError
from ..ingest_url import document_from_url
from ..passages import document_passages
from ..review import MAX_NOTE
from ..sources import (KINDS, DuplicateSource, SourceError, get_source, list_sources,
                       source_quotes, store_source)
from .context import article_or_404, current_reviewer, get_db, htmx, quote_or_404
from .params import whole_number

bp = Blueprint("sources", __name__)

MAX_PASTE = 5 * 1024 * 1024
MAX_TITLE = 300


@bp.get("/sources")
def index():
    return render_template("sources/index.html", sources=list_sources(get_db()), kinds=KINDS)


@bp.post("/sources")
def add():
    """Store a pasted, uploaded or fetched primary source, then match the quotes it may
    hold."""
    form = {k: (request.form.get(k) or "").strip() for k in ("title", "kind", "speaker", "url")}
    text = request.form.get("text", "")
    upload = request.files.get("file")
    try:
        if len(form["title"]) > MAX_TITLE:
            raise DocumentError(f"The title is too long (at most {MAX_TITLE} characters)")
        if form["url"]:
            doc = document_from_url(form["url"],
                                    allow_private=current_app.config["FETCH_ALLOW_PRIVATE"])
            if form["title"]:
                doc.title = form["title"]
        elif upload and upload.filename:
            doc = from_upload(upload.read(), upload.filename)
            if form["title"]:
                doc.title = form["title"]
        else:
            if len(text) > MAX_PASTE:
                raise DocumentError(f"The text is too long ({len(text):,} characters, "
                                    f"at most {MAX_PASTE:,})")
            doc = from_text(text, title=form["title"] or None)
        source_id = store_source(get_db(), doc, form["kind"], form["speaker"],
                                 current_reviewer())
    except DuplicateSource as exc:
        return _form_error(str(exc), 409, text, form, duplicate_of=exc.source_id)
    except (DocumentError, SourceError, FetchError) as exc:
        return _form_error(str(exc), 400, text, form)
    checked = matching.add_source(get_db(), source_id)
    return redirect(url_for("sources.show", source_id=source_id, checked=checked), 303)


def _form_error(message: str, status: int, text: str, form: dict,
                duplicate_of: int | None = None):
    return render_template("sources/index.html", sources=list_sources(get_db()), kinds=KINDS,
                           error=message, text=text, form=form,
                           duplicate_of=duplicate_of), status


def _span() -> tuple[int | None, int | None]:
    start = whole_number(request.args.get("start"), "start")
    end = whole_number(request.args.get("end"), "end")
    if (start is None) != (end is None) or (start is not None and end < start):
        abort(400, "Give both 'start' and 'end', with start before end")
    return start, end


@bp.get("/sources/<int:source_id>")
def show(source_id: int):
    """A primary source by turns; ``start``/``end`` highlight a matched passage."""
    db = get_db()
    source = get_source(db, source_id)
    if source is None:
        abort(404, f"No primary source {source_id}")
    start, end = _span()
    return render_template("sources/show.html", source=source, kinds=KINDS,
                           passages=_passages(db, "source", source_id, source["text"], start, end),
                           mark=(start, end), quotes=source_quotes(db, source_id),
                           checked=request.args.get("checked"))


@bp.get("/articles/<int:article_id>/passage")
def article_passage(article_id: int):
    """Another article's report of the words, highlighted in its text."""
    db = get_db()
    article = article_or_404(article_id)
    start, end = _span()
    return render_template("sources/passage.html", article=article,
                           passages=_passages(db, "article", article_id, article["text"],
                                              start, end))


def _passages(db, doc_type: str, doc_id: int, text: str, start: int | None,
              end: int | None) -> list[dict]:
    """Each passage's text in three pieces: before, inside and after the highlight."""
    out = []
    for p in document_passages(db, doc_type, doc_id):
        lo = max(p.start, start) if start is not None else None
        hi = min(p.end, end) if end is not None else None
        if lo is not None and lo < hi:
            pieces = (text[p.start:lo], text[lo:hi], text[hi:p.end])
        else:
            pieces = (text[p.start:p.end], "", "")
        out.append({"id": p.id, "speaker": p.speaker, "labelled": p.labelled,
                    "start": p.start, "pieces": pieces, "marked": bool(pieces[1])})
    return out


@bp.get("/quotes/<int:quote_id>/matches")
def quote_matches(quote_id: int):
    """A quote's matches with their word diffs (the partial the review card includes)."""
    db = get_db()
    quote = quote_or_404(quote_id)
    ctx = match_context(db, quote)
    if htmx:
        return render_template("sources/_matches.html", quote=quote, **ctx)
    return redirect(url_for("quotes.show", quote_id=quote_id) + "#matches")


def match_context(db, quote: dict) -> dict:
    """What ``sources/_matches.html`` shows for a quote: its matches with their documents'
    titles and links, its check state, and the suggestion one key accepts."""
    matches = matching.load(db, quote["id"])
    check = matching.check_summary(db, quote["id"])
    rows = []
    for m in matches:  # one per document: no title is read twice
        if m.primary:
            title, extra = db.execute("select title, kind from sources where id = ?",
                                      [m.doc_id]).fetchone() or (None, None)
            path = url_for("sources.show", source_id=m.doc_id, start=m.start, end=m.end)
            name = title or f"Primary source {m.doc_id}"
            extra = KINDS.get(extra, extra)
        else:
            title, extra = db.execute("select title, outlet from articles where id = ?",
                                      [m.doc_id]).fetchone() or (None, None)
            path = url_for("sources.article_passage", article_id=m.doc_id, start=m.start,
                           end=m.end)
            name = title or f"Article {m.doc_id}"
        rows.append({"m": m, "title": name, "detail": extra, "path": path,
                     "link": path + "#match"})
    return {"matches": rows, "check": check, "suggestion": suggestion(quote, rows)}


def suggestion(quote: dict, rows: list[dict]) -> dict | None:
    """The verdict the best match suggests, as the fields of a verdict form.

    Verbatim or elided against a primary source whose speaker agrees (or cannot be
    told), or a paraphrase of one for reported speech: verified, with the passage as
    evidence. Altered, a direct quote that only paraphrases, or words the source gives
    to someone else: disputed, with the reason and the difference in the note.
    """
    if not rows:
        return None
    best = rows[0]
    m = best["m"]
    # Built from the configured address, like the export's links, never the Host header.
    evidence = current_app.config["BASE_URL"].rstrip("/") + best["path"]
    where = f"{best['title']} (characters {m.start}-{m.end})"
    if m.speaker_agrees is False and m.verdict in matching.SPEAKER_VERDICTS:
        return {"status": "disputed", "reason": "wrong_speaker", "evidence_url": evidence,
                "label": f"Dispute: wrong speaker ({best['title']} gives these words to "
                         f"{m.speaker})",
                "note": f"{best['title']} gives these words to {m.speaker}, the article to "
                        f"{quote.get('speaker') or 'nobody named'}."}
    if m.verdict in ("verbatim", "elided") or (m.verdict == "paraphrase"
                                                and quote["kind"] == "reported"):
        return {"status": "verified", "reason": "", "evidence_url": evidence,
                "label": f"Verify against {best['title']}",
                "note": f"Checked against {where}: {m.verdict}."}
    changes = "; ".join(
        f"{d.source or '(nothing)'} -> {d.quote or '(dropped)'}" for d in m.diff
        if d.op in ("replace", "insert", "delete"))
    what = "altered" if m.verdict == "altered" else "paraphrased, not the speaker's words"
    note = f"{what.capitalize()} against {where}" + (f": {changes}" if changes else ".")
    return {"status": "disputed", "reason": "misquote", "evidence_url": evidence,
            "label": f"Dispute: {what}", "note": note[:MAX_NOTE]}
