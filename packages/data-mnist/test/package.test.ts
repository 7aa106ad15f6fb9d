// Importing either entry point does nothing: no exit or signal handler, no patched process
// function (proper-lockfile, which does both when it loads, is loaded on the first lock).
// This file imports the package only dynamically, after taking the "before" reading.
import { describe, expect, it } from "vitest";

describe("no work on import", () => {
  it("importing @backprop/data-mnist and @backprop/data-mnist/node registers and patches nothing", async () => {
    const signals = ["SIGINT", "SIGTERM", "SIGHUP", "exit"] as const;
    const before = signals.map((s) => process.listenerCount(s));
    const { cwd, chdir, emit } = process;
    await import("@backprop/data-mnist");
    await import("@backprop/data-mnist/node");
    expect(signals.map((s) => process.listenerCount(s))).toEqual(before);
    expect([process.cwd, process.chdir, process.emit]).toEqual([cwd, chdir, emit]);
  });
});
