// The plain-JS contender: the same nets as straight loops over Float32Arrays — forward with the
// loss, backward (no input gradient for the first layer), SGD in place — with every buffer
// allocated once. Matrix products use the loop order that walks memory contiguously (i-p-j for
// a·b, p-i-j for aᵀ·b, row dot products for a·bᵀ); no SIMD, no blocking.
import { createRng } from "@backprop/random";
import { BATCH, type BenchData, type NetSpec } from "./nets.js";

/** c[m×n] = a[m×k]·b[k×n]. */
function mm(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number) {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j]! += av * b[bp + j]!;
    }
  }
}

/** c[m×n] = a[k×m]ᵀ·b[k×n]. */
function mmTN(a: Float32Array, b: Float32Array, c: Float32Array, k: number, m: number, n: number) {
  c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++) {
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const av = a[p * m + i]!;
      if (av === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j]! += av * b[bp + j]!;
    }
  }
}

/** c[m×n] = a[m×k]·b[n×k]ᵀ. */
function mmNT(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number) {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      c[i * n + j] = s;
    }
  }
}

/** A net in plain JS, trained one epoch at a time. */
export class PlainJsNet {
  readonly #spec: NetSpec;
  readonly #w: Float32Array[] = [];
  readonly #b: Float32Array[] = [];
  readonly #dw: Float32Array[] = [];
  readonly #db: Float32Array[] = [];
  readonly #gamma: Float32Array[] = [];
  readonly #beta: Float32Array[] = [];
  readonly #runMean: Float32Array[] = [];
  readonly #runVar: Float32Array[] = [];
  /** acts[i]: the input of layer i (acts[0] is the batch); xn/std: BatchNorm's cache. */
  readonly #acts: Float32Array[] = [];
  readonly #xn: Float32Array[] = [];
  readonly #std: Float32Array[] = [];
  readonly #grad: Float32Array[] = [];
  readonly #tmp: Float32Array;
  readonly #rng = createRng(9);

  constructor(spec: NetSpec) {
    this.#spec = spec;
    const rng = createRng(3);
    const s = spec.sizes;
    for (let i = 1; i < s.length; i++) {
      const [fanIn, fanOut] = [s[i - 1]!, s[i]!];
      const std = spec.activation === "relu" ? Math.sqrt(2 / fanIn) : 0.01;
      const w = new Float32Array(fanIn * fanOut);
      for (let j = 0; j < w.length; j++) w[j] = rng.normal() * std;
      this.#w.push(w);
      this.#b.push(new Float32Array(fanOut));
      this.#dw.push(new Float32Array(fanIn * fanOut));
      this.#db.push(new Float32Array(fanOut));
      this.#acts.push(new Float32Array(BATCH * fanIn));
      this.#grad.push(new Float32Array(BATCH * fanOut));
      if (spec.batchNorm && i < s.length - 1) {
        this.#gamma.push(new Float32Array(fanOut).fill(1));
        this.#beta.push(new Float32Array(fanOut));
        this.#runMean.push(new Float32Array(fanOut));
        this.#runVar.push(new Float32Array(fanOut).fill(1));
        this.#xn.push(new Float32Array(BATCH * fanOut));
        this.#std.push(new Float32Array(fanOut));
      }
    }
    this.#tmp = new Float32Array(BATCH * Math.max(...s));
  }

  /** One epoch over `data` in a fresh random order; returns the mean batch loss. */
  epoch(data: BenchData): number {
    const order = this.#rng.permutation(data.count);
    let total = 0;
    let steps = 0;
    for (let start = 0; start + BATCH <= data.count; start += BATCH) {
      const x = this.#acts[0]!;
      const labels = new Int32Array(BATCH);
      for (let i = 0; i < BATCH; i++) {
        const row = order[start + i]!;
        x.set(data.features.subarray(row * 784, row * 784 + 784), i * 784);
        labels[i] = data.labels[row]!;
      }
      total += this.step(labels);
      steps++;
    }
    return total / steps;
  }

  /** One SGD step on the batch in acts[0]. */
  step(labels: Int32Array): number {
    const { sizes, batchNorm, activation, lr } = this.#spec;
    const n = BATCH;
    const last = sizes.length - 2;
    // Forward.
    for (let l = 0; l <= last; l++) {
      const k = sizes[l]!;
      const m = sizes[l + 1]!;
      const out = l === last ? this.#grad[last]! : this.#acts[l + 1]!;
      mm(this.#acts[l]!, this.#w[l]!, out, n, k, m);
      const b = this.#b[l]!;
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j]! += b[j]!;
      if (l === last) break;
      if (batchNorm) this.#bnForward(l, out, m);
      if (activation === "relu") {
        for (let i = 0; i < n * m; i++) if (out[i]! < 0) out[i] = 0;
      } else {
        for (let i = 0; i < n * m; i++) out[i] = 1 / (1 + Math.exp(-out[i]!));
      }
    }
    // Softmax cross-entropy; the logits buffer becomes dL/dlogits.
    const c = sizes[last + 1]!;
    const dy = this.#grad[last]!;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let mx = -Infinity;
      for (let j = 0; j < c; j++) mx = Math.max(mx, dy[i * c + j]!);
      let s = 0;
      for (let j = 0; j < c; j++) s += Math.exp(dy[i * c + j]! - mx);
      const t = labels[i]!;
      loss += Math.log(s) - (dy[i * c + t]! - mx);
      for (let j = 0; j < c; j++)
        dy[i * c + j] = (Math.exp(dy[i * c + j]! - mx) / s - (j === t ? 1 : 0)) / n;
    }
    // Backward and update.
    for (let l = last; l >= 0; l--) {
      const k = sizes[l]!;
      const m = sizes[l + 1]!;
      const g = this.#grad[l]!;
      const w = this.#w[l]!;
      const dw = this.#dw[l]!;
      const db = this.#db[l]!;
      mmTN(this.#acts[l]!, g, dw, n, k, m);
      db.fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) db[j]! += g[i * m + j]!;
      if (l > 0) {
        const dh = this.#grad[l - 1]!;
        mmNT(g, w, dh, n, m, k);
        const h = this.#acts[l]!;
        if (activation === "relu") {
          for (let i = 0; i < n * k; i++) if (h[i]! <= 0) dh[i] = 0;
        } else {
          for (let i = 0; i < n * k; i++) dh[i]! *= h[i]! * (1 - h[i]!);
        }
        if (batchNorm) this.#bnBackward(l - 1, dh, k, lr);
      }
      for (let i = 0; i < w.length; i++) w[i]! -= lr * dw[i]!;
      const b = this.#b[l]!;
      for (let j = 0; j < m; j++) b[j]! -= lr * db[j]!;
    }
    return loss / n;
  }

  #bnForward(l: number, a: Float32Array, m: number): void {
    const n = BATCH;
    const xn = this.#xn[l]!;
    const std = this.#std[l]!;
    const gamma = this.#gamma[l]!;
    const beta = this.#beta[l]!;
    const rm = this.#runMean[l]!;
    const rv = this.#runVar[l]!;
    for (let j = 0; j < m; j++) {
      let mu = 0;
      for (let i = 0; i < n; i++) mu += a[i * m + j]!;
      mu /= n;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const d = a[i * m + j]! - mu;
        v += d * d;
      }
      v /= n;
      const s = Math.sqrt(v + 1e-5);
      std[j] = s;
      for (let i = 0; i < n; i++) {
        const z = (a[i * m + j]! - mu) / s;
        xn[i * m + j] = z;
        a[i * m + j] = gamma[j]! * z + beta[j]!;
      }
      rm[j] = 0.9 * rm[j]! + 0.1 * mu;
      rv[j] = 0.9 * rv[j]! + ((0.1 * n) / (n - 1)) * v;
    }
  }

  #bnBackward(l: number, d: Float32Array, m: number, lr: number): void {
    const n = BATCH;
    const xn = this.#xn[l]!;
    const std = this.#std[l]!;
    const gamma = this.#gamma[l]!;
    const beta = this.#beta[l]!;
    const tmp = this.#tmp;
    for (let j = 0; j < m; j++) {
      let dbeta = 0;
      let dgamma = 0;
      for (let i = 0; i < n; i++) {
        dbeta += d[i * m + j]!;
        dgamma += d[i * m + j]! * xn[i * m + j]!;
      }
      const g = gamma[j]!;
      // dxn = g·d: mean(dxn) = g·dbeta/n, mean(dxn·xn) = g·dgamma/n.
      const meanD = (g * dbeta) / n;
      const meanDX = (g * dgamma) / n;
      for (let i = 0; i < n; i++)
        tmp[i * m + j] = (g * d[i * m + j]! - meanD - xn[i * m + j]! * meanDX) / std[j]!;
      gamma[j] = g - lr * dgamma;
      beta[j] = beta[j]! - lr * dbeta;
    }
    d.set(tmp.subarray(0, n * m));
  }
}
