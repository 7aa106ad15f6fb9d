import { initBackend, scope, softmax, tensor } from "@backprop/tensor-core";
import { Command, Option } from "commander";
import { type CliIo, humanOut } from "../cli-io.js";
import { readDigitPng } from "../image/read-png.js";
import { loadNetwork } from "./load-network.js";

interface PredictFlags {
  readonly invert: "auto" | "always" | "never";
  readonly backend: "wasm" | "reference";
  readonly json: boolean;
}

/** `backprop predict CHECKPOINT IMAGE…`. */
export function predictProgram(io: CliIo, done: (code: number) => void): Command {
  return new Command("predict")
    .description(
      "classify your own digit images (PNG, any size: made 28×28, white on black, centred as MNIST is)",
    )
    .argument(
      "<checkpoint>",
      "last.safetensors / best.safetensors of a run, or a model.safetensors",
    )
    .argument("<image...>", "PNG files")
    .addOption(
      new Option(
        "--invert <when>",
        "make the digit light on dark: auto (when the background is light), always, never",
      )
        .choices(["auto", "always", "never"])
        .default("auto"),
    )
    .addOption(
      new Option("--backend <name>", "tensor backend")
        .choices(["wasm", "reference"])
        .default("wasm"),
    )
    .option("--json", "print one JSON object on stdout (human output goes to stderr)", false)
    .action(async (file: string, images: string[], flags: PredictFlags) =>
      done(await runPredict(file, images, flags, io)),
    );
}

async function runPredict(
  file: string,
  images: readonly string[],
  flags: PredictFlags,
  io: CliIo,
): Promise<number> {
  const say = humanOut(io, flags.json);
  await initBackend({ backend: flags.backend });
  const { model } = await loadNetwork(file, flags.backend);
  const pixels = await Promise.all(
    images.map((image) => readDigitPng(image, { invert: flags.invert })),
  );
  const probabilities = scope(() => {
    const x = tensor(Float32Array.from(pixels.flatMap((p) => Array.from(p))), {
      shape: [pixels.length, 784],
      dtype: "float",
      backend: flags.backend,
    });
    return softmax(model.forward(x, { training: false })).arraySync() as number[][];
  });
  const predictions = probabilities.map((p, i) => {
    const digit = p.indexOf(Math.max(...p));
    return { image: images[i]!, digit, probability: p[digit]!, probabilities: p };
  });
  for (const p of predictions) {
    const top = p.probabilities
      .map((q, c) => [c, q] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c, q]) => `${c}: ${(100 * q).toFixed(1)}%`)
      .join("  ");
    say(`${p.image}: ${p.digit} (${(100 * p.probability).toFixed(1)}%)   ${top}\n`);
  }
  if (flags.json)
    io.stdout(`${JSON.stringify({ command: "predict", checkpoint: file, predictions })}\n`);
  model.dispose();
  return 0;
}
