/* Applies the reader's saved text size, contrast and spacing before first paint. */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  try {
    var size = localStorage.getItem("ops-font-size");
    if (size === "1" || size === "2") root.classList.add("fs-" + size);
    if (localStorage.getItem("ops-contrast") === "1") root.classList.add("pref-contrast");
    if (localStorage.getItem("ops-spacing") === "1") root.classList.add("pref-spacing");
  } catch (e) { /* storage blocked: defaults */ }
})();
