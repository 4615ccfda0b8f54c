// Shared fixtures for the browser tests: Debian's Chromium driven by playwright-core,
// a static server over the generated site (with or without cross-origin isolation),
// console-error collection and axe checks.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const buildDir = process.env.BOOK_BUILD_DIR || path.join(repoRoot, 'build');
export const siteDir = process.env.BOOK_SITE_DIR || path.join(buildDir, 'site');
export const screenshotDir = path.join(buildDir, 'screenshots');

// Flags from shared/notes/toolchain.md: without the networking ones Chromium floods the
// closed network with refused connections.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

// A plain static server over `root` on an ephemeral loopback port. `isolate` adds the
// COOP/COEP headers that make a page crossOriginIsolated (needed for SharedArrayBuffer).
export function serveStatic(root = siteDir, { isolate = true } = {}) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, urlPath);
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' };
      if (isolate) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

// Collects console errors and uncaught page errors; assert the array is empty at the end.
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// Axe violations of impact serious or critical, as short strings for readable failures.
export async function seriousViolations(page, exclude = []) {
  let builder = new AxeBuilder({ page });
  for (const sel of exclude) builder = builder.exclude(sel);
  const { violations } = await builder.analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

// WCAG contrast ratio of two colours given as CSS rgb()/rgba() strings (alpha ignored).
export function contrastRatio(fg, bg) {
  const channel = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => {
    const [r, g, b] = /rgba?\(([^)]+)\)/.exec(c)[1].split(/[\s,/]+/).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [x, y] = [lum(fg), lum(bg)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// WCAG contrast of every visible <text> in the SVGs matching `selector` (in `target`, a page
// or a frame) against what is painted under its middle: the first filled shape below it,
// else the nearest opaque background of the HTML around the SVG. Each text is scrolled to
// the middle of the viewport first, since hit testing only sees what is on screen.
// Returns the texts under `min` (3 for large text: 24px, or 18.66px bold).
export async function lowContrastSvgText(target, selector, min = 4.5) {
  const texts = await target.evaluate((sel) => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c || '');
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const opaqueBackground = (start) => {
      for (let e = start; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg.a === 1) return bg;
      }
      return null;
    };
    const under = (text, x, y) => {
      for (const el of document.elementsFromPoint(x, y)) {
        if (el === text || (el.closest && el.closest('text'))) continue;
        // A line paints no fill, whatever its computed fill says.
        if (el instanceof SVGGeometryElement && !(el instanceof SVGLineElement)) {
          const cs = getComputedStyle(el);
          const fill = parse(cs.fill);
          if (fill && fill.a === 1 && Number(cs.fillOpacity) === 1 && Number(cs.opacity) === 1) return fill;
          continue;
        }
        if (el instanceof SVGElement && el.ownerSVGElement) continue;  // groups, lines, nested svgs
        const host = el instanceof SVGSVGElement ? el.parentElement || el : el;
        return opaqueBackground(host) || (el instanceof SVGSVGElement ? { r: 255, g: 255, b: 255, a: 1 } : null);
      }
      return null;
    };
    const found = [];
    for (const svg of document.querySelectorAll(sel)) {
      for (const text of svg.querySelectorAll('text')) {
        const cs = getComputedStyle(text);
        if (cs.visibility !== 'visible' || Number(cs.opacity) === 0 || !text.textContent.trim()) continue;
        text.scrollIntoView({ block: 'center', inline: 'center' });
        const box = text.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const fg = parse(cs.fill);
        const bg = under(text, box.left + box.width / 2, box.top + box.height / 2);
        if (!fg || !bg) continue;
        const size = parseFloat(cs.fontSize);
        found.push({
          text: text.textContent.trim().slice(0, 30), fill: cs.fill, bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
          large: size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700),
        });
      }
    }
    return found;
  }, selector);
  const bad = [];
  for (const t of texts) {
    const r = contrastRatio(t.fill, t.bg);
    if (r < (t.large ? 3 : min)) bad.push(`${t.text}: ${r.toFixed(2)} (${t.fill} on ${t.bg})`);
  }
  return { checked: texts.length, bad };
}

// Mean relative luminance (0 black .. 1 white) of a screenshot of `locator`.
export async function meanLuminance(page, locator) {
  const png = await locator.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]) / 255;
    return sum / (data.length / 4);
  }, png.toString('base64'));
}
