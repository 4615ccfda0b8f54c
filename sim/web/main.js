// The race-condition MicroSim page. All the modelling is C++ (sim/core) compiled to
// WebAssembly; this file only loads the right build, draws, and handles input.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-US');
  const isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

  // ---- Loading: threads when the page is cross-origin isolated, otherwise one thread ----
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error('could not load ' + src));
      document.head.appendChild(s);
    });
  }

  async function loadModule() {
    const name = isolated ? 'sim-threads' : 'sim-single';
    await loadScript(name + '.js');
    const factory = isolated ? self.createSimThreads : self.createSimSingle;
    return factory({ printErr: (t) => console.warn(t) });
  }

  let api = null;
  function bind(Module) {
    const w = (n, args) => Module.cwrap(n, 'string', args);
    const json = (f) => (...a) => JSON.parse(f(...a));
    api = {
      configure: json(w('sim_configure', ['number', 'number', 'string', 'string', 'number', 'number'])),
      state: json(w('sim_state', [])),
      events: json(w('sim_events', ['number'])),
      step: json(w('sim_step', ['number'])),
      undo: json(w('sim_undo', [])),
      reset: json(w('sim_reset', [])),
      explore: json(w('sim_explore', ['number', 'number', 'string', 'number'])),
      realSupported: () => Module.cwrap('real_supported', 'number', [])() === 1,
      realStart: json(w('real_start', ['number', 'number', 'string', 'number'])),
      realPoll: json(w('real_poll', [])),
    };
  }

  // ---- Part 1: the stepper ----
  const ui = {
    threads: $('m-threads'), incs: $('m-incs'), mode: $('m-mode'), sched: $('m-sched'),
    seed: $('m-seed'), sem: $('m-sem'), speed: $('m-speed'), speedOut: $('m-speed-out'),
    step: $('b-step'), run: $('b-run'), undo: $('b-undo'), reset: $('b-reset'),
    buttons: $('thread-buttons'), log: $('log'), result: $('model-result'),
  };
  for (let n = 2; n <= 8; n++) ui.threads.add(new Option(String(n), String(n), n === 2, n === 2));
  const picture = self.MicroSimPicture.create($('picture'), { onLane: (t) => manualStep(t) });

  let state = null;
  let threadButtons = [];  // one Step button per thread, rebuilt on configure
  let logged = 0;          // events already in the log list
  let running = false;
  let lastFrame = 0;
  let stepBudget = 0;

  function intIn(input, lo, hi, fallback) {
    const v = Math.round(Number(input.value));
    if (!Number.isFinite(v)) return fallback;
    return Math.min(hi, Math.max(lo, v));
  }

  function settings() {
    return {
      threads: Number(ui.threads.value),
      incs: intIn(ui.incs, 1, 20, 1),
      mode: ui.mode.value,
      sched: ui.sched.value,
      seed: intIn(ui.seed, 0, 2 ** 52, 42),
      sem: intIn(ui.sem, 1, 8, 1),
    };
  }

  function announce(el, text, kind) {
    el.textContent = text;
    el.classList.toggle('bad', kind === 'bad');
    el.classList.toggle('good', kind === 'good');
  }

  function configure() {
    stop();
    const s = settings();
    ui.incs.value = s.incs;
    $('m-seed-label').hidden = s.sched !== 'random';
    $('m-sem-label').hidden = s.mode !== 'semaphore';
    const st = api.configure(s.threads, s.incs, s.mode, s.sched, s.seed, s.sem);
    if (st.error) { announce(ui.result, st.error, 'bad'); return; }
    buildButtons(st);
    ui.log.textContent = '';
    logged = 0;
    apply(st, null);
    announce(ui.result, '', null);
  }

  function buildButtons(st) {
    ui.buttons.textContent = '';
    threadButtons = [];
    for (let t = 0; t < st.threads; t++) {
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.setAttribute('aria-keyshortcuts', String(t + 1));
      btn.addEventListener('click', () => manualStep(t));
      ui.buttons.appendChild(btn);
      threadButtons.push(btn);
    }
  }

  const blockedReason = (st, t, next) => {
    if (next === 'LOCK') return 'waiting: mutex held by T' + (st.mutexOwner + 1);
    if (next === 'P') return 'waiting: semaphore is 0';
    return '';
  };

  // How long the value may take to fly: a manual step gets a readable flight, a running
  // scheduler only what its speed leaves between two steps.
  function flightTime(manual) {
    return manual ? 520 : Math.min(520, 700 / Number(ui.speed.value));
  }

  // Draws the whole state; cheap enough to run on every step (at most 8 lanes).
  function apply(st, stepped, manual = true) {
    state = st;
    picture.render(st, stepped, stepped === null ? 0 : flightTime(manual));
    st.lanes.forEach((l, t) => {
      const btn = threadButtons[t];
      btn.textContent = l.done ? 'T' + (t + 1) + ' done' : 'Step T' + (t + 1) + (l.next ? ' (' + l.next + ')' : '');
      btn.setAttribute('aria-disabled', String(!l.runnable));
      btn.classList.toggle('stale', l.stale);
    });
    const auto = st.scheduler !== 'manual';
    ui.step.disabled = !auto || st.finished;
    ui.run.disabled = !auto || st.finished;
    ui.undo.disabled = st.steps === 0;
    syncLog(st);
    document.body.dataset.steps = String(st.steps);
  }

  // A lost update's log line links to the two earlier steps it comes from.
  function logLine(e) {
    const li = document.createElement('li');
    li.id = 'step-' + e.step;
    li.append(e.text);
    if (e.lost > 0) {
      li.className = 'lost';
      const why = document.createElement('span');
      why.className = 'why';
      why.append(' (');
      if (e.overwrittenStep) why.append(stepLink(e.overwrittenStep, 'overwrote step ' + e.overwrittenStep), '; ');
      why.append(stepLink(e.loadStep, 'its LOAD was step ' + e.loadStep), ')');
      li.appendChild(why);
    }
    return li;
  }

  function stepLink(n, text) {
    const a = document.createElement('a');
    a.href = '#step-' + n;
    a.textContent = text;
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const target = $('step-' + n);
      if (!target) return;
      for (const m of ui.log.querySelectorAll('.cause')) m.classList.remove('cause');
      target.classList.add('cause');
      target.scrollIntoView({ block: 'nearest' });
    });
    return a;
  }

  function syncLog(st) {
    while (logged > st.steps) { ui.log.lastElementChild.remove(); logged--; }
    for (const m of ui.log.querySelectorAll('.cause')) m.classList.remove('cause');
    if (logged < st.steps) {
      for (const e of api.events(logged)) ui.log.appendChild(logLine(e));
      logged = st.steps;
    }
    // The two writes of a loss that still stands in memory stay marked in the log.
    const w = st.lastWrite;
    if (w && w.lost > 0) {
      for (const n of [w.overwrittenStep, w.step]) { const li = $('step-' + n); if (li) li.classList.add('cause'); }
    }
    const wrap = ui.log.parentElement;
    wrap.scrollTop = wrap.scrollHeight;
  }

  function finishedText(st) {
    if (st.lost > 0) {
      return 'Finished: counter is ' + st.counter + ' but ' + st.expected + ' increments ran, so ' +
        st.lost + (st.lost === 1 ? ' update was' : ' updates were') + ' lost.';
    }
    return 'Finished: counter is ' + st.counter + ' of ' + st.expected + ', no update lost.';
  }

  // The step just taken, as the live region says it.
  function stepText(s) {
    let text = 'Step ' + s.step + ': ' + s.text + '.';
    if (s.lost > 0) {
      text += ' The overwritten value was written at step ' + s.overwrittenStep + '; T' + (s.thread + 1) +
        ' had loaded at step ' + s.loadStep + ', before it.';
    }
    return text;
  }

  // One step done by the reader (announced) or by the running scheduler (only losses and
  // the end are announced, so a screen reader is not flooded).
  function after(st, verbose) {
    if (st.error) { announce(ui.result, st.error, 'bad'); return false; }
    apply(st, st.last ? st.last.thread : null, verbose);
    const lost = st.last && st.last.lost > 0;
    if (st.finished) announce(ui.result, (verbose ? stepText(st.last) + ' ' : '') + finishedText(st), st.lost > 0 ? 'bad' : 'good');
    else if (lost) announce(ui.result, stepText(st.last), 'bad');
    else if (verbose && st.last) announce(ui.result, stepText(st.last), null);
    return !st.finished;
  }

  function manualStep(t) {
    if (!state || !state.lanes[t]) return;
    if (!state.lanes[t].runnable) {
      const l = state.lanes[t];
      announce(ui.result, 'T' + (t + 1) + (l.done ? ' is done.' : ' is blocked, ' + blockedReason(state, t, l.next) + '.'), null);
      return;
    }
    stop();
    after(api.step(t), true);
  }

  function schedStep() { if (!ui.step.disabled) after(api.step(-1), true); }

  function frame(now) {
    if (!running) return;
    const dt = Math.min(0.25, (now - lastFrame) / 1000);
    lastFrame = now;
    stepBudget += dt * Number(ui.speed.value);
    let st = null;
    while (stepBudget >= 1) {
      stepBudget -= 1;
      st = api.step(-1);
      if (st.error || st.finished || (st.last && st.last.lost > 0)) break;
    }
    if (st && !after(st, false)) { stop(); return; }
    requestAnimationFrame(frame);
  }

  function start() {
    if (running || ui.run.disabled) return;
    running = true;
    stepBudget = 1;  // the first step shows at once
    ui.run.textContent = 'Pause';
    lastFrame = performance.now();
    requestAnimationFrame(frame);
  }
  function stop() {
    running = false;
    ui.run.textContent = 'Run';
  }

  ui.step.addEventListener('click', () => { stop(); schedStep(); });
  ui.run.addEventListener('click', () => (running ? stop() : start()));
  ui.undo.addEventListener('click', () => { stop(); const st = api.undo(); apply(st, null); announce(ui.result, 'Undone: ' + st.steps + ' steps so far.', null); });
  ui.reset.addEventListener('click', () => { stop(); apply(api.reset(), null); announce(ui.result, 'Reset to the start.', null); });
  for (const el of [ui.threads, ui.incs, ui.mode, ui.sched, ui.seed, ui.sem]) el.addEventListener('change', configure);
  ui.speed.addEventListener('input', () => {
    ui.speedOut.textContent = ui.speed.value + '/s';
    ui.speed.setAttribute('aria-valuetext', ui.speed.value + ' steps per second');
  });
  $('model-form').addEventListener('submit', (e) => e.preventDefault());

  document.addEventListener('keydown', (e) => {
    if (!api || e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    const k = e.key.toLowerCase();
    if (k >= '1' && k <= '8') { manualStep(Number(k) - 1); e.preventDefault(); }
    else if (k === 's') { stop(); schedStep(); e.preventDefault(); }
    else if (k === 'r') { ui.run.click(); e.preventDefault(); }
    else if (k === 'u') { if (!ui.undo.disabled) ui.undo.click(); e.preventDefault(); }
    else if (k === 'x') { ui.reset.click(); e.preventDefault(); }
  });

  // ---- Part 2: the explorer ----
  function explore() {
    const s = settings();
    const x = api.explore(s.threads, s.incs, s.mode, s.sem);
    const table = $('explore-table');
    const body = table.tBodies[0];
    body.textContent = '';
    if (x.error) { table.hidden = true; announce($('explore-result'), x.error, 'bad'); return; }
    const expected = s.threads * s.incs;
    const maxCount = Math.max(...x.outcomes.map((o) => o.schedules));
    let lostSchedules = 0;
    for (const o of x.outcomes) {
      const tr = body.insertRow();
      if (o.value < expected) { tr.className = 'lost'; lostSchedules += o.schedules; }
      tr.insertCell().textContent = o.value + (o.value < expected ? ' (' + (expected - o.value) + ' lost)' : ' (exact)');
      // How many schedules, their share, and a bar for the share, in one cell.
      const count = tr.insertCell();
      const bar = document.createElement('span');
      bar.className = 'share';
      bar.style.width = Math.max(2, Math.round(64 * o.schedules / maxCount)) + 'px';
      count.append(fmt.format(o.schedules) + ' (' + (100 * o.schedules / x.schedules).toFixed(1) + '%)', bar);
      const sched = tr.insertCell();
      sched.className = 'sched';
      sched.textContent = o.example.map((t) => 'T' + (t + 1)).join(' ');
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.textContent = 'Replay';
      btn.setAttribute('aria-label', 'Replay a schedule ending at ' + o.value);
      btn.addEventListener('click', () => replay(o.example));
      tr.insertCell().appendChild(btn);
    }
    table.hidden = false;
    announce($('explore-result'), fmt.format(x.schedules) + ' interleavings, ' + x.outcomes.length +
      ' distinct final values; ' + fmt.format(lostSchedules) + ' of them (' +
      (100 * lostSchedules / x.schedules).toFixed(1) + '%) lose at least one update.', lostSchedules ? 'bad' : 'good');
  }

  // Loads an example schedule into the stepper: the reader can then undo back through it.
  function replay(schedule) {
    ui.sched.value = 'manual';
    configure();
    let st = state;
    for (const t of schedule) st = api.step(t);
    after(st, false);
    ui.step.focus();
    document.getElementById('model-h').scrollIntoView({ block: 'start' });
  }
  $('b-explore').addEventListener('click', explore);

  // ---- Part 3: real threads ----
  const real = {
    threads: $('r-threads'), incs: $('r-incs'), mode: $('r-mode'), runs: $('r-runs'),
    go: $('b-real'), result: $('real-result'), hist: $('histogram'), rows: $('runs').tBodies[0],
  };
  for (let n = 1; n <= 8; n++) real.threads.add(new Option(String(n), String(n), n === 4, n === 4));
  let realShown = 0;
  let realDone = null;

  function realRow(i, r) {
    const tr = real.rows.insertRow();
    if (r.lost > 0) tr.className = 'lost';
    for (const v of [i + 1, fmt.format(r.final), fmt.format(r.lost), (r.seconds * 1000).toFixed(1),
      (r.perSecond / 1e6).toFixed(1)]) tr.insertCell().textContent = v;
  }

  // One bar for exact runs, then up to 10 bins over the runs that lost updates.
  function drawHistogram(results) {
    real.hist.textContent = '';
    if (!results.length) return;
    const lossy = results.map((r) => r.lost).filter((v) => v > 0);
    const exact = results.length - lossy.length;
    const bars = [{ label: '0', count: exact, lost: false }];
    if (lossy.length) {
      const lo = Math.min(...lossy);
      const hi = Math.max(...lossy);
      const bins = Math.min(10, lossy.length, hi - lo + 1);
      const width = (hi - lo + 1) / bins;
      for (let i = 0; i < bins; i++) {
        bars.push({ label: fmt.format(Math.ceil(lo + i * width)), count: 0, lost: true });
      }
      for (const v of lossy) bars[1 + Math.min(bins - 1, Math.floor((v - lo) / width))].count++;
    }
    const top = Math.max(...bars.map((b) => b.count));
    $('hist-caption').textContent = 'Runs by updates lost: first bar exact runs' + (lossy.length
      ? ', then bins from ' + fmt.format(Math.min(...lossy)) + ' to ' + fmt.format(Math.max(...lossy)) + ' lost.' : '; no run lost any.');
    for (const b of bars) {
      const bar = document.createElement('div');
      bar.className = 'bar' + (b.lost ? ' lost' : '');
      bar.style.height = (100 * b.count / top) + '%';
      const label = document.createElement('span');
      label.textContent = b.count || '';
      bar.appendChild(label);
      real.hist.appendChild(bar);
    }
    real.hist.setAttribute('aria-label', 'Histogram of lost updates over ' + results.length + ' runs: ' +
      exact + ' exact, ' + lossy.length + ' with losses' +
      (lossy.length ? ', from ' + fmt.format(Math.min(...lossy)) + ' to ' + fmt.format(Math.max(...lossy)) + ' lost.' : '.'));
  }

  function realSummary(p, cfg) {
    const rs = p.results;
    const lossy = rs.filter((r) => r.lost > 0);
    const rate = rs.reduce((a, r) => a + r.perSecond, 0) / rs.length;
    const head = cfg.threads + ' threads × ' + fmt.format(cfg.incs) + ' increments, mode ' + cfg.mode + ', ' + rs.length + ' runs: ';
    const speed = ' Mean ' + (rate / 1e6).toFixed(1) + ' million increments/s.';
    if (!lossy.length) return [head + 'every run exact (' + fmt.format(rs[0].expected) + ').' + speed, 'good'];
    const lost = lossy.map((r) => r.lost);
    return [head + 'updates lost in ' + lossy.length + ' of ' + rs.length + ' runs (from ' +
      fmt.format(Math.min(...lost)) + ' to ' + fmt.format(Math.max(...lost)) + ' of ' + fmt.format(rs[0].expected) + ').' + speed, 'bad'];
  }

  // The live view: one bar per thread, filled as that thread's increments are done. The
  // threads publish their counts after each batch; the page reads them once a frame.
  function buildLive(cfg) {
    const box = $('live-threads');
    box.textContent = '';
    const bars = [];
    for (let t = 0; t < cfg.threads; t++) {
      const row = document.createElement('div');
      row.className = 'live-row';
      const name = document.createElement('span');
      name.className = 'live-name';
      name.textContent = 'T' + (t + 1);
      const track = document.createElement('div');
      track.className = 'live-track';
      track.setAttribute('role', 'progressbar');
      track.setAttribute('aria-label', 'Thread T' + (t + 1) + ' increments done');
      track.setAttribute('aria-valuemin', '0');
      track.setAttribute('aria-valuemax', String(cfg.incs));
      const fill = document.createElement('div');
      fill.className = 'live-fill';
      track.appendChild(fill);
      const count = document.createElement('span');
      count.className = 'live-count';
      row.append(name, track, count);
      box.appendChild(row);
      bars.push({ track, fill, count });
    }
    $('live').hidden = false;
    return bars;
  }

  function drawLive(bars, p, cfg) {
    const run = Math.min(p.results.length + (p.running ? 1 : 0), cfg.runs);
    $('live-head').textContent = p.running ? 'Run ' + run + ' of ' + cfg.runs + ': each thread\'s increments so far'
      : cfg.runs + (cfg.runs === 1 ? ' run' : ' runs') + ' done; the bars show the last one';
    bars.forEach((b, t) => {
      const done = p.progress[t] || 0;
      b.fill.style.transform = 'scaleX(' + (done / cfg.incs) + ')';
      b.track.setAttribute('aria-valuenow', String(done));
      b.count.textContent = fmt.format(done);
    });
  }

  function startReal() {
    if (!api || !api.realSupported()) return;
    const cfg = {
      threads: Number(real.threads.value), incs: Number(real.incs.value), mode: real.mode.value,
      runs: intIn(real.runs, 1, 100, 10),
    };
    real.runs.value = cfg.runs;
    const r = api.realStart(cfg.threads, cfg.incs, cfg.mode, cfg.runs);
    if (r.error) { announce(real.result, r.error, 'bad'); return; }
    real.go.disabled = true;
    real.rows.textContent = '';
    realShown = 0;
    drawHistogram([]);
    const bars = buildLive(cfg);
    document.querySelector('.real-out').hidden = false;
    announce(real.result, 'Running ' + cfg.runs + ' runs of ' + cfg.threads + ' real threads…', null);
    document.body.dataset.real = 'running';
    const poll = () => {
      const p = api.realPoll();
      drawLive(bars, p, cfg);
      for (; realShown < p.results.length; realShown++) realRow(realShown, p.results[realShown]);
      if (p.results.length) drawHistogram(p.results);
      if (p.running) { requestAnimationFrame(poll); return; }
      real.go.disabled = false;
      const [text, kind] = realSummary(p, cfg);
      announce(real.result, text, kind);
      document.body.dataset.real = 'done';
      if (realDone) { realDone(p); realDone = null; }
    };
    requestAnimationFrame(poll);
  }
  real.go.addEventListener('click', startReal);

  // ---- Start-up ----
  // In the book the sim follows the reader's theme choice (the book stores it in this
  // origin's localStorage); without one, the system setting, like the book.
  function followTheme() {
    let t = null;
    try { t = localStorage.getItem('book-theme'); } catch (e) { t = null; }
    if (t === 'dark' || t === 'light') document.documentElement.dataset.theme = t;
    else delete document.documentElement.dataset.theme;
  }
  followTheme();
  self.addEventListener('storage', (e) => { if (e.key === 'book-theme') followTheme(); });

  // Embedded in the chapter, the page tells its parent how tall it is, so the frame fits it
  // with no inner scrollbar. Only a same-origin parent is told (targetOrigin).
  function reportHeight() {
    if (self.parent === self) return;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    self.parent.postMessage({ type: 'microsim-height', height }, location.origin);
  }
  // Redrawing inside the observer's callback would resize what it observes (a loop error):
  // the next frame does it.
  let layoutPending = false;
  function relayout() {
    if (layoutPending) return;
    layoutPending = true;
    requestAnimationFrame(() => { layoutPending = false; picture.resize(); reportHeight(); });
  }
  if (self.ResizeObserver) new ResizeObserver(relayout).observe(document.documentElement);
  reportHeight();

  function explainIsolation(threaded) {
    const status = $('iso-status');
    if (threaded) {
      status.textContent = 'Real threads are on: this page is cross-origin isolated, so the browser ' +
        'provides SharedArrayBuffer and part 3 runs one Web Worker per thread on shared memory.';
      $('real-status').textContent = 'Each run starts the threads on one shared counter and releases them ' +
        'together; the clock stops when the last one is joined. Mode none loses updates for real.';
      return;
    }
    status.classList.add('off');
    status.textContent = 'Real threads are off: this page is not cross-origin isolated ' +
      '(crossOriginIsolated is false), and browsers only give a page SharedArrayBuffer when it is. ' +
      'Parts 1 and 2 work fully (single-threaded build).';
    $('real-status').textContent = 'To turn real threads on, serve the book with the headers ' +
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp ' +
      '(./dev.sh serve does), or, on static hosting such as GitHub Pages, open the site over HTTPS ' +
      'and let its service worker (coi-serviceworker.js) install and reload the page.';
    $('real-controls').disabled = true;
  }

  let resolveReady;
  const ready = new Promise((r) => { resolveReady = r; });
  // A small handle for the browser tests and the benchmark; the page itself does not use it.
  self.microsim = {
    ready, isolated,
    state: () => api.state(),
    runReal: (threads, incs, mode, runs) => new Promise((resolve, reject) => {
      real.threads.value = String(threads);
      real.incs.value = String(incs);
      if (real.incs.value !== String(incs)) real.incs.add(new Option(fmt.format(incs), String(incs), true, true));
      real.mode.value = mode;
      real.runs.value = String(runs);
      realDone = resolve;
      startReal();
      if (!real.go.disabled) { realDone = null; reject(new Error(real.result.textContent || 'could not start')); }
    }),
  };

  loadModule().then((Module) => {
    bind(Module);
    const threaded = api.realSupported();
    explainIsolation(threaded);
    configure();
    requestAnimationFrame(() => {
      performance.mark('sim-interactive');
      document.body.dataset.ready = threaded ? 'threads' : 'single';
      resolveReady(threaded);
    });
  }).catch((err) => {
    $('iso-status').textContent = 'The simulator could not start: ' + err.message;
    console.error(err);
  });
})();
