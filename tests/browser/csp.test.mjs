// Every page declares a Content-Security-Policy that allows only this site's own files
// (and WebAssembly compilation on the MicroSim page), and nothing on them violates it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveStatic, collectErrors } from './lib.mjs';

const pages = ['index.html', 'chapters/07-shared-memory/index.html', 'sims/shared-mem-race/index.html',
  'sims/shared-mem-race/main.html'];
let server, browser;

before(async () => { server = await serveStatic(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const path of pages) {
  test(`${path}: strict CSP, no violations, inline script refused`, async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
    await page.waitForTimeout(path.endsWith('main.html') ? 1500 : 300);  // let the sim load its Wasm
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'( 'wasm-unsafe-eval')?;/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the page itself violates its policy');
    // Then a probe that must be refused: an injected inline script.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      return window.__inlineRan === true;
    });
    assert.equal(inlineRan, false, 'an injected inline script ran: the policy is not in force');
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), ['script-src-elem inline']);
    // The refused probe is the only console error.
    assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
    await page.close();
  });
}
