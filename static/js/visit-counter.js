/* Visit counter in the footer (issue 6).
 * The numbers are rendered into the page, but pages are served from a shared page cache,
 * so they can be older than the one minute the counter promises. This refreshes them from
 * /licznik.json (no cookies; the server caches the figures for at most 60 seconds and tells
 * the browser to keep them only for what is left of that minute). Without JavaScript the
 * figures from when the page was cached stay. */
(function () {
  "use strict";
  var box = document.querySelector("[data-visit-counter]");
  if (!box || !window.fetch) return;
  fetch(box.getAttribute("data-url"), { credentials: "omit", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (counts) {
      if (!counts) return;
      ["month", "total"].forEach(function (key) {
        var figure = box.querySelector("[data-visit-" + key + "]");
        if (figure && typeof counts[key] === "number") figure.textContent = String(counts[key]);
      });
    })
    .catch(function () { /* keep the rendered figures */ });
})();
