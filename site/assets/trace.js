// Recorded traces (native/src/render.cpp): pointing at or focusing a call in a trace
// diagram highlights the source line that made it. Without JS the diagram still links
// each call to its line (href + :target), so this only adds the live highlight.
(function () {
  'use strict';
  var lit = null;
  function show(el) {
    var target = el && document.getElementById(el.getAttribute('data-line'));
    if (lit && lit !== target) lit.classList.remove('is-highlighted');
    lit = target;
    if (target) target.classList.add('is-highlighted');
  }
  function eventFrom(e) {
    var t = e.target;
    return t && t.closest ? t.closest('.trace [data-line]') : null;
  }
  document.addEventListener('mouseover', function (e) { var el = eventFrom(e); if (el) show(el); });
  document.addEventListener('focusin', function (e) { var el = eventFrom(e); if (el) show(el); });
  // Leaving a call with the mouse goes back to the focused call's line, if any.
  document.addEventListener('mouseout', function (e) {
    if (eventFrom(e)) show(eventFrom({ target: document.activeElement }));
  });
  document.addEventListener('focusout', function (e) { if (eventFrom(e)) show(null); });
})();
