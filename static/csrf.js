// Every state-changing request carries the CSRF token. htmx requests get it from
// hx-headers on <body>; plain POST forms have a csrf_token hidden field, and this adds
// one to any POST form that lacks it, so a form added later cannot be refused for it.
(function () {
  function token() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form || (form.method || "").toLowerCase() !== "post") return;
    if (form.querySelector("input[name=csrf_token]")) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "csrf_token";
    input.value = token();
    form.appendChild(input);
  }, true);
})();
