// The stepper's picture: the shared counter in memory above, one register per thread below,
// drawn as SVG from the state the C++ core reports (sim_state). A LOAD or STORE sends a
// token carrying the value between the two; a lost update leaves the overwritten value
// struck through next to the counter, linked to the two writes involved. Everything here is
// a view: the model, its steps and its explanations come from the core.
'use strict';

(() => {
  const NS = 'http://www.w3.org/2000/svg';
  const reduceMotion = self.matchMedia ? self.matchMedia('(prefers-reduced-motion: reduce)') : null;
  const MONO = 7.2;   // px per character of the 12px monospace labels (DejaVu Sans Mono: 0.6em)
  const MIN_COL = 135;
  const MAX_COL = 250;  // wider lanes only push the registers apart

  function el(parent, name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }

  // Splits the ops into rows of chips that fit `width`.
  function chipRows(block, width) {
    const rows = [[]];
    let used = 0;
    block.forEach((op, i) => {
      const w = op.length * 6.1 + 10;
      if (used + w > width && rows[rows.length - 1].length) { rows.push([]); used = 0; }
      rows[rows.length - 1].push({ op, i, w });
      used += w + 4;
    });
    return rows;
  }

  // Where everything goes for this width and configuration.
  function layout(st, width) {
    const W = Math.max(280, Math.floor(width));
    const cols = Math.max(1, Math.min(st.threads, Math.floor((W - 12) / MIN_COL)));
    const colW = Math.min(MAX_COL, (W - 12) / cols);
    const left = (W - cols * colW) / 2 + 4;
    const chips = chipRows(st.block, colW - 20);
    const laneH = 96 + chips.length * 20;
    const memW = Math.min(W - 12, Math.max(300, cols * colW - 8));
    const mem = { x: (W - memW) / 2, y: 6, w: memW, h: 100 };
    const cell = { x: W / 2 - 40, y: mem.y + 42, w: 80, h: 46 };
    const top = mem.y + mem.h + 50;
    const lanes = [];
    for (let t = 0; t < st.threads; t++) {
      const x = left + (t % cols) * colW;
      const y = top + Math.floor(t / cols) * (laneH + 12);
      lanes.push({ x, y, w: colW - 8, h: laneH, reg: { x: x + (colW - 8) / 2 - 30, y: y + 30, w: 60, h: 36 } });
    }
    const rows = Math.ceil(st.threads / cols);
    return { W, H: top + rows * (laneH + 12) - 6, mem, cell, lanes, chips };
  }

  const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

  function blockedReason(st, next) {
    if (next === 'LOCK') return 'waits: mutex held by T' + (st.mutexOwner + 1);
    if (next === 'P') return 'waits: semaphore is 0';
    return '';
  }

  function laneStatus(st, l) {
    if (l.done) return 'done';
    if (l.stale) return 'stale: memory is now ' + st.counter;
    return l.runnable ? 'next: ' + l.next : blockedReason(st, l.next);
  }

  function drawMemory(g, st, L) {
    const m = L.mem;
    el(g, 'rect', { class: 'mem', x: m.x, y: m.y, width: m.w, height: m.h, rx: 8 });
    el(g, 'text', { class: 'mem-label', x: m.x + m.w / 2, y: m.y + 18, 'text-anchor': 'middle' }, 'shared memory: counter');
    const lost = st.lastWrite && st.lastWrite.lost > 0;
    el(g, 'rect', { class: 'cell' + (lost ? ' lost' : ''), x: L.cell.x, y: L.cell.y, width: L.cell.w, height: L.cell.h, rx: 6 });
    el(g, 'text', { id: 'cell', class: 'cell-value', x: L.cell.x + L.cell.w / 2, y: L.cell.y + 33, 'text-anchor': 'middle' }, String(st.counter));
    el(g, 'text', { class: 'mem-info', x: m.x + m.w / 2, y: m.y + 35, 'text-anchor': 'middle' },
      st.completed + ' of ' + st.expected + ' increments done, ' + st.lost + ' lost');
    drawSync(g, st, L);
  }

  // The mutex or semaphore, left of the counter: who holds it, what it counts.
  function drawSync(g, st, L) {
    if (st.mode !== 'mutex' && st.mode !== 'semaphore') return;
    const x = L.mem.x + 12;
    const y = L.cell.y + 18;
    const held = st.mode === 'mutex' ? st.mutexOwner >= 0 : st.sem === 0;
    el(g, 'rect', { class: 'sync' + (held ? ' held' : ''), x, y: y - 14, width: 18, height: 14, rx: 2 });
    el(g, 'path', { class: 'sync-shackle' + (held ? ' held' : ''), d: `M${x + 4} ${y - 14} v-4 a5 5 0 0 1 10 0 v${held ? 4 : -2}` });
    const text = st.mode === 'mutex' ? (st.mutexOwner < 0 ? 'mutex free' : 'mutex: T' + (st.mutexOwner + 1))
      : 'semaphore ' + st.sem;
    el(g, 'text', { class: 'sync-label', x: x + 24, y: y - 2 }, text);
  }

  function drawChips(g, st, lane, l, L) {
    const len = st.block.length;
    const at = l.done ? len : l.pc % len;
    L.chips.forEach((row, r) => {
      const total = row.reduce((s, c) => s + c.w + 4, -4);
      let x = lane.x + lane.w / 2 - total / 2;
      const y = lane.y + 74 + r * 20;
      for (const c of row) {
        const state = l.done || c.i < at ? ' done' : c.i === at ? ' next' : '';
        el(g, 'rect', { class: 'chip' + state, x, y, width: c.w, height: 16, rx: 3 });
        el(g, 'text', { class: 'chip-text' + state, x: x + c.w / 2, y: y + 12, 'text-anchor': 'middle' }, c.op);
        x += c.w + 4;
      }
    });
  }

  function drawLane(g, st, t, L, stepped) {
    const l = st.lanes[t];
    const lane = L.lanes[t];
    const cls = ['lane', l.done ? 'done' : '', !l.done && !l.runnable ? 'blocked' : '', stepped === t ? 'stepped' : '']
      .filter(Boolean).join(' ');
    const lg = el(g, 'g', { class: cls, 'data-thread': t });
    el(lg, 'rect', { class: 'lane-bg', x: lane.x, y: lane.y, width: lane.w, height: lane.h, rx: 6 });
    el(lg, 'text', { class: 'lane-name', x: lane.x + 10, y: lane.y + 19 }, 'T' + (t + 1));
    const len = st.block.length;
    const inc = Math.min(st.increments, Math.floor(l.pc / len) + (l.done ? 0 : 1));
    el(lg, 'text', { class: 'lane-progress', x: lane.x + lane.w - 10, y: lane.y + 19, 'text-anchor': 'end' },
      'increment ' + inc + '/' + st.increments);
    const r = lane.reg;
    el(lg, 'text', { class: 'reg-label', x: r.x - 6, y: r.y + 23, 'text-anchor': 'end' }, 'r' + (t + 1));
    el(lg, 'rect', { class: 'reg' + (l.holding ? ' holding' : '') + (l.stale ? ' stale' : ''), x: r.x, y: r.y, width: r.w, height: r.h, rx: 5 });
    el(lg, 'text', { class: 'reg-value', id: 'reg-' + t, x: r.x + r.w / 2, y: r.y + 25, 'text-anchor': 'middle' }, String(l.reg));
    drawChips(lg, st, lane, l, L);
    el(lg, 'text', { class: 'lane-status' + (l.stale ? ' stale' : ''), x: lane.x + lane.w / 2, y: lane.y + lane.h - 9, 'text-anchor': 'middle' },
      laneStatus(st, l));
    return lg;
  }

  // An arrow between two boxes, from the edge of one to the edge of the other: a cubic
  // curve, as its four points (the token flies along the same curve).
  function arrowCurve(from, to) {
    const a = centre(from);
    const b = centre(to);
    const down = b.y > a.y;
    const y1 = down ? from.y + from.h : from.y;
    const y2 = down ? to.y - 4 : to.y + to.h + 4;
    const mid = (y1 + y2) / 2;
    return [{ x: a.x, y: y1 }, { x: a.x, y: mid }, { x: b.x, y: mid }, { x: b.x, y: y2 }];
  }

  function arrowPath(from, to) {
    const [p0, p1, p2, p3] = arrowCurve(from, to);
    return `M${p0.x} ${p0.y} C${p1.x} ${p1.y} ${p2.x} ${p2.y} ${p3.x} ${p3.y}`;
  }

  // Keyframe positions: the source's centre, points along the arrow, the target's centre.
  function flightPoints(from, to) {
    const [p0, p1, p2, p3] = arrowCurve(from, to);
    const at = (t, k) => (1 - t) ** 3 * p0[k] + 3 * (1 - t) ** 2 * t * p1[k] + 3 * (1 - t) * t * t * p2[k] + t ** 3 * p3[k];
    const points = [centre(from)];
    for (let i = 0; i <= 8; i++) points.push({ x: at(i / 8, 'x'), y: at(i / 8, 'y') });
    points.push(centre(to));
    return points;
  }

  function label(g, cls, x, y, text) {
    const w = text.length * MONO + 10;
    const lg = el(g, 'g', { class: cls });
    el(lg, 'rect', { class: 'tag-bg', x: x - w / 2, y: y - 11, width: w, height: 17, rx: 8 });
    el(lg, 'text', { class: 'tag-text', x, y: y + 2, 'text-anchor': 'middle' }, text);
    return lg;
  }

  // The last transfer between memory and a register, drawn to stay (the token only flies).
  function drawMove(g, st, L) {
    const s = st.last;
    if (!s || !['LOAD', 'STORE', 'FETCH_ADD'].includes(s.op)) return null;
    const reg = L.lanes[s.thread].reg;
    const toMemory = s.op === 'STORE';
    const from = toMemory ? reg : L.cell;
    const to = toMemory ? L.cell : reg;
    el(g, 'path', { class: 'move' + (s.lost > 0 ? ' lost' : ''), d: arrowPath(from, to), 'marker-end': 'url(#pic-arrow)' });
    return { from, to, value: toMemory ? s.after : s.reg, op: s.op };
  }

  // A lost update: the overwritten value struck through beside the counter, linked to the
  // write that put it there and to the write that replaced it (with their step numbers).
  function drawLoss(g, st, L) {
    const w = st.lastWrite;
    if (!w || !(w.lost > 0)) return;
    const gx = Math.min(L.cell.x + L.cell.w + 22, L.mem.x + L.mem.w - 74);
    const ghost = { x: gx, y: L.cell.y + 6, w: 34, h: 30 };
    const lg = el(g, 'g', { class: 'loss' });
    el(lg, 'text', { class: 'ghost', x: ghost.x + ghost.w / 2, y: ghost.y + 23, 'text-anchor': 'middle' }, String(w.overwrittenValue));
    el(lg, 'line', { class: 'strike', x1: ghost.x, y1: ghost.y + 16, x2: ghost.x + ghost.w, y2: ghost.y + 16 });
    el(lg, 'text', { class: 'ghost-label', x: ghost.x + ghost.w + 4, y: ghost.y + 21 }, 'lost');
    const winner = L.lanes[w.thread].reg;
    el(lg, 'path', { class: 'link winner', d: arrowPath(winner, L.cell) });
    const wc = centre(winner);
    const tagY = L.lanes[w.thread].y - 14;
    label(lg, 'tag winner', wc.x, tagY, 'step ' + w.step + ' wrote ' + w.after);
    if (w.overwrittenThread >= 0) {
      const victim = L.lanes[w.overwrittenThread].reg;
      el(lg, 'path', { class: 'link victim', d: arrowPath(victim, ghost) });
      const vc = centre(victim);
      label(lg, 'tag victim', vc.x, L.lanes[w.overwrittenThread].y - 14, 'step ' + w.overwrittenStep + ' wrote ' + w.overwrittenValue);
    }
  }

  function describe(st) {
    const regs = st.lanes.map((l, t) => 'T' + (t + 1) + ' r' + (t + 1) + ' = ' + l.reg +
      (l.stale ? ' (stale: loaded ' + l.loaded + ')' : '') + (l.done ? ', done' : ''));
    let text = 'Counter in shared memory: ' + st.counter + '. Registers: ' + regs.join('; ') + '.';
    const w = st.lastWrite;
    if (w && w.lost > 0) {
      text += ' Lost update: step ' + w.step + ' (T' + (w.thread + 1) + ') overwrote ' + w.overwrittenValue +
        (w.overwrittenStep ? ', written at step ' + w.overwrittenStep : '') + '.';
    }
    return text;
  }

  function create(svg, { onLane } = {}) {
    let L = null;
    let st = null;
    let width = 0;
    let lastStepped = null;
    const desc = svg.querySelector('desc');
    const layer = el(svg, 'g', { class: 'static' });
    const fx = el(svg, 'g', { class: 'fx' });
    svg.addEventListener('click', (e) => {
      const lane = e.target.closest && e.target.closest('[data-thread]');
      if (lane && onLane) onLane(Number(lane.dataset.thread));
    });

    function draw(stepped) {
      L = layout(st, width);
      svg.setAttribute('viewBox', `0 0 ${L.W} ${L.H}`);
      svg.setAttribute('height', L.H);
      layer.textContent = '';
      const defs = el(layer, 'defs', {});
      const marker = el(defs, 'marker', { id: 'pic-arrow', viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      el(marker, 'path', { class: 'arrowhead', d: 'M0 0 L10 5 L0 10 z' });
      drawMemory(layer, st, L);
      st.lanes.forEach((_, t) => drawLane(layer, st, t, L, stepped));
      const move = drawMove(layer, st, L);
      drawLoss(layer, st, L);
      desc.textContent = describe(st);
      return move;
    }

    // The value flies along the move; its destination shows the new value on arrival.
    function fly(move, duration) {
      const dest = move.to === L.cell ? svg.getElementById('cell') : svg.querySelector('.lane.stepped .reg-value');
      const token = el(fx, 'g', { class: 'token' });
      el(token, 'rect', { x: -20, y: -14, width: 40, height: 28, rx: 6 });
      el(token, 'text', { x: 0, y: 6, 'text-anchor': 'middle' }, String(move.value));
      if (dest) dest.classList.add('arriving');
      const frames = flightPoints(move.from, move.to).map((p) => ({ transform: `translate(${p.x}px, ${p.y}px)` }));
      const anim = token.animate(frames, { duration, easing: 'ease-in-out', fill: 'forwards' });
      const land = () => { token.remove(); if (dest) dest.classList.remove('arriving'); };
      anim.onfinish = land;
      anim.oncancel = land;
    }

    function pulse(selector, duration) {
      const target = svg.querySelector(selector);
      if (target) target.animate([{ opacity: 0.25 }, { opacity: 1 }], { duration, easing: 'ease-out' });
    }

    function clearFx() {
      for (const a of fx.getAnimations({ subtree: true })) a.cancel();
      fx.textContent = '';
    }

    return {
      // stepped: the thread that just took st.last, or null (configure, undo, reset);
      // duration: the time the animation may take (0: none).
      render(state, stepped, duration) {
        clearFx();
        st = state;
        lastStepped = stepped;
        width = svg.parentElement.clientWidth || width;
        const move = draw(stepped);
        const animate = stepped !== null && duration >= 80 && !(reduceMotion && reduceMotion.matches);
        if (!animate || !st.last) return;
        if (move) fly(move, duration);
        else if (st.last.op === 'ADD') pulse('.lane.stepped .reg-value', duration);
        else pulse('.lane.stepped .lane-bg', duration);
      },
      resize() {
        const w = svg.parentElement.clientWidth;
        if (!st || Math.abs(w - width) < 1) return;
        width = w;
        clearFx();
        draw(lastStepped);
      },
      animations: () => svg.getAnimations({ subtree: true }).length,
    };
  }

  self.MicroSimPicture = { create };
})();
