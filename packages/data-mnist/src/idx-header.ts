import type { IdxType, ParseIdxOptions } from "./idx.js";
import { IdxFormatError } from "./idx-format-error.js";

/** Type byte, name and width in bytes of each IDX element type. */
export const TYPES: ReadonlyArray<readonly [number, IdxType, number]> = [
  [0x08, "ubyte", 1],
  [0x09, "byte", 1],
  [0x0b, "int16", 2],
  [0x0c, "int32", 4],
  [0x0d, "float32", 4],
  [0x0e, "float64", 8],
];

/** A checked IDX header: what the file declares. */
export interface IdxHeader {
  readonly type: IdxType;
  readonly shape: readonly number[];
  /** Bytes per element. */
  readonly width: number;
  /** Number of elements (the product of `shape`). */
  readonly count: number;
  /** 4 + 4 × rank. */
  readonly headerLength: number;
  /** The length the whole file must have: header + count × width. */
  readonly byteLength: number;
}

/**
 * Reads and checks the header at the start of `bytes` (the whole file when `complete`, else the
 * first bytes of a stream): two zero bytes, a known type byte, 1..maxRank dimensions of at least
 * 1, at most `maxElements` elements. Returns `undefined` when more bytes are needed (never when
 * `complete`: a short file is an {@link IdxFormatError}). Shared by `parseIdx` and the streaming
 * decoder, so both say the same thing about the same bytes.
 */
export function readIdxHeader(
  bytes: Uint8Array,
  options: ParseIdxOptions,
  complete: boolean,
): IdxHeader | undefined {
  const file = options.file ?? "<buffer>";
  const maxElements = options.maxElements ?? 2 ** 30;
  const maxRank = options.maxRank ?? 8;
  const fail = (offset: number, reason: string): never => {
    throw new IdxFormatError({ file, offset, reason });
  };
  if (bytes.length < 4) {
    if (!complete) return undefined;
    fail(0, `${bytes.length} bytes is too short for the 4-byte magic number`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0)
    fail(
      0,
      `the magic number must start with two zero bytes; got 0x${hex(bytes[0]!)} 0x${hex(bytes[1]!)} (is the file gzipped? decompress it first)`,
    );
  const kind = TYPES.find(([code]) => code === bytes[2]);
  if (kind === undefined)
    fail(2, `unknown type byte 0x${hex(bytes[2]!)} (IDX knows 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)`);
  const [, type, width] = kind!;
  const rank = bytes[3]!;
  if (rank < 1 || rank > maxRank) fail(3, `rank ${rank} is outside 1..${maxRank}`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    if (!complete) return undefined;
    fail(
      bytes.length,
      `the header declares ${rank} dimensions (${headerLength} bytes) but the file has ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  const shape: number[] = [];
  let count = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size < 1) fail(4 + 4 * d, `dimension ${d} is 0`);
    count *= size;
    if (count > maxElements)
      fail(
        4 + 4 * d,
        `the dimensions declare more than ${maxElements} elements (a limit against hostile headers; raise maxElements if the file is real)`,
      );
    shape.push(size);
  }
  return { type, shape, width, count, headerLength, byteLength: headerLength + count * width };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0").toUpperCase();
}
