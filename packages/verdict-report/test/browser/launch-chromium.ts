import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; tooling/ci/ensure-chromium.sh installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Whether the browser tests run. Without Chromium: in CI (CI=true) a loud failure, locally a skip with a
 * message saying what to install.
 */
export function chromiumAvailability(path = CHROMIUM_PATH, env: Readonly<Record<string, string | undefined>> = process.env): { readonly run: boolean; readonly message: string } {
  if (existsSync(path)) return { run: true, message: '' };
  const message = `browser tests need Chromium at ${path}: apt-get install chromium (or bash tooling/ci/ensure-chromium.sh)`;
  if (env.CI === 'true') throw new Error(`CI=true and ${message}`);
  return { run: false, message };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}
