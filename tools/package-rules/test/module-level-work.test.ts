import { describe, expect, it } from "vitest";
import { moduleLevelWork } from "../src/index.js";

const check = (text: string) => moduleLevelWork([{ file: "a.ts", text }]);

describe("moduleLevelWork", () => {
  it("lets declarations and inert constants through", () => {
    expect(
      check(`
        import { x } from "y";
        export const A = 1 + 2;
        const table = { a: [1, "b", null], ...{ c: true } } as const;
        export const experiment = { name: "xor", quick: { steps: 3 }, async run(o = {}) { return o; }, get size() { return 1; } };
        const registry = { [experiment.name]: experiment };
        const KEY = Symbol.for("k");
        const f = () => 1;
        let lazy: number | undefined;
        export function g() {}
        export class C {}
      `),
    ).toEqual([]);
  });

  it("flags calls, constructions and statements", () => {
    expect(check(`export const S = new Set([1]);`)).toHaveLength(1);
    expect(check(`const LN10 = Math.log(10);`)).toHaveLength(1);
    expect(check(`const r = { [key()]: 1 };`)).toHaveLength(1);
    expect(check(`const o = { a: compute() };`)).toHaveLength(1);
    expect(check(`console.log("hi");`)).toHaveLength(1);
    expect(check(`let x = 1;`)).toHaveLength(1);
  });
});
