import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser test can run here. */
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

/**
 * Headless Chromium as this machine needs it: no sandbox (root), no GPU, and none of the
 * background connections Chromium makes at start (the network is closed). Playwright gives every
 * launch a fresh, empty profile directory of its own (it refuses a --user-data-dir argument).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
