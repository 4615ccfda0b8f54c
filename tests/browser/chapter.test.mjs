// The shared-memory chapter as a reader gets it: the generated page in Debian's Chromium,
// served with the COOP/COEP headers of `generator serve`. Expectations about content
// (quiz answers, code) are read from the chapter's Markdown source, not repeated here.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir, repoRoot, buildDir,
} from './lib.mjs';

const CHAPTER = 'chapters/07-shared-memory/index.html';
const source = fs.readFileSync(
  path.join(repoRoot, 'content/chapters/07-shared-memory/index.md'), 'utf8');
// The letters the author marked correct, in page order.
const answers = [...source.matchAll(/The correct answer is \*\*([A-Z])\*\*/g)].map((m) => m[1]);
// The fenced code blocks, as the reader should get them from the copy button.
const fences = [];
{
  let current = null;
  for (const line of source.split('\n')) {
    if (current === null && /^```/.test(line)) current = '';
    else if (current !== null && /^```\s*$/.test(line)) { fences.push(current); current = null; }
    else if (current !== null) current += `${line}\n`;
  }
}

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, CHAPTER)),
    `no generated chapter at ${path.join(siteDir, CHAPTER)}: build the site target first`);
  server = await serveStatic(siteDir, { isolate: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// A fresh context per test (own localStorage), recording console errors and every request
// that is not for the local server.
async function open(pagePath = CHAPTER, options = {}) {
  const { colorScheme = 'light', viewport = { width: 1280, height: 900 }, ...rest } = options;
  const context = await browser.newContext({ colorScheme, viewport, ...rest });
  const page = await context.newPage();
  const errors = collectErrors(page);
  // Chromium's console line for a 404 does not name the file; this does.
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!(u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1')) foreign.push(r.url());
  });
  await page.goto(`${server.url}/${pagePath}`, { waitUntil: 'networkidle' });
  return { context, page, errors, foreign };
}

async function bodyBackground(page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
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

async function optionState(option) {
  return option.evaluate((b) => ({
    pressed: b.getAttribute('aria-pressed'),
    correct: b.classList.contains('is-correct'),
    incorrect: b.classList.contains('is-incorrect'),
    text: b.textContent,
  }));
}

const letterIndex = (letter) => letter.charCodeAt(0) - 65;
const wrongLetter = (letter) => (letter === 'A' ? 'B' : 'A');

describe('chapter 7 page', () => {
  test('loads without console errors and requests nothing from another host', async () => {
    const { context, page, errors, foreign } = await open();
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    assert.match(await page.title(), /Shared Memory/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await context.close();
  });

  test('has a table of contents and a permalink on every section heading', async () => {
    const { context, page } = await open();
    const headings = await page.locator('main h2[id], main h3[id]').evaluateAll((hs) =>
      hs.map((h) => ({ id: h.id, link: h.querySelector('a.headerlink')?.getAttribute('href') })));
    assert.ok(headings.length >= 8, `only ${headings.length} section headings`);
    for (const h of headings) assert.equal(h.link, `#${h.id}`, `headerlink of #${h.id}`);
    const tocTargets = await page.locator('.page-toc a[href^="#"]').evaluateAll((as) =>
      as.map((a) => a.getAttribute('href').slice(1)));
    const h2 = await page.locator('main h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
    for (const id of h2) assert.ok(tocTargets.includes(id), `TOC lacks #${id}`);
    for (const id of tocTargets) {
      assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `TOC target #${id}`);
    }
    await context.close();
  });

  test('has a copy button on every code block that copies the code as written', async () => {
    const { context, page, errors } = await open(CHAPTER, { permissions: ['clipboard-read', 'clipboard-write'] });
    const blocks = page.locator('.code-block');
    assert.equal(await blocks.count(), fences.length, 'one .code-block per fenced block');
    for (let i = 0; i < fences.length; i++) {
      assert.equal(await blocks.nth(i).locator('button.copy-button').count(), 1, `copy button on block ${i}`);
    }
    for (let i = 0; i < fences.length; i++) {
      await blocks.nth(i).locator('button.copy-button').click();
      await until(() => page.locator('#book-announcer').textContent(), '"Copied" announcement')
        .then((t) => assert.equal(t, 'Copied'));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), fences[i], `clipboard after block ${i}`);
      await page.locator('#book-announcer').evaluate((r) => { r.textContent = ''; });
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('without JavaScript the quizzes are readable options and a Show Answer block', async () => {
    const { context, page } = await open(CHAPTER, { javaScriptEnabled: false });
    const details = page.locator('main details.question');
    assert.equal(await details.count(), answers.length);
    assert.equal(await page.locator('.quiz-option').count(), 0);
    for (let i = 0; i < answers.length; i++) {
      // The generator wrote the options as a lettered list right before the answer block.
      const options = await details.nth(i).evaluate((d) => [...d.parentElement.querySelectorAll('.quiz-choices > li')]
        .map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
      assert.equal(options.length, 3);
      options.forEach((o, k) => assert.match(o, new RegExp(`^${'ABC'[k]}\\. \\S`)));
      assert.ok(await page.locator('.quiz-choices').nth(i).isVisible());
      await details.nth(i).locator('summary').click();
      assert.ok(await details.nth(i).getByText(`The correct answer is ${answers[i]}`).isVisible());
    }
    await context.close();
  });

  test('each quiz works with the mouse: a wrong choice, try again, the right choice', async () => {
    assert.equal(answers.length, 3, 'the chapter has three quiz questions');
    const { context, page, errors } = await open();
    const groups = page.locator('main [role="group"].quiz-options');
    assert.equal(await groups.count(), answers.length);
    for (let i = 0; i < answers.length; i++) {
      const group = groups.nth(i);
      const item = group.locator('xpath=..');
      const details = item.locator('details.question');
      const explanation = details.getByText(`The correct answer is ${answers[i]}`);
      const options = group.locator('button.quiz-option');
      assert.equal(await options.count(), 3);
      assert.match(await options.nth(0).textContent(), /^A\./);
      // The group is named by its question.
      const name = await group.evaluate((g) => document.getElementById(g.getAttribute('aria-labelledby'))?.textContent);
      assert.ok(name && name.endsWith('?'), `group ${i} named by its question, got ${name}`);
      assert.equal(await explanation.isVisible(), false, 'explanation hidden before answering');

      const wrong = options.nth(letterIndex(wrongLetter(answers[i])));
      await wrong.click();
      let s = await optionState(wrong);
      assert.deepEqual([s.pressed, s.incorrect, s.correct], ['true', true, false]);
      assert.match(s.text, /Incorrect/);
      assert.match(await item.locator('.quiz-feedback').textContent(), /incorrect/);
      assert.ok(await explanation.isVisible(), 'explanation revealed after a choice');

      await item.locator('button.quiz-retry').click();
      s = await optionState(wrong);
      assert.deepEqual([s.pressed, s.incorrect], ['false', false]);
      assert.equal(await details.evaluate((d) => d.open), false, 'try again closes the explanation');

      const right = options.nth(letterIndex(answers[i]));
      await right.click();
      s = await optionState(right);
      assert.deepEqual([s.pressed, s.correct, s.incorrect], ['true', true, false]);
      assert.match(s.text, /Correct/);
      assert.match(await item.locator('.quiz-feedback').textContent(), new RegExp(`${answers[i]} is correct`));
      assert.ok(await explanation.isVisible(), 'explanation visible after the right choice');
      // The Show Answer block still works by hand.
      await details.locator('summary').click();
      assert.equal(await details.evaluate((d) => d.open), false);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('each quiz works from the keyboard: Tab to an option, Enter or Space', async () => {
    const { context, page, errors } = await open();
    const groups = page.locator('main [role="group"].quiz-options');
    const focusedLetter = () => page.evaluate(() => document.activeElement?.dataset?.letter || document.activeElement?.className);
    for (let i = 0; i < answers.length; i++) {
      const group = groups.nth(i);
      const item = group.locator('xpath=..');
      const options = group.locator('button.quiz-option');
      // Start sequential focus navigation at the question text, as a reader would.
      await page.locator(`#${await group.getAttribute('aria-labelledby')}`).click();
      await page.keyboard.press('Tab');
      assert.equal(await focusedLetter(), 'A', `Tab from question ${i + 1} reaches option A`);

      const wrong = wrongLetter(answers[i]);
      for (let k = 0; k < letterIndex(wrong); k++) await page.keyboard.press('Tab');
      assert.equal(await focusedLetter(), wrong);
      await page.keyboard.press('Enter');
      const w = await optionState(options.nth(letterIndex(wrong)));
      assert.deepEqual([w.pressed, w.incorrect], ['true', true], 'Enter chose the wrong option');
      assert.ok(await item.locator('details.question').evaluate((d) => d.open));

      // Past the remaining options to "Try again", then Space.
      for (let k = letterIndex(wrong); k < 3; k++) await page.keyboard.press('Tab');
      assert.equal(await focusedLetter(), 'quiz-retry');
      await page.keyboard.press('Space');
      assert.equal(await focusedLetter(), 'A', 'after Try again, focus returns to option A');

      for (let k = 0; k < letterIndex(answers[i]); k++) await page.keyboard.press('Tab');
      assert.equal(await focusedLetter(), answers[i]);
      await page.keyboard.press('Space');
      const r = await optionState(options.nth(letterIndex(answers[i])));
      assert.deepEqual([r.pressed, r.correct], ['true', true], 'Space chose the right option');
      assert.ok(await item.locator('details.question').getByText(`The correct answer is ${answers[i]}`).isVisible());
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the theme control switches the theme and the choice survives a reload', async () => {
    const { context, page, errors } = await open(CHAPTER, { colorScheme: 'light' });
    const choose = (name) => page.locator('header .theme-switch label', { hasText: name }).click();
    const checked = () => page.locator('header .theme-switch input:checked').getAttribute('value');
    assert.equal(await checked(), 'system');
    const light = await bodyBackground(page);
    await choose('Dark');
    assert.equal(await checked(), 'dark');
    const dark = await bodyBackground(page);
    assert.notEqual(dark, light, 'background changes');
    await page.reload({ waitUntil: 'networkidle' });
    assert.equal(await bodyBackground(page), dark, 'dark after reload');
    assert.equal(await checked(), 'dark');
    await choose('Light');
    await page.reload({ waitUntil: 'networkidle' });
    assert.equal(await bodyBackground(page), light, 'light again after choosing it and reloading');
    assert.deepEqual(errors, []);
    await context.close();

    // With no stored choice the system preference decides; a stored choice overrides it.
    const sys = await open(CHAPTER, { colorScheme: 'dark' });
    assert.equal(await bodyBackground(sys.page), dark, 'prefers-color-scheme: dark gives the dark theme');
    await sys.page.locator('header .theme-switch label', { hasText: 'Light' }).click();
    assert.equal(await bodyBackground(sys.page), light, 'the control overrides the system preference');
    await sys.context.close();
  });

  test('axe finds no serious or critical violations, light and dark; screenshots', async () => {
    const found = {};
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await open(CHAPTER, { colorScheme });
      // Answer the first quiz so the marked states are checked (and shown) too.
      const first = page.locator('main [role="group"].quiz-options').first().locator('button.quiz-option');
      await first.nth(letterIndex(wrongLetter(answers[0]))).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `chapter-${colorScheme}.png`);
      found[colorScheme] = await seriousViolations(page);
      await context.close();
    }
    assert.deepEqual(found, { light: [], dark: [] });
  });

  test('on a phone the navigation folds behind a button and the page fits the width', async () => {
    const { context, page, errors } = await open(CHAPTER, {
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    const navToggle = page.locator('header button.nav-toggle');
    const nav = page.locator('#site-nav');
    assert.ok(await navToggle.isVisible());
    assert.equal(await nav.isVisible(), false, 'nav folded');
    assert.equal(await page.locator('.page-toc').isVisible(), false, 'right-hand TOC hidden');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await navToggle.click();
    assert.equal(await navToggle.getAttribute('aria-expanded'), 'true');
    await until(() => nav.isVisible(), 'nav to open');
    await page.keyboard.press('Escape');
    assert.equal(await navToggle.getAttribute('aria-expanded'), 'false');
    await screenshot(page, 'chapter-mobile.png');
    assert.deepEqual(await seriousViolations(page), [], 'mobile layout');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('prints without navigation and with every answer shown', async () => {
    const { context, page } = await open();
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['header.site-header', '#site-nav', '.page-toc', '.quiz-options']) {
      assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden in print`);
    }
    for (let i = 0; i < answers.length; i++) {
      const d = page.locator('main details.question').nth(i);
      assert.ok(await d.getByText(`The correct answer is ${answers[i]}`).isVisible(), `answer ${i + 1} printed`);
      assert.ok(await d.locator('xpath=..').locator('.quiz-source').isVisible(),
        `the plain options of question ${i + 1} are printed`);
    }
    await context.close();
  });
});

// The other quiz format (intelligent-textbook generators): options in
// <div class="upper-alpha" markdown> as a list, the question as a paragraph or an h4. The real
// generator builds this Markdown into a small book next to the real theme.
const UPPER_ALPHA_MD = `# Quiz formats

1. Which call attaches a segment?

    <div class="upper-alpha" markdown>
    1. \`shmget()\`
    2. \`shmat()\`
    3. \`shmdt()\`
    4. None of the **above**
    </div>

    ??? question "Show Answer"
        The correct answer is **B**. \`shmat()\` attaches.

#### 2. Which removes it?

<div class="upper-alpha" markdown>
1. \`shmctl(id, IPC_RMID, NULL)\`
2. \`free()\`
</div>

??? question "Show Answer"
    The correct answer is **A**. IPC_RMID marks it for removal.
`;

function buildSmallBook(markdown) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-book-'));
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, 'mkdocs.yml'), 'site_name: Quiz formats\ndocs_dir: docs\n');
  fs.writeFileSync(path.join(root, 'docs/index.md'), markdown);
  // The theme loads the service worker from the site root, as the book's own build mounts it.
  fs.mkdirSync(path.join(root, 'root-files'));
  fs.copyFileSync(path.join(repoRoot, 'node_modules/coi-serviceworker/coi-serviceworker.min.js'),
    path.join(root, 'root-files/coi-serviceworker.js'));
  execFileSync(path.join(buildDir, 'generator/generator'), ['build', '--config', path.join(root, 'mkdocs.yml'),
    '--theme', path.join(repoRoot, 'site'), '--out', path.join(root, 'out'),
    '--mount', `.=${path.join(root, 'root-files')}`], { stdio: 'pipe' });
  return root;
}

describe('upper-alpha quiz format', () => {
  test('becomes lettered buttons named by their question, marked against the stated answer', async () => {
    const root = buildSmallBook(UPPER_ALPHA_MD);
    const small = await serveStatic(path.join(root, 'out'));
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
    await page.goto(`${small.url}/index.html`, { waitUntil: 'networkidle' });
    const groups = page.locator('[role="group"].quiz-options');
    const seen = await groups.evaluateAll((gs) => gs.map((g) => ({
      name: g.getAttribute('aria-label')
        || document.getElementById(g.getAttribute('aria-labelledby'))?.textContent,
      options: [...g.querySelectorAll('button.quiz-option')].map((b) => b.textContent.trim()),
    })));
    assert.deepEqual(seen, [
      { name: 'Which call attaches a segment?', options: ['A. shmget()', 'B. shmat()', 'C. shmdt()', 'D. None of the above'] },
      { name: '2. Which removes it?', options: ['A. shmctl(id, IPC_RMID, NULL)', 'B. free()'] },
    ]);
    await groups.nth(0).locator('button').nth(1).click();
    assert.match(await page.locator('.quiz-feedback').nth(0).textContent(), /^B is correct/);
    await groups.nth(1).locator('button').nth(1).click();
    assert.match(await page.locator('.quiz-feedback').nth(1).textContent(), /^B is incorrect; the correct answer is A/);
    assert.ok(await page.getByText('IPC_RMID marks it for removal').isVisible());
    assert.deepEqual(errors, []);
    await context.close();
    await small.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('index page', () => {
  test('loads without console errors, foreign requests or serious axe violations', async () => {
    const { context, page, errors, foreign } = await open('index.html');
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    assert.ok(await page.locator('main#content h1').count() >= 1);
    // The chapter is reachable from the home page.
    assert.ok(await page.locator(`a[href$="${CHAPTER}"]`).count() >= 1);
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });
});
