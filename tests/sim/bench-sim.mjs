// Benchmark figures for the MicroSim (printed, not asserted):
//  1. real-thread increments/second, atomic mode, Wasm in headless Chromium vs the same
//     engine native, as a ratio (target: Wasm within 2x of native);
//  2. page weight: gzip bytes of every file the sim page requests (target under 100 KB,
//     against roughly 1 MB for a p5.js-based MicroSim);
//  3. time from navigation start to the first interactive frame.
// Usage: node tests/sim/bench-sim.mjs --native <sim-bench-native> --site <preview dir>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from '../browser/lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
if (!args.native || !args.site) {
  console.error('usage: bench-sim.mjs --native <sim-bench-native> --site <dir with sims/shared-mem-race>');
  process.exit(2);
}
const site = path.resolve(args.site);
const simUrl = '/sims/shared-mem-race/main.html';
if (!fs.existsSync(path.join(site, simUrl))) {
  console.error(`bench-sim.mjs: ${path.join(site, simUrl)}: not found (build the sim-web target)`);
  process.exit(1);
}

// Thread counts: 1 measures the per-increment cost alone; 2 matches this machine's cores;
// 4 oversubscribes them, as the page's default does (noisier: it depends on time slicing).
const THREAD_COUNTS = [1, 2, 4], INCREMENTS = 1000000, RUNS = 7, LOADS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// A static server that records which files were requested, so worker scripts count too.
function serve(isolate) {
  const requested = new Set();
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(site, p);
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end(); return;
    }
    requested.add(file);
    const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' };
    if (isolate) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    res.writeHead(200, headers);
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, requested,
    close: () => new Promise((r) => server.close(r)),
  })));
}

async function load(browser, server) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url + simUrl);
  await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  const t = await page.evaluate(() => performance.getEntriesByName('sim-interactive')[0].startTime);
  return { context, page, t };
}

const gzipBytes = (files) => [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f)).length, 0);

// 1. Native.
const native = THREAD_COUNTS.map((n) => JSON.parse(execFileSync(args.native, ['--mode', 'atomic',
  '--threads', String(n), '--increments', String(INCREMENTS), '--runs', String(RUNS)], { encoding: 'utf8' })));
const wasm = [];
let fps = 0;

const browser = await launch();
try {
  // 1. Wasm, and 2.+3. for the threaded page.
  const iso = await serve(true);
  const times = [];
  let weightThreads = 0, filesThreads = [];
  for (let i = 0; i < LOADS; i++) {
    iso.requested.clear();
    const { context, page, t } = await load(browser, iso);
    times.push(t);
    if (i === 0) {
      for (const n of THREAD_COUNTS) {
        const res = await page.evaluate(([k, m, r]) => self.microsim.runReal(k, m, 'atomic', r), [n, INCREMENTS, RUNS]);
        wasm.push({ rate: median(res.results.map((x) => x.perSecond)), lost: res.results.reduce((a, x) => a + x.lost, 0) });
      }
      // Frame rate while the stepper animates 8 threads at its top speed (60 steps/s).
      await page.selectOption('#m-threads', '8');
      await page.fill('#m-incs', '20');
      await page.dispatchEvent('#m-incs', 'change');
      await page.selectOption('#m-sched', 'random');
      await page.fill('#m-speed', '60');
      await page.click('#b-run');
      fps = await page.evaluate(() => new Promise((resolve) => {
        const t0 = performance.now();
        let frames = 0;
        const tick = (now) => { frames++; if (now - t0 < 2000) requestAnimationFrame(tick); else resolve(frames * 1000 / (now - t0)); };
        requestAnimationFrame(tick);
      }));
      weightThreads = gzipBytes(iso.requested);
      filesThreads = [...iso.requested].map((f) => path.relative(site, f));
    }
    await context.close();
  }
  await iso.close();

  const plain = await serve(false);
  const timesSingle = [];
  let weightSingle = 0;
  for (let i = 0; i < LOADS; i++) {
    plain.requested.clear();
    const { context, t } = await load(browser, plain);
    timesSingle.push(t);
    if (i === 0) weightSingle = gzipBytes(plain.requested);
    await context.close();
  }
  await plain.close();

  const kb = (b) => (b / 1024).toFixed(1) + ' KB';
  console.log('MicroSim benchmark (headless Chromium; real mode atomic, ' + INCREMENTS.toLocaleString('en-US') + ' increments per thread, median of ' + RUNS + ' runs)');
  THREAD_COUNTS.forEach((n, i) => {
    const ratio = native[i].medianPerSecond / wasm[i].rate;
    console.log(`  ${n} thread${n > 1 ? 's' : ' '}: native ${(native[i].medianPerSecond / 1e6).toFixed(1)} M incr/s, wasm ${(wasm[i].rate / 1e6).toFixed(1)} M incr/s, ` +
      `native/wasm ${ratio.toFixed(2)}x (target within 2x: ${ratio <= 2 ? 'MET' : 'NOT MET'}; lost native ${native[i].lostTotal}, wasm ${wasm[i].lost})`);
  });
  console.log(`  page weight, threaded (gzip): ${weightThreads} bytes = ${kb(weightThreads)} over ${filesThreads.length} files (target < 100 KB; a p5.js MicroSim is ~1 MB) ${weightThreads < 100 * 1024 ? 'MET' : 'NOT MET'}`);
  console.log(`  page weight, fallback (gzip): ${weightSingle} bytes = ${kb(weightSingle)}`);
  console.log(`  first interactive frame:      ${median(times).toFixed(0)} ms threaded, ${median(timesSingle).toFixed(0)} ms fallback (median of ${LOADS} cold loads)`);
  console.log(`  stepper animation:            ${fps.toFixed(1)} frames/s over 2 s (8 threads, 60 steps/s)`);
  console.log(`  files (threaded): ${filesThreads.sort().join(', ')}`);
} finally {
  await browser.close();
}
