// Renders pages of the built documentation site (out/site) in headless Chromium and checks each: it loads (HTTP 200),
// logs no console error and throws no page error, every request to the site itself succeeds, and every <img> has
// loaded (complete, natural width > 0). Screenshots go to out/site-check/ as CI artifacts. Exit code 0 when every page
// passes, 1 otherwise; one line per page.
//   node .ci/site-check/check.mjs [siteDir] [outDir]
// Requests to other hosts (CI has no network beyond package registries) are reported, not failed: the pages must work
// offline.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const site = resolve(process.argv[2] ?? 'out/site');
const out = resolve(process.argv[3] ?? 'out/site-check');
const pages = [
  { name: 'home', path: '/index.html' },
  { name: 'coming-from-r', path: '/articles/coming-from-r.html' },
  { name: 'api-kaplan-meier', path: '/api/Survival.Estimation.KaplanMeier.html' },
];
const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.map': 'application/json' };

const server = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const file = normalize(join(site, decodeURIComponent(url.pathname)));
  if (!file.startsWith(site)) { response.writeHead(403).end(); return; }
  try {
    const body = await readFile(file.endsWith('/') ? join(file, 'index.html') : file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise(done => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;
await mkdir(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
let failed = 0;
for (const { name, path } of pages) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  const external = new Set();
  page.on('console', message => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', request => {
    if (request.url().startsWith(origin)) problems.push(`request failed: ${request.url()}`);
    else external.add(new URL(request.url()).host);
  });
  page.on('response', response => {
    if (response.url().startsWith(origin) && response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(origin + path, { waitUntil: 'networkidle' });
  if (!response || response.status() !== 200) problems.push(`the page answered ${response?.status()}`);
  const images = await page.$$eval('img', list => list.map(img => ({ src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0 })));
  for (const image of images) if (!image.ok) problems.push(`image did not load: ${image.src}`);
  const title = await page.title();
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  // Console errors about hosts CI cannot reach are the network's, not the site's.
  const own = problems.filter(p => ![...external].some(host => p.includes(host)));
  if (own.length === 0) {
    console.log(`site-check: ${name} ok (${path}, "${title}", ${images.length} images${external.size ? `; not reached offline: ${[...external].join(', ')}` : ''})`);
  } else {
    failed++;
    console.log(`site-check: ${name} FAILED (${path}): ${own.join('; ')}`);
  }
  await page.close();
}
await browser.close();
server.close();
process.exit(failed === 0 ? 0 : 1);
