// The review queue's keys and text selection. Keys never fire while typing in a field;
// keys pressed while a request is on its way are kept and played after it lands.
(function () {
  "use strict";
  var busy = false, pending = [];

  function byId(id) { return document.getElementById(id); }
  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }
  function submit(id) {
    var form = byId(id);
    if (!form) return false;
    form.requestSubmit();
    return true;
  }
  function follow(id) {
    var link = byId(id);
    if (link) link.click();
  }
  // ``focus``: a selector, or a list of them tried in turn (the first that matches wins).
  function openPanel(id, focus) {
    var d = byId(id);
    if (!d) return;
    d.open = true;
    var f = null;
    [].concat(focus).some(function (sel) { f = d.querySelector(sel); return f; });
    if (f) f.focus();
  }
  function closePanels() {
    document.querySelectorAll("#queue details[open]").forEach(function (d) { d.open = false; });
    var help = byId("keys-help");
    if (help) help.classList.remove("expanded");
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  }
  var actions = {
    j: function () { follow("next-link"); },
    k: function () { follow("prev-link"); },
    v: function () { submit("verify-form"); },
    x: function () { submit("notquote-form"); },
    u: function () { submit("unreview-form"); },
    z: function () { submit("undo-form"); },
    s: function () { submit("accept-form"); },
    d: function () { openPanel("dispute", "select"); },
    n: function () { openPanel("verify-note", "textarea"); },
    m: function () { openPanel("comments", "textarea"); },
    "2": function () { submit("second-look-form"); },
    e: function () { openPanel("edit", "select, input:not([type=hidden])"); },
    r: function () { openPanel("rating", ["button.chosen", "button[data-rating-key]"]); },
    "/": function () { var s = byId("q"); if (s) { s.focus(); s.select(); } },
    "?": function () { var h = byId("keys-help"); if (h) h.classList.toggle("expanded"); }
  };
  // While the rating panel is open its digits (and - for none) press its buttons, so
  // "2" rates there and asks for a second look elsewhere. A click, not requestSubmit: it
  // sends the button's own name and value. Ignored while a request runs (that card is
  // about to be replaced).
  function rate(key) {
    var panel = byId("rating");
    if (!panel || !panel.open || !/^[0-9-]$/.test(key)) return false;
    var btn = panel.querySelector('button[data-rating-key="' + key + '"]');
    if (btn && !busy) btn.click();
    return true;
  }
  // Keys that send a request wait their turn; the others act at once.
  var queued = { j: 1, k: 1, v: 1, x: 1, u: 1, z: 1, s: 1, "2": 1 };

  document.addEventListener("keydown", function (evt) {
    if (!byId("queue")) return;
    if (evt.key === "Escape") {
      // Esc in a filter field leaves it and keeps what was typed (a search field would
      // clear itself, and the search it sends would hold up the next key).
      if (typing(evt.target) && evt.target.closest("#filters")) {
        evt.preventDefault();
        evt.target.blur();
        return;
      }
      closePanels();
      return;
    }
    if (evt.key === "Enter" && (evt.ctrlKey || evt.metaKey) && evt.target.form) {
      evt.preventDefault();
      evt.target.form.requestSubmit();
      return;
    }
    if (evt.ctrlKey || evt.metaKey || evt.altKey || typing(evt.target)) return;
    // Caps Lock (or Shift) gives "V": the letter keys mean the same in either case.
    var key = /^[A-Z]$/.test(evt.key) ? evt.key.toLowerCase() : evt.key;
    if (rate(key)) { evt.preventDefault(); return; }
    var act = actions[key];
    if (!act) return;
    evt.preventDefault();
    if (busy && queued[key]) {
      if (pending.length < 5) pending.push(key);
      return;
    }
    act();
  });

  document.addEventListener("htmx:beforeRequest", function (evt) {
    if (byId("queue") && evt.detail.target && evt.detail.target.id === "queue") busy = true;
  });
  // One persistent live region says what each action did: the flash inside #queue is
  // new on every swap, and screen readers do not announce a region that has just appeared.
  function announce() {
    var box = byId("announce");
    if (!box) return;
    var said = document.querySelector("#queue .error, #queue .flash, #queue-done h2");
    box.textContent = "";
    if (said) setTimeout(function () { box.textContent = said.textContent.trim(); }, 50);
  }
  function done() {
    busy = false;
    announce();
    scrollToQuote();
    var key = pending.shift();
    if (key) actions[key]();
  }
  document.addEventListener("htmx:afterSettle", function (evt) {
    if (evt.detail.target && evt.detail.target.id === "queue") done();
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    // A failed request (network, 5xx) swaps nothing: do not stay busy for ever.
    if (evt.detail.target && evt.detail.target.id === "queue" && !evt.detail.successful &&
        evt.detail.xhr && evt.detail.xhr.status >= 500) { busy = false; pending = []; }
  });

  // Bring the current quote into view: inside the article pane (its offsetParent, being
  // position: relative), then in the window if the pane itself is partly off screen.
  function scrollToQuote() {
    var cur = document.querySelector("#article-text .q-current");
    var box = byId("article-text");
    if (!cur || !box) return;
    // A narrow window stacks the card over the article: start the view at the queue bar,
    // so the card (quote, speaker, verdicts) and the article below it fill the screen.
    var queueBox = byId("queue");
    if (queueBox && window.matchMedia("(max-width: 900px)").matches) {
      window.scrollTo(0, queueBox.getBoundingClientRect().top + window.scrollY);
    }
    box.scrollTop = Math.max(0, cur.offsetTop - box.clientHeight / 3);
    var r = cur.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) cur.scrollIntoView({ block: "center" });
  }

  // Character offset into the article text of a DOM point inside #article-text: every
  // run is a <span data-start> holding one text node. A point between runs (a selection
  // begun in the margin at the left of a line, or past a paragraph's end) snaps to the
  // next run's start when it opens the selection, to the previous run's end when it
  // closes it.
  function offsetOf(node, off, isEnd) {
    if (node.nodeType === 3) {
      var run = node.parentElement && node.parentElement.closest("span[data-start]");
      if (run) return Number(run.dataset.start) + off;
    }
    var runs = byId("article-text").querySelectorAll("span[data-start]");
    var point = document.createRange();
    point.setStart(node, off);
    var before = null;
    for (var i = 0; i < runs.length; i++) {
      if (point.comparePoint(runs[i], 0) > 0) {  // the run starts after the point
        if (!isEnd) return Number(runs[i].dataset.start);
        break;
      }
      before = runs[i];
    }
    if (isEnd && before) return Number(before.dataset.start) + before.textContent.length;
    return null;
  }

  function onSelection() {
    var box = byId("article-text");
    if (!box) return;
    var sel = window.getSelection();
    var start = null, end = null, text = "";
    var problem = null;
    if (sel && !sel.isCollapsed && sel.rangeCount) {
      var range = sel.getRangeAt(0);
      if (box.contains(range.startContainer) && box.contains(range.endContainer)) {
        var a = offsetOf(range.startContainer, range.startOffset, false);
        var b = offsetOf(range.endContainer, range.endOffset, true);
        if (a !== null && b !== null && a < b) {
          start = a; end = b; text = range.toString();
        } else {
          problem = "That selection holds no article text: select the words themselves.";
        }
      } else if (box.contains(range.startContainer) || box.contains(range.endContainer)) {
        problem = "The selection runs outside the article: select within its text.";
      }
    }
    document.querySelectorAll(".sel-start").forEach(function (i) { i.value = start === null ? "" : start; });
    document.querySelectorAll(".sel-end").forEach(function (i) { i.value = end === null ? "" : end; });
    document.querySelectorAll(".sel-text").forEach(function (i) { i.value = text; });
    document.querySelectorAll("[data-needs-selection]").forEach(function (btn) { btn.disabled = start === null; });
    var info = byId("selection-info");
    if (info && problem) {
      info.textContent = problem;
      info.classList.add("problem");
      var panel = byId("edit");
      if (panel) panel.open = true;
    } else if (info && start !== null) {
      info.classList.remove("problem");
      info.textContent = "Selected characters " + start + "–" + end + ": “" +
        (text.length > 120 ? text.slice(0, 120) + "…" : text) + "”";
      var edit = byId("edit");
      if (edit) edit.open = true;
    }
  }
  // A quote in the article (its first run is focusable and named) opens in the queue on
  // click or Enter, unless the click ended a text selection.
  function goTo(el) {
    if (!el || el.classList.contains("q-current") || !window.htmx) return;
    htmx.ajax("GET", el.dataset.goto, { target: "#queue" });
  }
  document.addEventListener("click", function (evt) {
    var el = evt.target.closest && evt.target.closest("#article-text [data-goto]");
    var sel = window.getSelection();
    if (el && (!sel || sel.isCollapsed)) goTo(el);
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter" && evt.target.matches && evt.target.matches("#article-text [data-goto]")) {
      evt.preventDefault();
      goTo(evt.target);
    }
  });
  document.addEventListener("mouseup", function (evt) {
    if (evt.target.closest && evt.target.closest("#article-text")) setTimeout(onSelection, 0);
  });
  document.addEventListener("keyup", function (evt) {
    // Only a real text selection counts: Shift+arrows also drive the keyboard selection
    // of review_edit.js, which must not be cleared here.
    var sel = window.getSelection();
    if (evt.shiftKey && !typing(evt.target) && sel && !sel.isCollapsed) onSelection();
  });
  document.addEventListener("DOMContentLoaded", scrollToQuote);
  if (document.readyState !== "loading") scrollToQuote();
})();
