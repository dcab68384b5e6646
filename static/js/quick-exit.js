/* "Szybkie wyjście": a click on [data-quick-exit] or the Escape key replaces this page with a
   neutral site. location.replace leaves no history entry to go back to. Without JS the
   button is a plain link to the same neutral site. */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  var target = button.getAttribute("href");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }
  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !event.defaultPrevented) leave(event);
  });
})();
