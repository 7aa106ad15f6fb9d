// The pages' own rules: code on a page is included from docs/examples (never pasted), every
// example is on a page, every Run button names an example shown on the same page, every package
// has a page with its install line, and every package README links to it.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGES } from "../.vitepress/packages.js";
import { NODE_ONLY } from "../.vitepress/theme/run-example.js";
import { DOCS } from "./support/build-site.js";
import { exampleNames, examplesOf, pageSources } from "./support/pages.js";

const pages = pageSources();

describe("docs pages", () => {
  it("show no pasted TypeScript or JavaScript: code comes from docs/examples", () => {
    const pasted = pages.flatMap((p) =>
      [...p.text.matchAll(/^```(ts|typescript|js|javascript|mjs|vue)\b/gm)].map(() => p.file),
    );
    expect(pasted).toEqual([]);
  });

  it("include every example, and only examples that exist", () => {
    const names = exampleNames();
    const shown = new Set(pages.flatMap((p) => examplesOf(p).shown));
    expect(names.filter((n) => !shown.has(n))).toEqual([]);
    const included = pages.flatMap((p) =>
      [...p.text.matchAll(/^<<< @\/examples\/([\w.-]+)/gm)].map((m) => m[1]!),
    );
    expect(included.filter((f) => !existsSync(join(DOCS, "examples", f.split("{")[0]!)))).toEqual(
      [],
    );
  });

  it("run only examples they show, and none of the Node-only ones", () => {
    for (const page of pages) {
      const { shown, run } = examplesOf(page);
      expect(
        run.filter((n) => !shown.includes(n)),
        page.file,
      ).toEqual([]);
      const nodeOnly = run.filter((n) => NODE_ONLY.some((prefix) => n.startsWith(prefix)));
      expect(nodeOnly, page.file).toEqual([]);
    }
  });

  it("have one page per package, with its install line", () => {
    const dirs = readdirSync(join(DOCS, "..", "packages")).sort();
    expect([...PACKAGES].sort()).toEqual(dirs);
    for (const name of PACKAGES) {
      const page = pages.find((p) => p.file === `packages/${name}.md`);
      expect(page, name).toBeDefined();
      expect(page!.text).toContain(`npm install @backprop/${name}`);
    }
  });

  it("show only `backprop` commands and flags that exist (each command's --help)", async () => {
    const lines = pages.flatMap((p) =>
      [...p.text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) =>
        m[1]!.split("\n").filter((l) => l.startsWith("backprop ")),
      ),
    );
    expect(lines.length).toBeGreaterThan(5);
    const commands = [...new Set(lines.map((l) => l.split(/\s+/)[1]!))];
    const bin = join(DOCS, "..", "packages", "cli", "src", "bin.ts");
    const help = new Map(
      await Promise.all(
        commands.map(
          (command) =>
            new Promise<[string, string]>((resolve, reject) => {
              const child = spawn(process.execPath, ["--import", "tsx", bin, command, "--help"]);
              let text = "";
              child.stdout.on("data", (chunk: Buffer) => void (text += chunk.toString()));
              child.on("error", reject);
              child.on("close", () => resolve([command, text]));
            }),
        ),
      ),
    );
    for (const line of lines) {
      const [, command] = line.split(/\s+/);
      expect(help.get(command!), `backprop ${command} --help`).toMatch(/^Usage: backprop /);
      const flags = [...line.replace(/#.*$/, "").matchAll(/\s(--[a-z][\w-]*)/g)].map((m) => m[1]!);
      for (const flag of flags) expect(help.get(command!), `${flag} in: ${line}`).toContain(flag);
    }
  });

  it("are linked from every package README", () => {
    for (const name of PACKAGES) {
      const readme = readFileSync(join(DOCS, "..", "packages", name, "README.md"), "utf8");
      expect(readme, name).toContain(`](../../docs/packages/${name}.md)`);
    }
  });
});
