import { ChecksumError } from "./checksum-error.js";
import type { FileChecksums } from "./checksums.js";

/** Digests computed of one file: of the bytes as stored (`gz`, by algorithm) and decompressed. */
export interface ComputedDigests {
  readonly gz?: Readonly<Partial<Record<"sha256" | "md5", string>>>;
  readonly raw?: string;
}

/**
 * The one verification rule of every loader (Node, browser, downloads):
 * - a gzipped file whose digest matches a pinned `.gz` digest is verified (gzip's own CRC-32 and
 *   length then guard the decompression), and its content is not hashed a second time;
 * - otherwise the sha256 of the decompressed bytes must match the pinned raw digest (a mirror or a
 *   distribution that recompressed the file) — `"need-raw"` asks the caller to compute it;
 * - a gzipped file that matches no pinned `.gz` digest and has no raw pin is a ChecksumError;
 * - a file with no pin at all is `"unverified"`: the caller warns, it never invents a checksum.
 */
export function verifyDigests(args: {
  readonly file: string;
  readonly pins: FileChecksums | undefined;
  readonly gzipped: boolean;
  readonly digests: ComputedDigests;
}): "verified" | "need-raw" | "unverified" {
  const { file, pins, digests } = args;
  const gzPins = args.gzipped ? (pins?.gz ?? []) : [];
  if (gzPins.some((p) => digests.gz?.[p.algorithm] === p.hex)) return "verified";
  if (pins?.raw !== undefined) {
    if (digests.raw === undefined) return "need-raw";
    if (digests.raw === pins.raw) return "verified";
    throw new ChecksumError({
      file,
      algorithm: "sha256 (decompressed)",
      expected: pins.raw,
      actual: digests.raw,
    });
  }
  if (gzPins.length > 0) {
    const algorithm = gzPins[0]!.algorithm;
    throw new ChecksumError({
      file,
      algorithm: `${algorithm} (.gz)`,
      expected: gzPins
        .filter((p) => p.algorithm === algorithm)
        .map((p) => `${p.hex} (${p.source})`)
        .join(" or "),
      actual: digests.gz?.[algorithm] ?? "(not computed)",
    });
  }
  return "unverified";
}

/** The digest algorithms to compute of a stored `.gz` file, given its pins. */
export function gzAlgorithms(pins: FileChecksums | undefined): Array<"sha256" | "md5"> {
  return [...new Set((pins?.gz ?? []).map((p) => p.algorithm))];
}
