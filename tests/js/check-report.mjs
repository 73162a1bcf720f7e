// Opens an HTML report in Debian's headless Chromium and records what a reader's browser would do.
// Usage: node check-report.mjs report.html screenshot.png
// Prints one JSON line {"title", "consoleErrors", "requests", "sections", "svg"}; the C# test asserts on it.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [file, screenshot] = process.argv.slice(2);
const url = pathToFileURL(resolve(file)).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'], // Playwright gives the browser a new empty profile
});
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  const title = await page.title();
  const sections = await page.$$eval('section[id]', (s) => s.map((x) => x.id));
  const svg = await page.$$eval('svg', (s) => s.length);
  await page.emulateMedia({ media: 'print' });
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ title, consoleErrors, requests, sections, svg }));
} finally {
  await browser.close();
}
