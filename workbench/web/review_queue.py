"""The review queue: one quote at a time in its article, verdicts by key, corrections, undo.

Every URL serves the whole page to a plain request and the ``#queue`` fragment to htmx;
every write also works as a plain form post (303 back to the queue).
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import (Blueprint, abort, flash, get_flashed_messages, redirect, render_template,
                   request, url_for)

from .. import desk, queries, queue, ratings, speakers
from ..bulk import CountChanged, bulk_verdict, matching_ids
from ..corrections import (CorrectionError, add_quote, change_cue, change_kind, change_span,
                           change_speaker, changes_since)
from ..highlight import paragraphs
from ..review import (DISPUTE_REASONS, STATUSES, QuoteNotFound, ReviewError, VersionConflict,
                      set_verdict)
from ..undo import NothingToUndo, action_label, describe, last_action, undo_last
from .context import current_reviewer, get_db, htmx
from .params import expected_version, verdict_from_form, whole_number
from .sources import match_context

bp = Blueprint("review", __name__)

BULK_PREVIEW = 50  # quotes listed on the bulk verdict page before it acts

KEYS = [
    ("j", "next quote"), ("k", "previous quote"), ("v", "verify and go to the next"),
    ("n", "verify with a note and an evidence URL"),
    ("d", "dispute (reason, note, evidence)"), ("x", "not a quote"),
    ("u", "back to unreviewed"), ("e", "edit speaker, span, cue or kind"),
    ("Shift+→ / Shift+←", "quote ends a word later / earlier"),
    ("Alt+Shift+← / Alt+Shift+→", "quote starts a word earlier / later"),
    (")", "end at the next sentence end"), ("(", "start at a sentence start before"),
    ("] / [", "the selection to the next / previous sentence"),
    ("c", "select the cue by keys (same keys move it)"),
    ("a", "add a missed quote: select it by keys"), ("t", "change the kind"),
    ("Enter", "save the key selection"), ("2", "ask for a second look"),
    ("m", "comment (@name mentions a reviewer)"),
    ("r", "rate the claim: 1-9, 0 the tenth, - none (Esc closes)"),
    ("z", "undo my last action"),
    ("s", "accept the sources' suggestion (verify or dispute)"),
    ("/", "search"), ("?", "show or hide these keys"),
    ("Esc", "close a form, cancel a key selection, leave the search"),
]


@bp.app_template_filter("count_of")
def count_of(n: int, noun: str) -> str:
    """``1 quote``, ``2 quotes``: a count with its noun in the right number.

    :param noun: the singular; the plural adds an s
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def queue_filter() -> queries.QuoteFilter:
    try:
        filt = queries.QuoteFilter.from_args(request.args)
    except queries.FilterError as exc:
        abort(400, str(exc))
    return queue.prepare(get_db(), filt)


def queue_url(filt: queries.QuoteFilter, quote_id: int | None = None) -> str:
    args = filt.as_args()
    if quote_id is not None:
        args["id"] = str(quote_id)
    return url_for("review.queue") + ("?" + urlencode(args) if args else "")


def _context(filt: queries.QuoteFilter, quote: dict | None, message: str | None = None,
             error: str | None = None, matched: bool = False) -> dict:
    """Everything the queue shows; ``matched``: the quote is known to match the filter
    (it came from a seek under it), which saves one more filtered query."""
    db = get_db()
    counts = queries.count_quotes(db, filt)
    matching = counts[filt.status or "all"]  # None for a wide search
    ctx = dict(filt=filt, quote=quote, counts=counts,
               reasons=DISPUTE_REASONS, statuses=STATUSES, keys=KEYS, message=message,
               error=error, queue_url=queue_url, filter_args=filt.as_args(),
               desk_reviewers=desk.reviewers(db))
    last = last_action(db, current_reviewer())
    ctx["last_action"] = describe(db, last) if last else None
    if quote is None:
        ctx["first"] = queue.first(db, filt, matching)
        ctx["prev"] = queue.last(db, filt, matching)
        ctx["next_article"] = queue.next_article(db, filt.article)
        return ctx
    article = queries.get_article(db, quote["article_id"])
    in_article = queries.list_quotes(db, queries.QuoteFilter(article=article["id"]), limit=None)
    paras = paragraphs(article["text"], in_article)
    ctx.update(
        article=article, paragraphs=paras,
        current_paras={p.start for p in paras
                       if any(quote["id"] in r.quote_ids for r in p.runs)},
        quotes_by_id={q["id"]: q for q in in_article},
        # Each quote's first run is its tab stop (a link to it in the queue).
        named_runs=_first_runs(paras),
        goto_base=queue_url(filt) + ("&" if filt.as_args() else "?") + "id=",
        prev=queue.neighbour(db, filt, quote, forward=False, matching=matching),
        next=queue.neighbour(db, filt, quote, forward=True, matching=matching),
        position=queue.position(db, filt, quote),
        in_filter=matched or queries.in_filter(db, filt, quote["id"]),
        **match_context(db, quote),
        accept_action=url_for("review.verdict", quote_id=quote["id"], **filt.as_args()),
        accept_hx="#queue",
        article_speakers=speakers.article_speakers(db, article["id"]),
        second_looks=desk.second_looks(db, quote["id"]),
        comments=desk.comments(db, quote["id"]),
    )
    return ctx


def _first_runs(paras) -> dict[int, int]:
    """The start of each quote's first run -> the quote's id."""
    seen: dict[int, int] = {}
    for para in paras:
        for run in para.runs:
            if run.quote_ids and run.quote_ids[0] not in seen:
                seen[run.quote_ids[0]] = run.start
    return {start: qid for qid, start in seen.items()}


def _render(filt, quote, status: int = 200, **kw):
    ctx = _context(filt, quote, **kw)
    if htmx and htmx.target == "queue":
        resp = render_template("review/_queue.html", **ctx), status
    else:
        resp = render_template("review/queue.html", **ctx,
                               outlets=queries.outlet_choices(get_db()),
                               reviewers=queries.reviewer_choices(get_db())), status
    return resp


def moved_to(filt, quote_id: int | None, message: str | None = None, status: int = 200,
           matched: bool = False):
    """After a write: the queue at ``quote_id`` (htmx, URL pushed) or a redirect to it."""
    if not htmx:
        if message:
            flash(message)
        return redirect(queue_url(filt, quote_id), 303)
    db = get_db()
    filt = queue.prepare(db, filt)  # the write changed statuses: gather a search again
    quote = queries.get_quote_full(db, quote_id) if quote_id is not None else None
    body, code = _render(filt, quote, status, message=message, matched=matched)
    return body, code, {"HX-Push-Url": queue_url(filt, quote_id)}


@bp.get("/review", endpoint="queue")
def queue_page():
    db = get_db()
    filt = queue_filter()
    quote_id = whole_number(request.args.get("id"), "id")
    quote = queries.get_quote_full(db, quote_id) if quote_id is not None else queue.first(db, filt)
    if quote_id is not None and quote is None:
        abort(404, f"No quote {quote_id}")
    messages = get_flashed_messages()
    body, code = _render(filt, quote, message=" ".join(messages) or None,
                         matched=quote_id is None)
    if htmx and htmx.target == "queue":
        # Filter changes push a clean, shareable URL (no empty arguments).
        return body, code, {"HX-Push-Url": queue_url(filt, quote_id), "Vary": "HX-Request"}
    return body, code


def _next_after(db, filt, quote_id: int) -> int | None:
    quote = queries.get_quote_full(db, quote_id)
    nxt = queue.neighbour(db, filt, quote, forward=True)
    return nxt["id"] if nxt else None


def _conflict(filt, exc: VersionConflict, your_version: int | None, attempted: dict,
              action_url: str):
    db = get_db()
    quote = queries.get_quote_full(db, exc.current["id"])
    ctx = dict(filt=filt, quote=quote, attempted=attempted, action_url=action_url,
               changes=changes_since(db, quote["id"], your_version or 0),
               your_version=your_version, queue_url=queue_url, reasons=DISPUTE_REASONS)
    template = "review/_conflict.html" if htmx else "review/conflict.html"
    return render_template(template, **ctx), 409


def _attempted() -> dict:
    skip = {"csrf_token", "version"}
    return {k: v for k, v in request.form.items() if k not in skip}


@bp.post("/review/<int:quote_id>/verdict")
def verdict(quote_id: int):
    """Save a verdict and move to the next quote of the queue in one step."""
    db = get_db()
    filt = queue_filter()
    v = verdict_from_form()
    version = expected_version()
    try:
        set_verdict(db, quote_id, v, current_reviewer(), expected_version=version)
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except ReviewError as exc:
        return _render(filt, queries.get_quote_full(db, quote_id), 400, error=str(exc))
    except VersionConflict as exc:
        return _conflict(filt, exc, version, _attempted(),
                         url_for("review.verdict", quote_id=quote_id, **filt.as_args()))
    label = v.status
    if v.status == "disputed":
        label = f"disputed ({DISPUTE_REASONS.get(v.reason or '', 'note')})"
    stay = request.form.get("stay") == "1"
    target = quote_id if stay else _next_after(db, filt, quote_id)
    return moved_to(filt, target, f"Quote {quote_id}: {label}.", matched=not stay)


@bp.post("/review/<int:quote_id>/rating")
def rating(quote_id: int):
    """Rate the claim from the queue (an empty rating clears it) and stay on the quote:
    the rating comes beside the verdict, which still moves the queue on."""
    db = get_db()
    filt = queue_filter()
    key = request.form.get("rating", "").strip() or None
    version = expected_version()
    try:
        ratings.set_rating(db, quote_id, key, current_reviewer(), expected_version=version)
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except ratings.RatingError as exc:
        if not htmx:
            abort(400, str(exc))
        return _render(filt, queries.get_quote_full(db, quote_id), 400, error=str(exc))
    except VersionConflict as exc:
        return _conflict(filt, exc, version, _attempted(),
                         url_for("review.rating", quote_id=quote_id, **filt.as_args()))
    label = ratings.labels(db)[key] if key else "no rating"
    return moved_to(filt, quote_id, f"Quote {quote_id}: rated {label}.")


def _correction(quote_id: int, apply):
    db = get_db()
    filt = queue_filter()
    version = expected_version()
    try:
        apply(db, version)
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except CorrectionError as exc:
        if not htmx:
            abort(400, str(exc))
        return _render(filt, queries.get_quote_full(db, quote_id), 400, error=str(exc))
    except VersionConflict as exc:
        return _conflict(filt, exc, version, _attempted(), request.full_path.rstrip("?"))
    return None


@bp.post("/review/<int:quote_id>/speaker")
def speaker(quote_id: int):
    """Attribute the quote to a speaker picked from the article or typed by name."""
    picked = whole_number(request.form.get("speaker_id"), "speaker_id")
    name = (request.form.get("name") or "").strip()

    def apply(db, version):
        change_speaker(db, quote_id, current_reviewer(), speaker_id=None if name else picked,
                       name=name or None, expected_version=version,
                       note=request.form.get("note"))

    return _corrected(quote_id, apply, "speaker changed")


@bp.post("/review/<int:quote_id>/span")
def span(quote_id: int):
    """Move the quote's boundaries to the text selected in the article."""
    start, end = whole_number(request.form.get("start"), "start"), whole_number(request.form.get("end"), "end")
    if start is None or end is None:
        abort(400, "Select the quote's text in the article first")

    def apply(db, version):
        change_span(db, quote_id, start, end, current_reviewer(),
                    selected=request.form.get("selected"), expected_version=version,
                    note=request.form.get("note"))

    return _corrected(quote_id, apply, "span changed")


def _corrected(quote_id: int, apply, what: str):
    """Run a correction; the queue at the quote with ``what`` said, or the failure."""
    return _correction(quote_id, apply) or moved_to(queue_filter(), quote_id,
                                                  f"Quote {quote_id}: {what}.")


@bp.post("/review/<int:quote_id>/cue")
def cue(quote_id: int):
    """Move the quote's cue to the words selected in the article; ``remove=1`` drops it."""
    remove = request.form.get("remove") == "1"
    start = None if remove else whole_number(request.form.get("start"), "start")
    end = None if remove else whole_number(request.form.get("end"), "end")
    if not remove and (start is None or end is None):
        abort(400, "Select the cue's words in the article first")

    def apply(db, version):
        change_cue(db, quote_id, start, end, current_reviewer(),
                   selected=request.form.get("selected"), expected_version=version,
                   note=request.form.get("note"))

    return _corrected(quote_id, apply, "cue removed" if remove else "cue changed")


@bp.post("/review/<int:quote_id>/kind")
def kind(quote_id: int):
    """Correct the quote's kind (direct, mixed, reported)."""
    chosen = (request.form.get("kind") or "").strip()
    if not chosen:
        abort(400, "Field 'kind' is required")

    def apply(db, version):
        change_kind(db, quote_id, chosen, current_reviewer(), expected_version=version,
                    note=request.form.get("note"))

    return _corrected(quote_id, apply, f"kind changed to {chosen}")


@bp.post("/review/add")
def add():
    """Add a quote the extractor missed, from text selected in the article."""
    db = get_db()
    filt = queue_filter()
    article_id = whole_number(request.form.get("article_id"), "article_id")
    start, end = whole_number(request.form.get("start"), "start"), whole_number(request.form.get("end"), "end")
    back = whole_number(request.form.get("from_quote"), "from_quote")
    if article_id is None or start is None or end is None:
        abort(400, "Select the missed quote's text in the article first")
    try:
        quote = add_quote(db, article_id, start, end, current_reviewer(),
                          selected=request.form.get("selected"),
                          speaker_id=whole_number(request.form.get("speaker_id"), "speaker_id"),
                          speaker=request.form.get("speaker"),
                          kind=request.form.get("kind") or "direct",
                          note=request.form.get("note"))
    except CorrectionError as exc:
        if not htmx or back is None:
            abort(400, str(exc))
        return _render(filt, queries.get_quote_full(db, back), 400, error=str(exc))
    # The queue keeps its filter (j walks on through it); the card says so when the new
    # quote is outside it.
    return moved_to(filt, quote["id"], f"Added quote {quote['id']}.")


@bp.post("/review/undo")
def undo():
    """Undo my last action (a bulk action or merge as one step); the log keeps both."""
    db = get_db()
    filt = queue_filter()
    try:
        result = undo_last(db, current_reviewer())
    except NothingToUndo as exc:
        return moved_to(filt, whole_number(request.form.get("from_quote"), "from_quote"), str(exc))
    except VersionConflict as exc:
        return _conflict(filt, exc, None, {"undo": "your last action"},
                         url_for("review.queue", **filt.as_args()))
    n = len(result.undone)
    msg = f"Undid {action_label(result.action)} on {count_of(n, 'quote')}."
    if result.skipped:
        msg += (f" Left {len(result.skipped)} alone: changed by someone since "
                f"({', '.join(str(q['id']) for q in result.skipped[:10])}).")
    # Land on the first restored quote, in queue order (a bulk undo restores many).
    target = queue.first_of(db, result.undone) if n else \
        whole_number(request.form.get("from_quote"), "from_quote")
    return moved_to(filt, target, msg)


@bp.route("/review/bulk", methods=["GET", "POST"])
def bulk():
    """A verdict on every quote of the filter: GET shows the count, POST acts on it."""
    db = get_db()
    filt = queue_filter()
    status = request.values.get("status_to", "verified")
    if status not in STATUSES:
        abort(400, f"Unknown status {status!r}")
    count = len(matching_ids(db, filt))
    page = dict(filt=filt, count=count, status_to=status, reasons=DISPUTE_REASONS,
                statuses=STATUSES, queue_url=queue_url(filt),
                preview=queries.list_quotes(db, filt, limit=BULK_PREVIEW))
    if request.method == "GET":
        return render_template("review/bulk.html", **page)
    expected = whole_number(request.form.get("expected_count"), "expected_count")
    if expected is None:
        abort(400, "Confirm the number of quotes first")
    v = verdict_from_form(status)
    try:
        result = bulk_verdict(db, filt, v, current_reviewer(), expected_count=expected)
    except CountChanged as exc:
        return render_template("review/bulk.html", **page, error=str(exc)), 409
    except ReviewError as exc:
        return render_template("review/bulk.html", **page, error=str(exc)), 400
    flash(f"Set {count_of(result.changed, 'quote')} to {status} in one step "
          "(undo reverses all of them).")
    return redirect(queue_url(filt), 303)
