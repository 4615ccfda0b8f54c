// The chapter's MicroSim frame takes the height the sim page posts, so the sim never
// scrolls inside the page, at phone, tablet and desktop widths, and follows it as the sim
// grows. Only the sim's own frame is listened to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, screenshot, siteDir } from './lib.mjs';

const CHAPTER = '/chapters/07-shared-memory/index.html';
const FRAME = 'iframe[src="../../sims/shared-mem-race/main.html"]';
let browser, server;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, CHAPTER)), 'build the site target first');
  browser = await launch();
  server = await serveStatic(siteDir, { isolate: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The frame's inner height against the sim document's height; equal when sized.
const fit = (page) => page.locator(FRAME).evaluate((f) => {
  const doc = f.contentDocument.documentElement;
  return { frame: f.clientHeight, content: Math.ceil(doc.getBoundingClientRect().height), scroll: doc.scrollHeight,
    view: doc.clientHeight, wide: doc.scrollWidth - doc.clientWidth };
});

async function fitted(page, what) {
  await page.waitForFunction((sel) => {
    const f = document.querySelector(sel);
    const doc = f.contentDocument && f.contentDocument.documentElement;
    return doc && Math.abs(f.clientHeight - Math.ceil(doc.getBoundingClientRect().height)) <= 1;
  }, FRAME, { timeout: 10000 }).catch(() => {});
  const f = await fit(page);
  assert.ok(Math.abs(f.frame - f.content) <= 1, `${what}: frame ${f.frame}px for ${f.content}px of sim`);
  assert.ok(f.scroll <= f.view, `${what}: the sim scrolls inside its frame (${f.scroll} > ${f.view})`);
  assert.ok(f.wide <= 0, `${what}: the sim is ${f.wide}px wider than its frame`);
  return f;
}

for (const width of [390, 768, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${width}px ${colorScheme}: the frame fits the sim, and follows it as it grows`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 844 }, colorScheme, serviceWorkers: 'block',
        ...(width === 390 ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
      });
      const page = await context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(server.url + CHAPTER);
        const sim = page.frameLocator(FRAME);
        await sim.locator('body[data-ready="threads"]').waitFor({ timeout: 30000 });
        const first = await fitted(page, 'at start');
        assert.equal(await page.locator(FRAME).getAttribute('scrolling'), 'no');

        // Eight threads make the picture taller; the explorer adds a table.
        await sim.locator('#m-threads').selectOption('8');
        await sim.locator('#b-explore').click();
        const grown = await fitted(page, 'after it grew');
        assert.ok(grown.frame > first.frame, `the frame grew (${first.frame} -> ${grown.frame})`);
        await sim.locator('#m-threads').selectOption('2');
        await sim.locator('#b-explore').click();
        const shrunk = await fitted(page, 'after it shrank');
        assert.ok(shrunk.frame < grown.frame, 'and shrank back');

        // A message from anything but the sim's frame is ignored, however it is shaped.
        await page.evaluate(() => window.postMessage({ type: 'microsim-height', height: 50 }, location.origin));
        await page.waitForTimeout(100);
        assert.equal((await fit(page)).frame, shrunk.frame, 'a message from the page itself moved the frame');

        if (width === 390) {
          // The screen a reader sees on reaching the sim (a whole-page shot is 40,000px tall).
          await page.locator('#interactive-microsim').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 64));
          await screenshot(page, `chapter-phone-${colorScheme}.png`, { fullPage: false });
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
