/* Cookie consent (issue 7). The consent forms work without JS; this posts them with fetch,
   shows a confirmation in the banner, turns YouTube placeholders into players once external
   media are allowed and announces changes in the status region. */
(function () {
  "use strict";
  var status = document.querySelector("[data-consent-status]");
  var banner = document.querySelector("[data-cookie-banner]");

  function say(key) {
    var text = status && status.getAttribute("data-msg-" + key);
    if (!text) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100);
  }

  function dropBanner(focus) {
    if (!banner) return;
    banner.remove();
    banner = null;
    var main = document.getElementById("tresc");
    if (focus && main) main.focus();
  }

  function loadPlayers(focusBox) {
    document.querySelectorAll("[data-youtube]").forEach(function (box) {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-url");
      frame.title = box.getAttribute("data-video-title");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.setAttribute("allow", "encrypted-media; picture-in-picture; fullscreen");
      frame.setAttribute("allowfullscreen", "");
      var wrap = document.createElement("div");
      wrap.className = "video__frame";
      wrap.appendChild(frame);
      var caption = document.createElement("p");
      caption.className = "video__caption";
      var link = box.querySelector(".video__placeholder a[href]");
      if (link) caption.appendChild(link);
      box.replaceChildren(wrap, caption);
      box.removeAttribute("data-youtube");
      box.classList.add("video--player");
      if (box === focusBox) frame.focus();
    });
  }

  function apply(form, kind, result) {
    var labels = document.querySelector("[data-state-accepted]");
    document.querySelectorAll("[data-consent-group-state]").forEach(function (el) {
      var name = el.getAttribute("data-consent-group-state");
      var state = result.accepted.indexOf(name) >= 0 ? "accepted" : result.declined.indexOf(name) >= 0 ? "declined" : "undecided";
      if (labels) el.textContent = labels.getAttribute("data-state-" + state);
    });
    document.querySelectorAll('input[name="cookie_groups"][type="checkbox"]').forEach(function (box) {
      box.checked = result.accepted.indexOf(box.value) >= 0;
    });
    var media = result.accepted.indexOf("external_media") >= 0;
    if (banner && banner.contains(form)) {
      var done = banner.querySelector("[data-consent-done]");
      banner.querySelector("[data-consent-ask]").hidden = true;
      done.querySelectorAll("[data-consent-done-msg]").forEach(function (p) {
        p.hidden = p.getAttribute("data-consent-done-msg") !== kind;
      });
      done.hidden = false;
      done.focus();
      if (media) loadPlayers(null);
      return;
    }
    if (!result.undecided.length) dropBanner(false);
    if (media) loadPlayers(kind === "media" ? form.closest("[data-youtube]") : null);
    say(kind === "media" ? "media" : "saved");
  }

  function submit(form, event) {
    if (!window.fetch || !window.FormData) return;
    event.preventDefault();
    var kind = form.getAttribute("data-consent-form");
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Cookie-Consent-Fetch": "1", "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (result) {
      if (button) button.disabled = false;
      apply(form, kind, result);
    }).catch(function () {
      /* Fall back to the plain post, whose answer page explains any refusal. */
      if (button) button.disabled = false;
      say("error");
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  /* On phones the banner sits over the bottom of the screen: a focused element behind it is
     scrolled up into view (scroll-padding does it in most browsers; this is for the rest). */
  document.addEventListener("focusin", function (event) {
    if (!banner || banner.contains(event.target) || getComputedStyle(banner).position !== "fixed") return;
    var top = banner.getBoundingClientRect().top;
    var rect = event.target.getBoundingClientRect();
    /* Up by what the banner covers, but never past the element's own top. */
    var by = Math.min(rect.bottom - top + 16, rect.top - 8);
    if (rect.bottom > top && by > 0) window.scrollBy(0, by);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-consent-form]")) submit(form, event);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-consent-hide]")) dropBanner(true);
  });
})();
