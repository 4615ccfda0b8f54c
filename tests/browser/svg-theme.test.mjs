// Every SVG the build writes follows the reader's theme: the IPC chart and the two drawings
// (shown through <img>, coloured by custom properties with a dark set), the recorded
// traces (inline, coloured by the book's palette) and the MicroSim's picture. Checked by
// what Chromium paints, light and dark, system setting and the reader's own choice, with a
// contrast check of every text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, serveStatic, collectErrors, lowContrastSvgText, meanLuminance, repoRoot, siteDir,
} from './lib.mjs';

const PAGE = '/chapters/07-shared-memory/index.html';
const IMG_DIR = 'content/chapters/07-shared-memory/img';
const images = fs.readdirSync(path.join(repoRoot, IMG_DIR)).filter((f) => f.endsWith('.svg')).sort();
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

async function open(width, colorScheme, theme = null) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, colorScheme });
  if (theme) await context.addInitScript((t) => localStorage.setItem('book-theme', t), theme);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + PAGE, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

test('the SVG files colour themselves with custom properties, with a dark set', () => {
  assert.deepEqual(images, ['ipc-benchmark.svg', 'shared_memory_flow.svg', 'shared_memory_overview.svg']);
  for (const name of images) {
    const svg = fs.readFileSync(path.join(repoRoot, IMG_DIR, name), 'utf8');
    assert.doesNotMatch(svg, /\s(fill|stroke)="#/, `${name}: a colour fixed in an attribute cannot follow the theme`);
    assert.match(svg, /@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{[^}]*--/, `${name}: no dark custom properties`);
    const rules = svg.slice(svg.indexOf('<style>'), svg.indexOf('</style>')).replace(/:root\s*\{[^}]*\}/g, '');
    assert.doesNotMatch(rules, /(fill|stroke):\s*#/, `${name}: a rule with a fixed colour`);
  }
});

for (const width of [390, 1280]) {
  test(`${width}px: the images follow the system setting and the reader's choice`, async () => {
    const cases = [['light', null, 'light'], ['dark', null, 'dark'], ['light', 'dark', 'dark'], ['dark', 'light', 'light']];
    for (const [system, chosen, expect] of cases) {
      const { context, page, errors } = await open(width, system, chosen);
      try {
        for (const name of images) {
          const img = page.locator(`main img[src$="${name}"]`);
          await img.scrollIntoViewIfNeeded();
          await img.evaluate((i) => i.decode());
          const lum = await meanLuminance(page, img);
          const what = `${name}, system ${system}, chosen ${chosen}: mean luminance ${lum.toFixed(2)}`;
          if (expect === 'dark') assert.ok(lum < 0.3, what);
          else assert.ok(lum > 0.6, what);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`${colorScheme}: every text in the SVG files has enough contrast`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    const page = await context.newPage();
    try {
      for (const name of images) {
        await page.goto(`${server.url}/chapters/07-shared-memory/img/${name}`);
        const { checked, bad } = await lowContrastSvgText(page, 'svg');
        assert.ok(checked >= 10, `${name}: only ${checked} texts checked`);
        assert.deepEqual(bad, [], `${name} (${colorScheme})`);
      }
    } finally {
      await context.close();
    }
  });

  for (const width of [390, 1280]) {
    test(`${width}px ${colorScheme}: the recorded traces follow the theme with enough contrast`, async () => {
      const { context, page, errors } = await open(width, colorScheme);
      try {
        const bg = await page.locator('figure.trace').first().evaluate((f) => getComputedStyle(f).backgroundColor);
        const laneFill = await page.locator('.trace-scroll .trace-lane-bg').first().evaluate((r) => getComputedStyle(r).fill);
        const dark = (c) => c.match(/\d+/g).slice(0, 3).map(Number).reduce((a, v) => a + v, 0) < 3 * 100;
        assert.equal(dark(bg), colorScheme === 'dark', `figure background ${bg}`);
        assert.equal(dark(laneFill), colorScheme === 'dark', `lane fill ${laneFill}`);
        const { checked, bad } = await lowContrastSvgText(page, 'figure.trace .trace-scroll svg');
        assert.ok(checked >= 50, `only ${checked} texts checked`);
        assert.deepEqual(bad, []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
