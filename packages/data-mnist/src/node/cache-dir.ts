import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/**
 * Options of {@link resolveCacheDir}.
 *
 * @example
 * ```ts
 * import { type CacheDirOptions, resolveCacheDir } from "@backprop/data-mnist/node";
 * const options: CacheDirOptions = { cacheDir: "/tmp/my-cache" };
 * console.log(resolveCacheDir(options)); // /tmp/my-cache
 * ```
 */
export interface CacheDirOptions {
  /** An explicit cache directory; wins over the environment. */
  readonly cacheDir?: string;
  /** Environment to read `BACKPROP_CACHE_DIR`, `XDG_CACHE_HOME` and `HOME` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The download cache: `cacheDir`, else `$BACKPROP_CACHE_DIR`, else `$XDG_CACHE_HOME/backprop`
 * (when absolute, as the XDG spec asks), else `~/.cache/backprop`. A dataset's files live in
 * `<cache>/<dataset>/<file>.gz`.
 *
 * @example
 * ```ts
 * import { resolveCacheDir } from "@backprop/data-mnist/node";
 * console.log(resolveCacheDir({ env: { XDG_CACHE_HOME: "/var/cache" } })); // /var/cache/backprop
 * ```
 */
export function resolveCacheDir(options: CacheDirOptions = {}): string {
  if (options.cacheDir !== undefined && options.cacheDir !== "") return resolve(options.cacheDir);
  const env = options.env ?? process.env;
  if (env.BACKPROP_CACHE_DIR !== undefined && env.BACKPROP_CACHE_DIR !== "")
    return resolve(env.BACKPROP_CACHE_DIR);
  if (env.XDG_CACHE_HOME !== undefined && isAbsolute(env.XDG_CACHE_HOME))
    return join(env.XDG_CACHE_HOME, "backprop");
  return join(env.HOME ?? homedir(), ".cache", "backprop");
}
