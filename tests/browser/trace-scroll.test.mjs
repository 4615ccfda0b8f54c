// Recorded traces wider than the column: every lane can be reached, with a visible cue
// (a line naming the lanes out of view, with a button for each, and edge fades), and the
// time axis and lane headings stay in view while the diagram scrolls, at phone and
// desktop widths, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir } from './lib.mjs';

const PAGE = '/chapters/07-shared-memory/index.html';
let browser, server;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, PAGE)), 'build the site target first');
  browser = await launch();
  server = await serveStatic(siteDir, { isolate: false });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width, colorScheme) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, colorScheme });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + PAGE, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

// Per trace: lane names, whether it overflows, the hint's state and the fades' opacity.
const traceStates = (page) => page.locator('figure.trace').evaluateAll((figs) => figs.map((f) => {
  const scroller = f.querySelector('.trace-scroll');
  const frame = f.querySelector('.trace-frame');
  const hint = f.querySelector('.trace-hint');
  const fade = (which) => Number(getComputedStyle(frame, which).opacity);
  return {
    id: f.id,
    lanes: [...scroller.querySelectorAll('.trace-proc')].map((t) => t.textContent),
    overflows: scroller.scrollWidth > scroller.clientWidth + 1,
    hint: hint && !hint.hidden && hint.getClientRects().length > 0 ? hint.textContent : null,
    focusable: scroller.getAttribute('tabindex') === '0' && scroller.getAttribute('role') === 'region' && !!scroller.getAttribute('aria-label'),
    fadeLeft: fade('::before'),
    fadeRight: fade('::after'),
  };
}));

// The lanes whose middle is inside the scroller's visible part, right of the pinned axis.
const lanesInView = (fig) => fig.evaluate((f) => {
  const s = f.querySelector('.trace-scroll').getBoundingClientRect();
  const axis = f.querySelector('.trace-axis').getBoundingClientRect();
  return [...f.querySelectorAll('.trace-scroll .trace-lane')].filter((g) => {
    const r = g.querySelector('.trace-lane-bg').getBoundingClientRect();
    const mid = (r.left + r.right) / 2;
    return mid > axis.right && mid < s.right;
  }).map((g) => g.querySelector('.trace-proc').textContent);
});

for (const width of [390, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${width}px ${colorScheme}: every lane reachable with a cue, axis and headings stay in view`, async () => {
      const { context, page, errors } = await open(width, colorScheme);
      try {
        const states = await traceStates(page);
        assert.ok(states.length >= 5, 'the chapter has its five traces');
        for (const s of states) {
          if (!s.overflows) {
            assert.equal(s.hint, null, `${s.id} fits, yet shows a hint`);
            assert.equal(s.focusable, false, `${s.id} fits, yet is a tab stop`);
            assert.equal(s.fadeRight, 0);
            continue;
          }
          assert.ok(s.hint && /(out of|partly in) view: scroll sideways, or go to/.test(s.hint), `${s.id}: hint ${s.hint}`);
          assert.ok(s.focusable, `${s.id} scrolls, so it must be a named, focusable region`);
          assert.equal(s.fadeLeft, 0, `${s.id}: no fade on the left at the start`);
          assert.equal(s.fadeRight, 1, `${s.id}: a fade on the right where more lanes are`);
        }
        // The five-process trace is wider than the column at both widths.
        const wide = states.find((s) => s.lanes.length === 5);
        assert.ok(wide && wide.overflows, 'the five-lane trace overflows');
        if (width === 390) {
          for (const s of states.filter((x) => x.lanes.length > 1)) assert.ok(s.overflows, `${s.id} overflows at 390px`);
        }
        const fig = page.locator(`#${wide.id}`);
        const scroller = fig.locator('.trace-scroll');

        // The last lane's button brings it into view; the axis stays pinned at the left.
        await fig.locator('.trace-lane-button', { hasText: 'P5' }).click();
        const end = Date.now() + 5000;
        while (!(await lanesInView(fig)).includes('P5') && Date.now() < end) await page.waitForTimeout(100);
        assert.ok((await lanesInView(fig)).includes('P5'), 'P5 is in view');
        await page.waitForTimeout(500);  // the smooth scroll settles
        const axis = await fig.evaluate((f) => {
          const a = f.querySelector('.trace-axis');
          const s = f.querySelector('.trace-scroll').getBoundingClientRect();
          return { visible: getComputedStyle(a).visibility === 'visible', left: a.getBoundingClientRect().left - s.left,
            times: [...a.querySelectorAll('.trace-time')].map((t) => t.textContent),
            original: [...f.querySelectorAll('.trace-scroll .trace-time')].map((t) => t.textContent) };
        });
        assert.ok(axis.visible && Math.abs(axis.left) < 1, 'the time axis is pinned at the left edge');
        assert.deepEqual(axis.times, axis.original, 'it shows the same times');
        const after = (await traceStates(page)).find((s) => s.id === wide.id);
        assert.equal(after.fadeLeft, 1, 'a fade on the left once lanes are behind it');
        assert.match(after.hint, /P1.* out of view/);

        // Keyboard: the region scrolls back with the arrow keys.
        const before = await scroller.evaluate((s) => s.scrollLeft);
        await scroller.focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
        await page.waitForTimeout(300);
        assert.ok(await scroller.evaluate((s) => s.scrollLeft) < before, 'ArrowLeft scrolls the lanes');

        // Scrolling the page into the diagram pins the lane headings under the site header.
        await fig.locator('.trace-frame').evaluate((f) => window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY + 200));
        await page.waitForFunction((id) => document.querySelector(`#${id} .trace-frame`).classList.contains('heads-pinned'), wide.id);
        const heads = await fig.evaluate((f) => {
          const h = f.querySelector('.trace-heads').getBoundingClientRect();
          const header = document.querySelector('.site-header').getBoundingClientRect();
          return { top: h.top, header: header.bottom, names: [...f.querySelectorAll('.trace-heads .trace-proc')].map((t) => t.textContent) };
        });
        assert.ok(Math.abs(heads.top - heads.header) <= 1, `headings at ${heads.top}, header ends at ${heads.header}`);
        assert.deepEqual(heads.names, wide.lanes);
        await screenshot(page, `trace-scrolled-${width}-${colorScheme}.png`, { fullPage: false });

        assert.deepEqual((await seriousViolations(page)).filter((v) => v.includes('trace')), []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
