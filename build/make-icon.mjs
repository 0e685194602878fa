#!/usr/bin/env node
/**
 * Renders build/icon.svg to build/icon.png (512×512, transparent corners) with Chromium through playwright-core —
 * both are already here for the e2e tests. electron-builder makes the Windows .ico and the Linux icon set from it.
 *   node build/make-icon.mjs   (CHROMIUM_PATH overrides the browser, default: chromium on the PATH)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = fs.readFileSync(path.join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  fs.writeFileSync(path.join(here, 'icon.png'), png);
  console.log(`make-icon: build/icon.png (${png.length} bytes)`);
} finally {
  await browser.close();
}
