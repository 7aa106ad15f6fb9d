// `pnpm bench` for tensor-core: every benchmark of the package, one after the other.
import { quickMode } from "@backprop-tools/bench-harness";
import { benchFusedMatMul } from "./fused-matmul.bench.js";
import { benchMatMul } from "./matmul.bench.js";
import { benchOpOverhead } from "./op-overhead.bench.js";

const quick = quickMode();
const results = [
  await benchMatMul(quick),
  await benchOpOverhead(quick),
  await benchFusedMatMul(quick),
];
if (!quick && results.includes(false)) process.exitCode = 1;
