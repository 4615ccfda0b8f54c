// Search figures on the 1,000-page bench book, the one `generator bench` times (1,000 varied
// chapters, no two alike, and 100 textbook pages: `generator bench --book-only`), printed,
// with Pagefind 1.6 on the same output where it is installed:
//   - what indexing costs: cold builds with search against cold builds without (plugins: []),
//     each after deleting the output, its fragment cache and its spare, as `generator bench`'s
//     cold build does; and the build's own "search" stage (BOOK_TIMING)
//   - total index bytes, and the manifest's (every first query fetches it)
//   - in Chromium, two first queries for "shmat" with its five best results and excerpts, on a
//     fresh page each: typed as a reader does (the box focused, which fetches the manifest, then
//     one key every TYPE_DELAY ms), timed from the last key's input event to the results for
//     the whole word; and the worst case, the word pasted in one input event with nothing
//     fetched before. Bytes are counted from the responses each query caused.
// Usage: node search_bench.mjs GENERATOR THEME_DIR WORK_DIR [COPIES]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { launch, serveStatic, repoRoot } from '../../tests/browser/lib.mjs';

const [generator, theme, work, copiesArg] = process.argv.slice(2);
if (!generator || !theme || !work) {
  console.error('usage: node search_bench.mjs GENERATOR THEME_DIR WORK_DIR [COPIES]');
  process.exit(2);
}
const COPIES = Number(copiesArg || 1000);
const RUNS = 5;  // builds each way; the best of them is printed (the machine is shared and noisy)
const DISK_RUNS = 4;  // on the disk, where each pair waits a minute (SETTLE_MS)
const QUERY_RUNS = 5;  // fresh pages a way of querying; the median is printed
const TYPE_DELAY = 100;  // ms between keys: a fast typist
const QUERY = 'shmat';
// On this book "memory" is a shard of its own under the branch "memor": its last key needs a
// shard that no earlier key fetched, the typed case's worst.
const SHARD_AT_LAST_KEY = 'memory';
const TEXTBOOK = 100;
const chapter = path.join(repoRoot, 'content/chapters/07-shared-memory/index.md');

// The book in ROOT/book, its mkdocs.yml (search on, MkDocs' default) beside nosearch.yml.
function makeBook(root) {
  execFileSync(generator, ['bench', '--book-only', '--copies', String(COPIES), '--textbook', String(TEXTBOOK),
    '--chapter', chapter, '--work', root]);
  const book = path.join(root, 'book');
  const config = fs.readFileSync(path.join(book, 'mkdocs.yml'), 'utf8');
  if (/^plugins:/m.test(config)) throw new Error('the bench book names plugins: nosearch.yml would repeat the key');
  fs.writeFileSync(path.join(book, 'nosearch.yml'), `${config}plugins: []\n`);
  return book;
}

// What a build leaves: its output folder and, beside it, its fragment cache and spare.
function leftBy(out) {
  const beside = (suffix) => path.join(path.dirname(out), `.${path.basename(out)}.${suffix}`);
  return [out, beside('bookgen-cache'), beside('spare')];
}

// One build into an empty output folder: its wall time and the build's own "search" stage
// (BOOK_TIMING). Cold: its fragment cache and spare deleted too; else the cache is kept.
function timeBuild(config, out, cold) {
  for (const dir of cold ? leftBy(out) : [out]) fs.rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const res = spawnSync(generator, ['build', '--config', config, '--theme', theme, '--out', out],
    { env: { ...process.env, BOOK_TIMING: '1' }, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (res.status !== 0) throw new Error(`build failed:\n${res.stdout}${res.stderr}`);
  const m = /search\s+([\d.]+) ms/.exec(res.stderr);
  return { wall, stage: m ? Number(m[1]) : 0 };
}

// On ext4 without a journal (this VM's disk), creating a file skips every inode freed in the
// last 60 s after a sync: a build right after thousands of files were deleted pays for each of
// them, unevenly (this bench's disk figure ranged from 7% to 19% that way). On a disk, each
// pair of builds therefore starts a minute after both outputs were deleted.
const SETTLE_MS = 65000;

function settle(root, out) {
  for (const dir of [...leftBy(out), ...leftBy(`${out}-nosearch`)]) fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('sync');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  execFileSync(generator, ['bench', '--floor', path.join(root, 'docs')]);  // the CPU busy again, untimed
}

// Builds with and without search, alternating (and which goes first too) so that a busy machine
// weighs on both alike; the best of `runs` each (the least disturbed run). `settled`: each pair
// as settle() says.
function timeBuilds(root, out, { cold = true, runs = RUNS, settled = false } = {}) {
  const best = { on: { wall: Infinity, stage: Infinity }, off: { wall: Infinity, stage: Infinity } };
  const pair = [['off', 'nosearch.yml', `${out}-nosearch`], ['on', 'mkdocs.yml', out]];
  for (let r = 0; r < runs; r++) {
    if (settled) settle(root, out);
    for (const [key, config, dir] of r % 2 ? [...pair].reverse() : pair) {
      const t = timeBuild(path.join(root, config), dir, cold);
      best[key] = { wall: Math.min(best[key].wall, t.wall), stage: Math.min(best[key].stage, t.stage) };
    }
  }
  return best;
}

function folderBytes(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) { bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size; files++; }
  }
  return { bytes, files };
}

// Loads `pagePath` in a fresh context, then `run(page)` and counts every response it caused.
async function measureQuery(browser, url, pagePath, run) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/${pagePath}`);
  await page.waitForLoadState('networkidle');
  let bytes = 0;
  const seen = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/favicon.svg')) return;  // fetched when Chromium likes, not by the query
    try { const n = (await r.body()).length; bytes += n; seen.push([r.url().slice(url.length), n]); } catch { /* redirects */ }
  });
  const result = await run(page);
  await page.waitForTimeout(200);  // the last response bodies are counted
  await context.close();
  return { bytes, seen, ...result };
}

// The median of QUERY_RUNS fresh pages, with the least and most, and the first run's fetches
// (the same files every run).
async function measureRuns(browser, url, pagePath, run) {
  const runs = [];
  for (let i = 0; i < QUERY_RUNS; i++) runs.push(await measureQuery(browser, url, pagePath, run));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ...runs[0], ms: ms[Math.floor(ms.length / 2)], least: ms[0], most: ms.at(-1) };
}

// Our box, the worst case: the query set in one input event (a paste), nothing fetched before;
// results read when the widget announces them.
const pasted = (page) => page.evaluate(async (q) => {
  const box = document.querySelector('.search');
  const input = document.querySelector('#search-input');
  const shown = new Promise((resolve) => box.addEventListener('search-results', resolve, { once: true }));
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input'));
  await shown;
  const ms = performance.now() - t0;
  const top = [...document.querySelectorAll('#search-results [role="option"]')].map((o) => o.firstChild.textContent);
  // Where the time goes: each fetch from its call to its last byte, after the input event.
  const timeline = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0)
    .map((e) => `${e.name.replace(/.*\/search\//, '')} ${(e.startTime - t0).toFixed(0)}-${(e.responseEnd - t0).toFixed(0)}`);
  return { ms, top, timeline };
}, QUERY);

// Our box, as a reader uses it: focused, then typed key by key. The clock starts in the
// capture phase of the last key's input event, before the widget's own listener.
const typed = (word) => async (page) => {
  await page.evaluate((q) => {
    const input = document.querySelector('#search-input');
    window.benchShown = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('input', () => { if (input.value === q) t0 = performance.now(); }, true);
      document.querySelector('.search').addEventListener('search-results', (e) => {
        if (e.detail.query === q) resolve(performance.now() - t0);
      });
    });
  }, word);
  await page.focus('#search-input');
  await page.keyboard.type(word, { delay: TYPE_DELAY });
  const ms = await page.evaluate(() => window.benchShown);
  const top = await page.locator('#search-results [role="option"] .search-result-title').allTextContents();
  return { ms, top };
};

const theirs = (page) => page.evaluate(async () => {
  const t0 = performance.now();
  const pf = await import('/_pf/pagefind.js');
  const s = await pf.search('shmat');
  const data = await Promise.all(s.results.slice(0, 5).map((r) => r.data()));
  return { ms: performance.now() - t0, top: data.map((d) => `${d.url} ${d.excerpt.slice(0, 40)}`) };
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const root = path.resolve(work);
  console.log(`Search bench: the bench book (${COPIES} varied chapters, ${TEXTBOOK} textbook pages) in ${root}`);
  const book = makeBook(root);
  const out = path.join(root, 'site');
  console.log(`load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
  const { on, off } = timeBuilds(book, out, { runs: DISK_RUNS, settled: true });
  console.log(`build without search   ${off.wall.toFixed(0)} ms (best of ${DISK_RUNS}, alternating, each pair a minute after deleting)`);
  console.log(`build with search      ${on.wall.toFixed(0)} ms`);
  console.log(`indexing stage         ${on.stage.toFixed(0)} ms = ${(100 * on.stage / on.wall).toFixed(1)}% of the build (target <= 10%)`);
  console.log(`with - without         ${(on.wall - off.wall).toFixed(0)} ms = ${(100 * (on.wall - off.wall) / on.wall).toFixed(1)}% of the build (writing the files included)`);
  // The same on a RAM-backed folder, where creating files costs little and evenly: what the
  // indexing costs without the disk (creating thousands of files just after deleting thousands
  // is slow and uneven on ext4: the write stage of one build varied from 0.8 to 3.2 s).
  const shm = '/dev/shm';
  if (fs.existsSync(shm)) {
    const ram = fs.mkdtempSync(path.join(shm, 'bookgen-search-bench-'));
    try {
      const t = timeBuilds(book, path.join(ram, 'site'));
      console.log(`with - without, tmpfs  ${(t.on.wall - t.off.wall).toFixed(0)} ms = ${(100 * (t.on.wall - t.off.wall) / t.on.wall).toFixed(1)}% of the build (${t.on.wall.toFixed(0)} ms; output in ${shm}, target <= 10%)`);
      // Rebuilds that keep the fragment cache (highlighted code, rendered traces) render faster,
      // so the same indexing is a larger share of them.
      const w = timeBuilds(book, path.join(ram, 'site'), { cold: false });
      console.log(`  fragment cache kept  ${(w.on.wall - w.off.wall).toFixed(0)} ms = ${(100 * (w.on.wall - w.off.wall) / w.on.wall).toFixed(1)}% of the build (${w.on.wall.toFixed(0)} ms; for comparison: the cache makes rendering cheaper)`);
    } finally {
      fs.rmSync(ram, { recursive: true, force: true });
    }
  }
  const index = folderBytes(path.join(out, 'search'));
  const script = fs.statSync(path.join(out, 'assets/search.js')).size;
  console.log(`index                  ${(index.bytes / 1e6).toFixed(2)} MB in ${index.files} files; search.js ${kb(script)}`);
  const manifest = fs.statSync(path.join(out, 'search/index.json')).size;
  console.log(`manifest               ${kb(manifest)} (search/index.json: the tree of ${index.files} files' term shards)`);

  const server = await serveStatic(out, { isolate: false });
  const browser = await launch();
  try {
    const chapter = 'chapters/0000/index.html';
    const ms = (r) => `${r.ms.toFixed(1)} ms (median of ${QUERY_RUNS} fresh pages, ${r.least.toFixed(1)}-${r.most.toFixed(1)})`;
    const files = (r) => r.seen.map(([f]) => f.replace(/^\/search\//, '')).join(' ');
    const t = await measureRuns(browser, server.url, chapter, typed(QUERY));
    console.log(`${`"${QUERY}" typed`.padEnd(23)}results ${ms(t)} after the last key's input event (focused, then ${TYPE_DELAY} ms a key; target <= 50 ms)`);
    console.log(`  ${kb(t.bytes)} fetched in ${t.seen.length} files, manifest included (+ ${kb(script)} search.js, loaded with the page): ${files(t)}`);
    console.log(`  top: ${t.top.join(' | ')}`);
    const s = await measureRuns(browser, server.url, chapter, typed(SHARD_AT_LAST_KEY));
    console.log(`${`"${SHARD_AT_LAST_KEY}" typed`.padEnd(23)}results ${ms(s)} after the last key's input event, which needs a new shard`);
    console.log(`  ${kb(s.bytes)} fetched in ${s.seen.length} files: ${files(s)}`);
    const q = await measureRuns(browser, server.url, chapter, pasted);
    console.log(`${`"${QUERY}" pasted`.padEnd(23)}results ${ms(q)} after the input event (worst case: one input event on a fresh page, nothing fetched before)`);
    console.log(`  ${kb(q.bytes)} fetched in ${q.seen.length} files: ${files(q)}`);
    console.log(`  first page's fetches, ms after the input event (call-last byte; the rest is inflating and ranking): ${q.timeline.join(', ')}`);

    const pagefind = path.join(repoRoot, 'node_modules/.bin/pagefind');
    if (!fs.existsSync(pagefind)) {
      console.log('Pagefind not installed (npm ci installs the pinned 1.6.0): no ratios');
      return;
    }
    const t0 = performance.now();
    execFileSync(pagefind, ['--site', out, '--output-subdir', '_pf', '--silent'], { stdio: 'inherit' });
    const pfSeconds = (performance.now() - t0) / 1000;
    const pfIndex = folderBytes(path.join(out, '_pf'));
    fs.writeFileSync(path.join(out, 'pf-bench.html'), '<!doctype html><title>pagefind</title>\n');
    const p = await measureRuns(browser, server.url, 'pf-bench.html', theirs);
    console.log(`Pagefind 1.6.0         indexing ${pfSeconds.toFixed(1)} s; index ${(pfIndex.bytes / 1e6).toFixed(2)} MB in ${pfIndex.files} files; first query ${kb(p.bytes)} in ${p.seen.length} files, ${ms(p)} from the call`);
    console.log(`ratios                 index ${(index.bytes / pfIndex.bytes).toFixed(3)} of Pagefind's (target <= 0.5); typed first query ${(t.bytes / p.bytes).toFixed(3)} (target <= 0.1), ${((t.bytes + script) / p.bytes).toFixed(3)} with search.js; pasted ${(q.bytes / p.bytes).toFixed(3)}`);
    console.log(`indexing time          ours ${(on.stage / 1000).toFixed(2)} s, Pagefind ${pfSeconds.toFixed(1)} s`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
