import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { stringify } from "yaml";

/** A running local registry. */
export interface LocalRegistry {
  readonly url: string;
  /** An npm userconfig file that points at the registry with a valid token. */
  readonly npmrc: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bind port 0, read it back, release it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts verdaccio 5 on 127.0.0.1 with storage in `dir`: `@backprop/*` is served only from here
 * (publishing needs a token, which we create), everything else is proxied to the npm registry.
 */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const storage = join(dir, "storage");
  mkdirSync(storage, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, "verdaccio.yaml");
  writeFileSync(
    config,
    stringify({
      storage,
      auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 10 } },
      uplinks: { npmjs: { url: "https://registry.npmjs.org/", timeout: "60s", max_fails: 5 } },
      packages: {
        "@backprop/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
        "**": { access: "$all", proxy: "npmjs" },
      },
      log: { type: "stdout", format: "pretty", level: "error" },
      // Never publish to, or audit against, anything but this registry.
      middlewares: { audit: { enabled: false } },
    }),
  );
  const bin = createRequire(import.meta.url).resolve("verdaccio/bin/verdaccio");
  const child = spawn(
    process.execPath,
    ["--no-warnings", bin, "--config", config, "--listen", `127.0.0.1:${port}`],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const stop = () => stopChild(child);
  try {
    await waitForPing(url, child, () => log);
    const token = await createUser(url);
    const npmrc = join(dir, "npmrc");
    const host = url.replace(/^http:/, "");
    writeFileSync(
      npmrc,
      `registry=${url}\n${host}:_authToken=${token}\nfund=false\naudit=false\nupdate-notifier=false\n`,
    );
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`verdaccio exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 60 s:\n${log()}`);
}

async function createUser(url: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:smoke`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "smoke", password: "publish-smoke-only" }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || typeof body.token !== "string")
    throw new Error(`could not create a verdaccio user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}
