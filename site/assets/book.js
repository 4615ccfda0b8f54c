// The book's only script of its own, a progressive enhancement: every page reads fine
// without it. Loaded synchronously in <head> so the stored theme is applied before the
// first paint (no flash of the wrong palette); everything else waits for the DOM.
(function () {
  'use strict';

  var root = document.documentElement;
  var THEME_KEY = 'book-theme';
  root.classList.add('js');

  // ---------- Theme: the system preference, unless the reader chose otherwise ----------
  var systemDark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function storedTheme() {
    try {
      var t = window.localStorage.getItem(THEME_KEY);
      return t === 'dark' || t === 'light' ? t : null;
    } catch (e) {
      return null; // storage disabled: the toggle still works for this page view
    }
  }
  function effectiveTheme() {
    return storedTheme() || (systemDark && systemDark.matches ? 'dark' : 'light');
  }
  // Without a stored choice the attribute is absent and CSS follows prefers-color-scheme.
  function applyTheme() {
    var stored = storedTheme();
    if (stored) root.setAttribute('data-theme', stored);
    else root.removeAttribute('data-theme');
    var button = document.querySelector('.theme-toggle');
    if (button) button.setAttribute('aria-pressed', effectiveTheme() === 'dark' ? 'true' : 'false');
  }
  applyTheme();

  function setupThemeToggle() {
    var button = document.querySelector('.theme-toggle');
    if (!button) return;
    button.hidden = false;
    button.setAttribute('aria-pressed', effectiveTheme() === 'dark' ? 'true' : 'false');
    button.addEventListener('click', function () {
      var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
      try { window.localStorage.setItem(THEME_KEY, next); } catch (e) { /* see storedTheme */ }
      root.setAttribute('data-theme', next);
      button.setAttribute('aria-pressed', next === 'dark' ? 'true' : 'false');
      announce(next === 'dark' ? 'Dark theme on' : 'Dark theme off');
    });
    if (systemDark && systemDark.addEventListener) {
      systemDark.addEventListener('change', applyTheme);
    }
    // Another tab changed the choice: follow it.
    window.addEventListener('storage', function (e) {
      if (e.key === THEME_KEY) applyTheme();
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
  function setupNavToggle() {
    var button = document.querySelector('.nav-toggle');
    var nav = document.getElementById('site-nav');
    if (!button || !nav) return;
    button.hidden = false;
    function setOpen(open, returnFocus) {
      root.classList.toggle('nav-open', open);
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) {
        var first = nav.querySelector('a[aria-current="page"], a');
        if (first) first.focus();
      } else if (returnFocus) {
        button.focus();
      }
    }
    button.addEventListener('click', function () {
      setOpen(button.getAttribute('aria-expanded') !== 'true', false);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && root.classList.contains('nav-open')) setOpen(false, true);
    });
    document.addEventListener('click', function (e) {
      if (root.classList.contains('nav-open') && !nav.contains(e.target) && !button.contains(e.target)) {
        setOpen(false, false);
      }
    });
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
  // Source, as MkDocs Material renders it: a question paragraph, the options, then
  // <details class="question"> whose text says "The correct answer is X". The options are
  // either a paragraph of "<strong>A</strong>. text<br>" lines or (intelligent-textbook
  // format) <div class="upper-alpha"><ol><li>…</li></ol></div>, lettered by position.
  var ANSWER_RE = /The correct answer is\s*:?\s*\**\s*([A-Z])\b/;
  var quizCount = 0;

  function isBlank(node) {
    return node.nodeType === Node.TEXT_NODE && !node.textContent.trim();
  }

  // Splits "<strong>A</strong>. text<br>\n<strong>B</strong>. text<br>" into
  // [{letter, nodes}], or returns null when the paragraph is not in that shape.
  function optionsFromParagraph(p) {
    var groups = [[]];
    Array.prototype.forEach.call(p.childNodes, function (n) {
      if (n.nodeName === 'BR') groups.push([]);
      else groups[groups.length - 1].push(n);
    });
    var options = [];
    for (var i = 0; i < groups.length; i++) {
      var nodes = groups[i].filter(function (n) { return !isBlank(n); });
      if (!nodes.length) continue;
      var first = nodes[0];
      var letterText = first.nodeType === Node.ELEMENT_NODE && /^(STRONG|B)$/.test(first.nodeName)
        ? first.textContent.trim() : '';
      var m = /^([A-Z])[.)]?$/.exec(letterText);
      if (!m) return null;
      var rest = nodes.slice(1).map(function (n) { return n.cloneNode(true); });
      // Drop the ". " (or ") ") that follows the letter.
      if (rest.length && rest[0].nodeType === Node.TEXT_NODE) {
        rest[0].textContent = rest[0].textContent.replace(/^\s*[.):]?\s*/, '');
      }
      options.push({ letter: m[1], nodes: rest });
    }
    return options.length >= 2 ? options : null;
  }

  function optionsFromList(div) {
    var items = div.querySelectorAll(':scope > ol > li');
    if (items.length < 2) return null;
    return Array.prototype.map.call(items, function (li, i) {
      var source = li.children.length === 1 && li.firstElementChild.nodeName === 'P' &&
        !li.firstElementChild.previousSibling ? li.firstElementChild : li;
      var nodes = Array.prototype.map.call(source.childNodes, function (n) { return n.cloneNode(true); });
      return { letter: String.fromCharCode(65 + i), nodes: nodes };
    });
  }

  function findOptions(details) {
    var el = details.previousElementSibling;
    if (!el) return null;
    if (el.matches('div.upper-alpha') || (el.nodeName === 'DIV' && el.querySelector(':scope > ol'))) {
      var fromList = optionsFromList(el);
      return fromList && { source: el, options: fromList };
    }
    if (el.nodeName === 'OL' && el.parentElement && el.parentElement.classList.contains('upper-alpha')) {
      return null;
    }
    if (el.nodeName === 'P') {
      var fromP = optionsFromParagraph(el);
      return fromP && { source: el, options: fromP };
    }
    return null;
  }

  function buildQuiz(details) {
    var m = ANSWER_RE.exec(details.textContent);
    if (!m) return;
    var found = findOptions(details);
    if (!found) return;
    var answer = m[1];
    var hasAnswer = found.options.some(function (o) { return o.letter === answer; });
    if (!hasAnswer) return;

    var id = 'quiz-' + (++quizCount);
    var question = found.source.previousElementSibling;
    var container = found.source.parentElement;
    if (container && container.nodeName === 'LI') container.classList.add('quiz-item');

    var group = document.createElement('div');
    group.className = 'quiz-options';
    group.setAttribute('role', 'group');
    group.id = id;
    if (question && question.nodeName === 'P' && question.textContent.trim()) {
      if (!question.id) question.id = id + '-question';
      group.setAttribute('aria-labelledby', question.id);
    } else if (question && /^H[2-6]$/.test(question.nodeName)) {
      // Intelligent-textbook style "#### 1. Question?": name the group without the ¶ link.
      var copy = question.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll('.headerlink'), function (a) { a.remove(); });
      group.setAttribute('aria-label', copy.textContent.trim());
    } else {
      group.setAttribute('aria-label', 'Question ' + quizCount);
    }

    var footer = document.createElement('div');
    footer.className = 'quiz-footer';
    var feedback = document.createElement('p');
    feedback.className = 'quiz-feedback';
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'quiz-retry';
    retry.textContent = 'Try again';
    retry.hidden = true;
    footer.appendChild(feedback);
    footer.appendChild(retry);

    var buttons = found.options.map(function (o) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'quiz-option';
      b.setAttribute('aria-pressed', 'false');
      b.dataset.letter = o.letter;
      var letter = document.createElement('span');
      letter.className = 'quiz-letter';
      letter.textContent = o.letter;
      // Read as "A. shmctl()" rather than "A shmctl()".
      var dot = document.createElement('span');
      dot.className = 'visually-hidden';
      dot.textContent = '. ';
      letter.appendChild(dot);
      var text = document.createElement('span');
      text.className = 'quiz-text';
      o.nodes.forEach(function (n) { text.appendChild(n); });
      var verdict = document.createElement('span');
      verdict.className = 'quiz-verdict';
      b.appendChild(letter);
      b.appendChild(text);
      b.appendChild(verdict);
      group.appendChild(b);
      return b;
    });

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

    // The original options stay in the DOM (hidden) so print and "view source" keep them.
    found.source.classList.add('quiz-source');
    found.source.hidden = true;
    found.source.parentNode.insertBefore(group, found.source.nextSibling);
    group.parentNode.insertBefore(footer, group.nextSibling);
  }

  function setupQuizzes() {
    Array.prototype.forEach.call(document.querySelectorAll('details.question'), buildQuiz);
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
    setupThemeToggle();
    setupNavToggle();
    setupCopyButtons();
    setupQuizzes();
    setupPrint();
    setupTocHighlight();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
