// The real `backprop` binary (packages/cli/dist/bin.js, built by `pnpm test` first) in child
// processes: exit codes, the --json line, the report directory, bad options, evaluate, predict,
// and resuming after SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { bin, cliWorkspace, jsonLine, runCli } from "./run-cli.js";

const root = cliWorkspace("backprop-cli-");

// A small, quick network: every test run trains in a second or two.
const SMALL = ["--hidden", "32", "--epochs", "2", "--no-progress"];

const run = (args: readonly string[]) => runCli(root, args);

describe("backprop train", () => {
  it("trains on the embedded digits, prints one JSON object and writes the report", () => {
    const out = join(root, "run");
    const r = run(["train", ...SMALL, "--out", out, "--json", "--seed", "3"]);
    expect(r.code, r.stderr).toBe(0);
    const json = jsonLine(r.stdout);
    expect(json).toMatchObject({
      command: "train",
      dataset: "mnist-sample",
      epochs: 2,
      seed: 3,
      backend: "wasm",
      stopReason: "completed",
    });
    for (const key of ["trainAccuracy", "testAccuracy", "validationAccuracy", "samplesPerSecond"])
      expect(json[key], key).toBeTypeOf("number");
    expect(json.testAccuracy as number).toBeGreaterThan(0.8);
    expect(json.report).toBe(join(out, "report.html"));
    // Human output went to stderr.
    expect(r.stderr).toMatch(/epoch 1\/2 {2}loss/);
    expect(r.stderr).toMatch(/test accuracy \d+\.\d\d% \(2000 images\)/);
    for (const file of [
      "history.json",
      "metrics.json",
      "last.safetensors",
      "best.safetensors",
      "model.safetensors",
      "report.html",
      "loss.png",
      "loss.svg",
      "accuracy.png",
      "confusion.png",
      "misclassified.png",
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    const metrics = JSON.parse(readFileSync(join(out, "metrics.json"), "utf8"));
    expect(metrics.testAccuracy).toBe(json.testAccuracy);
    expect(metrics.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2000);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).not.toMatch(/(src|href)="https?:/);

    // evaluate reads the checkpoint back and agrees with the run's own test accuracy.
    const e = run(["evaluate", join(out, "last.safetensors"), "--json"]);
    expect(e.code, e.stderr).toBe(0);
    const ev = jsonLine(e.stdout);
    expect(ev).toMatchObject({
      command: "evaluate",
      dataset: "mnist-sample",
      split: "test",
      count: 2000,
    });
    expect(ev.accuracy).toBe(json.testAccuracy);
    expect((ev.perClassAccuracy as number[]).length).toBe(10);
    expect(e.stderr).toMatch(/confusion matrix:\ntrue\\pred/);
    // and so does the plain model file.
    expect(
      jsonLine(run(["evaluate", join(out, "model.safetensors"), "--json"]).stdout).accuracy,
    ).toBe(json.testAccuracy);

    // predict classifies PNGs of test digits (black ink on white, as people draw them, and 3× larger).
    const test = loadEmbeddedMnist({ split: "test" });
    return test.then((data) => {
      const files = [0, 1, 2].map((i) => {
        const png = new PNG({ width: 84, height: 84 });
        for (let y = 0; y < 84; y++)
          for (let x = 0; x < 84; x++) {
            const v =
              255 -
              Math.round(
                255 * data.features[i * 784 + Math.floor(y / 3) * 28 + Math.floor(x / 3)]!,
              );
            png.data.set([v, v, v, 255], 4 * (y * 84 + x));
          }
        const file = join(root, `digit-${i}.png`);
        writeFileSync(file, PNG.sync.write(png));
        return file;
      });
      const p = run(["predict", join(out, "last.safetensors"), ...files, "--json"]);
      expect(p.code, p.stderr).toBe(0);
      const predictions = jsonLine(p.stdout).predictions as Array<{
        image: string;
        digit: number;
        probabilities: number[];
      }>;
      expect(predictions.map((q) => q.image)).toEqual(files);
      for (const q of predictions) {
        expect(q.probabilities).toHaveLength(10);
        expect(q.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      // A model at > 80% test accuracy gets most of three clear test digits right.
      const right = predictions.filter((q, i) => q.digit === data.labels[i]).length;
      expect(right).toBeGreaterThanOrEqual(2);
      expect(p.stderr).toMatch(/digit-0\.png: \d \(\d+\.\d%\)/);
    });
  });

  it("--help for every command", () => {
    for (const command of [[], ["train"], ["evaluate"], ["predict"]]) {
      const r = run([...command, "--help"]);
      expect(r.code, command.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^Usage: backprop/);
    }
    expect(run(["train", "--help"]).stdout).toMatch(
      /--hidden <sizes>.*--batch-norm.*--resume <checkpoint>/s,
    );
  });

  const bad: Array<[string, string[], RegExp]> = [
    [
      "an unknown dataset",
      ["train", "--dataset", "cifar"],
      /--dataset <name>.*'cifar' is invalid.*Allowed choices are mnist-sample/,
    ],
    [
      "a negative learning rate",
      ["train", "--lr", "-1"],
      /--lr <rate>.*'-1' is invalid.*number > 0/,
    ],
    [
      "a hidden size 0",
      ["train", "--hidden", "100,0"],
      /--hidden <sizes>.*'100,0' is invalid.*item 2 is '0'/,
    ],
    ["an unknown option", ["train", "--learning-rate", "0.1"], /unknown option '--learning-rate'/],
    ["a bad schedule", ["train", "--schedule", "step:0"], /--schedule <spec>.*step needs EVERY/],
    [
      "an option the optimizer ignores",
      ["train", "--optimizer", "sgd", "--beta1", "0.8", ...SMALL],
      /'--beta1'.*not given with --optimizer sgd/,
    ],
    [
      "an unreadable checkpoint",
      ["evaluate", "missing.safetensors"],
      /missing\.safetensors: cannot be read \(ENOENT/,
    ],
    [
      "a checkpoint that is not one",
      ["evaluate", "not-a-model.safetensors"],
      /not-a-model\.safetensors/,
    ],
    [
      "a missing dataset",
      ["train", "--dataset", "kmnist", "--data-dir", "/nonexistent", ...SMALL],
      /Dataset 'kmnist.*looked in: \/nonexistent/,
    ],
  ];
  it.each(bad)("%s: one line naming it, exit code 2, no stack trace", (_what, args, pattern) => {
    writeFileSync(join(root, "not-a-model.safetensors"), "hello");
    const r = run(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("resuming after SIGKILL gives the uninterrupted run's weights, bit for bit", async () => {
    const args = [
      "train",
      "--hidden",
      "48",
      "--epochs",
      "5",
      "--dropout",
      "0.2",
      "--batch-norm",
      "--no-progress",
      "--seed",
      "5",
    ];
    const straight = join(root, "straight");
    expect(run([...args, "--out", straight]).code).toBe(0);

    const killed = join(root, "killed");
    const child: ChildProcess = spawn(process.execPath, [bin, ...args, "--out", killed], {
      cwd: root,
    });
    await new Promise<void>((resolve, reject) => {
      let seen = "";
      child.stdout!.on("data", (d: Buffer) => {
        seen += d.toString();
        if (/epoch 3\/5/.test(seen)) child.kill("SIGKILL");
      });
      child.on("exit", (_code, signal) =>
        signal === "SIGKILL" ? resolve() : reject(new Error(`not killed: ${seen}`)),
      );
    });
    expect(existsSync(join(killed, "report.html"))).toBe(false);
    const r = run(["train", "--resume", join(killed, "last.safetensors"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming .*last\.safetensors after epoch [23]/);
    expect(jsonLine(r.stdout).epochs).toBe(5);
    expect(readFileSync(join(killed, "model.safetensors"))).toEqual(
      readFileSync(join(straight, "model.safetensors")),
    );
    const h1 = JSON.parse(readFileSync(join(straight, "history.json"), "utf8"));
    const h2 = JSON.parse(readFileSync(join(killed, "history.json"), "utf8"));
    expect(h2.loss).toEqual(h1.loss);
    // Changing what the checkpoint fixes is refused.
    const refused = run([
      "train",
      "--resume",
      join(killed, "last.safetensors"),
      "--hidden",
      "10",
      "--epochs",
      "9",
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/'--hidden'.*not given with --resume/);
  }, 120_000);

  it("reproduce runs an experiment, writes results, plots and a report, and names a bad experiment", () => {
    const list = run(["reproduce", "--list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^gradient-descent\s+ch4/m);
    const out = join(root, "gd");
    const r = run(["reproduce", "gradient-descent", "--out", out, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const json = jsonLine(r.stdout);
    expect(json).toMatchObject({
      command: "reproduce",
      name: "gradient-descent",
      seed: 0,
      full: false,
      allClaimsHold: true,
    });
    expect(r.stderr).toMatch(/✓ Gradient descent with lr 0\.1 reaches the minimum/);
    for (const file of [
      "results.json",
      "trajectory.svg",
      "trajectory.png",
      "values.png",
      "report.html",
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.claims).toHaveLength(4);
    const bad = run(["reproduce", "gradient-ascent"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'name'.*one of gradient-descent/);
  });
});
