// Highlighted code as a reader sees it: every token colour, in the light and the dark scheme,
// on a plain line and on a marked one, reaches WCAG AA (4.5:1); line numbers show, start
// where the fence says, are neither selected nor copied with the code, and axe finds nothing
// serious about them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, serveStatic, collectErrors, contrastRatio, seriousViolations, repoRoot, buildDir } from './lib.mjs';

// One block per grammar, each with the kinds of token its language has; every line marked
// in a second copy, so each colour is measured on the mark too.
const SAMPLES = {
  c: '#include <stdio.h>\n#define N 4\nstruct s { int x; };\nint main(void) {\n  char *t = "a\\n"; // c\n  return N + sizeof(struct s);\n}',
  cpp: 'template <class T> class Box {\n public:\n  T v{1.5};\n  bool ok() const { return true; }\n};',
  python: '@dataclass\nclass A(Base):\n    """Doc."""\n    def f(self, x=None):\n        return print(len(f"{x}\\n"), 0x1F)  # c',
  bash: '#!/bin/sh\nfor f in *.c; do\n  echo "$f" | grep -c x > /dev/null\ndone\nexport A=1',
  javascript: 'import x from "./x.js";\nconst re = /a+/g;\nclass B extends A { get v() { return this.#p ?? 1; } }',
  typescript: 'interface P { name: string; age?: number }\nexport function f<T>(p: P): T | null { return null; }',
  json: '{"a": [1, true, null], "b": "s"}',
  yaml: '# c\nsite_name: Book\nnav:\n  - Home: index.md\nn: 3\nok: true\nanchor: &a !!str x',
  html: '<!DOCTYPE html>\n<p class="x" id=y>hi &amp; <!-- c --></p>',
  css: '@media (max-width: 10px) {\n  a.b:hover, #c { color: #fff !important; width: calc(1px + 2em); }\n}',
  java: '@Override\npublic static final class A<T> extends B { int x = 0x2; String s = "a"; }',
  go: 'package main\nimport "fmt"\nfunc main() { var x int = 1; fmt.Println(x, nil, true) }',
  rust: '#[derive(Debug)]\nfn main() -> Result<(), E> { let x: u8 = b\'a\'; println!("{}", x); Ok(()) }',
  sql: 'SELECT a, COUNT(*) AS n FROM t WHERE b = \'x\' AND c > 1.5 GROUP BY a; -- c',
};

function writeBook(root) {
  const fence = (lang, code, info = '') => '```' + lang + (info ? ' ' + info : '') + '\n' + code + '\n```\n\n';
  let md = '# Highlighting\n\n';
  for (const [lang, code] of Object.entries(SAMPLES)) {
    const lines = code.split('\n').length;
    md += `## ${lang}\n\n` + fence(lang, code) + fence(lang, code, `hl_lines="1-${lines}"`);
  }
  md += '## Numbered\n\n' + fence('python', 'x = 1\ny = 2\nz = 3', 'linenums="5" hl_lines="2" title="n.py"');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs/index.md'), md);
  fs.writeFileSync(path.join(root, 'mkdocs.yml'),
    'site_name: Highlight\ntheme:\n  name: material\n  features:\n    - content.code.copy\nmarkdown_extensions:\n  - pymdownx.highlight:\n      anchor_linenums: true\n');
}

let root;
let server;
let browser;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'highlight-book-'));
  writeBook(root);
  execFileSync(path.join(buildDir, 'generator/generator'),
    ['build', '--config', path.join(root, 'mkdocs.yml'), '--out', path.join(root, 'out'),
      '--theme', path.join(repoRoot, 'site')], { stdio: 'pipe' });
  server = await serveStatic(path.join(root, 'out'), { isolate: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

// Each token's colour against the nearest opaque background behind it (its line when the
// line is marked, else the code block); returns the failures and the classes measured.
async function tokenContrast(page) {
  const tokens = await page.evaluate(() => {
    const opaque = (c) => !/rgba\([^)]*,\s*0(\.\d+)?\)$/.test(c) && c !== 'transparent';
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (opaque(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll('.code-block [class^="tok-"], .code-block .lineno')].map((t) => ({
      cls: t.className + (t.closest('.hll') ? ' (marked)' : ''),
      text: t.textContent || t.dataset.n,
      lang: t.closest('code').className,
      fg: getComputedStyle(t).color,
      bg: background(t),
    }));
  });
  const bad = [];
  for (const t of tokens) {
    const r = contrastRatio(t.fg, t.bg);
    if (r < 4.5) bad.push(`${t.cls} "${t.text}" in ${t.lang}: ${r.toFixed(2)} (${t.fg} on ${t.bg})`);
  }
  return { bad, measured: tokens.length, classes: [...new Set(tokens.map((t) => t.cls))].sort() };
}

// The system's scheme, and the reader's choice over it (the theme control sets data-theme).
for (const [scheme, chosen] of [['light'], ['dark'], ['light', 'dark'], ['dark', 'light']]) {
  const name = chosen ? `${chosen} scheme chosen over a ${scheme} system` : `${scheme} scheme`;
  test(`every token colour reaches 4.5:1 in the ${name}, marked or not`, async () => {
    const page = await browser.newPage({ colorScheme: scheme });
    const errors = collectErrors(page);
    await page.goto(`${server.url}/`);
    if (chosen) await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, chosen);
    const { bad, measured, classes } = await tokenContrast(page);
    // Each grammar coloured something (a block of one language is never all plain text).
    for (const lang of Object.keys(SAMPLES)) {
      const n = await page.locator(`code.language-${lang} [class^="tok-"]`).count();
      assert.ok(n > 0, `${lang}: no tokens`);
    }
    assert.ok(measured > 200, `only ${measured} tokens measured`);
    assert.ok(classes.some((c) => c.endsWith('(marked)')), 'no token on a marked line was measured');
    assert.deepEqual(bad, [], `below 4.5:1 (classes measured: ${classes.join(', ')})`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('line numbers start at the fence\'s linenums and are not selected nor copied', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  const block = page.locator('.code-block', { has: page.locator('.code-title', { hasText: 'n.py' }) });
  // The numbers show: the theme draws them from data-n.
  const shown = await block.locator('.lineno').evaluateAll((els) =>
    els.map((e) => getComputedStyle(e, '::before').content));
  assert.deepEqual(shown, ['"5"', '"6"', '"7"']);
  assert.equal(await block.locator('.line.hll').getAttribute('id'), 'code-n-py-L2');
  // The gutter stands beside the code, not over its first character.
  const overlaps = await block.locator('.line').evaluateAll((lines) => lines.map((l) => {
    const range = document.createRange();
    const text = l.querySelector('.lineno').nextSibling;
    range.setStart(text.firstChild || text, 0);
    range.setEnd(text.firstChild || text, 1);
    return l.querySelector('.lineno').getBoundingClientRect().right - range.getBoundingClientRect().left;
  }));
  assert.ok(overlaps.every((px) => px <= 0), `number over code by ${overlaps} px`);
  // Selecting the whole block (as a drag or triple click does) gives the code alone.
  const selected = await block.locator('pre').evaluate((pre) => {
    const range = document.createRange();
    range.selectNodeContents(pre);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  });
  assert.equal(selected.trimEnd(), 'x = 1\ny = 2\nz = 3');
  await block.getByRole('button', { name: /copy/i }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'x = 1\ny = 2\nz = 3\n');
  // Numbers that link to their line are hidden from screen readers and out of the tab order.
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});
