// Every example under Node, then the same examples in the built site in headless Chromium:
// the site is built in a separate process while the Node runs go on, served on 127.0.0.1, and
// every page is visited; each example's Run button is clicked (once, on the first page that has
// it), and its output must meet the example's expectations and equal, line for line, what the
// same module printed under Node (timing lines aside; see FLOAT64_TRANSCENDENTAL in
// support/expectations.ts for the few float64 examples compared up to rounding noise), with no
// console error and no failed request on any page. Screenshots go to docs/screenshots/
// (git-ignored).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectOutput } from "../examples/output.js";
import { buildSite, DOCS } from "./support/build-site.js";
import { chromiumInstalled, launchChromium } from "./support/chromium.js";
import { EXPECTATIONS, expectSameOutput } from "./support/expectations.js";
import { exampleNames, examplesOf, pageSources } from "./support/pages.js";
import { type StaticServer, serveStatic } from "./support/static-server.js";

const modules = import.meta.glob<{ run(out: unknown): Promise<unknown> }>("../examples/*.ts");
const names = exampleNames();
/** Examples with a file or a database of their own, run by test/hpo.test.ts with Python Optuna. */
const SEPARATE = ["hpo-journal", "hpo-workers"];
const pages = pageSources();
const runInPage = [...new Set(pages.flatMap((p) => examplesOf(p).run))];
const nodeLines = new Map<string, string[]>();
/** Examples whose plot must update while they run (drawn more than once), by plot name. */
const LIVE_PLOTS: Readonly<Record<string, string>> = { "train-mlp": "loss" };

async function runInNode(name: string): Promise<string[]> {
  const out = collectOutput();
  await (await modules[`../examples/${name}.ts`]!()).run(out);
  return out.lines;
}

const browserTest = chromiumInstalled() || process.env.CI === "true";
const outDir = mkdtempSync(join(tmpdir(), "backprop-docs-site-"));
// Started now, in its own process, so that it overlaps the Node runs below.
const built = browserTest && chromiumInstalled() ? buildSite(outDir) : undefined;
built?.catch(() => {}); // reported by the browser tests' beforeAll

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("every example under Node", () => {
  it("every example has expectations (test/support/expectations.ts)", () => {
    expect(names.filter((n) => EXPECTATIONS[n] === undefined)).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((n) => !names.includes(n))).toEqual([]);
  });

  it.each(names.filter((n) => !SEPARATE.includes(n)))("%s", async (name) => {
    const lines = await runInNode(name);
    nodeLines.set(name, lines);
    EXPECTATIONS[name]!(lines);
  });
});

describe.runIf(browserTest)("the built site in headless Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  const shots = join(DOCS, "screenshots");

  beforeAll(async () => {
    if (!chromiumInstalled())
      throw new Error(
        "headless Chromium is missing (CI=true makes that a failure): apt-get install -y chromium, or set CHROMIUM_PATH",
      );
    await built;
    server = await serveStatic(outDir);
    browser = await launchChromium();
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A page with listeners for console errors, uncaught errors and failed requests. A request
   * aborted by the next navigation (VitePress prefetches the chunks of linked pages) is fetched
   * again by `problems()`, and counts only if that fails too.
   */
  async function openPage(route: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen: string[] = [];
    const aborted = new Set<string>();
    page.on("console", (m) => void (m.type() === "error" && seen.push(`console: ${m.text()}`)));
    page.on("pageerror", (e) => void seen.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText === "net::ERR_ABORTED") aborted.add(r.url());
      else seen.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on(
      "response",
      (r) => void (r.status() >= 400 && seen.push(`HTTP ${r.status()}: ${r.url()}`)),
    );
    await page.goto(new URL(route, server.url).href, { waitUntil: "networkidle" });
    const problems = async (): Promise<string[]> => {
      for (const url of aborted) {
        const status = (await page.request.get(url)).status();
        if (status !== 200) seen.push(`failed: ${url} (aborted, then HTTP ${status})`);
      }
      return seen;
    };
    return { page, problems };
  }

  const shotName = (route: string) =>
    route === "" ? "index" : route.replace(/\.html$/, "").replaceAll("/", "-");
  const clicked = new Set<string>();

  for (const source of pages) {
    it(`${source.file}: loads, and its examples run as they do in Node`, async () => {
      const { page, problems } = await openPage(source.route);
      expect(await page.locator("h1").count()).toBeGreaterThan(0);
      const { run } = examplesOf(source);
      expect(await page.locator(".run-example").count()).toBe(run.length);
      for (const name of run.filter((n) => !clicked.has(n))) {
        clicked.add(name);
        const box = page.locator(`.run-example[data-example="${name}"]`).first();
        await box.locator("button").click();
        // The Node run of the same module goes on while Chromium computes.
        const node = nodeLines.get(name) ?? (await runInNode(name));
        const finished = `.run-example[data-example="${name}"]:is([data-status="done"], [data-status="error"])`;
        await page.locator(finished).first().waitFor({ timeout: 170_000 });
        const lines = await box.locator("[data-output] [data-line]").allTextContents();
        expect(await box.getAttribute("data-status"), lines.join("\n")).toBe("done");
        EXPECTATIONS[name]!(lines);
        expectSameOutput(name, lines, node);
        if (LIVE_PLOTS[name] !== undefined) {
          const plot = box.locator(`[data-plot="${LIVE_PLOTS[name]}"]`);
          expect(Number(await plot.getAttribute("data-draws"))).toBeGreaterThan(2);
        }
        // The fixed navigation bar would cover the top of an element screenshot.
        const hideNav = await page.addStyleTag({
          content: ".VPNav, .VPLocalNav { visibility: hidden; }",
        });
        await box.screenshot({ path: join(shots, `example-${name}.png`) });
        await hideNav.evaluate((style) => (style as HTMLStyleElement).remove());
      }
      await page.screenshot({
        path: join(shots, `page-${shotName(source.route)}.png`),
        fullPage: run.length > 0,
      });
      expect(await problems()).toEqual([]);
      await page.close();
    });
  }

  it("the API reference: every page loads", async () => {
    const { page, problems } = await openPage("api/");
    const links = await page
      .locator('.VPSidebar a[href*="/api/"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(15);
    await page.screenshot({ path: join(shots, "api-index.png") });
    for (const href of new Set(links)) {
      await page.goto(href, { waitUntil: "load" });
      expect(await page.locator("h1").count()).toBeGreaterThan(0);
    }
    await page.goto(links.find((l) => l.includes("gradcheck"))!, { waitUntil: "networkidle" });
    await page.screenshot({ path: join(shots, "api-gradcheck.png") });
    expect(await problems()).toEqual([]);
    await page.close();
  });

  it("every example with a Run button was run", () => {
    expect([...clicked].sort()).toEqual([...runInPage].sort());
  });
});
