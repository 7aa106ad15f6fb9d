import { createRng } from "@backprop/random";
import {
  arange,
  fill,
  ones,
  onesLike,
  randomNormal,
  randomUniform,
  scalar,
  tensor,
  toBackend,
  zeros,
  zerosLike,
} from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend, expectClose } from "../support/backends.js";

describeEachBackend("creation", (backend) => {
  const float = backend === "wasm" ? "float32" : "float64";

  it("tensor() infers shape and dtype from nested arrays", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe(float);
    expect(t.backend).toBe(backend);
    expect(t.arraySync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor([true, false]).dtype).toBe("bool");
    expect(tensor(new Int32Array([1, 2])).dtype).toBe("int32");
    expect(tensor([3, 1], { dtype: "int32" }).dataSync()).toEqual(new Int32Array([3, 1]));
  });

  it("tensor() reshapes flat typed arrays and converts to the backend's float", () => {
    const t = tensor(new Float64Array([1.5, 2.5, 3.5, 4.5]), { shape: [2, 2] });
    expect(t.shape).toEqual([2, 2]);
    expect(t.dtype).toBe(float);
    expect(t.dataSync()).toBeInstanceOf(backend === "wasm" ? Float32Array : Float64Array);
    expectClose(t, [
      [1.5, 2.5],
      [3.5, 4.5],
    ]);
  });

  it("tensor() keeps no reference to the caller's array (of any type)", () => {
    for (const values of [
      new Float32Array([1, 2, 3]),
      new Float64Array([1, 2, 3]),
      new Int32Array([1, 2, 3]),
    ]) {
      const t = tensor(values, values instanceof Int32Array ? { dtype: "int32" } : {});
      values[0] = 99;
      expect(t.arraySync()).toEqual([1, 2, 3]);
      const read = t.dataSync();
      read[1] = 99;
      expect(t.arraySync()).toEqual([1, 2, 3]);
    }
  });

  it("scalars, empty tensors and size-0 dims", () => {
    expect(scalar(2).shape).toEqual([]);
    expect(scalar(2).item()).toBe(2);
    expect(tensor([]).shape).toEqual([0]);
    expect(zeros([0, 3]).size).toBe(0);
    expect(zeros([0, 3]).arraySync()).toEqual([]);
  });

  it("fill, zeros, ones and the *Like variants", () => {
    expect(fill([2], 7).arraySync()).toEqual([7, 7]);
    expect(fill([2], -Infinity).arraySync()).toEqual([-Infinity, -Infinity]);
    expect(zeros([2, 1]).arraySync()).toEqual([[0], [0]]);
    expect(ones([3], { dtype: "int32" }).dtype).toBe("int32");
    const x = tensor([1, 2], { dtype: "int32" });
    expect(zerosLike(x).dtype).toBe("int32");
    expect(onesLike(x).arraySync()).toEqual([1, 1]);
    expect(ones([2], { dtype: "bool" }).arraySync()).toEqual([1, 1]);
  });

  it("arange", () => {
    expect(arange(4).arraySync()).toEqual([0, 1, 2, 3]);
    expect(arange(3).dtype).toBe("int32");
    expect(arange(2, { dtype: "float" }).dtype).toBe(float);
    expect(arange(0).shape).toEqual([0]);
  });

  it("array() and data() agree with their sync twins", async () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(await t.array()).toEqual(t.arraySync());
    expect(await t.data()).toEqual(t.dataSync());
    // Read-backs are copies: mutating one does not change the tensor.
    t.dataSync()[0] = 99;
    expect(t.dataSync()[0]).toBe(1);
  });

  it("random tensors: same seed gives the same values, on both backends", () => {
    const a = randomNormal([50], { rng: createRng(7), mean: 1, std: 2 });
    const b = randomNormal([50], { rng: createRng(7), mean: 1, std: 2 });
    expect(a.dataSync()).toEqual(b.dataSync());
    const ref = randomNormal([50], { rng: createRng(7), mean: 1, std: 2, backend: "reference" });
    expectClose(a, ref.arraySync());
    const u = randomUniform([1000], { rng: createRng(3), low: -2, high: 3 });
    const values = Array.from(u.dataSync());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(3);
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(m - 0.5)).toBeLessThan(0.2);
    expect(randomNormal([4], { rng: createRng(8), std: 0 }).arraySync()).toEqual([0, 0, 0, 0]);
  });

  it("toBackend copies across backends and converts the float dtype", () => {
    const other = backend === "wasm" ? "reference" : "wasm";
    const t = tensor([0.5, 1.25, -3]);
    const copy = toBackend(t, other);
    expect(copy.backend).toBe(other);
    expect(copy.dtype).toBe(other === "wasm" ? "float32" : "float64");
    expect(copy.arraySync()).toEqual([0.5, 1.25, -3]);
    const labels = toBackend(tensor([1, 2], { dtype: "int32" }), other);
    expect(labels.dtype).toBe("int32");
  });
});
