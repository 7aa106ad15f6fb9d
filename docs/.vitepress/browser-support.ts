import type { UserConfig } from "vitepress";

/**
 * What this site does so that backprop runs in its pages (scripts/site.mjs copies the files).
 *
 * 1. tfjs's `.wasm` binaries are served under `<base>wasm/`; pages call
 *    `initBackend({ backend: "wasm", wasmPaths: "<base>wasm/" })`.
 * 2. data-mnist's `loadEmbeddedMnist` imports the digits as JSON modules by their package name,
 *    `mnist/src/digits/<d>.json`, a specifier computed at run time that no bundler can follow:
 *    the files are served under `<base>mnist/digits/`, and an import map — first in `<head>` —
 *    maps the name there.
 */
export function importMap(base: string): string {
  const map = { imports: { "mnist/src/digits/": `${base}mnist/digits/` } };
  return `<script type="importmap">${JSON.stringify(map)}</script>`;
}

/**
 * 3. The bundler keeps `import(…, { with: { type: "json" } })` as it is: lower targets drop the
 *    attribute, and Rollup 4 writes the obsolete `assert` form by default; either way a browser
 *    then refuses to run a JSON file as a module.
 */
export const viteBuild: NonNullable<NonNullable<UserConfig["vite"]>["build"]> = {
  target: "esnext",
  rollupOptions: {
    output: { importAttributesKey: "with" },
    onwarn(warning, warn) {
      // data-mnist reads the digits from disk in Node behind a runtime check, through dynamic
      // imports of node:module and node:fs/promises that never run in a page.
      if (/has been externalized for browser compatibility/.test(warning.message)) return;
      warn(warning);
    },
  },
};
