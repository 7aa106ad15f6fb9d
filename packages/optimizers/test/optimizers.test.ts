import { InvalidOptionError, ShapeError } from "@backprop/errors";
import {
  AdaGrad,
  Adam,
  AdamW,
  clipByGlobalNorm,
  clipByValue,
  createOptimizer,
  globalNorm,
  Momentum,
  type Optimizer,
  type OptimizerState,
  RMSProp,
  restoreOptimizer,
  SGD,
} from "@backprop/optimizers";
import {
  initBackend,
  memory,
  mul,
  scope,
  setDefaultBackend,
  sub,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

const NAMES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"];

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

/** A few steps on a fixed quadratic; returns the parameter values after each. */
function run(opt: Optimizer, params: Map<string, Tensor>, steps: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const grads = new Map(
      [...params].map(([k, w]) => [k, scope(() => mul(sub(w, 0.5), 2))] as const),
    );
    opt.step(params, grads);
    for (const g of grads.values()) g.dispose();
    out.push([...params.values()].flatMap((t) => Array.from(t.dataSync())));
  }
  return out;
}

function freshParams(): Map<string, Tensor> {
  return new Map([
    [
      "dense1.weight",
      tensor([
        [1, -2],
        [3, 0.5],
      ]),
    ],
    ["dense1.bias", tensor([0.1, -0.1])],
  ]);
}

describe.each(["reference", "wasm"] as const)("optimizers on %s", (backend) => {
  beforeAll(() => setDefaultBackend(backend));

  for (const name of NAMES) {
    it(`${name}: save → load → the next steps are bit-identical to an uninterrupted run`, () => {
      const straight = run(createOptimizer(name, { lr: 0.05 }), freshParams(), 10);
      const first = createOptimizer(name, { lr: 0.05 });
      const params = freshParams();
      run(first, params, 4);
      const saved = structuredClone(first.state());
      first.dispose();
      const resumed = createOptimizer(name, { lr: 0.05 });
      resumed.loadState(saved);
      expect(resumed.iterations).toBe(4);
      const rest = run(resumed, params, 6);
      expect(rest).toEqual(straight.slice(4));
    });

    it(`${name}: a step leaks nothing (params swapped, old ones disposed, slots kept)`, () => {
      const opt = createOptimizer(name, { lr: 0.05 });
      const params = freshParams();
      run(opt, params, 1); // creates the slots
      const before = memory();
      run(opt, params, 3);
      const after = memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.backends[backend]?.backendTensors).toBe(
        before.backends[backend]?.backendTensors,
      );
    });
  }
});

describe("restoreOptimizer", () => {
  beforeAll(() => setDefaultBackend("reference"));
  const settings: Array<[string, Record<string, number | string>]> = [
    ["sgd", { lr: 0.05, weightDecay: 0.01, clipValue: 0.7 }],
    ["momentum", { lr: 0.05, momentum: 0.8, form: "book" }],
    ["nesterov", { lr: 0.05, momentum: 0.7 }],
    ["adagrad", { lr: 0.05, preset: "book" }],
    ["rmsprop", { lr: 0.05, rho: 0.9, clipNorm: 1.5 }],
    ["adam", { lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: "hat" }],
    ["adamw", { lr: 0.05, weightDecay: 0.1 }],
  ];
  it.each(settings)(
    "%s comes back from its state alone and continues bit-identically",
    (name, options) => {
      const straight = run(createOptimizer(name, options), freshParams(), 9);
      const first = createOptimizer(name, options);
      const params = freshParams();
      run(first, params, 4);
      const saved = structuredClone(first.state());
      first.dispose();
      const again = restoreOptimizer(saved);
      expect(again.type).toBe(first.type);
      expect(again.state().hyper).toEqual(saved.hyper);
      expect(run(again, params, 5)).toEqual(straight.slice(4));
    },
  );

  it("records clipping in the state and refuses a state that is not one", () => {
    expect(new SGD({ clipNorm: 2 }).state().hyper).toMatchObject({ clipNorm: 2, clipValue: null });
    expect(() => new SGD().loadState(new SGD({ clipNorm: 2 }).state())).toThrow(
      /'state.hyper.clipNorm'/,
    );
    expect(() => restoreOptimizer(null as never)).toThrow(InvalidOptionError);
    expect(() => restoreOptimizer({ ...new SGD().state(), type: "lion" })).toThrow(/'name'/);
  });
});

describe("state, options and errors", () => {
  beforeAll(() => setDefaultBackend("reference"));

  it("state is plain data plus typed arrays and names the slots", () => {
    const opt = new Adam({ lr: 0.01 });
    run(opt, freshParams(), 2);
    const s = opt.state();
    expect(s).toMatchObject({ type: "adam", version: 1, iterations: 2, lr: 0.01 });
    expect(Object.keys(s.slots)).toEqual(["m", "v"]);
    expect(s.slots.m?.["dense1.weight"]?.values).toBeInstanceOf(Float64Array);
    expect(s.slots.m?.["dense1.weight"]?.shape).toEqual([2, 2]);
  });

  it("loadState refuses another optimizer's state or other hyperparameters", () => {
    const s = new Adam().state();
    expect(() => new SGD().loadState(s)).toThrow(/'state.type'/);
    expect(() => new Adam({ beta1: 0.8 }).loadState(s)).toThrow(/'state.hyper.beta1'/);
    expect(() => new Adam().loadState({ ...s, version: 2 as never })).toThrow(/'state.version'/);
  });

  it("lr is readable and writable between steps, and validated", () => {
    const opt = new SGD({ lr: 0.1 });
    opt.lr = 0.5;
    expect(opt.lr).toBe(0.5);
    expect(() => {
      opt.lr = Number.NaN;
    }).toThrow(InvalidOptionError);
    expect(() => new SGD({ lr: -1 })).toThrow(/'lr'/);
  });

  it("documented defaults", () => {
    expect(new SGD().lr).toBe(0.01);
    expect(new Momentum()).toMatchObject({ momentum: 0.9, form: "torch" });
    expect(new AdaGrad().eps).toBe(1e-10);
    expect(new AdaGrad({ preset: "book" }).eps).toBe(1e-7);
    expect(new RMSProp()).toMatchObject({ rho: 0.99, eps: 1e-8 });
    expect(new Adam()).toMatchObject({
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      epsilon: "torch",
    });
    expect(new Adam({ preset: "book" })).toMatchObject({ eps: 1e-7, epsilon: "hat" });
    expect(new AdamW()).toMatchObject({ weightDecay: 0.01 });
    expect(() => createOptimizer("lbfgs")).toThrow(/'name'/);
    expect(createOptimizer("Adam").type).toBe("adam");
  });

  it("step checks names and shapes", () => {
    const params = freshParams();
    expect(() => new SGD().step(params, new Map([["nope", tensor([1])]]))).toThrow(
      /grads\["nope"\]/,
    );
    expect(() => new SGD().step(params, new Map([["dense1.bias", tensor([1, 2, 3])]]))).toThrow(
      ShapeError,
    );
  });

  it("parameters without a gradient are left alone", () => {
    const params = freshParams();
    const bias = params.get("dense1.bias");
    new SGD({ lr: 1 }).step(
      params,
      new Map([
        [
          "dense1.weight",
          tensor([
            [1, 1],
            [1, 1],
          ]),
        ],
      ]),
    );
    expect(params.get("dense1.bias")).toBe(bias);
    expect(params.get("dense1.weight")!.arraySync()).toEqual([
      [0, -3],
      [2, -0.5],
    ]);
  });
});

describe("gradient clipping", () => {
  beforeAll(() => setDefaultBackend("reference"));

  it("by global norm, across tensors", () => {
    const grads = new Map([
      ["a", tensor([3, 0])],
      ["b", tensor([0, 4])],
    ]);
    expect(globalNorm(grads)).toBe(5);
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect(norm).toBe(5);
    expect(globalNorm(clipped)).toBeCloseTo(1, 6);
    expect(clipByGlobalNorm(grads, 10).grads.get("a")!.arraySync()).toEqual([3, 0]);
  });

  it("by value, and as optimizer options", () => {
    expect(
      clipByValue(new Map([["w", tensor([-3, 0.5])]]), 1)
        .get("w")!
        .arraySync(),
    ).toEqual([-1, 0.5]);
    const params = new Map([["w", tensor([0, 0])]]);
    new SGD({ lr: 1, clipValue: 1 }).step(params, new Map([["w", tensor([5, -0.5])]]));
    expect(params.get("w")!.arraySync()).toEqual([-1, 0.5]);
    const p2 = new Map([["w", tensor([0, 0])]]);
    new SGD({ lr: 1, clipNorm: 1 }).step(p2, new Map([["w", tensor([3, 4])]]));
    const w = p2.get("w")!.arraySync() as number[];
    expect(w[0]).toBeCloseTo(-0.6, 5);
    expect(w[1]).toBeCloseTo(-0.8, 5);
    expect(() => new SGD({ clipNorm: 0 })).toThrow(/'clipNorm'/);
  });
});
