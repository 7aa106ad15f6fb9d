import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Example } from "./examples.js";
import { registryEnv, run } from "./run.js";
import { expectedClosure, installedBackpropPackages, type PublicPackage } from "./workspace.js";

/** The outcome for one package. */
export interface InstallCheck {
  readonly name: string;
  readonly version: string;
  readonly installed: readonly string[];
  readonly closureOk: boolean;
  readonly importOk: boolean;
  readonly typesOk: boolean;
  readonly exampleOk: boolean;
  readonly problems: readonly string[];
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: false,
    outDir: "out",
    types: [],
  },
  files: ["example.ts"],
};

/**
 * In a fresh directory: `npm install <package>` from the local registry (plus TypeScript), then
 * check that exactly the expected `@backprop/*` packages came along, that the package imports in
 * plain Node, that its types resolve under `strict` + NodeNext, and that the example runs.
 */
export async function checkInstall(
  pkg: PublicPackage,
  all: readonly PublicPackage[],
  example: Example | undefined,
  ctx: { dir: string; registry: string; npmrc: string; cache: string },
): Promise<InstallCheck> {
  const problems: string[] = [];
  const project = join(ctx.dir, pkg.name.replace("@backprop/", ""));
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "smoke-project", private: true, type: "module" }, null, 2),
  );
  const env = registryEnv(ctx.registry, ctx.npmrc, ctx.cache);
  const install = await run(
    "npm",
    ["install", "--no-package-lock", `${pkg.name}@${pkg.version}`, "typescript@~5.9.3"],
    { cwd: project, env },
  );
  if (install.code !== 0) {
    return {
      name: pkg.name,
      version: pkg.version,
      installed: [],
      closureOk: false,
      importOk: false,
      typesOk: false,
      exampleOk: false,
      problems: [`npm install failed:\n${install.stderr}`],
    };
  }
  const installed = installedBackpropPackages(project);
  const expected = expectedClosure(pkg.name, all);
  const closureOk = JSON.stringify(installed) === JSON.stringify(expected);
  if (!closureOk)
    problems.push(
      `installed @backprop packages ${installed.join(", ")}; expected exactly ${expected.join(", ")}`,
    );

  const probe = `const m = await import(${JSON.stringify(pkg.name)}); const names = Object.keys(m); if (names.length === 0) { console.error("no exports"); process.exit(1); } console.log(names.length + " exports");`;
  const imported = await run(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: project,
    env,
  });
  const importOk = imported.code === 0;
  if (!importOk) problems.push(`import failed:\n${imported.stderr}`);

  let typesOk = false;
  let exampleOk = false;
  if (example === undefined) {
    problems.push(`no example for ${pkg.name} in tools/publish-smoke/src/examples.ts`);
  } else {
    writeFileSync(join(project, "example.ts"), `${example.code}\n`);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    const tsc = await run(join(project, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], {
      cwd: project,
      env,
    });
    typesOk = tsc.code === 0;
    if (!typesOk) problems.push(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    if (typesOk) {
      const ran = await run(process.execPath, [join(project, "out", "example.js")], {
        cwd: project,
        env,
      });
      exampleOk = ran.code === 0 && ran.stdout.includes(example.prints);
      if (!exampleOk)
        problems.push(
          `example printed ${JSON.stringify(ran.stdout.trim())} (exit ${ran.code}); expected ${JSON.stringify(example.prints)}\n${ran.stderr}`,
        );
    }
  }
  return {
    name: pkg.name,
    version: pkg.version,
    installed,
    closureOk,
    importOk,
    typesOk,
    exampleOk,
    problems,
  };
}
