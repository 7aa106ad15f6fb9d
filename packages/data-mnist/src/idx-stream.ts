import { type IdxArray, type IdxType, type ParseIdxOptions, parseIdx } from "./idx.js";
import { IdxFormatError } from "./idx-format-error.js";
import { type IdxHeader, readIdxHeader } from "./idx-header.js";
import { scaleToUnit } from "./unit-scale.js";

/** Options of {@link decodeIdxChunks}. */
export interface DecodeIdxOptions extends ParseIdxOptions {
  /**
   * `"raw"` (default): the decoded values, as {@link parseIdx} returns them. `"unit"`: ubyte values
   * scaled to float32 [0, 1] straight into the final array (no intermediate byte copy).
   */
  readonly as?: "raw" | "unit";
  /** Sees every byte of the file, in order (a hash of the decompressed content). */
  readonly observe?: (chunk: Uint8Array) => void;
}

/** A decoded file: the header's type and shape, and the values (float32 when `as: "unit"`). */
export interface DecodedIdx {
  readonly type: IdxType;
  readonly shape: readonly number[];
  readonly data: IdxArray["data"];
}

/**
 * Decodes an IDX file that arrives in chunks (a gunzip or `DecompressionStream` output), with
 * exactly the checks of {@link parseIdx}: the header is read as soon as it is complete, the output
 * is allocated once at its exact size, and a stream that ends early or runs past the declared
 * length is an {@link IdxFormatError} at the offset where it happens.
 */
export async function decodeIdxChunks(
  chunks: AsyncIterable<Uint8Array>,
  options: DecodeIdxOptions = {},
): Promise<DecodedIdx> {
  const file = options.file ?? "<buffer>";
  let head: Uint8Array = new Uint8Array(0);
  let header: IdxHeader | undefined;
  let sink: ((chunk: Uint8Array, at: number) => void) | undefined;
  let bytes: Uint8Array | undefined;
  let floats: Float32Array | undefined;
  let filled = 0; // data bytes written
  for await (const chunk of chunks) {
    options.observe?.(chunk);
    let data = chunk;
    if (header === undefined) {
      head = head.length === 0 ? chunk : concat(head, chunk);
      header = readIdxHeader(head, options, false);
      if (header === undefined) continue;
      if (options.as === "unit") {
        if (header.type !== "ubyte")
          throw new IdxFormatError({
            file,
            offset: 2,
            reason: `expected ubyte pixels to scale to [0, 1]; got ${header.type}`,
          });
        const out = new Float32Array(header.count);
        floats = out;
        sink = (c, at) => scaleToUnit(c, out, at);
      } else {
        const out = new Uint8Array(header.byteLength);
        out.set(head.subarray(0, header.headerLength));
        bytes = out;
        sink = (c, at) => out.set(c, header!.headerLength + at);
      }
      data = head.subarray(header.headerLength);
      head = new Uint8Array(0);
    }
    const room = header.byteLength - header.headerLength - filled;
    if (data.length > room)
      throw new IdxFormatError({
        file,
        offset: header.byteLength,
        reason: `trailing bytes after the ${header.count} declared values`,
      });
    sink!(data, filled);
    filled += data.length;
  }
  if (header === undefined) {
    readIdxHeader(head, options, true); // throws: the file ended inside the header
    throw new IdxFormatError({ file, offset: head.length, reason: "incomplete header" });
  }
  const total = header.headerLength + filled;
  if (total < header.byteLength)
    throw new IdxFormatError({
      file,
      offset: total,
      reason: `truncated: the header declares ${header.count} ${header.type} values (${header.byteLength} bytes in all) but the file has ${total} bytes`,
    });
  if (floats !== undefined) return { type: header.type, shape: header.shape, data: floats };
  return parseIdx(bytes!, options);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
