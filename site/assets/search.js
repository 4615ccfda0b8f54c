// Search as you type over the index the generator wrote under search/ (see
// generator/src/search/format.hpp for the files). The manifest, fetched as soon as the reader
// shows an intent to search, names every shard, so each word costs one fetch (two for a word
// form whose stem lives elsewhere), then the document chunks of the results shown. Works from
// any static host: every URL is relative to this script's own.
(function () {
  'use strict';
  var box = document.querySelector('.search');
  var script = document.currentScript;
  if (!box || !script || typeof DecompressionStream === 'undefined') return;
  var input = box.querySelector('.search-input');
  var list = box.querySelector('.search-results');
  var status = box.querySelector('#search-status');
  var root = new URL('..', script.src);
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT_VALUE = new Int8Array(128);
  for (var k = 0; k < DIGITS.length; k++) DIGIT_VALUE[DIGITS.charCodeAt(k)] = k;
  var MAX_RESULTS = 5;
  var cache = new Map();
  var manifest = null;
  var results = [];
  var active = -1;
  var generation = 0;

  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL('search/' + path, root)).then(function (r) {
        if (!r.ok) throw new Error('search: ' + path + ' answered ' + r.status);
        return new Response(r.body.pipeThrough(new DecompressionStream('deflate'))).text();
      }).catch(function (e) { cache.delete(path); throw e; }));
    }
    return cache.get(path);
  }

  function loadManifest() {
    if (!manifest) {
      manifest = fetch(new URL('search/index.json', root)).then(function (r) {
        if (!r.ok) throw new Error('search: the index answered ' + r.status);
        return r.json();
      }).then(function (m) {
        if (m.version !== 3) throw new Error('search: index version ' + m.version + ', this script reads 3');
        m.shards = shardKinds(m.shards);
        return m;
      }).catch(function (e) { manifest = null; throw e; });
    }
    return manifest;
  }

  // The manifest's tree (format.hpp) as prefix -> 'leaf', 'branch' (a file of the terms equal
  // to the prefix) or 'fileless' (a branch without one).
  function shardKinds(tree) {
    var kinds = new Map();
    var parents = [''];
    var last = '';
    for (var c of tree) {
      if (c === '(' || c === '[') {
        kinds.set(last, c === '(' ? 'branch' : 'fileless');
        parents.push(last);
      } else if (c === ')' || c === ']') {
        parents.pop();
      } else {
        last = parents[parents.length - 1] + c;
        kinds.set(last, 'leaf');
      }
    }
    return kinds;
  }

  // The generator's tokenizer (search/terms.cpp): ASCII letters, digits, '_' and non-ASCII.
  function words(text) {
    return (text.match(/[A-Za-z0-9_\u0080-\uffff]+/g) || [])
      .map(function (w) { return w.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); })
      .filter(function (w) { return w.length > 1 || w.charCodeAt(0) >= 0x80; });
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function parseShard(prefix, text) {
    var lines = [];
    text.split('\n').forEach(function (row) {
      var tab = row.indexOf('\t');
      if (tab >= 0) lines.push({ term: prefix + row.slice(0, tab), rest: row.slice(tab + 1) });
    });
    return lines;
  }

  // Postings as one flat array, document then impact.
  function decodePostings(text) {
    var postings = [];
    var doc = 0;
    for (var i = 0; i < text.length;) {
      var delta = 0;
      var d;
      while ((d = DIGIT_VALUE[text.charCodeAt(i++)]) >= 32) delta = delta * 32 + d - 32;
      doc += delta * 32 + d;
      postings.push(doc, DIGIT_VALUE[text.charCodeAt(i++)]);
    }
    return postings;
  }

  // The lines for `word` from the deepest shard on its way down: the terms equal to it and,
  // where it reaches a leaf, those starting with it (a word ending at a branch has too many
  // continuations to fetch).
  async function linesFor(word, kinds) {
    var prefix = '';
    var kind = 'fileless';
    for (var c of word) {
      prefix += c;
      kind = kinds.get(prefix);
      if (!kind) return [];
      if (kind === 'leaf') break;
    }
    if (kind === 'fileless') return [];
    var lines = parseShard(prefix, await load('t/' + hex(prefix)));
    // A leaf holds every term it starts; a branch (the word ends there) its own and its completions.
    return lines.filter(function (l) { return l.term.startsWith(word); }).map(function (l) { return { term: l.term, rest: l.rest, exact: l.term === word }; });
  }

  async function lookup(word, kinds) {
    var lines = await linesFor(word, kinds);
    // A word form's postings are its stem's, which may live in another shard: fetched together.
    var stems = await Promise.all(lines.map(function (line) {
      return line.rest.charAt(0) === '>' ? linesFor(line.rest.slice(1), kinds) : null;
    }));
    var found = [];
    lines.forEach(function (line, i) {
      if (!stems[i]) {
        found.push({ term: line.term, stem: line.term, exact: line.exact, postings: decodePostings(line.rest) });
        return;
      }
      stems[i].forEach(function (s) {
        if (s.exact && s.rest.charAt(0) !== '>') {
          found.push({ term: line.term, stem: s.term, exact: line.exact, postings: decodePostings(s.rest) });
        }
      });
    });
    return found;
  }

  // As ShardReader::rank: each word adds its best match's impact (a prefix match counts half);
  // every word must match. Scores are kept by document number in typed arrays and only the best
  // few are ordered: this runs on every keystroke, often before the code is optimized.
  async function rank(query) {
    var m = await loadManifest();
    var ws = words(query);
    var matched = await Promise.all(ws.map(function (w) { return lookup(w, m.shards); }));
    var highlight = new Set(ws);
    var score = new Float64Array(m.docs);
    var best = new Float64Array(m.docs);
    var count = new Uint16Array(m.docs);
    var touched = [];
    matched.forEach(function (matches) {
      touched = [];
      matches.forEach(function (match) {
        highlight.add(match.stem);
        var weight = match.exact ? 1 : 0.5;
        var p = match.postings;
        for (var i = 0; i < p.length; i += 2) {
          if (!best[p[i]]) touched.push(p[i]);
          best[p[i]] = Math.max(best[p[i]], p[i + 1] * weight);
        }
      });
      touched.forEach(function (doc) { score[doc] += best[doc]; count[doc]++; best[doc] = 0; });
    });
    // The last word's documents hold all those every word matched; ties go to the earlier one.
    var top = [];
    touched.forEach(function (doc) {
      if (count[doc] !== ws.length) return;
      var at = top.length;
      while (at > 0 && (top[at - 1][1] < score[doc] || (top[at - 1][1] === score[doc] && top[at - 1][0] > doc))) at--;
      if (at < MAX_RESULTS) top.splice(at, 0, [doc, score[doc]]);
      if (top.length > MAX_RESULTS) top.pop();
    });
    return { docs: top.map(function (r) { return r[0]; }), highlight: highlight, manifest: m };
  }

  async function documentOf(doc, m) {
    var chunk = Math.floor(doc / m.chunk);
    var rows = (await load('d/' + Math.floor(chunk / m.group) + '/' + chunk)).split('\n');
    var at = (doc % m.chunk) * 4;
    return { url: rows[at], title: rows[at + 1], heading: rows[at + 2], text: rows[at + 3] };
  }

  // Up to ~180 characters around the first matched word, matched words marked.
  function excerpt(text, highlight) {
    var re = /[A-Za-z0-9_\u0080-\uffff]+/g;
    var hits = [];
    var m;
    while ((m = re.exec(text))) {
      var w = m[0].toLowerCase();
      for (var h of highlight) {
        if (w.startsWith(h)) { hits.push([m.index, m.index + m[0].length]); break; }
      }
    }
    var start = hits.length ? Math.max(0, hits[0][0] - 60) : 0;
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + 180);
    var frag = document.createDocumentFragment();
    if (start > 0) frag.append('… ');
    var at = start;
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      frag.append(text.slice(at, hit[0]));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(hit[0], hit[1]);
      frag.append(mark);
      at = hit[1];
    });
    frag.append(text.slice(at, end) + (end < text.length ? ' …' : ''));
    return frag;
  }

  function option(doc, i, highlight) {
    var el = document.createElement('div');
    el.id = 'search-option-' + i;
    el.className = 'search-result';
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', 'false');
    var title = document.createElement('span');
    title.className = 'search-result-title';
    title.textContent = doc.heading && doc.heading !== doc.title ? doc.title + ' › ' + doc.heading : doc.title;
    var text = document.createElement('span');
    text.className = 'search-result-text';
    text.append(excerpt(doc.text, highlight));
    el.append(title, text);
    el.addEventListener('mousedown', function (e) { e.preventDefault(); });
    el.addEventListener('click', function () { go(i); });
    return el;
  }

  function setActive(i) {
    var options = list.querySelectorAll('[role="option"]');
    options.forEach(function (o, k) { o.setAttribute('aria-selected', String(k === i)); });
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) setActive(-1);
  }

  function go(i) {
    if (results[i]) location.href = new URL(results[i].url, root).href;
  }

  async function update() {
    var mine = ++generation;
    var query = input.value;
    if (!words(query).length) { results = []; list.replaceChildren(); open(false); status.textContent = ''; return; }
    var found = await rank(query);
    var docs = await Promise.all(found.docs.map(function (d) { return documentOf(d, found.manifest); }));
    if (mine !== generation) return;
    results = docs;
    list.replaceChildren.apply(list, docs.map(function (d, i) { return option(d, i, found.highlight); }));
    if (!docs.length) {
      var none = document.createElement('div');
      none.className = 'search-none';
      none.textContent = 'No results';
      list.append(none);
    }
    open(true);
    setActive(-1);
    status.textContent = docs.length ? docs.length + ' results' : 'No results';
    box.dispatchEvent(new CustomEvent('search-results', { detail: { query: query, count: docs.length } }));
  }

  input.addEventListener('input', function () {
    var pending = update();
    var mine = generation;  // update() counted this query before its first wait
    pending.catch(function (e) {
      if (mine === generation) status.textContent = 'Search is unavailable';  // not over a newer query's answer
      console.warn(e);
    });
  });
  input.addEventListener('keydown', function (e) {
    var n = results.length;
    if (e.key === 'ArrowDown' && n) { e.preventDefault(); open(true); setActive((active + 1) % n); }
    else if (e.key === 'ArrowUp' && n) { e.preventDefault(); open(true); setActive(active <= 0 ? n - 1 : active - 1); }
    else if (e.key === 'Enter' && n) { e.preventDefault(); go(active < 0 ? 0 : active); }
    else if (e.key === 'Escape') { if (!list.hidden) { e.preventDefault(); open(false); } else { input.value = ''; } }
  });
  // The manifest is fetched when the reader shows an intent to search, never with every page:
  // the shortcuts focus the box, so they count too. A failure here is reported by the query.
  function prefetch() { loadManifest().catch(function () {}); }
  box.addEventListener('pointerenter', prefetch);
  input.addEventListener('focus', function () { prefetch(); if (results.length) open(true); });
  input.addEventListener('blur', function () { open(false); });
  document.addEventListener('keydown', function (e) {
    if ((e.key !== '/' && e.key !== 's') || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    e.preventDefault();
    input.focus();
  });
  box.hidden = false;
}());
