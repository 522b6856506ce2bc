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
  function showCard(card) {
    card.scrollIntoView({ behavior: "smooth", block: "center" });
    card.classList.add("flash");
    setTimeout(function () { card.classList.remove("flash"); }, 900);
  }
})();
