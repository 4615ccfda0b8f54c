// Draws the page's Mermaid diagrams (mermaid.min.js is loaded before this, only on pages that
// have one). The build writes each as <pre class="mermaid"><code>source</code></pre>, as
// Material does; Mermaid wants the bare source in an element of its own.
"use strict";
(function () {
  if (typeof mermaid === "undefined") return;
  var nodes = [];
  document.querySelectorAll("pre.mermaid").forEach(function (pre) {
    var div = document.createElement("div");
    div.className = "mermaid";
    div.textContent = pre.textContent;
    pre.replaceWith(div);
    nodes.push(div);
  });
  var dark = document.documentElement.getAttribute("data-theme") === "dark" ||
    (document.documentElement.getAttribute("data-theme") !== "light" &&
     window.matchMedia("(prefers-color-scheme: dark)").matches);
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  mermaid.run({ nodes: nodes });
})();
