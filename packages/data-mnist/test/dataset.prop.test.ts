import { encodeIdx, InMemoryDataset, pairImagesAndLabels, parseIdx } from "@backprop/data-mnist";
import { createRng } from "@backprop/random";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";

fc.configureGlobal({ seed: 2051, numRuns: 100 });

const datasetArb = fc
  .record({
    count: fc.integer({ min: 1, max: 60 }),
    width: fc.integer({ min: 1, max: 4 }),
    classes: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer(),
  })
  .map(({ count, width, classes, seed }) => {
    const rng = createRng(seed);
    // Feature row i holds i, so every row is identifiable after shuffles and splits.
    const features = Float32Array.from({ length: count * width }, (_, j) => Math.floor(j / width));
    const labels = Array.from({ length: count }, () => rng.integer(0, classes - 1));
    return {
      data: new InMemoryDataset({ features, labels, featureShape: [width], numClasses: classes }),
      seed,
    };
  });

const rowsOf = (d: InMemoryDataset) =>
  Array.from({ length: d.count }, (_, i) => d.features[i * d.featureSize]!);

test.prop([datasetArb])(
  "shuffle is a permutation; the same seed gives the same order",
  ({ data, seed }) => {
    const a = rowsOf(data.shuffle(createRng(seed)));
    expect([...a].sort((x, y) => x - y)).toEqual(rowsOf(data));
    expect(rowsOf(data.shuffle(createRng(seed)))).toEqual(a);
  },
);

test.prop([datasetArb, fc.double({ min: 0, max: 0.9, noNaN: true }), fc.boolean()])(
  "split: disjoint, complete, seeded; stratified keeps each class's share",
  ({ data, seed }, ratio, stratified) => {
    const { train, validation } = data.split({
      validation: ratio,
      rng: createRng(seed),
      stratified,
    });
    const t = rowsOf(train);
    const v = rowsOf(validation);
    expect(new Set([...t, ...v]).size).toBe(data.count);
    expect(t.length + v.length).toBe(data.count);
    const again = data.split({ validation: ratio, rng: createRng(seed), stratified });
    expect(rowsOf(again.validation)).toEqual(v);
    if (stratified) {
      for (let c = 0; c < data.numClasses; c++) {
        const total = data.labels.filter((l) => l === c).length;
        expect(validation.labels.filter((l) => l === c).length).toBe(Math.round(total * ratio));
      }
    }
  },
);

test.prop([datasetArb, fc.integer({ min: 1, max: 16 })])(
  "epoch batches cover every row exactly once",
  ({ data, seed }, batchSize) => {
    const seen: number[] = [];
    for (const batch of data.batches({ batchSize, rng: createRng(seed) })) {
      expect(batch.size).toBeLessThanOrEqual(batchSize);
      expect(batch.features.length).toBe(batch.size * data.featureSize);
      seen.push(...Array.from(batch.indices));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: data.count }, (_, i) => i));
  },
);

describe("datasets", () => {
  it("the book's sampling with replacement: count/batchSize batches, rows may repeat", () => {
    const data = new InMemoryDataset({
      features: new Float32Array(100),
      labels: new Array(100).fill(0),
    });
    const batches = [...data.batches({ batchSize: 10, rng: createRng(1), mode: "replacement" })];
    expect(batches).toHaveLength(10);
    const rows = batches.flatMap((b) => Array.from(b.indices));
    expect(new Set(rows).size).toBeLessThan(100);
    expect(() => [...data.batches({ batchSize: 10, mode: "replacement" })]).toThrow(/'rng'/);
  });

  it("subset draws n distinct rows; dropLast drops the short batch", () => {
    const data = new InMemoryDataset({
      features: [[1], [2], [3], [4], [5]],
      labels: [0, 1, 0, 1, 0],
    });
    const sub = data.subset(3, createRng(4));
    expect(new Set(rowsOf(sub)).size).toBe(3);
    expect([...data.batches({ batchSize: 2, dropLast: true })].map((b) => b.size)).toEqual([2, 2]);
    expect(() => data.subset(6, createRng(0))).toThrow(/'n'/);
  });

  it("MNIST pairs become normalised float32 rows or [1, 28, 28] images", () => {
    const images = parseIdx(
      encodeIdx({
        type: "ubyte",
        shape: [2, 2, 2],
        data: Uint8Array.from([0, 255, 51, 102, 0, 0, 0, 255]),
      }),
    );
    const labels = parseIdx(
      encodeIdx({ type: "ubyte", shape: [2], data: Uint8Array.from([3, 9]) }),
    );
    const pair = pairImagesAndLabels(images, labels, { imagesFile: "i", labelsFile: "l" });
    const flat = InMemoryDataset.fromImages(pair);
    expect(flat.featureShape).toEqual([4]);
    expect(Array.from(flat.features.subarray(0, 4))).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    expect(
      InMemoryDataset.fromImages(pair, { shape: "image", normalize: false }).featureShape,
    ).toEqual([1, 2, 2]);
    expect(flat.numClasses).toBe(10);
  });

  it("typed errors for ragged rows, a label/row mismatch and bad labels", () => {
    expect(() => new InMemoryDataset({ features: [[1, 2], [3]], labels: [0, 1] })).toThrow(
      /'features\[1\]'/,
    );
    expect(
      () =>
        new InMemoryDataset({ features: new Float32Array(5), labels: [0, 1], featureShape: [2] }),
    ).toThrow(/'features'/);
    expect(() => new InMemoryDataset({ features: [[1]], labels: [-1] })).toThrow(/'labels\[0\]'/);
    expect(() => new InMemoryDataset({ features: [[1]], labels: [3], numClasses: 2 })).toThrow(
      /'numClasses'/,
    );
  });
});
