/**
 * The setup most e2e files share: a demo school made in a temp folder (with the seeders the file needs, on a fixed
 * clock if given), the harness on it, and a fresh Chromium page; `close()` undoes all three.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createDemoSchool, type DemoSeeder } from '../../electron/core/demo/school';
import { testPlatform } from '../harness/platform';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser, type Browser } from './util';

export interface DemoBrowser {
  harness: Harness;
  browser: Browser;
  page: Page;
  dataDir: string;
  close(): Promise<void>;
}

export interface DemoBrowserOptions {
  /** pupils in the demo school (120: enough for every list, quick to make) */
  pupils?: number;
  seeders?: DemoSeeder[];
  /** a fixed clock for the making and for the harness (tests move it with `harness.platform.setNow`) */
  now?: Date;
  viewport?: { width: number; height: number };
}

export async function startDemoBrowser(name: string, options: DemoBrowserOptions = {}): Promise<DemoBrowser> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `qorgan-e2e-${name}-`));
  const clock = options.now ? { now: options.now } : {};
  await createDemoSchool(testPlatform(dataDir, clock), { reset: true, pupils: options.pupils ?? 120, seeders: options.seeders ?? [] });
  const harness = await startHarness({ dataDir, demo: true, platform: testPlatform(dataDir, { demo: true, ...clock }) });
  const browser = await launchBrowser();
  const page = browser.page;
  page.setDefaultTimeout(20_000);
  if (options.viewport) await page.setViewportSize(options.viewport);
  return {
    harness,
    browser,
    page,
    dataDir,
    async close() {
      await browser.close();
      await harness.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
