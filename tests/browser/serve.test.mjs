// `generator serve`: what an author sees while writing. It serves with the isolation
// headers, refuses to leave the output folder, rebuilds on save and reloads the page, and
// shows a broken save's error in the page while the last good site stays served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launch, buildDir, repoRoot, collectErrors } from './lib.mjs';

const generator = path.join(buildDir, 'generator', 'generator');
let dir, server, base, browser, output = '';

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitFor(cond, what, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; server said:\n${output}`);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Serve test\ndocs_dir: docs\n');
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# First version\n\nHello.\n');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the site');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(generator, ['serve', '--config', path.join(dir, 'mkdocs.yml'), '--theme', path.join(repoRoot, 'site'),
    '--out', path.join(dir, 'out'), '--port', String(port),
    // The theme loads /coi-serviceworker.js, which the sim's build provides at the site root.
    '--mount', '.=' + path.join(buildDir, 'sim', 'site-root')], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { output += d; });
  server.stderr.on('data', (d) => { output += d; });
  await waitFor(async () => { try { return (await fetch(base + '/')).ok; } catch { return false; } }, 'the server');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('pages come with the cross-origin isolation headers', async () => {
  const res = await fetch(base + '/index.html');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(res.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.match(await res.text(), /First version/);
});

test('paths that climb out of the output folder are refused', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
    const res = await fetch(base + p);
    const body = await res.text();
    assert.ok(!body.includes('outside the site'), `${p} leaked a file outside the site`);
  }
  const missing = await fetch(base + '/nope.html');
  assert.equal(missing.status, 404);
});

test('saving a page rebuilds it and reloads the open browser tab', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(base + '/index.html');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  await page.waitForTimeout(300);  // let the live-reload poll start
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# Second version\n\nEdited.\n');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Second version'), null, { timeout: 15000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a broken save shows its file:line error in the page and keeps the last good site', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/index.html');
  await page.waitForTimeout(300);
  // A broken link is only a warning (as in MkDocs); bytes that are not UTF-8 stop the build.
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), Buffer.from('# Third\n\nna\xefve\n', 'latin1'));
  const banner = page.locator('#livereload-error');
  await banner.waitFor({ timeout: 15000 });
  assert.match(await banner.textContent(), /index\.md:3: error: invalid UTF-8/);
  const res = await fetch(base + '/index.html');
  assert.match(await res.text(), /Second version/);
  await page.close();
});
