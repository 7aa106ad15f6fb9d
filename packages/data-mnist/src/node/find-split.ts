import { stat } from "node:fs/promises";
import { join } from "node:path";
import { type DatasetName, DEBIAN_DIRS } from "../checksums.js";

/** The directories searched for a dataset, in order (duplicates removed). */
export function candidateDirs(options: {
  readonly name: DatasetName;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cache: string;
  readonly dir?: string;
}): string[] {
  const data = options.env.BACKPROP_DATA_DIR;
  const dirs = [
    options.dir,
    data === undefined || data === "" ? undefined : join(data, options.name),
    data === "" ? undefined : data,
    DEBIAN_DIRS[options.name],
    options.cache,
  ];
  return [...new Set(dirs.filter((d): d is string => d !== undefined))];
}

/**
 * The first directory that holds both files of a split (`<file>.gz` preferred over `<file>`);
 * something other than a missing file standing at a file's name (a directory) counts as present,
 * so reading it fails loudly instead of being skipped.
 */
export async function findSplit(
  dirs: readonly string[],
  files: { readonly images: string; readonly labels: string },
): Promise<{ paths?: { images: string; labels: string }; looked: string[] }> {
  const looked: string[] = [];
  for (const dir of dirs) {
    looked.push(dir);
    const images = await findFile(dir, files.images);
    const labels = await findFile(dir, files.labels);
    if (images !== undefined && labels !== undefined) return { paths: { images, labels }, looked };
  }
  return { looked };
}

async function findFile(dir: string, base: string): Promise<string | undefined> {
  for (const name of [`${base}.gz`, base]) {
    const path = join(dir, name);
    if ((await stat(path).catch(() => undefined)) !== undefined) return path;
  }
  return undefined;
}
