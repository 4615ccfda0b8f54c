// The book's header on a phone and on a desktop: the navigation drawer keeps focus while
// open and Escape gives it back to its button; the theme control offers light, dark and the
// system setting, and the MicroSim's frame follows the reader's choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveStatic, collectErrors, seriousViolations, screenshot, siteDir } from './lib.mjs';

const PAGE = '/chapters/07-shared-memory/index.html';
let browser, server;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, PAGE)), 'build the site target first');
  browser = await launch();
  server = await serveStatic(siteDir, { isolate: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width, colorScheme) {
  const phone = width < 500 ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {};
  const context = await browser.newContext({ viewport: { width, height: 844 }, colorScheme, serviceWorkers: 'block', ...phone });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + PAGE, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { inNav: !!a.closest('#site-nav'), toggle: a.classList.contains('nav-toggle'), text: a.textContent.trim() };
});
const bodyBg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const isDark = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, v) => a + v, 0) < 300;

for (const colorScheme of ['light', 'dark']) {
  test(`390px ${colorScheme}: the drawer traps focus, Escape closes it and returns focus`, async () => {
    const { context, page, errors } = await open(390, colorScheme);
    try {
      const toggle = page.locator('header .nav-toggle');
      await toggle.focus();
      await page.keyboard.press('Enter');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const first = await active(page);
      assert.ok(first.inNav, 'opening moves focus into the drawer');
      assert.equal(first.text, 'Chapter 7: Shared Memory', 'onto the current page');
      assert.equal(await page.locator('main').evaluate((m) => m.closest('[inert]') !== null), true, 'the page behind is inert');
      // Twice round the ring with Tab, and back with Shift+Tab: never outside drawer and button.
      const links = await page.locator('#site-nav a').count();
      for (let i = 0; i < 2 * (links + 1); i++) {
        await page.keyboard.press('Tab');
        const a = await active(page);
        assert.ok(a.inNav || a.toggle, `Tab ${i + 1} left the drawer for "${a.text}"`);
      }
      await toggle.focus();
      await page.keyboard.press('Shift+Tab');
      const back = await active(page);
      assert.ok(back.inNav, 'Shift+Tab from the button goes to the drawer\'s last link');
      assert.equal(back.text, await page.locator('#site-nav a').last().textContent());
      await screenshot(page, `drawer-open-${colorScheme}.png`, { fullPage: false });
      assert.deepEqual(await seriousViolations(page), [], 'open drawer');

      await page.keyboard.press('Escape');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.ok((await active(page)).toggle, 'Escape returns focus to the Contents button');
      assert.equal(await page.locator('[inert]').count(), 0, 'nothing stays inert');
      await page.waitForFunction(() => getComputedStyle(document.getElementById('site-nav')).visibility === 'hidden');

      // A tap on the page beside the drawer closes it too.
      await toggle.click();
      await page.mouse.click(370, 500);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('[inert]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('1280px: no drawer; the navigation is a sidebar and nothing is made inert', async () => {
  const { context, page, errors } = await open(1280, 'light');
  try {
    assert.equal(await page.locator('header .nav-toggle').isVisible(), false);
    assert.ok(await page.locator('#site-nav').isVisible());
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[inert]').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const width of [390, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${width}px, system ${colorScheme}: the theme control offers light, dark and system`, async () => {
      const { context, page, errors } = await open(width, colorScheme);
      try {
        const radios = page.getByRole('group', { name: 'Theme' }).getByRole('radio');
        const names = await radios.evaluateAll((rs) => rs.map((r) => r.labels[0].textContent.trim()));
        assert.deepEqual(names, ['Light', 'Dark', 'System']);
        const checked = () => page.locator('.theme-switch input:checked').getAttribute('value');
        assert.equal(await checked(), 'system', 'the system setting by default');
        assert.equal(isDark(await bodyBg(page)), colorScheme === 'dark');

        // The other theme, by keyboard (radios: one Tab stop, arrows choose).
        await page.locator('.theme-switch input:checked').focus();
        const other = colorScheme === 'dark' ? 'light' : 'dark';
        await page.keyboard.press('ArrowLeft');  // System -> Dark
        if (other === 'light') await page.keyboard.press('ArrowLeft');  // Dark -> Light
        assert.equal(await checked(), other);
        assert.equal(isDark(await bodyBg(page)), other === 'dark');
        assert.equal(await page.evaluate(() => localStorage.getItem('book-theme')), other);
        await page.waitForFunction((t) => document.getElementById('book-announcer').textContent === t,
          other === 'dark' ? 'Dark theme' : 'Light theme');
        // The sim in its frame follows the choice.
        const sim = page.frameLocator('iframe[src$="main.html"]');
        await sim.locator('body[data-ready]').waitFor({ timeout: 30000 });
        await page.waitForFunction((t) => document.querySelector('iframe[src$="main.html"]').contentDocument.documentElement.dataset.theme === t, other);
        assert.equal(isDark(await sim.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)), other === 'dark');
        await page.reload({ waitUntil: 'networkidle' });
        assert.equal(await checked(), other, 'the choice survives a reload');

        // Back to the system setting, which then follows the system as it changes.
        await page.locator('.theme-switch label', { hasText: 'System' }).click();
        assert.equal(await checked(), 'system');
        assert.equal(await page.evaluate(() => localStorage.getItem('book-theme')), null);
        assert.equal(await page.getAttribute('html', 'data-theme'), null);
        for (const scheme of [other, colorScheme]) {
          await page.emulateMedia({ colorScheme: scheme });
          assert.equal(isDark(await bodyBg(page)), scheme === 'dark', `following the system: ${scheme}`);
        }
        await page.waitForFunction(() => !('theme' in document.querySelector('iframe[src$="main.html"]').contentDocument.documentElement.dataset));
        assert.deepEqual(await seriousViolations(page, ['iframe']), []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}
