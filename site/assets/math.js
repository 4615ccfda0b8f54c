// Typesets the page's math with KaTeX (loaded before this, only on pages with math). The build
// leaves TeX as pymdownx.arithmatex's generic markup: <span class="arithmatex">\(...\)</span>
// inline and <div class="arithmatex">\[...\]</div> on its own. katex.render builds the DOM
// itself, which the page's strict Content-Security-Policy allows (no inline styles parsed).
"use strict";
(function () {
  if (typeof katex === "undefined") return;
  document.querySelectorAll(".arithmatex").forEach(function (el) {
    var tex = el.textContent.trim();
    var display = el.tagName === "DIV";
    var wrap = display ? ["\\[", "\\]"] : ["\\(", "\\)"];
    if (tex.startsWith(wrap[0]) && tex.endsWith(wrap[1])) tex = tex.slice(2, -2);
    try {
      katex.render(tex, el, { displayMode: display, throwOnError: false });
    } catch (e) {
      el.title = String(e.message || e);  // the TeX stays readable as it was
    }
  });
})();
