import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root and the docs package. */
export const DOCS = fileURLToPath(new URL("../..", import.meta.url));
const ROOT = join(DOCS, "..");

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: DOCS, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => void (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (log += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(log)
        : reject(new Error(`${program} ${args.join(" ")} exited with ${code}:\n${log}`)),
    );
  });
}

/**
 * Builds what the browser test tests, in a separate process: the packages' dist/ the site
 * imports (turbo; cached after `pnpm build`), then the site itself into `outDir`.
 */
export async function buildSite(outDir: string): Promise<string> {
  const env = { ...process.env, DOCS_OUT_DIR: outDir, TURBO_TELEMETRY_DISABLED: "1" };
  const turbo = join(ROOT, "node_modules", ".bin", "turbo");
  const filter = "--filter=@backprop-tools/docs^...";
  const packages = await run(turbo, ["run", "build", "--output-logs=errors-only", filter], env);
  const site = await run(process.execPath, [join(DOCS, "scripts", "site.mjs"), "build"], env);
  return `${packages}\n${site}`;
}
