/* Small progressive enhancements, each bound to a data- attribute. */
(function () {
  "use strict";
  var root = document.documentElement;

  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }

  /* Reading aids: text size A / A+ / A++, contrast, spacing; remembered in localStorage. */
  function initReadingAids() {
    var group = document.querySelector("[data-reading-aids]");
    if (!group) return;
    var sizeButtons = group.querySelectorAll("[data-font-size]");
    function currentSize() { return root.classList.contains("fs-2") ? "2" : root.classList.contains("fs-1") ? "1" : "0"; }
    function syncSize() {
      var size = currentSize();
      sizeButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-font-size") === size)); });
    }
    sizeButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-font-size");
        root.classList.remove("fs-1", "fs-2");
        if (size !== "0") root.classList.add("fs-" + size);
        store("ops-font-size", size === "0" ? null : size);
        syncSize();
      });
    });
    syncSize();
    group.querySelectorAll("[data-toggle-pref]").forEach(function (button) {
      var name = button.getAttribute("data-toggle-pref");
      var cls = "pref-" + name;
      button.setAttribute("aria-pressed", String(root.classList.contains(cls)));
      button.addEventListener("click", function () {
        var on = root.classList.toggle(cls);
        store("ops-" + name, on ? "1" : null);
        button.setAttribute("aria-pressed", String(on));
      });
    });
  }

  /* Disclosures that fold on phones: the reading aids with the ETR / PJM / BIP links
     ("Ułatwienia") and the search form. Without JS both stay open, as on wide screens. */
  var reveal = {};
  function initDisclosure(toggle, onOpen) {
    var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel) return;
    function set(open) {
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("is-open", open);
      if (open && onOpen) onOpen();
    }
    reveal[panel.id] = function () { if (toggle.offsetParent !== null) set(true); };
    toggle.addEventListener("click", function () { set(toggle.getAttribute("aria-expanded") !== "true"); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && toggle.offsetParent !== null &&
          toggle.getAttribute("aria-expanded") === "true") { event.preventDefault(); set(false); toggle.focus(); }
    });
  }
  function initFolding() {
    initDisclosure(document.querySelector("[data-top-bar-toggle]"));
    initDisclosure(document.querySelector("[data-search-toggle]"), function () {
      var input = document.getElementById("search-q");
      if (input) input.focus();
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && reveal[id]) reveal[id]();
  }

  /* Today's date in Polish, refreshed in the browser so a cached page never shows yesterday. */
  function initToday() {
    var el = document.querySelector("[data-today]");
    if (!el || !window.Intl) return;
    var now = new Date();
    try {
      el.textContent = new Intl.DateTimeFormat("pl-PL", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Warsaw" }).format(now);
      var parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Warsaw" }).format(now);
      el.setAttribute("datetime", parts);
    } catch (e) { /* keep the server's date */ }
  }

  /* Skip links and other in-page links move keyboard focus to their target. The address is
     replaced, not pushed, so in-page jumps add no history entries (the quick exit relies on
     the page leaving no trail in Back). */
  function initFocusTargets() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (!link || event.defaultPrevented) return;
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var target = id && document.getElementById(id);
      if (!target) return;
      event.preventDefault();
      if (reveal[id]) reveal[id]();
      if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
      try { history.replaceState(history.state, "", "#" + id); } catch (e) { /* ignore */ }
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  /* Main menu: "Menu" button on small screens, submenu toggles; Escape closes and returns focus. */
  function initMenu() {
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("main-nav-list");
    if (toggle && list) {
      var setMenu = function (open) {
        toggle.setAttribute("aria-expanded", String(open));
        list.classList.toggle("is-open", open);
      };
      toggle.addEventListener("click", function () { setMenu(toggle.getAttribute("aria-expanded") !== "true"); });
      list.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !event.defaultPrevented && toggle.getAttribute("aria-expanded") === "true" &&
            toggle.offsetParent !== null) { event.preventDefault(); setMenu(false); toggle.focus(); }
      });
    }
    var closers = [];
    document.querySelectorAll(".main-nav__sub-toggle").forEach(function (button) {
      var sub = document.getElementById(button.getAttribute("aria-controls"));
      var item = button.parentElement;
      function set(open) { button.setAttribute("aria-expanded", String(open)); sub.classList.toggle("is-open", open); }
      closers.push(set);
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        closers.forEach(function (close) { close(false); });
        set(open);
      });
      item.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") { event.preventDefault(); set(false); button.focus(); }
      });
      item.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !item.contains(event.relatedTarget)) set(false);
      });
      document.addEventListener("click", function (event) {
        if (!item.contains(event.target) && button.getAttribute("aria-expanded") === "true") set(false);
      });
    });
  }

  /* Printing: closed <details> (questions and answers) print open, then close again. */
  function initPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  function start() {
    initReadingAids();
    initFolding();
    initToday();
    initFocusTargets();
    initMenu();
    initPrint();
    document.dispatchEvent(new CustomEvent("ops:ready"));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
