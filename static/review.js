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
  function openPanel(id, focus) {
    var d = byId(id);
    if (!d) return;
    d.open = true;
    var f = d.querySelector(focus);
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
    e: function () { openPanel("edit", "select, input:not([type=hidden])"); },
    "/": function () { var s = byId("q"); if (s) { s.focus(); s.select(); } },
    "?": function () { var h = byId("keys-help"); if (h) h.classList.toggle("expanded"); }
  };
  // Keys that send a request wait their turn; the others act at once.
  var queued = { j: 1, k: 1, v: 1, x: 1, u: 1, z: 1, s: 1 };

  document.addEventListener("keydown", function (evt) {
    if (!byId("queue")) return;
    if (evt.key === "Escape") { closePanels(); return; }
    if (evt.key === "Enter" && (evt.ctrlKey || evt.metaKey) && evt.target.form) {
      evt.preventDefault();
      evt.target.form.requestSubmit();
      return;
    }
    if (evt.ctrlKey || evt.metaKey || evt.altKey || typing(evt.target)) return;
    var act = actions[evt.key];
    if (!act) return;
    evt.preventDefault();
    if (busy && queued[evt.key]) {
      if (pending.length < 5) pending.push(evt.key);
      return;
    }
    act();
  });

  document.addEventListener("htmx:beforeRequest", function (evt) {
    if (byId("queue") && evt.detail.target && evt.detail.target.id === "queue") busy = true;
  });
  function done() {
    busy = false;
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
    box.scrollTop = Math.max(0, cur.offsetTop - box.clientHeight / 3);
    var r = cur.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) cur.scrollIntoView({ block: "center" });
  }

  // Character offset into the article text of a DOM point inside #article-text: every
  // run is a <span data-start> holding one text node.
  function offsetOf(node, off) {
    if (node.nodeType === 3) {
      var run = node.parentElement && node.parentElement.closest("[data-start]");
      return run ? Number(run.dataset.start) + off : null;
    }
    var kids = node.childNodes;
    if (off < kids.length && kids[off].dataset && kids[off].dataset.start !== undefined) {
      return Number(kids[off].dataset.start);
    }
    if (off > 0 && kids[off - 1] && kids[off - 1].dataset && kids[off - 1].dataset.start !== undefined) {
      return Number(kids[off - 1].dataset.start) + kids[off - 1].textContent.length;
    }
    return null;
  }

  function onSelection() {
    var box = byId("article-text");
    if (!box) return;
    var sel = window.getSelection();
    var start = null, end = null, text = "";
    if (sel && !sel.isCollapsed && sel.rangeCount && box.contains(sel.anchorNode) &&
        box.contains(sel.focusNode)) {
      var a = offsetOf(sel.anchorNode, sel.anchorOffset), b = offsetOf(sel.focusNode, sel.focusOffset);
      if (a !== null && b !== null && a !== b) {
        start = Math.min(a, b); end = Math.max(a, b); text = sel.toString();
      }
    }
    document.querySelectorAll(".sel-start").forEach(function (i) { i.value = start === null ? "" : start; });
    document.querySelectorAll(".sel-end").forEach(function (i) { i.value = end === null ? "" : end; });
    document.querySelectorAll(".sel-text").forEach(function (i) { i.value = text; });
    document.querySelectorAll("[data-needs-selection]").forEach(function (btn) { btn.disabled = start === null; });
    var info = byId("selection-info");
    if (info && start !== null) {
      info.textContent = "Selected characters " + start + "–" + end + ": “" +
        (text.length > 120 ? text.slice(0, 120) + "…" : text) + "”";
      var edit = byId("edit");
      if (edit) edit.open = true;
    }
  }
  document.addEventListener("mouseup", function (evt) {
    if (evt.target.closest && evt.target.closest("#article-text")) setTimeout(onSelection, 0);
  });
  document.addEventListener("keyup", function (evt) {
    if (evt.shiftKey && !typing(evt.target)) onSelection();
  });
  document.addEventListener("DOMContentLoaded", scrollToQuote);
  if (document.readyState !== "loading") scrollToQuote();
})();
