// The compat book (tests/compat/book, a MkDocs Material book of our own) as a reader gets it
// from our generator: tabs work from the keyboard, math is drawn, axe finds nothing serious,
// and the authors' inline styles and scripts run under the page's CSP without a violation.
// tests/compat/compare.py checks the same book's HTML against MkDocs; this checks behaviour.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, repoRoot, buildDir } from './lib.mjs';

const BOOK = path.join(repoRoot, 'tests/compat/book');
// MkDocs' default use_directory_urls: a/b.md is a/b/index.html.
const PAGES = {
  home: 'index.html',
  markdown: 'chapters/markdown/index.html',
  html: 'chapters/html/index.html',
  admonitions: 'chapters/admonitions/index.html',
  code: 'chapters/code/index.html',
  math: 'chapters/math/index.html',
  reference: 'reference/index.html',
  headings: 'reference/headings/index.html',
  warnings: 'reference/warnings/index.html',
};

// Builds the book into a temporary folder. The book has author mistakes that must be
// warnings, not errors, so a failed build fails every test here with the generator's output.
function buildCompatBook() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-book-'));
  const out = path.join(root, 'out');
  const args = ['build', '--config', path.join(BOOK, 'mkdocs.yml'), '--out', out];
  const generator = path.join(buildDir, 'generator/generator');
  try {
    // From an empty folder, so only a theme the generator carries itself is found.
    execFileSync(generator, args, { cwd: root, stdio: 'pipe' });
  } catch {
    try {
      execFileSync(generator, [...args, '--theme', path.join(repoRoot, 'site')], { cwd: root, stdio: 'pipe' });
    } catch (e) {
      fs.rmSync(root, { recursive: true, force: true });
      throw new Error(`the generator did not build the compat book:\n${e.stdout}${e.stderr}`);
    }
  }
  return { root, out };
}

let book;
let server;
let browser;

before(async () => {
  book = buildCompatBook();
  server = await serveStatic(book.out, { isolate: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (book) fs.rmSync(book.root, { recursive: true, force: true });
});

// A fresh context per page, recording console errors, failed requests and CSP violations.
async function open(pagePath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.goto(`${server.url}/${pagePath}`, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

// Polls `fn` until it returns a truthy value (the page reacts to events asynchronously).
async function until(fn, what, timeout = 3000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

// The text of the tab panel now shown, in Material's markup (.tabbed-block) or ARIA tabs.
async function visiblePanelText(page) {
  return page.evaluate(() => {
    const panels = [...document.querySelectorAll('.tabbed-set .tabbed-block, [role="tabpanel"]')];
    const shown = panels.filter((p) => p.getClientRects().length > 0 && getComputedStyle(p).visibility !== 'hidden');
    return shown.map((p) => p.textContent.trim()).join(' | ');
  });
}

describe('compat book: tabs', () => {
  test(`${PAGES.code}: the tab set is reached with Tab and switched with the arrow keys`, async () => {
    const { context, page } = await open(PAGES.code);
    assert.equal(await page.locator('.tabbed-set, [role="tablist"]').count(), 1, 'one tab set on the page');
    assert.match(await visiblePanelText(page), /print\("hello"\)/, 'the Python tab is shown first');
    assert.doesNotMatch(await visiblePanelText(page), /echo hello/, 'only one panel is shown');

    // As a keyboard user does it: Tab from the top of the page until focus is in the tab set.
    let inTabs = false;
    for (let i = 0; i < 80 && !inTabs; i++) {
      await page.keyboard.press('Tab');
      inTabs = await page.evaluate(() => !!document.activeElement?.closest('.tabbed-set, [role="tablist"]'));
    }
    assert.ok(inTabs, 'no tab of the set can be reached with the Tab key');

    await page.keyboard.press('ArrowRight');
    await until(async () => /echo hello/.test(await visiblePanelText(page)), 'the Shell panel after ArrowRight');
    assert.doesNotMatch(await visiblePanelText(page), /print\("hello"\)/, 'the Python panel is hidden again');
    await page.keyboard.press('ArrowRight');
    await until(async () => /Plain text in a third tab/.test(await visiblePanelText(page)), 'the C panel');
    await page.keyboard.press('ArrowLeft');
    await until(async () => /echo hello/.test(await visiblePanelText(page)), 'the Shell panel after ArrowLeft');
    await context.close();
  });
});

describe('compat book: math', () => {
  test(`${PAGES.math}: every formula is drawn by KaTeX with a real size, the price stays text`, async () => {
    const { context, page, errors } = await open(PAGES.math);
    // Two inline formulas ($...$ and \(...\)) and two displayed ones ($$ and \[).
    const boxes = await until(async () => {
      const found = await page.locator('.katex').evaluateAll((ks) => ks
        .filter((k) => !k.parentElement.closest('.katex'))
        .map((k) => { const r = k.getBoundingClientRect(); return { w: r.width, h: r.height, text: k.textContent }; }));
      return found.length >= 4 ? found : null;
    }, 'four .katex elements');
    assert.equal(boxes.length, 4, `formulas: ${JSON.stringify(boxes.map((b) => b.text))}`);
    for (const b of boxes) assert.ok(b.w > 0 && b.h > 0, `formula ${JSON.stringify(b.text)} has no size`);
    const price = page.locator('p', { hasText: 'A seat costs' });
    assert.equal(await price.locator('.katex, .arithmatex').count(), 0, 'the price became math');
    assert.match(await price.textContent(), /\$35-\$80/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('compat book: accessibility', () => {
  test('axe finds no serious or critical violation on any page', async () => {
    const found = [];
    for (const pagePath of Object.values(PAGES)) {
      const { context, page } = await open(pagePath);
      for (const v of await seriousViolations(page)) found.push(`${pagePath}: ${v}`);
      await context.close();
    }
    assert.deepEqual(found, []);
  });
});

describe('compat book: the authors\' own styles and scripts', () => {
  // html: <style> and style= written by the author; math: KaTeX; code: mermaid and tabs.
  for (const pagePath of [PAGES.html, PAGES.math, PAGES.code]) {
    test(`${pagePath}: no CSP violation, no console error, no failed request`, async () => {
      const { context, page, errors } = await open(pagePath);
      await page.waitForTimeout(300);  // let deferred scripts (KaTeX, mermaid) run
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      assert.deepEqual(errors, [], 'console errors and failed requests');
      await context.close();
    });
  }

  test(`${PAGES.html}: the inline <style> and style= apply`, async () => {
    const { context, page } = await open(PAGES.html);
    const note = page.locator('p.author-note');
    const style = await note.evaluate((p) => ({
      border: getComputedStyle(p).borderLeftWidth, color: getComputedStyle(p).color,
    }));
    assert.deepEqual(style, { border: '4px', color: 'rgb(26, 35, 126)' });
    await context.close();
  });

  test(`${PAGES.admonitions}: extra_css styles the custom admonition type, extra_javascript runs`, async () => {
    const { context, page } = await open(PAGES.admonitions);
    // The author's CSS targets `.md-typeset .admonition.sim`, as Material's documentation shows.
    const sim = page.locator('.admonition.sim');
    assert.equal(await sim.count(), 1, 'the sim admonition');
    assert.equal(await sim.evaluate((d) => getComputedStyle(d).borderTopColor), 'rgb(0, 150, 136)');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.extraJs), 'loaded');
    await context.close();
  });
});
