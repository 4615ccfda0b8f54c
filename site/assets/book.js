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
    setupThemeToggle();
    setupNavToggle();
    // As in Material: code blocks get a copy button when mkdocs.yml enables content.code.copy.
    if (/(^| )content\.code\.copy( |$)/.test(root.getAttribute('data-features') || '')) setupCopyButtons();
    setupQuizzes();
    setupPrint();
    setupTocHighlight();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
