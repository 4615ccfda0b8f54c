// The race-condition MicroSim in headless Chromium: real threads when the page is
// cross-origin isolated, a plain fallback when it is not, and the chapter's embedding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir } from './lib.mjs';

const simPath = '/sims/shared-mem-race/main.html';
const chapterPath = '/chapters/07-shared-memory/index.html';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// serviceWorkers: 'block' and coi.shouldRegister = false (coi-serviceworker's documented
// switch) keep the service worker from turning isolation on behind the test's back.
async function open(server, { dark = false, url = simPath } = {}) {
  const context = await browser.newContext({
    serviceWorkers: 'block', viewport: { width: 1000, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  await page.addInitScript(() => { window.coi = { shouldRegister: () => false }; });
  const errors = collectErrors(page);
  await page.goto(server.url + url);
  return { context, page, errors };
}

async function ready(page) {
  await page.waitForSelector('body[data-ready]', { timeout: 30000 });
  return page.evaluate(() => document.body.dataset.ready);
}

// Runs part 3 through its controls and returns the per-run lost counts from the table.
async function realRun(page, { threads, incs, mode, runs }) {
  await page.selectOption('#r-threads', String(threads));
  await page.selectOption('#r-incs', String(incs));
  await page.selectOption('#r-mode', mode);
  await page.fill('#r-runs', String(runs));
  await page.click('#b-real');
  await page.waitForSelector('body[data-real="done"]', { timeout: 120000 });
  const rows = await page.$$eval('#runs tbody tr', (trs) => trs.map((tr) =>
    [...tr.cells].map((td) => Number(td.textContent.replace(/,/g, '')))));
  assert.equal(rows.length, runs, 'one table row per run');
  for (const [, final, lost] of rows) assert.equal(final + lost, threads * incs, 'final + lost = expected');
  return rows.map((r) => r[2]);
}

test('with COOP/COEP the page is isolated and races real threads', async () => {
  const server = await serveStatic(siteDir, { isolate: true });
  const { context, page, errors } = await open(server);
  try {
    assert.equal(await ready(page), 'threads');
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    assert.match(await page.textContent('#iso-status'), /Real threads are on/);

    // The scripted schedule, by keyboard: T1 LOAD, T2 LOAD, T1 ADD, T1 STORE, T2 ADD, T2 STORE.
    await page.locator('body').focus();
    for (const k of ['1', '2', '1', '1', '2', '2']) await page.keyboard.press(k);
    assert.equal(await page.textContent('#cell'), '1');
    assert.match(await page.textContent('#model-result'), /counter is 1 but 2 increments ran, so 1 update was lost/);
    const lostLines = await page.$$eval('#log li.lost', (li) => li.map((l) => l.textContent));
    assert.equal(lostLines.length, 1);
    assert.match(lostLines[0], /T2 overwrote T1's 1/);
    assert.equal(await page.getAttribute('#model-result', 'aria-live'), 'polite');

    await page.click('#b-explore');
    assert.match(await page.textContent('#explore-result'), /^20 interleavings, 2 distinct final values; 18 of them/);

    // Mode none: real threads lose updates; a run can be lucky, so repeat a bounded number of times.
    let lost = 0;
    for (let attempt = 0; attempt < 10 && lost === 0; attempt++) {
      lost = Math.max(...await realRun(page, { threads: 4, incs: 1000000, mode: 'none', runs: 3 }));
    }
    assert.ok(lost > 0, 'a 4-thread run in mode none lost updates');
    for (const mode of ['mutex', 'atomic', 'semaphore']) {
      const losses = await realRun(page, { threads: 4, incs: 100000, mode, runs: 2 });
      assert.deepEqual(losses, [0, 0], `mode ${mode} is exact`);
      assert.match(await page.textContent('#real-result'), /every run exact \(400,000\)/);
    }

    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'sim-isolated.png');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('without the headers it falls back, says why, and the model still steps', async () => {
  const server = await serveStatic(siteDir, { isolate: false });
  const { context, page, errors } = await open(server);
  try {
    assert.equal(await ready(page), 'single');
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
    assert.match(await page.textContent('#iso-status'), /Real threads are off: this page is not cross-origin isolated/);
    assert.match(await page.textContent('#real-status'), /Cross-Origin-Embedder-Policy: require-corp/);
    assert.equal(await page.isDisabled('#b-real'), true);

    // Seeded random scheduler, stepped with the Step button and the S key.
    await page.selectOption('#m-sched', 'random');
    await page.click('#b-step');
    await page.keyboard.press('s');
    assert.equal(await page.locator('#log li').count(), 2);
    await page.click('#b-undo');
    assert.equal(await page.locator('#log li').count(), 1);
    // Run to the end: 2 threads x 1 increment end at 1 or 2, never anything else.
    await page.click('#b-run');
    await page.waitForFunction(() => /^Finished/.test(document.getElementById('model-result').textContent), null, { timeout: 20000 });
    assert.match(await page.textContent('#cell'), /^[12]$/);
    await page.click('#b-explore');
    assert.match(await page.textContent('#explore-result'), /^20 interleavings/);

    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'sim-fallback.png');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('dark mode passes the same accessibility checks', async () => {
  const server = await serveStatic(siteDir, { isolate: true });
  const { context, page, errors } = await open(server, { dark: true });
  try {
    await ready(page);
    for (const k of ['1', '2', '1', '1', '2', '2']) await page.keyboard.press(k);
    await page.click('#b-explore');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'sim-dark.png');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the chapter embeds the sim under its MicroSim heading, isolated too', async (t) => {
  if (!fs.existsSync(path.join(siteDir, chapterPath))) {
    t.skip(`no generated chapter in ${siteDir} (run the site target first)`);
    return;
  }
  const server = await serveStatic(siteDir, { isolate: true });
  const { context, page, errors } = await open(server, { url: chapterPath });
  try {
    const frame = page.locator('iframe[src="../../sims/shared-mem-race/main.html"]');
    assert.equal(await frame.count(), 1);
    assert.ok(await frame.getAttribute('title'));
    assert.equal(await frame.getAttribute('scrolling'), 'no');
    // The original link stays next to the embed.
    assert.equal(await page.locator('a[href="../../sims/shared-mem-race/main.html"]').count(), 1);
    const inner = page.frameLocator('iframe[src="../../sims/shared-mem-race/main.html"]');
    await inner.locator('body[data-ready="threads"]').waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    // Fixed height, no scrolling: the sim's initial state must fit inside the frame.
    const [frameHeight, innerHeight] = await Promise.all([
      frame.evaluate((f) => f.getBoundingClientRect().height),
      inner.locator('main').evaluate((m) => Math.ceil(m.getBoundingClientRect().bottom)),
    ]);
    assert.ok(innerHeight <= frameHeight, `sim (${innerHeight}px) fits its frame (${frameHeight}px)`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

// The GitHub Pages path: no headers, but coi-serviceworker.js (mounted at the site root)
// installs, reloads once, and adds COOP/COEP itself, for the sim and the chapter alike.
test('without headers the service worker isolates the sim and the chapter after a reload', async () => {
  const server = await serveStatic(siteDir, { isolate: false });
  const context = await browser.newContext();
  try {
    const urls = [simPath];
    if (fs.existsSync(path.join(siteDir, chapterPath))) urls.push(chapterPath);
    for (const url of urls) {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(server.url + url);
      await page.waitForFunction(() => self.crossOriginIsolated === true, null, { timeout: 20000 });
      const sim = url === simPath ? page.mainFrame()
        : page.frame({ url: /shared-mem-race\/main\.html$/ });
      assert.ok(sim, 'the sim frame is there');
      await sim.waitForSelector('body[data-ready]', { timeout: 30000 });
      assert.equal(await sim.evaluate(() => document.body.dataset.ready), 'threads', `${url}: threaded build`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
});
