import { existsSync, readFileSync } from "node:fs";
import { type DefaultTheme, defineConfig } from "vitepress";
import { devServerSupport, importMap, viteBuild } from "./browser-support.js";
import { PACKAGES } from "./packages.js";

/** Where the site is served from (a GitHub Pages project site would be "/backprop/"). */
const base = process.env.DOCS_BASE ?? "/";

/** The API reference's sidebar, written by TypeDoc (typedoc-vitepress-theme) at build time. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL("../api/typedoc-sidebar.json", import.meta.url);
  if (!existsSync(file)) return [{ text: "Run `pnpm docs:build` to generate", link: "/api/" }];
  return JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
}

const guides: DefaultTheme.SidebarItem[] = [
  { text: "Quick start", link: "/" },
  { text: "In the browser", link: "/guide/in-the-browser" },
  { text: "Ch. 4: learning from data", link: "/guide/learning-from-data" },
  { text: "Ch. 6: training techniques", link: "/guide/training-techniques" },
  { text: "The MLP lecture", link: "/guide/mlp-lecture" },
  { text: "Gradient checking", link: "/guide/gradient-checking" },
  { text: "Hyperparameter search", link: "/guide/hyperparameter-search" },
];

const packages: DefaultTheme.SidebarItem[] = PACKAGES.map((name) => ({
  text: `@backprop/${name}`,
  link: `/packages/${name}`,
}));

export default defineConfig({
  title: "backprop",
  description:
    "Neural networks from scratch in TypeScript: hand-written backward passes, each one checked against numerical gradients.",
  base,
  // The browser test builds into a directory of its own.
  ...(process.env.DOCS_OUT_DIR === undefined ? {} : { outDir: process.env.DOCS_OUT_DIR }),
  srcExclude: ["README.md"],
  lastUpdated: false,
  head: [["link", { rel: "icon", type: "image/svg+xml", href: `${base}favicon.svg` }]],
  // The import map first in <head>: in the built pages here, on the dev server by a plugin.
  transformHtml: (html) => html.replace("<head>", `<head>${importMap(base)}`),
  vite: {
    plugins: [devServerSupport(base)],
    build: {
      ...viteBuild,
      // vega-embed (with Vega and Vega-Lite) and the search index are large and load lazily.
      chunkSizeWarningLimit: 3000,
    },
    optimizeDeps: { esbuildOptions: { target: "esnext" } },
    esbuild: { target: "esnext" },
  },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/learning-from-data", activeMatch: "^/guide/" },
      { text: "Packages", link: "/packages/errors", activeMatch: "^/packages/" },
      { text: "API", link: "/api/", activeMatch: "^/api/" },
    ],
    sidebar: {
      "/api/": [{ text: "API reference", items: apiSidebar() }],
      "/": [
        { text: "Guide", items: guides },
        { text: "Packages", items: packages },
        { text: "API reference", link: "/api/" },
      ],
    },
    outline: { level: [2, 3] },
    search: { provider: "local" },
    footer: {
      message: "MIT licensed. tfjs (Apache-2.0) is a dependency of @backprop/tensor-core.",
    },
  },
});
