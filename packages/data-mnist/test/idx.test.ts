import { encodeIdx, IdxFormatError, pairImagesAndLabels, parseIdx } from "@backprop/data-mnist";
import { FormatError } from "@backprop/errors";
import { describe, expect, it } from "vitest";

const labels = encodeIdx({ type: "ubyte", shape: [4], data: new Uint8Array([5, 0, 4, 1]) });
const images = encodeIdx({
  type: "ubyte",
  shape: [4, 2, 3],
  data: Uint8Array.from({ length: 24 }, (_, i) => i * 10),
});

function bytes(...parts: number[]): Uint8Array {
  return Uint8Array.from(parts);
}

function withDims(type: number, dims: number[], dataLength: number): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + dataLength);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  return out;
}

/** The bad-input corpus of the parser: each case, the offset and the words the error must carry. */
const CORPUS: Array<[string, Uint8Array, number, RegExp]> = [
  ["empty file", new Uint8Array(0), 0, /too short for the 4-byte magic/],
  ["truncated magic", bytes(0, 0, 8), 0, /too short/],
  ["gzip bytes (not decompressed)", bytes(0x1f, 0x8b, 8, 0, 1, 2, 3, 4), 0, /gzipped/],
  ["non-zero first magic byte", bytes(1, 0, 8, 1, 0, 0, 0, 1, 0), 0, /two zero bytes/],
  ["unknown type byte", bytes(0, 0, 0x0a, 1, 0, 0, 0, 1, 0), 2, /unknown type byte 0x0A/],
  ["rank 0", bytes(0, 0, 8, 0), 3, /rank 0 is outside/],
  ["absurd rank", bytes(0, 0, 8, 200), 3, /rank 200/],
  ["truncated header", labels.subarray(0, 6), 6, /declares 1 dimensions/],
  ["zero dimension", withDims(8, [0], 0), 4, /dimension 0 is 0/],
  [
    "absurd dimensions (2^32 − 1 squared)",
    withDims(8, [0xffffffff, 0xffffffff], 0),
    4,
    /more than 1073741824 elements/,
  ],
  [
    "truncated data (labels)",
    labels.subarray(0, labels.length - 1),
    labels.length - 1,
    /truncated: the header declares 4 ubyte values/,
  ],
  ["truncated data (images)", images.subarray(0, 30), 30, /truncated/],
  ["trailing bytes", Uint8Array.from([...labels, 9, 9]), labels.length, /2 trailing bytes/],
  [
    "int32 data one byte short",
    withDims(0x0c, [2], 7),
    15,
    /truncated: the header declares 2 int32 values/,
  ],
];

describe("IDX parser: the bad-input corpus", () => {
  for (const [name, input, offset, words] of CORPUS) {
    it(name, () => {
      try {
        parseIdx(input, { file: "corpus.idx" });
      } catch (e) {
        expect(IdxFormatError.isInstance(e)).toBe(true);
        expect(FormatError.isInstance(e)).toBe(true);
        expect((e as IdxFormatError).offset).toBe(offset);
        expect((e as Error).message).toMatch(/^corpus\.idx at byte \d+: /);
        expect((e as Error).message).toMatch(words);
        return;
      }
      throw new Error(`${name} parsed without an error`);
    });
  }

  it("caps are configurable", () => {
    expect(() => parseIdx(images, { maxElements: 10 })).toThrow(/more than 10 elements/);
    expect(() => parseIdx(images, { maxRank: 2 })).toThrow(/rank 3 is outside 1..2/);
  });
});

describe("MNIST image/label pairs", () => {
  it("reads the standard magic numbers 2049 and 2051", () => {
    expect(new DataView(labels.buffer).getUint32(0, false)).toBe(2049);
    expect(new DataView(images.buffer).getUint32(0, false)).toBe(2051);
    const pair = pairImagesAndLabels(parseIdx(images), parseIdx(labels), {
      imagesFile: "i",
      labelsFile: "l",
    });
    expect(pair).toMatchObject({ count: 4, rows: 2, cols: 3 });
    expect(Array.from(pair.labels)).toEqual([5, 0, 4, 1]);
    expect(pair.images[23]).toBe(230);
  });

  it("rejects a count mismatch, an out-of-range label and swapped files", () => {
    const three = encodeIdx({ type: "ubyte", shape: [3], data: new Uint8Array([1, 2, 3]) });
    expect(() =>
      pairImagesAndLabels(parseIdx(images), parseIdx(three), {
        imagesFile: "imgs",
        labelsFile: "lbls",
      }),
    ).toThrow(/lbls at byte 4: 3 labels for 4 images in imgs/);
    const bad = encodeIdx({ type: "ubyte", shape: [4], data: new Uint8Array([1, 2, 10, 3]) });
    expect(() =>
      pairImagesAndLabels(parseIdx(images), parseIdx(bad), { imagesFile: "i", labelsFile: "l" }),
    ).toThrow(/l at byte 10: label 10 of item 2 is outside 0..9/);
    expect(() =>
      pairImagesAndLabels(parseIdx(labels), parseIdx(images), { imagesFile: "i", labelsFile: "l" }),
    ).toThrow(/expected ubyte images/);
  });
});
