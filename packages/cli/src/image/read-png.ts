import { readFile } from "node:fs/promises";
import { FormatError } from "@backprop/errors";
import { PNG } from "pngjs";
import { type DigitOptions, digitFromPixels } from "./digit-from-pixels.js";
import { ImageReadError } from "./image-read-error.js";

/**
 * Options of {@link decodeDigitPng}.
 *
 * @example
 * ```ts
 * import { decodeDigitPng, type DecodeDigitOptions } from "@backprop/cli";
 * const options: DecodeDigitOptions = { file: "upload.png", invert: "auto" };
 * try { decodeDigitPng(new Uint8Array(4), options); } catch (e) { console.log((e as Error).message); } // upload.png at byte 0: not a PNG file
 * ```
 */
export interface DecodeDigitOptions extends DigitOptions {
  /** Name of the source, for error messages (default `"<buffer>"`). */
  readonly file?: string;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Larger images are refused before decoding (a hostile header could ask for gigabytes). */
const MAX_PIXELS = 40_000_000;

/**
 * Reads a PNG file (any size; grayscale, RGB, RGBA or palette; any bit depth; interlaced or not)
 * and turns it into a 28×28 MNIST-style digit: `Float32Array(784)` in [0, 1], light ink on black.
 * See `digitFromPixels` for the preprocessing. A missing or unreadable file is an
 * `ImageReadError`, a file that is not a valid PNG a `FormatError`; both name the file.
 *
 * @example
 * ```ts
 * import { readDigitPng } from "@backprop/cli";
 * try { await readDigitPng("no-such-digit.png"); } catch (e) {
 *   console.log((e as Error).message); // Cannot read image no-such-digit.png: no such file
 * }
 * ```
 */
export async function readDigitPng(
  file: string,
  options: DigitOptions = {},
): Promise<Float32Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : cause instanceof Error
              ? cause.message
              : String(cause);
    throw new ImageReadError({ file, reason, cause });
  }
  return decodeDigitPng(bytes, { ...options, file });
}

/**
 * {@link readDigitPng} for bytes already in memory (an upload, a fetch response).
 *
 * @example
 * ```ts
 * import { decodeDigitPng } from "@backprop/cli";
 * try { decodeDigitPng(new TextEncoder().encode("GIF89a…"), { file: "upload" }); } catch (e) {
 *   console.log((e as Error).message); // upload at byte 0: not a PNG file (it looks like a GIF image); convert it to PNG
 * }
 * ```
 */
export function decodeDigitPng(bytes: Uint8Array, options: DecodeDigitOptions = {}): Float32Array {
  const file = options.file ?? "<buffer>";
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new FormatError({ file, offset: 0, reason: `not a PNG file${sniff(bytes)}` });
  }
  if (bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width * height > MAX_PIXELS) {
      throw new FormatError({
        file,
        offset: 16,
        reason: `${width}×${height} pixels is more than the ${MAX_PIXELS / 1e6} megapixels accepted`,
      });
    }
  }
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new FormatError({ file, reason: `corrupt PNG (${message})`, cause });
  }
  const { invert } = options;
  return digitFromPixels(
    { width: png.width, height: png.height, data: png.data },
    invert === undefined ? {} : { invert },
  );
}

/** What the bytes look like instead, as a phrase for the error message. */
function sniff(bytes: Uint8Array): string {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  const text = String.fromCharCode(...bytes.subarray(0, 8));
  if (bytes.length === 0) return " (it is empty)";
  if (starts(0xff, 0xd8, 0xff)) return " (it looks like a JPEG image); convert it to PNG";
  if (text.startsWith("GIF8")) return " (it looks like a GIF image); convert it to PNG";
  if (text.startsWith("BM")) return " (it looks like a BMP image); convert it to PNG";
  if (text.startsWith("RIFF")) return " (it looks like a WebP image); convert it to PNG";
  if (text.startsWith("<svg") || text.startsWith("<?xml")) return " (it looks like SVG or XML)";
  return "";
}
