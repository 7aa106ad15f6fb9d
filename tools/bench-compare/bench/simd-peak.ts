// The ceiling: how many float32 multiply-adds per second WebAssembly SIMD can do on this machine at
// all, measured with a kernel that does nothing else (twelve independent 4-lane mul+add chains, no
// memory traffic), and what that means for a training step whose matrix products alone need a known
// number of FLOPs. A target above this ceiling cannot be met by any wasm kernel, ours or tfjs's.
import asc from "assemblyscript/asc";
import type { NetSpec } from "./nets.js";
import { BATCH } from "./nets.js";

const PEAK_SOURCE = `
export function peak(iterations: i32, seed: f32): f32 {
  const x = f32x4.splat(seed);
  const y = f32x4.splat(1.0000001);
  let b0 = f32x4.splat(seed);
  const b1 = f32x4.splat(seed * 2);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let a4 = f32x4.splat(0), a5 = f32x4.splat(0), a6 = f32x4.splat(0), a7 = f32x4.splat(0);
  let a8 = f32x4.splat(0), a9 = f32x4.splat(0), a10 = f32x4.splat(0), a11 = f32x4.splat(0);
  for (let i = 0; i < iterations; i++) {
    a0 = f32x4.add(a0, f32x4.mul(x, b0)); a1 = f32x4.add(a1, f32x4.mul(x, b1));
    a2 = f32x4.add(a2, f32x4.mul(y, b0)); a3 = f32x4.add(a3, f32x4.mul(y, b1));
    a4 = f32x4.add(a4, f32x4.mul(x, b0)); a5 = f32x4.add(a5, f32x4.mul(x, b1));
    a6 = f32x4.add(a6, f32x4.mul(y, b0)); a7 = f32x4.add(a7, f32x4.mul(y, b1));
    a8 = f32x4.add(a8, f32x4.mul(x, b0)); a9 = f32x4.add(a9, f32x4.mul(x, b1));
    a10 = f32x4.add(a10, f32x4.mul(y, b0)); a11 = f32x4.add(a11, f32x4.mul(y, b1));
    b0 = f32x4.add(b0, y);
  }
  let s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  s = f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11)));
  return f32x4.extract_lane(s, 0);
}
`;

/** FLOPs / iteration of the peak loop: 12 four-lane multiplies and 12 four-lane adds. */
const FLOPS_PER_ITERATION = 12 * 4 * 2;

/** Best of `rounds` timed runs of the peak loop, in GFLOP/s. */
export async function measureSimdPeak(rounds = 7, iterations = 20_000_000): Promise<number> {
  const { binary, stderr } = await asc.compileString(PEAK_SOURCE, {
    optimizeLevel: 3,
    runtime: "stub",
    enable: ["simd"],
  } as never);
  if (binary === null || binary === undefined) throw new Error(`asc failed: ${stderr.toString()}`);
  const module = await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, {});
  const peak = instance.exports.peak as (iterations: number, seed: number) => number;
  peak(1_000_000, 0.5); // compile tier-up
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    peak(iterations, 0.5);
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, (iterations * FLOPS_PER_ITERATION) / seconds / 1e9);
  }
  return best;
}

/**
 * FLOPs of the matrix products of one SGD step at batch 100: the forward x·W, the weight gradients
 * xᵀ·dy and the input gradients dy·Wᵀ (not needed for the first layer).
 */
export function stepMatMulFlops(spec: NetSpec): number {
  let macs = 0;
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const inner = spec.sizes[l]! * spec.sizes[l + 1]! * BATCH;
    macs += l === 0 ? 2 * inner : 3 * inner;
  }
  return 2 * macs;
}
