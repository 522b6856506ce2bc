// Corrections from the keyboard: a selection in the article made and moved by keys, shown
// in place, saved with Enter as the quote's span, its cue or a missed quote. It fills the
// same fields a mouse selection fills (review.js), so either way ends in the same forms.
//   Shift+Right / Shift+Left        the end one word later / earlier
//   Alt+Shift+Left / Alt+Shift+Right the start one word earlier / later
//   )  (                            the end to the next sentence end / the start back to a
//                                   sentence start
//   ]  [                            the whole selection to the next / previous sentence
//   c   the cue,  a   a missed quote (starts on the sentence after the quote),  t  the kind
//   Enter saves, Esc cancels.
(function () {
  "use strict";
  var editor = null;  // {mode: "span" | "cue" | "add", start, end}
  var FORMS = { span: "span-form", cue: "cue-form", add: "add-form" };
  var LABELS = { span: "New span", cue: "New cue", add: "Missed quote" };

  function byId(id) { return document.getElementById(id); }
  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }
  function busy() { return !!document.querySelector("#queue .htmx-request, #queue.htmx-request"); }

  // The article text rebuilt from its runs (each a <span data-start>); the blank lines
  // between paragraphs, which have no run, come back as newlines.
  function articleText() {
    var runs = byId("article-text").querySelectorAll("span[data-start]");
    var parts = [], at = 0;
    runs.forEach(function (run) {
      var s = Number(run.dataset.start);
      if (s > at) parts.push("\n".repeat(s - at));
      parts.push(run.textContent);
      at = s + run.textContent.length;
    });
    return parts.join("");
  }

  function wordEndAfter(text, pos) {
    var re = /\S+/g, m;
    re.lastIndex = pos;
    while ((m = re.exec(text))) { if (m.index + m[0].length > pos) return m.index + m[0].length; }
    return pos;
  }
  function wordEndBefore(text, pos, floor) {
    var i = pos;
    while (i > floor && !/\s/.test(text[i - 1])) i--;  // back over the last word
    while (i > floor && /\s/.test(text[i - 1])) i--;   // and the space before it
    return i > floor ? i : pos;
  }
  function wordStartBefore(text, pos) {
    var i = pos;
    while (i > 0 && /\s/.test(text[i - 1])) i--;
    while (i > 0 && !/\s/.test(text[i - 1])) i--;
    return i;
  }
  function wordStartAfter(text, pos, ceiling) {
    var i = pos;
    while (i < ceiling && !/\s/.test(text[i])) i++;
    while (i < ceiling && /\s/.test(text[i])) i++;
    return i < ceiling ? i : pos;
  }
  // Sentence ends: after . ! ? (and closing quotes or brackets) before a space, and at
  // every line break; a sentence starts at the next non-space character.
  function sentenceEnds(text) {
    var ends = [], re = /[.!?]+["'\u201d\u2019)\]]*(?=\s|$)|(?=\n)/g, m;
    while ((m = re.exec(text))) {
      var e = m.index + m[0].length;
      if (ends[ends.length - 1] !== e && /\S/.test(text.slice(Math.max(0, e - 1), e))) ends.push(e);
      if (!m[0].length) re.lastIndex++;
    }
    if (ends[ends.length - 1] !== text.trimEnd().length) ends.push(text.trimEnd().length);
    return ends;
  }
  function sentenceStarts(text) {
    var starts = [text.search(/\S/)];
    sentenceEnds(text).forEach(function (e) {
      var rest = text.slice(e).search(/\S/);
      if (rest >= 0) starts.push(e + rest);
    });
    return starts;
  }
  function sentenceAround(text, pos) {
    var starts = sentenceStarts(text), ends = sentenceEnds(text), s = starts[0];
    starts.forEach(function (x) { if (x <= pos) s = x; });
    var e = ends.find(function (x) { return x > s; });
    return [s, e === undefined ? text.length : e];
  }

  function currentQuote() {
    var marks = document.querySelectorAll("#article-text .q-current");
    if (!marks.length) return null;
    var first = marks[0], last = marks[marks.length - 1];
    return [Number(first.dataset.start), Number(last.dataset.start) + last.textContent.length];
  }
  function currentCue(text, quote) {
    var marks = document.querySelectorAll("#article-text .cue-current");
    if (marks.length) {
      var last = marks[marks.length - 1];
      return [Number(marks[0].dataset.start), Number(last.dataset.start) + last.textContent.length];
    }
    var s = wordStartAfter(text, quote[1], text.length);
    return [s, wordEndAfter(text, s)];
  }

  // A DOM point for a character offset: the run's text node holding it.
  function domPoint(offset, isEnd) {
    var runs = byId("article-text").querySelectorAll("span[data-start]");
    for (var i = 0; i < runs.length; i++) {
      var s = Number(runs[i].dataset.start), len = runs[i].textContent.length;
      if (offset < s + len || (isEnd && offset === s + len)) {
        var node = runs[i].firstChild || runs[i];
        return [node, Math.max(0, Math.min(offset - s, len))];
      }
    }
    var lastRun = runs[runs.length - 1];
    return [lastRun.firstChild || lastRun, lastRun.textContent.length];
  }
  function show() {
    var range = document.createRange();
    var a = domPoint(editor.start, false), b = domPoint(editor.end, true);
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("key-selection", new Highlight(range));
    }
    // Keep the selection in view inside the article pane (and the pane in the window).
    var box = byId("article-text"), r = range.getBoundingClientRect(), br = box.getBoundingClientRect();
    if (r.top < br.top || r.bottom > br.bottom) box.scrollTop += r.top - br.top - box.clientHeight / 3;
    var text = editor.text.slice(editor.start, editor.end);
    document.querySelectorAll(".sel-start").forEach(function (i) { i.value = editor.start; });
    document.querySelectorAll(".sel-end").forEach(function (i) { i.value = editor.end; });
    document.querySelectorAll(".sel-text").forEach(function (i) { i.value = text; });
    document.querySelectorAll("[data-needs-selection]").forEach(function (btn) { btn.disabled = false; });
    var edit = byId("edit");
    if (edit) edit.open = true;
    var info = byId("selection-info");
    if (info) {
      info.classList.remove("problem");
      info.classList.add("keyed");
      info.textContent = LABELS[editor.mode] + " " + editor.start + "–" + editor.end + ": “" +
        (text.length > 160 ? text.slice(0, 80) + " … " + text.slice(-70) : text) +
        "”. Enter saves, Esc cancels.";
      var said = byId("announce");  // the page's one live region
      if (said) said.textContent = info.textContent;
    }
  }
  function stop() {
    editor = null;
    if (window.CSS && CSS.highlights) CSS.highlights.delete("key-selection");
    var info = byId("selection-info");
    if (info) info.classList.remove("keyed");
  }
  function start(mode) {
    var quote = currentQuote();
    if (!quote) return false;
    var text = articleText(), range = quote;
    if (mode === "cue") range = currentCue(text, quote);
    if (mode === "add") {
      var after = sentenceStarts(text).find(function (x) { return x >= quote[1]; });
      range = sentenceAround(text, after === undefined ? quote[0] : after);
    }
    editor = { mode: mode, start: range[0], end: range[1], text: text };
    return true;
  }

  function move(key, evt) {
    var t = editor.text, s = editor.start, e = editor.end;
    if (key === "ArrowRight" && !evt.altKey) e = wordEndAfter(t, e);
    else if (key === "ArrowLeft" && !evt.altKey) e = wordEndBefore(t, e, s);
    else if (key === "ArrowLeft") s = wordStartBefore(t, s);
    else if (key === "ArrowRight") s = Math.min(wordStartAfter(t, s, e), e - 1);
    else if (key === ")") {
      var ne = sentenceEnds(t).find(function (x) { return x > e; });
      if (ne !== undefined) e = ne;
    } else if (key === "(") {
      var ps = sentenceStarts(t).filter(function (x) { return x < s; }).pop();
      if (ps !== undefined) s = ps;
    } else if (key === "]" || key === "[") {
      var starts = sentenceStarts(t);
      var to = key === "]" ? starts.find(function (x) { return x >= e; })
                           : starts.filter(function (x) { return x < s; }).pop();
      if (to === undefined) return;
      var sent = sentenceAround(t, to);
      s = sent[0]; e = sent[1];
    }
    if (s < e) { editor.start = s; editor.end = e; }
  }

  var MOVES = { ArrowRight: 1, ArrowLeft: 1, "(": 1, ")": 1, "[": 1, "]": 1 };

  document.addEventListener("keydown", function (evt) {
    if (!byId("article-text") || evt.ctrlKey || evt.metaKey) return;
    var el = evt.target;
    // Enter in the kind (or speaker) menu saves its form: the menu is the whole form.
    if (evt.key === "Enter" && el && el.tagName === "SELECT" && el.hasAttribute("data-enter-submits")) {
      evt.preventDefault();
      el.form.requestSubmit();
      return;
    }
    if (typing(el)) return;
    var key = /^[A-Z]$/.test(evt.key) ? evt.key.toLowerCase() : evt.key;
    if (editor && key === "Escape") { stop(); return; }  // review.js closes the panel
    if (editor && key === "Enter") {
      evt.preventDefault();
      evt.stopPropagation();  // Enter saves the selection; it does not open a focused quote
      var form = byId(FORMS[editor.mode]);
      stop();
      if (form && !busy()) form.requestSubmit();
      return;
    }
    if (key === "t" && !evt.altKey) {
      var edit = byId("edit"), kind = byId("kind-select");
      if (!kind) return;
      evt.preventDefault();
      if (edit) edit.open = true;
      kind.focus();
      return;
    }
    if ((key === "c" || key === "a") && !evt.altKey) {
      if (busy() || !byId(FORMS[key === "c" ? "cue" : "add"])) return;
      evt.preventDefault();
      if (start(key === "c" ? "cue" : "add")) show();
      return;
    }
    var arrow = key === "ArrowLeft" || key === "ArrowRight";
    if (!MOVES[key] || (arrow && !evt.shiftKey) || (!arrow && evt.altKey)) return;
    if (!editor) {
      if (busy() || !byId("span-form") || !start("span")) return;
    }
    evt.preventDefault();
    move(key, evt);
    show();
  }, true);

  // A new quote on screen (htmx swapped the queue) ends any keyboard selection.
  document.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target && evt.detail.target.id === "queue") stop();
  });
  // A mouse selection takes over from the keys.
  document.addEventListener("mousedown", function (evt) {
    if (editor && evt.target.closest && evt.target.closest("#article-text")) stop();
  });
})();
