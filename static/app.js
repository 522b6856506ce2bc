// Keeps the highlights in the article text in step with verdicts given in the side panel,
// and links a highlight to its quote card.
(function () {
  function syncMarks(card) {
    var id = card.dataset.quoteId, status = card.dataset.status;
    document.querySelectorAll(".quote-mark[data-quote]").forEach(function (mark) {
      if (mark.dataset.quote.split(" ")[0] === id) {
        mark.classList.remove("status-unreviewed", "status-verified", "status-disputed");
        mark.classList.add("status-" + status);
      }
    });
  }
  document.addEventListener("htmx:afterSwap", function (evt) {
    var card = evt.detail.elt;
    if (card && card.classList && card.classList.contains("quote-card")) syncMarks(card);
  });
  // htmx leaves 4xx responses unswapped by default; a conflict, a refusal or bad input must be shown.
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var code = evt.detail.xhr.status;
    if (code === 400 || code === 403 || code === 409 || code === 413 || code === 422) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });
  // A highlight is a button: Enter or Space on a focused one acts as a click.
  document.addEventListener("keydown", function (evt) {
    if ((evt.key === "Enter" || evt.key === " ") && evt.target.matches &&
        evt.target.matches(".quote-mark[data-quote]")) {
      evt.preventDefault();
      evt.target.click();
    }
  });
  document.addEventListener("click", function (evt) {
    var mark = evt.target.closest && evt.target.closest(".quote-mark[data-quote]");
    if (!mark) return;
    var id = mark.dataset.quote.split(" ")[0];
    var card = document.getElementById("quote-" + id);
    if (card) return showCard(card);
    // The side panel holds the first cards only: load on until this one is in.
    var more = document.querySelector(".quote-panel .panel-more a");
    if (!more || !window.htmx) return;
    htmx.ajax("GET", more.getAttribute("href") + "&until=" + encodeURIComponent(id),
              { target: more.closest("li"), swap: "outerHTML" }).then(function () {
      var loaded = document.getElementById("quote-" + id);
      if (loaded) showCard(loaded);
    });
  });
  // A request that failed outright (5xx, no answer) swaps nothing, so without this the
  // reviewer would think a verdict was saved. Say what happened and that nothing changed.
  function requestError(evt, why) {
    var box = document.getElementById("request-error");
    if (!box) return;
    var verb = (evt.detail.requestConfig && evt.detail.requestConfig.verb) || "get";
    box.querySelector(".message").textContent =
      (verb === "get" ? "Could not load: " : "Not saved: ") + why;
    box.hidden = false;
  }
  function serverSaid(xhr) {
    var text = "";
    try {  // our error fragments are text only; textContent never runs markup
      var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
      var p = doc.querySelector(".error");
      text = (p ? p.textContent : "").trim().slice(0, 300);
    } catch (e) { text = ""; }
    return text || ("the server answered " + xhr.status + " " + (xhr.statusText || "") + ".");
  }
  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr && xhr.status >= 500) requestError(evt, serverSaid(xhr));
  });
  document.addEventListener("htmx:sendError", function (evt) {
    requestError(evt, "the server could not be reached. Nothing was changed; try again.");
  });
  document.addEventListener("htmx:timeout", function (evt) {
    requestError(evt, "the server took too long to answer. Reload to see what was saved.");
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var box = document.getElementById("request-error");
    if (box && evt.detail.successful) box.hidden = true;
  });
  document.addEventListener("click", function (evt) {
    if (evt.target.closest && evt.target.closest("#request-error .dismiss")) {
      document.getElementById("request-error").hidden = true;
    }
  });
  // Back and Forward restore htmx's snapshot of the page, whose form fields show the
  // values they were served with, not the ones the URL holds: set them from the URL, or
  // the next change would silently drop the restored filter.
  function fieldsFromUrl() {
    var params = new URLSearchParams(window.location.search);
    document.querySelectorAll("form.filters").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.type === "submit") return;
        el.value = params.get(el.name) || "";
      });
    });
  }
  document.addEventListener("htmx:historyRestore", fieldsFromUrl);
  window.addEventListener("pageshow", function (evt) { if (evt.persisted) fieldsFromUrl(); });
  function showCard(card) {
    card.scrollIntoView({ behavior: "smooth", block: "center" });
    card.classList.add("flash");
    setTimeout(function () { card.classList.remove("flash"); }, 900);
  }
})();
