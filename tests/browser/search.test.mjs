// Search on the built book, from the keyboard only: `/` focuses the box, typing lists
// sections as a combobox's options, arrows move, Enter lands on the section's anchor. The
// index is fetched from the same origin under the page's own CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
  const index = [];  // requests for the search index, as paths under search/
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreign.push(r.url());
    else if (r.url().startsWith(`${server.url}/search/`)) index.push(r.url().slice(server.url.length + 8));
  });
  await page.goto(`${server.url}/${CHAPTER}`);
  await page.locator('.search:not([hidden])').waitFor();
  return { context, page, errors, foreign, index };
}

// The shard files that looking up `word` may read, by the manifest's tree (format.hpp): the
// one holding it, and those of the stems of the word forms it matches there.
function shardsFor(word, tree = manifestTree()) {
  const shard = shardOf(word, tree);
  if (!shard) return [];
  const lines = zlib.inflateSync(fs.readFileSync(path.join(siteDir, 'search', shard.file))).toString().split('\n');
  const stems = lines.map((l) => l.split('\t')).filter(([rest, to]) => to?.startsWith('>')
    && (shard.prefix + rest === word || (shard.kind === 'leaf' && (shard.prefix + rest).startsWith(word))));
  return [shard.file, ...stems.map(([, to]) => shardOf(to.slice(1), tree)?.file)];
}

// The deepest listed prefix on the word's way down, unless a branch without a file.
function shardOf(word, tree) {
  let prefix = '';
  let kind = 'fileless';
  for (const c of word) {
    prefix += c;
    kind = tree.get(prefix);
    if (!kind) return null;
    if (kind === 'leaf') break;
  }
  return kind === 'fileless' ? null : { file: `t/${Buffer.from(prefix).toString('hex')}`, prefix, kind };
}

function manifestTree() {
  const { shards } = JSON.parse(fs.readFileSync(path.join(siteDir, 'search/index.json'), 'utf8'));
  const kinds = new Map();
  const parents = [''];
  let last = '';
  for (const c of shards) {
    if ('(['.includes(c)) { kinds.set(last, c === '(' ? 'branch' : 'fileless'); parents.push(last); }
    else if (')]'.includes(c)) parents.pop();
    else { last = parents.at(-1) + c; kinds.set(last, 'leaf'); }
  }
  return kinds;
}

// Types `query` key by key and returns the milliseconds from the last keystroke to the
// results being shown (printed, not judged: the figure belongs to the bench).
async function search(page, query, { delay = 0 } = {}) {
  await page.evaluate((q) => {
    window.searchShown = new Promise((resolve) => {
      document.querySelector('.search').addEventListener('search-results', (e) => {
        if (e.detail.query === q) resolve(performance.now());
      });
    });
    document.querySelector('#search-input').addEventListener('keydown', () => { window.lastKey = performance.now(); });
  }, query);
  await page.keyboard.type(query, { delay });
  return page.evaluate(async () => (await window.searchShown) - window.lastKey);
}

test('typing shmat lists the SysV section first, and Enter lands on its anchor', async () => {
  const { context, page, errors, foreign, index } = await open();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(index, [], 'the index is not fetched with every page');
  const manifest = page.waitForRequest(/\/search\/index\.json$/);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await manifest;  // on the shortcut, before the first key
  const ms = await search(page, 'shmat', { delay: 100 });
  console.log(`results shown ${ms.toFixed(1)} ms after the last keystroke (typed 100 ms a key)`);
  // No walk down the tree: the manifest once, the shards holding what was looked up ("s" is
  // too short a word), each once, and the chunks of at most five results a keystroke.
  const allowed = new Set(['sh', 'shm', 'shma', 'shmat'].flatMap((w) => shardsFor(w)));
  const shards = index.filter((p) => p.startsWith('t/'));
  const chunks = index.filter((p) => p.startsWith('d/'));
  assert.deepEqual(index.filter((p) => p === 'index.json'), ['index.json']);
  assert.deepEqual(shards.filter((p) => !allowed.has(p)), [], `shards fetched: ${shards}`);
  assert.equal(new Set(shards).size, shards.length, `shards fetched: ${shards}`);
  assert.ok(chunks.length <= 4 * 5, `chunks fetched: ${chunks}`);
  assert.equal(1 + shards.length + chunks.length, index.length, `index requests: ${index}`);
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

test('pointing at the box fetches the manifest, before any key', async () => {
  const { context, page, errors, index } = await open();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(index, []);
  const manifest = page.waitForRequest(/\/search\/index\.json$/);
  await page.locator('#search-input').hover();
  await manifest;
  assert.deepEqual(errors, []);
  await context.close();
});

test('a query nothing matches says so', async () => {
  const { context, page, errors } = await open();
  await page.keyboard.press('/');
  await search(page, 'zzyzx');
  assert.equal(await page.locator('#search-results').innerText(), 'No results');
  assert.deepEqual(errors, []);
  await context.close();
});

// Each keystroke's query runs on its own; an older one that fails late (its shard lost on the
// way) must not cover a newer one's results with an error.
test('a query that fails after a newer one was answered leaves the newer results', async () => {
  const { context, page } = await open();
  const [slow] = shardsFor('memory');
  assert.ok(slow && !shardsFor('shmat').includes(slow), `memory and shmat share ${slow}`);
  await context.route((url) => url.pathname.endsWith(`/search/${slow}`), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.abort();
  });
  await page.keyboard.press('/');
  await page.keyboard.type('memory');
  await page.keyboard.press('Control+A');
  await search(page, 'shmat');
  const failed = page.waitForEvent('requestfailed', (r) => r.url().endsWith(`/search/${slow}`));
  await failed;
  await page.waitForTimeout(100);  // the failure's handlers have run
  assert.match(await page.locator('#search-status').innerText(), /results/);
  assert.ok(await page.locator('#search-results [role="option"]').count() >= 1);
  await context.close();
});

