import { resolveCacheDir } from "@backprop/data-mnist/node";
import { describe, expect, it } from "vitest";

describe("resolveCacheDir", () => {
  const env = { BACKPROP_CACHE_DIR: "/b", XDG_CACHE_HOME: "/x", HOME: "/h" };
  it("option, then $BACKPROP_CACHE_DIR, then $XDG_CACHE_HOME/backprop, then ~/.cache/backprop", () => {
    expect(resolveCacheDir({ cacheDir: "/o", env })).toBe("/o");
    expect(resolveCacheDir({ env })).toBe("/b");
    expect(resolveCacheDir({ env: { ...env, BACKPROP_CACHE_DIR: "" } })).toBe("/x/backprop");
    expect(resolveCacheDir({ env: { HOME: "/h" } })).toBe("/h/.cache/backprop");
  });

  it("ignores a relative $XDG_CACHE_HOME (the XDG spec says so) and resolves relative options", () => {
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: "cache", HOME: "/h" } })).toBe(
      "/h/.cache/backprop",
    );
    expect(resolveCacheDir({ cacheDir: "rel", env: {} })).toBe(`${process.cwd()}/rel`);
  });
});
