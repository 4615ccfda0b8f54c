// The book's only script of its own, a progressive enhancement: every page reads fine
// without it. Loaded synchronously in <head> so the stored theme is applied before the
// first paint (no flash of the wrong palette); everything else waits for the DOM.
(function () {
  'use strict';

  var root = document.documentElement;
  var THEME_KEY = 'book-theme';
  root.classList.add('js');

  // ---------- Theme: light, dark, or the system setting (the default) ----------
  var systemDark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function storedTheme() {
    try {
      var t = window.localStorage.getItem(THEME_KEY);
      return t === 'dark' || t === 'light' ? t : null;
    } catch (e) {
      return null; // storage disabled: the control still works for this page view
    }
  }
  var pageTheme = storedTheme(); // 'light', 'dark' or null (system)
  function effectiveTheme() {
    return pageTheme || (systemDark && systemDark.matches ? 'dark' : 'light');
  }
  // Without a chosen theme the attribute is absent and CSS follows prefers-color-scheme.
  function applyTheme() {
    if (pageTheme) root.setAttribute('data-theme', pageTheme);
    else root.removeAttribute('data-theme');
    var input = document.querySelector('.theme-switch input[value="' + (pageTheme || 'system') + '"]');
    if (input) input.checked = true;
  }
  applyTheme();

  function chooseTheme(choice) {
    pageTheme = choice === 'light' || choice === 'dark' ? choice : null;
    try {
      if (pageTheme) window.localStorage.setItem(THEME_KEY, pageTheme);
      else window.localStorage.removeItem(THEME_KEY);
    } catch (e) { /* see storedTheme */ }
    applyTheme();
    announce(pageTheme ? (pageTheme === 'dark' ? 'Dark theme' : 'Light theme')
      : 'Theme follows the system setting, now ' + effectiveTheme());
  }

  function setupThemeSwitch() {
    var control = document.querySelector('.theme-switch');
    if (!control) return;
    control.hidden = false;
    applyTheme();
    control.addEventListener('change', function (e) {
      if (e.target && e.target.name === 'book-theme') chooseTheme(e.target.value);
    });
    // Another tab changed the choice: follow it.
    window.addEventListener('storage', function (e) {
      if (e.key !== THEME_KEY) return;
      pageTheme = storedTheme();
      applyTheme();
    });
  }

  // ---------- Announcements for screen readers ----------
  var announceTimer = 0;
  function announce(message) {
    var region = document.getElementById('book-announcer');
    if (!region) return;
    // Clearing first makes a repeated message ("Copied" twice) be spoken again.
    region.textContent = '';
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () { region.textContent = message; }, 50);
  }

  // ---------- Navigation drawer on narrow screens ----------
  // While the drawer is open it is the only thing on the page: the rest is inert (out of
  // the Tab order and hidden from screen readers), Tab cycles between the Contents button
  // and the drawer's links, and Escape closes it and gives focus back to the button.
  var DRAWER_MEDIA = '(max-width: 60rem)';

  function focusables(container) {
    return Array.prototype.filter.call(
      container.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'),
      function (el) { return !el.disabled && el.getClientRects().length > 0; });
  }

  function setupNavToggle() {
    var button = document.querySelector('.nav-toggle');
    var nav = document.getElementById('site-nav');
    if (!button || !nav) return;
    button.hidden = false;
    var narrow = window.matchMedia ? window.matchMedia(DRAWER_MEDIA) : null;
    var outside = ['.skip-link', '.site-name', '.theme-switch', '.layout > .page', '.layout > .page-toc'];
    function isOpen() { return root.classList.contains('nav-open'); }
    function setOpen(open, returnFocus) {
      root.classList.toggle('nav-open', open);
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      outside.forEach(function (sel) {
        var el = document.querySelector(sel);
        if (el) el.inert = open;
      });
      if (open) {
        var first = nav.querySelector('a[aria-current="page"]') || nav.querySelector('a');
        if (first) first.focus();
      } else if (returnFocus) {
        button.focus();
      }
    }
    button.addEventListener('click', function () { setOpen(!isOpen(), false); });
    document.addEventListener('keydown', function (e) {
      if (!isOpen()) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        setOpen(false, true);
        return;
      }
      if (e.key !== 'Tab') return;
      var ring = [button].concat(focusables(nav));
      var at = ring.indexOf(document.activeElement);
      var next = at < 0 ? 0 : (at + (e.shiftKey ? ring.length - 1 : 1)) % ring.length;
      e.preventDefault();
      ring[next].focus();
    });
    document.addEventListener('click', function (e) {
      if (isOpen() && !nav.contains(e.target) && !button.contains(e.target)) setOpen(false, false);
    });
    // Widening the window turns the drawer back into the sidebar: nothing may stay inert.
    if (narrow && narrow.addEventListener) {
      narrow.addEventListener('change', function () { if (!narrow.matches && isOpen()) setOpen(false, false); });
    }
  }

  // ---------- Embedded MicroSims size their frame ----------
  // A sim page posts its content height; the frame takes it, so the sim never scrolls
  // inside the page. Only same-origin frames of this page are listened to.
  function setupEmbedSizing() {
    window.addEventListener('message', function (e) {
      var d = e.data;
      if (e.origin !== window.location.origin || !d || d.type !== 'microsim-height') return;
      var height = Number(d.height);
      if (!(height > 0 && height < 100000)) return;
      Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
        if (frame.contentWindow !== e.source) return;
        var border = frame.offsetHeight - frame.clientHeight;
        frame.style.height = Math.ceil(height) + border + 'px';
        frame.classList.add('is-sized');
      });
    });
  }

  // ---------- Trace diagrams wider than the column ----------
  // A recorded trace is one SVG, one lane per process, as wide as its lanes need. Where it
  // is wider than the column it scrolls sideways; this adds what plain scrolling lacks: a
  // line saying which lanes are out of view with buttons that bring each one in, fades at
  // the edges with more to see, the time axis pinned at the left while the lanes move, and
  // the lane headings pinned under the site header while a long trace scrolls by.
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function traceLanes(svg) {
    return Array.prototype.map.call(svg.querySelectorAll('.trace-lane'), function (g) {
      var bg = g.querySelector('.trace-lane-bg');
      var name = g.querySelector('.trace-proc');
      return { x: Number(bg.getAttribute('x')) - 2, w: Number(bg.getAttribute('width')) + 4,
        name: name ? name.textContent : '' };
    });
  }

  function overlaySvg(svg, className, width, height, viewBox) {
    var o = document.createElementNS(SVG_NS, 'svg');
    o.setAttribute('class', 'trace-overlay ' + className);
    o.setAttribute('width', width);
    o.setAttribute('height', height);
    o.setAttribute('viewBox', viewBox);
    o.setAttribute('aria-hidden', 'true');
    var bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('class', 'trace-overlay-bg');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    o.appendChild(bg);
    return o;
  }

  // Copies of the time labels (left) and of the lane headings (top), drawn over the diagram.
  function buildTraceOverlays(frame, svg, lanes) {
    var gutter = lanes[0].x;
    var height = svg.getAttribute('height');
    var width = svg.getAttribute('width');
    var axis = overlaySvg(svg, 'trace-axis', gutter, height, '0 0 ' + gutter + ' ' + height);
    Array.prototype.forEach.call(svg.querySelectorAll('.trace-time'), function (t) {
      axis.appendChild(t.cloneNode(true));
    });
    var heads = overlaySvg(svg, 'trace-heads-svg', width, 52, '0 0 ' + width + ' 52');
    Array.prototype.forEach.call(svg.querySelectorAll('.trace-lane'), function (g) {
      var copy = g.cloneNode(true);
      var life = copy.querySelector('.trace-life');
      if (life) life.remove();
      heads.appendChild(copy);
    });
    var headsBox = document.createElement('div');
    headsBox.className = 'trace-heads';
    headsBox.setAttribute('aria-hidden', 'true');
    headsBox.appendChild(heads);
    var corner = document.createElement('div');
    corner.className = 'trace-heads-corner';
    corner.style.width = gutter + 'px';
    headsBox.appendChild(corner);
    frame.style.setProperty('--trace-gutter', gutter + 'px');
    frame.appendChild(axis);
    frame.appendChild(headsBox);
    return { axis: axis, heads: headsBox, headsSvg: heads, gutter: gutter };
  }

  function buildTraceHint(figure, scroller, lanes, gutter) {
    var hint = document.createElement('p');
    hint.className = 'trace-hint';
    var text = document.createElement('span');
    text.className = 'trace-hint-text';
    hint.appendChild(text);
    var buttons = lanes.map(function (lane) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'trace-lane-button';
      b.textContent = lane.name;
      b.setAttribute('aria-label', 'Scroll to lane ' + lane.name);
      b.addEventListener('click', function () {
        var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        var left = Math.max(0, lane.x - gutter - (scroller.clientWidth - gutter - lane.w) / 2);
        scroller.scrollTo({ left: left, behavior: reduce ? 'auto' : 'smooth' });
      });
      hint.appendChild(b);
      return b;
    });
    figure.insertBefore(hint, scroller.parentNode);
    return { hint: hint, text: text, buttons: buttons };
  }

  function setupTrace(scroller) {
    var svg = scroller.querySelector('svg.trace-svg');
    var figure = scroller.closest('figure.trace');
    if (!svg || !figure) return null;
    var lanes = traceLanes(svg);
    if (!lanes.length) return null;
    var frame = document.createElement('div');
    frame.className = 'trace-frame';
    scroller.parentNode.insertBefore(frame, scroller);
    frame.appendChild(scroller);
    var caption = figure.querySelector('figcaption code');
    var o = buildTraceOverlays(frame, svg, lanes);
    var h = buildTraceHint(figure, scroller, lanes, o.gutter);
    var t = { scroller: scroller, frame: frame, svg: svg, lanes: lanes, overlays: o, hint: h,
      label: 'Recorded run' + (caption ? ' of ' + caption.textContent : '') + ', one lane per process, scrolls sideways' };
    scroller.addEventListener('scroll', function () { updateTraceX(t); }, { passive: true });
    return t;
  }

  // Horizontal state: what overflows, which lanes are in view, the edge fades.
  function updateTraceX(t) {
    var s = t.scroller;
    var over = s.scrollWidth - s.clientWidth > 1;
    var left = s.scrollLeft;
    t.frame.classList.toggle('is-overflowing', over);
    t.frame.classList.toggle('can-left', over && left > 1);
    t.frame.classList.toggle('can-right', over && left < s.scrollWidth - s.clientWidth - 1);
    t.hint.hint.hidden = !over;
    // Only a scrolling region needs to be reachable by keyboard on its own.
    if (over) {
      s.setAttribute('tabindex', '0');
      s.setAttribute('role', 'region');
      s.setAttribute('aria-label', t.label);
    } else {
      ['tabindex', 'role', 'aria-label'].forEach(function (a) { s.removeAttribute(a); });
    }
    var gutter = t.overlays.gutter;
    var hidden = [];
    var partly = [];
    t.lanes.forEach(function (lane, i) {
      var shown = Math.min(lane.x + lane.w - left, s.clientWidth) - Math.max(lane.x - left, gutter);
      var whole = shown >= lane.w - 4;
      t.hint.buttons[i].classList.toggle('is-visible', whole);
      if (shown <= 0) hidden.push(lane.name);
      else if (!whole) partly.push(lane.name);
    });
    var parts = [];
    if (hidden.length) parts.push(hidden.join(', ') + ' out of view');
    if (partly.length) parts.push(partly.join(', ') + ' partly in view');
    t.hint.text.textContent = parts.length ? parts.join('; ') + ': scroll sideways, or go to'
      : 'All ' + t.lanes.length + ' lanes in view. Go to';
    t.overlays.headsSvg.style.transform = 'translateX(' + -left + 'px)';
  }

  // Vertical state: pin the lane headings under the site header while the diagram passes.
  function updateTraceY(t, headerBottom) {
    var box = t.frame.getBoundingClientRect();
    var shift = Math.min(Math.max(0, headerBottom - box.top), Math.max(0, box.height - 52 - 40));
    t.frame.classList.toggle('heads-pinned', shift > 0);
    t.overlays.heads.style.transform = 'translateY(' + shift + 'px)';
  }

  function setupTraceScroll() {
    var traces = Array.prototype.map.call(document.querySelectorAll('figure.trace .trace-scroll'), setupTrace)
      .filter(Boolean);
    if (!traces.length) return;
    var header = document.querySelector('.site-header');
    var pending = null;
    // Page scrolling only moves the pinned headings; a resize can change everything.
    function update(all) {
      pending = null;
      var headerBottom = header ? header.getBoundingClientRect().bottom : 0;
      traces.forEach(function (t) {
        if (all) updateTraceX(t);
        updateTraceY(t, headerBottom);
      });
    }
    function schedule(all) {
      if (pending !== null) { pending = pending || all; return; }
      pending = all;
      window.requestAnimationFrame(function () { update(pending); });
    }
    window.addEventListener('scroll', function () { schedule(false); }, { passive: true });
    window.addEventListener('resize', function () { schedule(true); });
    update(true);
  }

  // ---------- Copy buttons on code blocks ----------
  function codeText(pre) {
    var lines = pre.querySelectorAll('.line');
    if (!lines.length) return pre.textContent;
    // One span per source line; whether the generator puts a newline between them or not,
    // the copied text has exactly one per line.
    return Array.prototype.map.call(lines, function (l) {
      return l.textContent.replace(/\n$/, '');
    }).join('\n') + '\n';
  }

  function copyFallback(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '-1000px';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyFallback(text);
      });
    }
    return Promise.resolve(copyFallback(text));
  }

  function setupCopyButtons() {
    var blocks = document.querySelectorAll('.code-block');
    Array.prototype.forEach.call(blocks, function (block) {
      var pre = block.querySelector('pre');
      if (!pre || block.querySelector(':scope > .copy-button, :scope > .code-title > .copy-button')) return;
      // Long lines scroll sideways; keyboard users need to be able to focus the block to scroll.
      if (!pre.hasAttribute('tabindex')) pre.setAttribute('tabindex', '0');
      var title = block.querySelector(':scope > .code-title');
      var name = title ? title.textContent.trim() : '';
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.innerHTML = '<svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="14" height="14">' +
        '<rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/>' +
        '<path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>' +
        '<span class="copy-label">Copy</span>';
      button.setAttribute('aria-label', name ? 'Copy code: ' + name : 'Copy code');
      var label = button.querySelector('.copy-label');
      var resetTimer = 0;
      button.addEventListener('click', function () {
        copyText(codeText(pre)).then(function (ok) {
          label.textContent = ok ? 'Copied' : 'Press Ctrl+C';
          button.classList.toggle('is-copied', ok);
          if (ok) {
            announce('Copied');
          } else {
            // Last resort: select the code so the reader can copy it by hand.
            var range = document.createRange();
            range.selectNodeContents(pre);
            var sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            announce('Copy failed: the code is selected, press Control C');
          }
          window.clearTimeout(resetTimer);
          resetTimer = window.setTimeout(function () {
            label.textContent = 'Copy';
            button.classList.remove('is-copied');
          }, 2000);
        });
      });
      if (title) {
        if (!title.querySelector('.code-title-text')) {
          var text = document.createElement('span');
          text.className = 'code-title-text';
          while (title.firstChild) text.appendChild(title.firstChild);
          title.appendChild(text);
        }
        title.appendChild(button);
      } else {
        block.appendChild(button);
      }
    });
  }

  // ---------- Quizzes ----------
  // The generator recognises quizzes at build time and writes them readable without
  // JavaScript: <div class="quiz" data-answer="B"> holding <ol class="quiz-choices"> (lettered
  // options), a status line and the Show Answer <details>. Here the options become buttons
  // that mark the choice against the answer; the list stays (hidden) for print.
  function labelGroup(group, quiz, n) {
    var question = quiz.previousElementSibling;
    if (question && question.nodeName === 'P' && question.textContent.trim()) {
      if (!question.id) question.id = quiz.id + '-question';
      group.setAttribute('aria-labelledby', question.id);
    } else if (question && /^H[2-6]$/.test(question.nodeName)) {
      // "#### 1. Question?": name the group without the ¶ link.
      var copy = question.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll('.headerlink'), function (a) { a.remove(); });
      group.setAttribute('aria-label', copy.textContent.trim());
    } else {
      group.setAttribute('aria-label', 'Question ' + n);
    }
  }

  function optionButton(li) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'quiz-option';
    b.setAttribute('aria-pressed', 'false');
    b.dataset.letter = li.dataset.letter;
    b.appendChild(li.querySelector('.quiz-letter').cloneNode(true));
    var text = document.createElement('span');
    text.className = 'quiz-text';
    Array.prototype.forEach.call(li.childNodes, function (n) {
      if (n.nodeType === Node.ELEMENT_NODE && n.classList.contains('quiz-letter')) return;
      if (n.nodeType === Node.TEXT_NODE && !n.textContent.trim()) return;  // the line breaks around <p>
      // A lone paragraph's words, not its block box, go into the button.
      var from = n.nodeName === 'P' ? n.childNodes : [n];
      Array.prototype.forEach.call(from, function (c) { text.appendChild(c.cloneNode(true)); });
    });
    var verdict = document.createElement('span');
    verdict.className = 'quiz-verdict';
    b.appendChild(text);
    b.appendChild(verdict);
    return b;
  }

  function enhanceQuiz(quiz, n) {
    var list = quiz.querySelector(':scope > ol.quiz-choices');
    var feedback = quiz.querySelector(':scope > .quiz-feedback');
    var details = quiz.querySelector(':scope > details');
    var answer = quiz.dataset.answer;
    if (!list || !feedback || !details || !answer) return;
    var item = quiz.parentElement;
    if (item && item.nodeName === 'LI') item.classList.add('quiz-item');
    var group = document.createElement('div');
    group.className = 'quiz-options';
    group.setAttribute('role', 'group');
    labelGroup(group, quiz, n);
    var buttons = Array.prototype.map.call(list.children, function (li) {
      return group.appendChild(optionButton(li));
    });
    var footer = document.createElement('div');
    footer.className = 'quiz-footer';
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'quiz-retry';
    retry.textContent = 'Try again';
    retry.hidden = true;
    quiz.insertBefore(footer, feedback);
    footer.appendChild(feedback);
    footer.appendChild(retry);
    quiz.insertBefore(group, footer);
    list.classList.add('quiz-source');
    list.hidden = true;

    var answered = false;
    function choose(button) {
      if (answered) return;
      answered = true;
      var chosen = button.dataset.letter;
      var right = chosen === answer;
      buttons.forEach(function (b) {
        var verdict = b.querySelector('.quiz-verdict');
        b.setAttribute('aria-disabled', 'true');
        if (b === button) {
          b.setAttribute('aria-pressed', 'true');
          b.classList.add(right ? 'is-correct' : 'is-incorrect');
          verdict.textContent = right ? '✓ Correct' : '✗ Incorrect';
        } else if (!right && b.dataset.letter === answer) {
          b.classList.add('is-answer');
          verdict.textContent = 'Correct answer';
        }
      });
      feedback.className = 'quiz-feedback ' + (right ? 'is-correct' : 'is-incorrect');
      feedback.textContent = right
        ? chosen + ' is correct.'
        : chosen + ' is incorrect; the correct answer is ' + answer + '.';
      retry.hidden = false;
      details.open = true;
    }
    function reset() {
      answered = false;
      buttons.forEach(function (b) {
        b.removeAttribute('aria-disabled');
        b.setAttribute('aria-pressed', 'false');
        b.classList.remove('is-correct', 'is-incorrect', 'is-answer');
        b.querySelector('.quiz-verdict').textContent = '';
      });
      feedback.className = 'quiz-feedback';
      feedback.textContent = '';
      retry.hidden = true;
      details.open = false;
      buttons[0].focus();
    }
    group.addEventListener('click', function (e) {
      var b = e.target.closest('.quiz-option');
      if (b && group.contains(b)) choose(b);
    });
    retry.addEventListener('click', reset);
  }

  function setupQuizzes() {
    Array.prototype.forEach.call(document.querySelectorAll('div.quiz'), function (quiz, i) {
      enhanceQuiz(quiz, i + 1);
    });
  }

  // ---------- Print: open every collapsed block, then restore ----------
  function setupPrint() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) {
        d.open = true;
        return true;
      });
    });
    window.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  // ---------- Current section in the table of contents ----------
  function setupTocHighlight() {
    var links = document.querySelectorAll('.page-toc a[href^="#"]');
    if (!links.length) return;
    var byId = {};
    var headings = [];
    Array.prototype.forEach.call(links, function (a) {
      var id = decodeURIComponent(a.getAttribute('href').slice(1));
      var h = document.getElementById(id);
      if (h) { byId[id] = a; headings.push(h); }
    });
    function update() {
      var current = null;
      var limit = 120;
      headings.forEach(function (h) {
        if (h.getBoundingClientRect().top <= limit) current = h;
      });
      // At the very bottom the last sections can never reach the top: the last one is current.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        current = headings[headings.length - 1];
      }
      Array.prototype.forEach.call(links, function (a) { a.classList.remove('is-current'); });
      if (current && byId[current.id]) byId[current.id].classList.add('is-current');
    }
    var pending = false;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; update(); });
    }, { passive: true });
    update();
  }

  function init() {
    setupThemeSwitch();
    setupNavToggle();
    setupEmbedSizing();
    setupTraceScroll();
    // As in Material: code blocks get a copy button when mkdocs.yml enables content.code.copy.
    if (/(^| )content\.code\.copy( |$)/.test(root.getAttribute('data-features') || '')) setupCopyButtons();
    setupQuizzes();
    setupPrint();
    setupTocHighlight();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
