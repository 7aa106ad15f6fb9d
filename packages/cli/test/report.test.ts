import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accuracyCurveSpec,
  confusionMatrixSpec,
  lossCurveSpec,
  misclassifiedDigitsSpec,
  reportHtml,
  writeReport,
} from "@backprop/cli";
import { InvalidOptionError } from "@backprop/errors";
import { afterAll, describe, expect, it } from "vitest";
import { decodePng, nonWhitePixels, ringDigit } from "./support.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "backprop-cli-report-"));
  temps.push(dir);
  return dir;
}

/** Every URL the page would fetch: src/href/url(...) values that are not fragments or data:. */
function externalReferences(html: string): string[] {
  const refs = [
    ...html.matchAll(/\b(?:src|href|xlink:href|action|poster)\s*=\s*["']([^"']*)["']/gi),
    ...html.matchAll(/url\(\s*["']?([^"')]*)/gi),
  ].map((m) => m[1]!);
  return refs.filter((r) => !r.startsWith("#") && !r.startsWith("data:"));
}

describe("reportHtml", () => {
  it("shows the title, the summary rows in order, and the plots inline", () => {
    const html = reportHtml({
      title: "MNIST <2×100>",
      subtitle: "seed 1",
      summary: [
        ["test accuracy", 0.97312],
        ["epochs", 10],
        ["optimizer", "Adam"],
        ["early stop", false],
        ["note", null],
      ],
      plots: [
        {
          name: "loss",
          title: "Loss",
          svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>',
        },
      ],
    });
    expect(html).toContain("<title>MNIST &lt;2×100&gt;</title>");
    expect(html).toContain('<p class="subtitle">seed 1</p>');
    const rows = [...html.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ["test accuracy", "0.9731"],
      ["epochs", "10"],
      ["optimizer", "Adam"],
      ["early stop", "false"],
      ["note", "—"],
    ]);
    expect(html).toContain('<figure id="loss">');
    expect(html).toContain("<h2>Loss</h2>");
    expect(html).toContain("<text>x</text>");
    expect(externalReferences(html)).toEqual([]);
  });

  it("escapes keys and values", () => {
    const html = reportHtml({ title: "t", summary: { "<b>": '"&"' }, plots: [] });
    expect(html).toContain("<th>&lt;b&gt;</th><td>&quot;&amp;&quot;</td>");
  });

  it("the checker for external references catches them", () => {
    expect(
      externalReferences('<img src="https://x/y.png"><a href="#a"></a><link href="//cdn/x.css">'),
    ).toEqual(["https://x/y.png", "//cdn/x.css"]);
  });
});

describe("writeReport", () => {
  it("writes every plot as SVG and PNG and a self-contained report.html, and no temporary files", async () => {
    const dir = join(tempDir(), "nested", "out");
    const written = await writeReport({
      dir,
      title: "Training report",
      summary: { "test accuracy": 0.9731, "train loss": 0.0712, epochs: 3 },
      plots: [
        {
          name: "loss",
          spec: lossCurveSpec({
            points: [0, 1, 2, 3].map((i) => ({ iteration: i, loss: 2 / (i + 1) })),
            smoothing: 2,
          }),
        },
        {
          name: "accuracy",
          spec: accuracyCurveSpec({
            points: [1, 2, 3].flatMap((epoch) => [
              { epoch, split: "train", accuracy: 0.9 + epoch / 100 },
              { epoch, split: "validation", accuracy: 0.88 + epoch / 100 },
            ]),
          }),
        },
        {
          name: "confusion",
          spec: confusionMatrixSpec({
            matrix: [
              [9, 1],
              [2, 8],
            ],
          }),
        },
        {
          name: "misclassified",
          title: "Digits it got wrong",
          spec: misclassifiedDigitsSpec({
            digits: [{ pixels: ringDigit(), trueLabel: 0, predictedLabel: 6 }],
          }),
        },
      ],
    });
    const names = ["loss", "accuracy", "confusion", "misclassified"];
    expect(readdirSync(dir).sort()).toEqual(
      [...names.flatMap((n) => [`${n}.svg`, `${n}.png`]), "report.html"].sort(),
    );
    expect(written.files.map((f) => f.slice(dir.length + 1))).toEqual([
      ...names.flatMap((n) => [`${n}.svg`, `${n}.png`]),
      "report.html",
    ]);
    expect(written.html).toBe(join(dir, "report.html"));
    for (const name of names) {
      const png = decodePng(readFileSync(join(dir, `${name}.png`)));
      expect(nonWhitePixels(png)).toBeGreaterThan(1000);
      expect(readFileSync(join(dir, `${name}.svg`), "utf8").startsWith("<svg")).toBe(true);
    }
    const html = readFileSync(written.html, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain("<td>0.9731</td>");
    expect(html).toContain("<h2>Digits it got wrong</h2>");
    expect(html).toContain("data:image/png;base64,");
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|@import/i);
  });

  it("replaces an earlier report in place", async () => {
    const dir = tempDir();
    const plots = [{ name: "cm", spec: confusionMatrixSpec({ matrix: [[1]] }) }];
    await writeReport({ dir, title: "first", plots });
    await writeReport({ dir, title: "second", plots });
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("<h1>second</h1>");
    expect(readdirSync(dir).sort()).toEqual(["cm.png", "cm.svg", "report.html"]);
  });

  it("rejects unsafe or repeated plot names before writing anything", async () => {
    const dir = join(tempDir(), "never");
    const spec = confusionMatrixSpec({ matrix: [[1]] });
    for (const name of ["../escape", "a/b", "", "report"]) {
      await expect(writeReport({ dir, title: "t", plots: [{ name, spec }] })).rejects.toSatisfy(
        (e) => InvalidOptionError.isInstance(e),
      );
    }
    await expect(
      writeReport({
        dir,
        title: "t",
        plots: [
          { name: "a", spec },
          { name: "a", spec },
        ],
      }),
    ).rejects.toThrow(/distinct names/);
    expect(() => readdirSync(dir)).toThrow();
  });
});
