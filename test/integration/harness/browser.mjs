// Launches Debian's chromium through the cached playwright-core with a throwaway profile.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchBrowser(harness, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = harness.requireFromHarness('playwright-core');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'opslens-chromium-'));
  // Playwright refuses --user-data-dir in args: a persistent context on a fresh folder instead.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    // HOME/XDG point at the profile so chromium's crash reports stay out of ~/.config.
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
