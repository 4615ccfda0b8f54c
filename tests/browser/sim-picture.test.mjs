// The MicroSim's stepper drawn as a picture (memory, registers, the value moving between
// them, a lost update struck through and linked to its two writes) and the real-threads
// live view, at phone and desktop widths, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  launch, serveStatic, collectErrors, seriousViolations, screenshot, lowContrastSvgText, siteDir,
} from './lib.mjs';

const simPath = '/sims/shared-mem-race/main.html';
const widths = [390, 1280];
const schemes = ['light', 'dark'];
let browser, server;

before(async () => {
  browser = await launch();
  server = await serveStatic(siteDir, { isolate: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open({ width, colorScheme, reducedMotion = 'no-preference' }) {
  const context = await browser.newContext({
    serviceWorkers: 'block', viewport: { width, height: 900 }, colorScheme, reducedMotion,
  });
  const page = await context.newPage();
  await page.addInitScript(() => { window.coi = { shouldRegister: () => false }; });
  const errors = collectErrors(page);
  await page.goto(server.url + simPath);
  await page.waitForSelector('body[data-ready]', { timeout: 30000 });
  await page.locator('body').focus();
  return { context, page, errors };
}

// The running animations of the picture, with where each starts and ends.
const flights = (page) => page.evaluate(() => document.getElementById('picture').getAnimations({ subtree: true })
  .map((a) => {
    const frames = a.effect.getKeyframes();
    const xy = (t) => (/translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(t || '') || []).slice(1).map(Number);
    return { from: xy(frames[0].transform), to: xy(frames[frames.length - 1].transform) };
  }));

const centreOf = (page, sel) => page.locator(sel).evaluate((el) => {
  const b = el.getBBox();
  return [b.x + b.width / 2, b.y + b.height / 2];
});

const near = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]) < 6;

async function pressAll(page, keys) {
  for (const k of keys) await page.keyboard.press(k);
}

for (const width of widths) {
  for (const colorScheme of schemes) {
    test(`${width}px ${colorScheme}: LOAD and STORE carry the value, a lost update is struck through and linked`, async () => {
      const { context, page, errors } = await open({ width, colorScheme });
      try {
        // T1 LOAD: the value flies from the counter down to T1's register.
        await page.keyboard.press('1');
        let f = await flights(page);
        assert.equal(f.length, 1, 'one value in flight after LOAD');
        const cell = await centreOf(page, '.picture .cell');
        const r1 = await centreOf(page, '.lane[data-thread="0"] .reg');
        assert.ok(near(f[0].from, cell) && near(f[0].to, r1), `LOAD flies ${f[0].from} -> ${f[0].to}, cell ${cell}, r1 ${r1}`);
        // T2 LOAD and T1 ADD: T2 now holds a copy that T1's STORE is about to make stale.
        await pressAll(page, ['2', '1']);
        await page.keyboard.press('1');
        f = await flights(page);
        assert.equal(f.length, 1, 'one value in flight after STORE');
        assert.ok(near(f[0].from, r1) && near(f[0].to, cell), 'STORE flies from T1\'s register up to the counter');
        assert.equal(await page.locator('.picture .token text').textContent(), '1', 'the token carries the stored value');
        assert.equal(await page.locator('.lane[data-thread="1"] .reg.stale').count(), 1, 'T2\'s register is marked stale');
        assert.match(await page.locator('.lane[data-thread="1"] .lane-status').textContent(), /stale: memory is now 1/);
        await screenshot(page, `sim-stepper-mid-race-${width}-${colorScheme}.png`);
        await page.waitForFunction(() => document.getElementById('picture').getAnimations({ subtree: true }).length === 0);
        assert.equal(await page.locator('.picture .token').count(), 0, 'the token lands and goes');

        // T2 ADD, T2 STORE: the lost update.
        await pressAll(page, ['2', '2']);
        await page.waitForFunction(() => document.getElementById('picture').getAnimations({ subtree: true }).length === 0);
        assert.equal(await page.textContent('#cell'), '1');
        assert.equal(await page.textContent('.loss .ghost'), '1', 'the overwritten 1 is shown');
        assert.equal(await page.locator('.loss .strike').count(), 1, 'struck through');
        assert.deepEqual(await page.locator('.loss .tag text').allTextContents(), ['step 6 wrote 1', 'step 4 wrote 1']);
        assert.equal(await page.locator('.loss .link').count(), 2, 'both writes are linked to memory');
        // The picture is the core's state: every register as sim_state reports it.
        const regs = await page.evaluate(() => self.microsim.state().lanes.map((l) => String(l.reg)));
        assert.deepEqual(await page.locator('.picture .reg-value').allTextContents(), regs);

        // Announced: the live region says the step and the two steps behind the loss.
        assert.equal(await page.getAttribute('#model-result', 'role'), 'status');
        const said = await page.textContent('#model-result');
        assert.match(said, /^Step 6: T2 STORE counter/);
        assert.match(said, /written at step 4; T2 had loaded at step 2/);
        // The log links the lost update to both steps, and marks the two writes.
        const links = await page.locator('#step-6 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.deepEqual(links, ['#step-4', '#step-2']);
        assert.deepEqual(await page.locator('#log li.cause').evaluateAll((li) => li.map((l) => l.id)), ['step-4', 'step-6']);
        assert.match(await page.getAttribute('#picture', 'aria-labelledby'), /picture-desc/);
        assert.match(await page.textContent('#picture-desc'), /Lost update: step 6 \(T2\) overwrote 1, written at step 4/);

        // Keyboard only: Tab reaches a thread's Step button, which names its next op.
        await page.click('#b-reset');
        await page.locator('#b-reset').focus();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Step T1 (LOAD)');
        await page.keyboard.press('Enter');
        assert.match(await page.textContent('#model-result'), /^Step 1: T1 LOAD/);

        await page.waitForFunction(() => document.getElementById('picture').getAnimations({ subtree: true }).length === 0);
        const contrast = await lowContrastSvgText(page, '#picture');
        assert.ok(contrast.checked > 10, `only ${contrast.checked} texts checked`);
        assert.deepEqual(contrast.bad, [], 'picture text contrast');
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('with prefers-reduced-motion nothing flies; the move stays drawn as an arrow', async () => {
  for (const width of widths) {
    const { context, page, errors } = await open({ width, colorScheme: 'light', reducedMotion: 'reduce' });
    try {
      await page.keyboard.press('1');
      assert.equal((await flights(page)).length, 0, `${width}px: no animation`);
      assert.equal(await page.locator('.picture .move').count(), 1, 'the LOAD is drawn as an arrow');
      assert.equal(await page.locator('.picture .arriving, .picture .token').count(), 0, 'the new value shows at once');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('a fast scheduler run skips flights it has no time for and still ends correctly', async () => {
  const { context, page, errors } = await open({ width: 1280, colorScheme: 'light' });
  try {
    await page.selectOption('#m-sched', 'round-robin');
    await page.selectOption('#m-threads', '4');
    await page.locator('#m-speed').fill('60');
    await page.click('#b-run');
    await page.waitForFunction(() => /^Finished/.test(document.getElementById('model-result').textContent), null, { timeout: 20000 });
    // Round-robin over 4 threads loads all four before any stores: three updates lost.
    assert.equal(await page.textContent('#cell'), '1');
    assert.equal(await page.locator('.picture .lane').count(), 4);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const width of widths) {
  for (const colorScheme of schemes) {
    test(`${width}px ${colorScheme}: real threads show each thread's progress while they run`, async () => {
      const { context, page, errors } = await open({ width, colorScheme });
      try {
        assert.equal(await page.evaluate(() => document.body.dataset.ready), 'threads');
        await page.selectOption('#r-threads', '4');
        await page.selectOption('#r-incs', '1000000');
        await page.selectOption('#r-mode', 'mutex');
        await page.fill('#r-runs', '3');
        // Sample the bars every frame from inside the page while the run goes.
        await page.evaluate(() => {
          window.__samples = [];
          const sample = () => {
            const bars = [...document.querySelectorAll('#live-threads [role="progressbar"]')];
            window.__samples.push(bars.map((b) => [Number(b.getAttribute('aria-valuenow')), Number(b.getAttribute('aria-valuemax'))]));
            if (document.body.dataset.real !== 'done') requestAnimationFrame(sample);
          };
          requestAnimationFrame(sample);
        });
        await page.click('#b-real');
        await page.waitForSelector('body[data-real="done"]', { timeout: 120000 });
        const samples = await page.evaluate(() => window.__samples);
        const partial = samples.some((bars) => bars.some(([now, max]) => now > 0 && now < max));
        assert.ok(partial, `a bar was seen part-filled in ${samples.length} frames`);
        const bars = await page.locator('#live-threads [role="progressbar"]').evaluateAll((bs) =>
          bs.map((b) => [b.getAttribute('aria-label'), b.getAttribute('aria-valuenow')]));
        assert.equal(bars.length, 4);
        for (const [label, now] of bars) {
          assert.match(label, /^Thread T\d increments done$/);
          assert.equal(now, '1000000');
        }
        assert.match(await page.textContent('#live-head'), /^3 runs done/);
        assert.ok(await page.locator('#histogram .bar').count() >= 1, 'the histogram is drawn');
        assert.match(await page.getAttribute('#histogram', 'aria-label'), /over 3 runs: 3 exact/);
        assert.deepEqual(await seriousViolations(page), []);
        await screenshot(page, `sim-real-${width}-${colorScheme}.png`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the sim page, everything it loads included, is at most 100 KB gzipped', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const files = new Set();
  page.on('requestfinished', (r) => {
    const u = new URL(r.url());
    if (u.origin === server.url) files.add(path.join(siteDir, decodeURIComponent(u.pathname)));
  });
  try {
    await page.goto(server.url + simPath);
    await page.waitForSelector('body[data-ready="threads"]', { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    const names = [...files].map((f) => path.basename(f));
    for (const f of ['main.html', 'main.js', 'picture.js', 'main.css', 'sim-threads.wasm', 'sim-threads.worker.js']) {
      assert.ok(names.includes(f), `${f} was requested (got ${names.join(', ')})`);
    }
    const bytes = [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f)).length, 0);
    assert.ok(bytes <= 100 * 1024, `${(bytes / 1024).toFixed(1)} KB gzipped`);
  } finally {
    await context.close();
  }
});
