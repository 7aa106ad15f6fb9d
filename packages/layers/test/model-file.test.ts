import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FormatError } from "@backprop/errors";
import {
  type BatchNorm,
  decodeSafetensors,
  deserializeModel,
  encodeSafetensors,
  multiLayerNet,
  type SafetensorsEntry,
  serializeModel,
} from "@backprop/layers";
import { loadModel, saveModel } from "@backprop/layers/node";
import { createRng } from "@backprop/random";
import { initBackend, randomNormal, setDefaultBackend, tensor } from "@backprop/tensor-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "backprop-model-"));
const reader = fileURLToPath(new URL("./fixtures/read_safetensors.py", import.meta.url));

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
  setDefaultBackend("reference");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trainedNet(seed = 1) {
  const net = multiLayerNet({
    inputSize: 4,
    hiddenSizes: [5, 3],
    outputSize: 2,
    batchNorm: true,
    dropout: 0.1,
    weightDecay: 0.01,
    rng: createRng(seed),
  });
  const x = randomNormal([6, 4], { rng: createRng(seed + 1) });
  const t = tensor([0, 1, 1, 0, 1, 0], { dtype: "int32" });
  for (let i = 0; i < 3; i++) net.gradient(x, t); // moves the BatchNorm running statistics
  return { net, x };
}

function expectFormatError(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(FormatError.isInstance(e), String(e)).toBe(true);
    expect((e as Error).message).toMatch(pattern);
    return;
  }
  throw new Error("expected a FormatError");
}

describe("safetensors codec", () => {
  const entries = new Map<string, SafetensorsEntry>([
    ["a", { dtype: "F64", shape: [2, 2], values: new Float64Array([1.5, -2, 3.25, 1e-300]) }],
    ["b", { dtype: "F32", shape: [3], values: new Float32Array([0.5, 1, -7]) }],
    ["c", { dtype: "I32", shape: [2], values: new Int32Array([-1, 2 ** 30]) }],
    ["d", { dtype: "U8", shape: [0, 4], values: new Uint8Array(0) }],
  ]);

  it("round-trips every dtype, aligns the data to 8 bytes and keeps the metadata", () => {
    const bytes = encodeSafetensors(entries, { who: "backprop" });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const back = decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ who: "backprop" });
    for (const [name, e] of entries) {
      expect(back.tensors.get(name)!.shape).toEqual(e.shape);
      expect(Array.from(back.tensors.get(name)!.values)).toEqual(Array.from(e.values));
    }
  });

  it("writes files an independent reader (Python stdlib, from the spec) understands", () => {
    const path = join(dir, "codec.safetensors");
    writeFileSync(path, encodeSafetensors(entries, { who: "backprop" }));
    const summary = JSON.parse(execFileSync("python3", [reader, path], { encoding: "utf8" }));
    expect(summary.metadata).toEqual({ who: "backprop" });
    expect(summary.tensors.a).toEqual({
      dtype: "F64",
      shape: [2, 2],
      values: [1.5, -2, 3.25, 1e-300],
    });
    expect(summary.tensors.b.values).toEqual([0.5, 1, -7]);
    expect(summary.tensors.c.values).toEqual([-1, 2 ** 30]);
    expect(summary.tensors.d.shape).toEqual([0, 4]);
  });

  it("rejects malformed files with a FormatError naming file, byte offset and tensor", () => {
    const good = encodeSafetensors(
      new Map([["w", { dtype: "F32", shape: [2], values: new Float32Array([1, 2]) }]]),
    );
    const headerLength = Number(new DataView(good.buffer).getBigUint64(0, true));
    const withHeader = (header: unknown, data = new Uint8Array(8)) => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(8 + json.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(data, 8 + json.length);
      return out;
    };
    expectFormatError(
      () => decodeSafetensors(good.subarray(0, 5), { file: "f.st" }),
      /^f\.st at byte 0: 5 bytes is too short/,
    );
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true);
    expectFormatError(() => decodeSafetensors(huge), /exceeds the cap/);
    expectFormatError(
      () => decodeSafetensors(good.subarray(0, 8 + headerLength - 3)),
      /runs past the end/,
    );
    expectFormatError(() => decodeSafetensors(withHeader([1, 2])), /JSON object/);
    expectFormatError(
      () =>
        decodeSafetensors(withHeader({ w: { dtype: "F16", shape: [4], data_offsets: [0, 8] } })),
      /\(entry 'w'\): unsupported dtype "F16"/,
    );
    expectFormatError(
      () =>
        decodeSafetensors(withHeader({ w: { dtype: "F32", shape: [2], data_offsets: [0, 16] } })),
      /out of the data buffer/,
    );
    expectFormatError(
      () =>
        decodeSafetensors(withHeader({ w: { dtype: "F32", shape: [3], data_offsets: [0, 8] } })),
      /needs 12 bytes/,
    );
    expectFormatError(
      () =>
        decodeSafetensors(
          withHeader({
            a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
            b: { dtype: "F32", shape: [1], data_offsets: [4, 8] },
          }),
        ),
      /overlaps/,
    );
    expectFormatError(
      () =>
        decodeSafetensors(withHeader({ w: { dtype: "F32", shape: [1], data_offsets: [4, 8] } })),
      /hole of 4 bytes/,
    );
    expectFormatError(
      () =>
        decodeSafetensors(withHeader({ w: { dtype: "F32", shape: [1], data_offsets: [0, 4] } })),
      /4 bytes after the last tensor/,
    );
  });
});

describe("model files", () => {
  it("rebuild the network from the file alone: same parameters, running statistics and predictions", () => {
    const { net, x } = trainedNet();
    const copy = deserializeModel(serializeModel(net));
    expect([...copy.params.keys()]).toEqual([...net.params.keys()]);
    expect(copy.layers.map((l) => l.name)).toEqual(net.layers.map((l) => l.name));
    expect(copy.weightDecay).toBe(0.01);
    for (const [name, w] of net.params)
      expect(copy.params.get(name)!.dataSync()).toEqual(w.dataSync());
    const bn = net.layers[1] as BatchNorm;
    expect((copy.layers[1] as BatchNorm).runningVar.dataSync()).toEqual(bn.runningVar.dataSync());
    expect(copy.predict(x).dataSync()).toEqual(net.predict(x).dataSync());
  });

  it("exports dense weights in PyTorch's [out, in] layout and reads them back", () => {
    const { net, x } = trainedNet(2);
    const bytes = serializeModel(net, { layout: "torch" });
    const file = decodeSafetensors(bytes);
    expect(file.tensors.get("affine1.weight")!.shape).toEqual([5, 4]);
    expect(file.metadata["backprop.layout"]).toBe("torch");
    expect(file.tensors.has("bn1.running_mean")).toBe(true);
    expect(deserializeModel(bytes).predict(x).dataSync()).toEqual(net.predict(x).dataSync());
  });

  it("loads a float64 model onto the wasm backend", () => {
    const { net, x } = trainedNet(3);
    const wasm = deserializeModel(serializeModel(net), { backend: "wasm" });
    const a = Array.from(
      wasm.predict(tensor(x.dataSync(), { shape: x.shape, backend: "wasm" })).dataSync(),
    );
    const b = Array.from(net.predict(x).dataSync());
    for (const [i, v] of a.entries()) expect(v).toBeCloseTo(b[i]!, 4);
  });

  it("names the tensor when a file does not fit its architecture", () => {
    const { net } = trainedNet(4);
    const file = decodeSafetensors(serializeModel(net));
    const metadata = file.metadata;
    const without = new Map(file.tensors);
    without.delete("bn2.running_var");
    expectFormatError(
      () => deserializeModel(encodeSafetensors(without, metadata), { file: "m.st" }),
      /entry 'bn2.running_var'\): missing/,
    );
    const reshaped = new Map(file.tensors);
    reshaped.set("affine2.weight", { dtype: "F64", shape: [3, 5], values: new Float64Array(15) });
    expectFormatError(
      () => deserializeModel(encodeSafetensors(reshaped, metadata)),
      /'affine2.weight'\): shape \[3, 5\] does not fit the architecture, which needs \[5, 3\]/,
    );
    const extra = new Map(file.tensors);
    extra.set("stray", { dtype: "F32", shape: [1], values: new Float32Array(1) });
    expectFormatError(
      () => deserializeModel(encodeSafetensors(extra, metadata)),
      /'stray'\): this tensor belongs to no layer/,
    );
    expectFormatError(
      () => deserializeModel(encodeSafetensors(file.tensors, {})),
      /not a backprop model/,
    );
  });

  it("saveModel writes atomically (no temporary file left) and loadModel reads it back", async () => {
    const { net, x } = trainedNet(5);
    const path = join(dir, "model.safetensors");
    await saveModel(net, path);
    await saveModel(net, path); // replacing an existing file
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    const loaded = await loadModel(path);
    expect(loaded.predict(x).dataSync()).toEqual(net.predict(x).dataSync());
    expect(readFileSync(path).subarray(8, 9)[0]).toBe(0x7b);
    await expect(saveModel(net, join(dir, "missing-dir", "m.safetensors"))).rejects.toThrow();
    await expect(loadModel(join(dir, "nope.safetensors"))).rejects.toThrow(/ENOENT/);
  });
});
