#!/usr/bin/env node
// Builds (or serves) the docs site: copies what the site serves itself into public/ — tfjs's
// .wasm binaries, handed to initBackend as wasmPaths, and the embedded digits' JSON files,
// which data-mnist imports as JSON modules through the page's import map — generates the API
// reference from the packages' JSDoc (TypeDoc + typedoc-plugin-markdown, into api/), then runs
// VitePress. Nothing it writes is committed (docs/.gitignore).
//
//   node scripts/site.mjs build    the static site, into .vitepress/dist (or $DOCS_OUT_DIR)
//   node scripts/site.mjs dev      a dev server with hot reload
//
// DOCS_BASE sets the URL prefix the site is served under (default "/").
//
// The @backprop/* packages are used as a user gets them: their built dist/ (run `pnpm build`
// first; the root scripts docs:build and docs:dev do).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(docs, "node_modules", ".bin", name);
const [command = "build", ...rest] = process.argv.slice(2);
if (command !== "build" && command !== "dev") {
  console.error(`site: unknown command '${command}' (build or dev)`);
  process.exit(2);
}

/** The directory of a package as @backprop/<from> resolves it. */
function packageDir(from, name) {
  const fromPackage = createRequire(createRequire(join(docs, "package.json")).resolve(from));
  return dirname(fromPackage.resolve(`${name}/package.json`));
}

function copyAll(from, to, suffix) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((f) => f.endsWith(suffix)))
    copyFileSync(join(from, file), join(to, file));
}

function run(program, args) {
  const result = spawnSync(program, args, { cwd: docs, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// #region copy
const wasm = join(packageDir("@backprop/tensor-core", "@tensorflow/tfjs-backend-wasm"), "dist");
copyAll(wasm, join(docs, "public", "wasm"), ".wasm");
const digits = join(packageDir("@backprop/data-mnist", "mnist"), "src", "digits");
copyAll(digits, join(docs, "public", "mnist", "digits"), ".json");
// #endregion copy

rmSync(join(docs, "api"), { recursive: true, force: true });
run(bin("typedoc"), ["--logLevel", "Warn"]);
run(bin("vitepress"), [command, ...rest]);
