import { InvalidOptionError } from "@backprop/errors";
import { EXPERIMENTS, gradientDescent } from "@backprop/experiments";
import { describe, expect, it } from "vitest";

describe("the experiment registry and options", () => {
  it("names every experiment by its command-line name, with quick and full settings of the same keys", () => {
    for (const [name, e] of Object.entries(EXPERIMENTS)) {
      expect(e.name).toBe(name);
      expect(Object.keys(e.full).sort()).toEqual(Object.keys(e.quick).sort());
      expect(["ch4", "ch6", "lecture"]).toContain(e.source);
    }
  });

  it("refuses unknown settings and bad seeds by name", async () => {
    await expect(gradientDescent.run({ settings: { stepz: 3 } as never })).rejects.toThrow(
      /'settings.stepz'.*start, learningRates, steps, h/,
    );
    const e = await gradientDescent.run({ seed: -1 }).catch((x: unknown) => x);
    expect(InvalidOptionError.isInstance(e)).toBe(true);
  });

  it("the same seed gives the same results", async () => {
    const a = await gradientDescent.run({ seed: 3, settings: { steps: 5 } });
    const b = await gradientDescent.run({ seed: 3, settings: { steps: 5 } });
    expect(a.data).toEqual(b.data);
  });
});
