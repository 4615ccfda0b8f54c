// The recorded runs of the chapter's C examples (native/): each is drawn under its code
// block as an SVG sequence diagram that needs no JavaScript, and pointing at or focusing a
// call highlights the source line that made it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir } from './lib.mjs';

const PAGE = '/chapters/07-shared-memory/index.html';
let server, browser;

before(async () => {
  const file = path.join(siteDir, PAGE);
  assert.ok(fs.existsSync(file), `${file} does not exist: build the site first (cmake --build build --target site)`);
  server = await serveStatic(siteDir, { isolate: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The figure the generator placed after the code block titled `name`.
async function traceOf(page, name) {
  const id = await page.evaluate((n) => {
    const title = [...document.querySelectorAll('.code-block .code-title')].find((t) => t.textContent.trim().startsWith(n));
    return title ? title.closest('.code-block').id : null;
  }, name);
  assert.ok(id, `no code block titled ${name}`);
  const fig = page.locator(`figure.trace[data-source="${id}"]`);
  assert.equal(await fig.count(), 1, `no recorded trace under ${name} (#${id})`);
  return { id, fig };
}

test('each chapter example has its recorded run drawn right under it', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + PAGE);
  for (const name of ['sysv_parent_child.c', 'posix_shm.c']) {
    const { id, fig } = await traceOf(page, name);
    const follows = await page.evaluate((i) => {
      const block = document.getElementById(i);
      const figure = document.querySelector(`figure.trace[data-source="${i}"]`);
      // Nothing but whitespace between the block and its trace.
      let n = block.nextElementSibling;
      return n === figure;
    }, id);
    assert.ok(follows, `the trace of ${name} is not right after its code block`);
    const box = await fig.locator('svg.trace-svg').boundingBox();
    assert.ok(box && box.height > 150 && box.width > 200, `${name}: diagram not visible (${JSON.stringify(box)})`);
    const lines = await fig.locator('[data-line]').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')));
    assert.ok(lines.length >= 4, `${name}: only ${lines.length} calls link to source lines`);
    for (const l of lines) assert.ok(await page.locator(`[id="${l}"]`).count() === 1, `${name}: ${l} is not a source line`);
  }
  const { fig } = await traceOf(page, 'sysv_parent_child.c');
  const text = await fig.locator('svg.trace-svg').textContent();
  for (const call of ['shmget', 'clone', 'shmat', 'shmdt', 'wait4', 'shmctl', 'P1', 'P2'])
    assert.ok(text.includes(call), `the SysV diagram does not show ${call}`);
  assert.match(await fig.locator('.trace-stdout').textContent(), /Child read: Hello from parent!/);
  assert.match(await fig.locator('.trace-warnings').textContent(), /implicit declaration of function 'wait'/);
  await screenshot(page, 'traces-chapter.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('focusing calls moves the highlight to each call\'s source line', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + PAGE);
  const { fig } = await traceOf(page, 'sysv_parent_child.c');
  const calls = fig.locator('svg [data-line]');
  const highlighted = () => page.evaluate(() => [...document.querySelectorAll('.line.is-highlighted')].map((e) => e.id));

  await calls.first().focus();
  const firstLine = await calls.first().getAttribute('data-line');
  assert.deepEqual(await highlighted(), [firstLine]);

  // Tab walks the calls in time order; the highlight follows to a different line.
  let line = firstLine;
  for (let i = 0; i < 8 && line === firstLine; i++) {
    await page.keyboard.press('Tab');
    line = await page.evaluate(() => document.activeElement.getAttribute('data-line'));
    assert.ok(line, 'Tab left the diagram before reaching a call on another line');
  }
  assert.notEqual(line, firstLine);
  assert.deepEqual(await highlighted(), [line]);

  // Pointing at a call shows its line; leaving it goes back to the focused call's line.
  const shmctl = fig.locator('svg a.trace-ev', { hasText: 'shmctl' });
  await shmctl.hover();
  const shmctlLine = await shmctl.getAttribute('data-line');
  assert.deepEqual(await highlighted(), [shmctlLine]);
  assert.match(await page.locator(`[id="${shmctlLine}"]`).textContent(), /shmctl/);
  await page.mouse.move(1, 1);
  assert.deepEqual(await highlighted(), [line]);

  // Leaving the diagram clears it.
  await page.evaluate(() => document.activeElement.blur());
  assert.deepEqual(await highlighted(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without JavaScript the diagram is drawn and each call links to its line', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + PAGE);
  const { fig } = await traceOf(page, 'sysv_parent_child.c');
  const box = await fig.locator('svg.trace-svg').boundingBox();
  assert.ok(box && box.height > 150);
  const get = fig.locator('svg a.trace-ev', { hasText: 'shmget' });
  const href = await get.getAttribute('href');
  assert.match(href, /^#code-.*-L\d+$/);
  await get.click();
  assert.equal(await page.evaluate(() => location.hash), href);
  assert.match(await page.locator(':target').textContent(), /shmget/);
  await context.close();
});

test('the trace figures have no serious accessibility violations, light or dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme });  // axe needs a page of its own context
    const page = await context.newPage();
    await page.goto(server.url + PAGE);
    await page.locator('figure.trace details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    const ours = (await seriousViolations(page)).filter((v) => v.includes('trace'));
    assert.deepEqual(ours, [], `${colorScheme}: ${ours.join('; ')}`);
    await context.close();
  }
});
