import { readFile } from "node:fs/promises";
import { join } from "node:path";
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

type VitePlugin = NonNullable<NonNullable<UserConfig["vite"]>["plugins"]>[number];

/**
 * The same on `pnpm docs:dev` (Vite's dev server): the import map goes into every page, and
 * because the dev server rewrites a non-literal `import(specifier, { with })` into
 * `import(__vite__injectQuery(specifier, { with }, "import"))` — losing the attribute, so the
 * browser asks for the digits as a script — a digits file asked for as a script is answered as
 * the JavaScript module `export default <the JSON>`. (The build keeps the attribute; see
 * {@link viteBuild}.)
 */
export function devServerSupport(base: string): VitePlugin {
  const prefix = `${base}mnist/digits/`;
  return {
    name: "backprop-docs-dev-server",
    apply: "serve",
    transformIndexHtml: {
      order: "pre",
      handler: (html: string) => html.replace("<head>", `<head>${importMap(base)}`),
    },
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const path = request.url?.split("?")[0] ?? "";
        if (!path.startsWith(prefix) || request.headers["sec-fetch-dest"] !== "script")
          return next();
        const file = join(server.config.publicDir, "mnist", "digits", path.slice(prefix.length));
        const json = await readFile(file, "utf8").catch(() => undefined);
        if (json === undefined || !/^\d\.json$/.test(path.slice(prefix.length))) return next();
        response.setHeader("content-type", "text/javascript");
        response.end(`export default ${json};`);
      });
    },
  };
}
