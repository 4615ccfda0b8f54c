// Search on the built book, from the keyboard only: `/` focuses the box, typing lists
// sections as a combobox's options, arrows move, Enter lands on the section's anchor. The
// index is fetched from the same origin under the page's own CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir } from './lib.mjs';

const CHAPTER = 'chapters/07-shared-memory/index.html';

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'search/index.json')),
    `no search index in ${siteDir}: build the site target first`);
  server = await serveStatic(siteDir, { isolate: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(options = {}) {
  const { colorScheme = 'light', viewport = { width: 1280, height: 900 } } = options;
  const context = await browser.newContext({ colorScheme, viewport });
  // The MicroSim's frame is sim.test.mjs's subject; here it is an empty page.
  await context.route(/\/sims\/.*main\.html$/, (r) => r.fulfill({
    contentType: 'text/html', body: '<!doctype html><title>MicroSim</title>',
  }));
  const page = await context.newPage();
  const errors = collectErrors(page);
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url)) foreign.push(r.url()); });
  await page.goto(`${server.url}/${CHAPTER}`);
  await page.locator('.search:not([hidden])').waitFor();
  return { context, page, errors, foreign };
}

// Types `query` key by key and returns the milliseconds from the last keystroke to the
// results being shown (printed, not judged: the figure belongs to the bench).
async function search(page, query) {
  await page.evaluate((q) => {
    window.searchShown = new Promise((resolve) => {
      document.querySelector('.search').addEventListener('search-results', (e) => {
        if (e.detail.query === q) resolve(performance.now());
      });
    });
    document.querySelector('#search-input').addEventListener('keydown', () => { window.lastKey = performance.now(); });
  }, query);
  await page.keyboard.type(query);
  return page.evaluate(async () => (await window.searchShown) - window.lastKey);
}

test('typing shmat lists the SysV section first, and Enter lands on its anchor', async () => {
  const { context, page, errors, foreign } = await open();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  const ms = await search(page, 'shmat');
  console.log(`results shown ${ms.toFixed(1)} ms after the last keystroke`);
  const input = page.locator('#search-input');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const options = page.locator('#search-results [role="option"]');
  assert.ok(await options.count() >= 1);
  const first = await options.first().innerText();
  assert.match(first, /SysV/, `first result: ${first}`);
  assert.match(await options.first().locator('mark').first().innerText(), /^shmat$/i);

  await page.keyboard.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await Promise.all([page.waitForURL(/#system-calls-for-shared-memory-sysv-ipc$/), page.keyboard.press('Enter')]);
  assert.ok(await page.locator('#system-calls-for-shared-memory-sysv-ipc').isVisible());
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('s focuses the box too; arrows wrap; Escape closes the list', async () => {
  const { context, page, errors } = await open();
  await page.keyboard.press('s');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await search(page, 'memory');
  const options = page.locator('#search-results [role="option"]');
  const n = await options.count();
  assert.ok(n > 1);
  await page.keyboard.press('ArrowUp');
  assert.equal(await options.nth(n - 1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#search-results').isHidden());
  assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, options] of [
  ['light', {}],
  ['dark', { colorScheme: 'dark' }],
  ['mobile', { viewport: { width: 390, height: 844 } }],
]) {
  test(`open results are axe clean and on screen (${name})`, async () => {
    const { context, page, errors } = await open(options);
    await page.keyboard.press('/');
    await search(page, 'semaphore');
    const list = page.locator('#search-results');
    assert.ok(await list.isVisible());
    const box = await list.boundingBox();
    const width = page.viewportSize().width;
    assert.ok(box.x >= 0 && box.x + box.width <= width, `results at ${box.x}+${box.width} in ${width}px`);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, `search-${name}.png`, { fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a query nothing matches says so', async () => {
  const { context, page, errors } = await open();
  await page.keyboard.press('/');
  await search(page, 'zzyzx');
  assert.equal(await page.locator('#search-results').innerText(), 'No results');
  assert.deepEqual(errors, []);
  await context.close();
});
