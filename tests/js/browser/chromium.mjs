// Debian's Chromium, headless, driven by playwright-core (from .tools/, no browser download).
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../support.mjs';

const require = createRequire(join(root, '.tools/package.json'));
const { chromium } = require('playwright-core');

export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A fresh headless Chromium; `close()` also removes its profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'quytrinh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
