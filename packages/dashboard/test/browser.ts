import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, type RunningChromium, seriousViolations } from '@kessai/devkit/chromium';
import type { Browser, Page } from 'playwright-core';

export type { Browser, Page };
// Chromium as the devkit launches it (Debian's, a fresh profile, the flags a closed network needs).
export { launchChromium as launch, type RunningChromium as RunningBrowser, seriousViolations };

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** The page at 1280 and 390 px wide, full length, into screenshots/ (gitignored), then back to desktop width. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [label, width] of [
    ['desktop', 1280],
    ['mobile', 390],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
