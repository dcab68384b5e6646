/* Wagtail content checker (page previews only): the test behind our "link-text-quality" rule.
   The admin's Content Security Policy forbids eval, so axe cannot take this function as text
   from the JSON configuration; Wagtail's userbar loads this file right after axe instead.
   A link fails when its whole text, lower-cased and without punctuation or arrows, is one of
   the phrases in the check's options ("kliknij tutaj", "więcej", ...). */
(function () {
  "use strict";
  if (!window.axe) return;
  var EDGES = /^[\s.,:;!?\u2026\u00bb\u00ab>\u2192()\-]+|[\s.,:;!?\u2026\u00bb\u00ab>\u2192()\-]+$/g;
  window.axe.configure({
    checks: [{
      id: "check-link-text-quality",
      evaluate: function (node, options) {
        var text = (node.getAttribute("aria-label") || node.textContent || "")
          .toLowerCase().replace(/[\s\u00a0]+/g, " ").replace(EDGES, "");
        var phrases = (options && options.phrases) || [];
        return phrases.indexOf(text) === -1;
      }
    }]
  });
})();
