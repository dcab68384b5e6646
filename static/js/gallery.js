/* Photo galleries (loaded only by pages that have one; see templates/blocks/gallery.html). */
(function () {
  "use strict";
  if (window.opsGalleries) return; // a page with two galleries includes this file twice
  window.opsGalleries = true;

  /* Gallery: opens a larger picture in a dialog; arrows, Escape, focus returns to the opener.
     Words come from the gallery's data-label-* attributes (translated in the template). */
  function initGalleries() {
    var galleries = document.querySelectorAll("[data-gallery]");
    if (!galleries.length) return;
    var box = document.createElement("div");
    box.className = "lightbox";
    box.hidden = true;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.innerHTML = '<img alt=""><p class="lightbox__caption" aria-live="polite"></p><div class="lightbox__bar">' +
      '<button type="button" class="button" data-prev></button>' +
      '<button type="button" class="button" data-next></button>' +
      '<button type="button" class="button" data-close></button></div>';
    document.body.appendChild(box);
    var img = box.querySelector("img"), caption = box.querySelector(".lightbox__caption");
    var items = [], index = 0, opener = null, counter = "{number} / {total}";
    function label(gallery, name, fallback) { return gallery.getAttribute("data-label-" + name) || fallback; }
    function show(i) {
      index = (i + items.length) % items.length;
      var a = items[index];
      img.src = a.getAttribute("href");
      img.alt = a.getAttribute("data-alt") || "";
      img.width = a.getAttribute("data-width"); img.height = a.getAttribute("data-height");
      var text = a.getAttribute("data-caption") || "";
      caption.textContent = (text ? text + " " : "") + "(" +
        counter.replace("{number}", index + 1).replace("{total}", items.length) + ")";
    }
    function close() { box.hidden = true; if (opener) opener.focus(); }
    box.querySelector("[data-prev]").addEventListener("click", function () { show(index - 1); });
    box.querySelector("[data-next]").addEventListener("click", function () { show(index + 1); });
    box.querySelector("[data-close]").addEventListener("click", close);
    box.addEventListener("click", function (event) { if (event.target === box) close(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "ArrowLeft") show(index - 1);
      else if (event.key === "ArrowRight") show(index + 1);
      else if (event.key === "Tab") {
        var buttons = box.querySelectorAll("button");
        var first = buttons[0], last = buttons[buttons.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      }
    });
    galleries.forEach(function (gallery) {
      var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-item]"));
      links.forEach(function (link, i) {
        link.addEventListener("click", function (event) {
          if (event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          box.setAttribute("aria-label", label(gallery, "dialog", "Photo"));
          box.querySelector("[data-prev]").textContent = label(gallery, "prev", "←");
          box.querySelector("[data-next]").textContent = label(gallery, "next", "→");
          box.querySelector("[data-close]").textContent = label(gallery, "close", "×");
          counter = label(gallery, "counter", "{number} / {total}");
          items = links; opener = link; show(i); box.hidden = false;
          box.querySelector("[data-close]").focus();
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initGalleries);
  else initGalleries();
})();
