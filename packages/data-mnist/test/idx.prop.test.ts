import {
  encodeIdx,
  type IdxArray,
  IdxFormatError,
  type IdxType,
  parseIdx,
} from "@backprop/data-mnist";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

fc.configureGlobal({ seed: 2049, numRuns: 200 });

const VALUES: Record<IdxType, fc.Arbitrary<number>> = {
  ubyte: fc.integer({ min: 0, max: 255 }),
  byte: fc.integer({ min: -128, max: 127 }),
  int16: fc.integer({ min: -32768, max: 32767 }),
  int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  float32: fc.float({ noNaN: true }),
  float64: fc.double({ noNaN: true }),
};
const ARRAYS: Record<IdxType, (v: number[]) => IdxArray["data"]> = {
  ubyte: (v) => Uint8Array.from(v),
  byte: (v) => Int8Array.from(v),
  int16: (v) => Int16Array.from(v),
  int32: (v) => Int32Array.from(v),
  float32: (v) => Float32Array.from(v),
  float64: (v) => Float64Array.from(v),
};

const idxArb: fc.Arbitrary<IdxArray> = fc
  .record({
    type: fc.constantFrom<IdxType>("ubyte", "byte", "int16", "int32", "float32", "float64"),
    shape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
  })
  .chain(({ type, shape }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc
      .array(VALUES[type], { minLength: n, maxLength: n })
      .map((v) => ({ type, shape, data: ARRAYS[type](v) }));
  });

test.prop([idxArb])("encode → parse round-trips every type byte and shape", (array) => {
  const back = parseIdx(encodeIdx(array));
  expect(back.type).toBe(array.type);
  expect(back.shape).toEqual(array.shape);
  expect(Array.from(back.data)).toEqual(Array.from(array.data));
});

test.prop(
  [
    idxArb,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
    fc.integer({ min: -8, max: 8 }),
  ],
  {
    numRuns: 500,
  },
)(
  "fuzz: mutated, truncated or extended files parse or throw IdxFormatError, never anything else",
  (array, edits, lengthChange) => {
    const original = encodeIdx(array);
    const length = Math.max(0, original.length + lengthChange);
    const mutated = new Uint8Array(length);
    mutated.set(original.subarray(0, Math.min(length, original.length)));
    for (const [at, value] of edits) if (length > 0) mutated[at % length] = value;
    try {
      const parsed = parseIdx(mutated, { maxElements: 1 << 20 });
      expect(parsed.data.length).toBe(parsed.shape.reduce((a, b) => a * b, 1));
    } catch (e) {
      expect(IdxFormatError.isInstance(e), String(e)).toBe(true);
    }
  },
);
