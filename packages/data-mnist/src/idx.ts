import { IdxFormatError } from "./idx-format-error.js";
import { readIdxHeader, TYPES } from "./idx-header.js";

/**
 * The element types of the IDX format, by their type byte.
 *
 * @example
 * ```ts
 * import { encodeIdx, type IdxType, parseIdx } from "@backprop/data-mnist";
 * const type: IdxType = parseIdx(encodeIdx({ type: "byte", shape: [1], data: Int8Array.of(-5) })).type;
 * console.log(type); // byte
 * ```
 */
export type IdxType = "ubyte" | "byte" | "int16" | "int32" | "float32" | "float64";

/**
 * The typed array each IDX type decodes to.
 *
 * @example
 * ```ts
 * import { encodeIdx, type IdxData, parseIdx } from "@backprop/data-mnist";
 * const data: IdxData = parseIdx(encodeIdx({ type: "float32", shape: [1], data: Float32Array.of(0.5) })).data;
 * console.log(data instanceof Float32Array); // true
 * ```
 */
export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * A decoded IDX file.
 *
 * @example
 * ```ts
 * import { encodeIdx, type IdxArray, parseIdx } from "@backprop/data-mnist";
 * const array: IdxArray = { type: "int16", shape: [2], data: Int16Array.of(-1, 300) };
 * console.log(Array.from(parseIdx(encodeIdx(array)).data)); // [ -1, 300 ]
 * ```
 */
export interface IdxArray {
  readonly type: IdxType;
  readonly shape: readonly number[];
  readonly data: IdxData;
}

/**
 * Options of {@link parseIdx}.
 *
 * @example
 * ```ts
 * import { encodeIdx, IdxFormatError, type ParseIdxOptions, parseIdx } from "@backprop/data-mnist";
 * const options: ParseIdxOptions = { file: "labels.idx", maxElements: 2 };
 * try {
 *   parseIdx(encodeIdx({ type: "ubyte", shape: [3], data: new Uint8Array(3) }), options);
 * } catch (e) {
 *   console.log(IdxFormatError.isInstance(e), (e as IdxFormatError).file); // true labels.idx
 * }
 * ```
 */
export interface ParseIdxOptions {
  /** Name for error messages (default `"<buffer>"`). */
  readonly file?: string;
  /** Refuse files with more elements than this (default 2³⁰: a hostile header cannot allocate gigabytes). */
  readonly maxElements?: number;
  /** Refuse more dimensions than this (default 8). */
  readonly maxRank?: number;
}

/**
 * Parses an IDX file strictly: the magic's two zero bytes, a known type byte, 1..maxRank
 * big-endian dimensions of at least 1, and a data section of exactly the declared length (no
 * truncation, no trailing bytes). Torchvision checks the type and rank too; the book's loader and
 * Keras skip the header by fixed offsets. `ubyte` and `byte` data are views of `bytes` (no copy);
 * wider types are decoded from big-endian into new arrays.
 *
 * @example
 * ```ts
 * import { encodeIdx, parseIdx } from "@backprop/data-mnist";
 * const bytes = encodeIdx({ type: "ubyte", shape: [2], data: new Uint8Array([7, 3]) });
 * console.log(parseIdx(bytes).shape); // [ 2 ]
 * ```
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  const header = readIdxHeader(bytes, options, true)!;
  const file = options.file ?? "<buffer>";
  const { count, type } = header;
  const expected = header.byteLength;
  if (bytes.length < expected)
    throw new IdxFormatError({
      file,
      offset: bytes.length,
      reason: `truncated: the header declares ${count} ${type} values (${expected} bytes in all) but the file has ${bytes.length} bytes`,
    });
  if (bytes.length > expected)
    throw new IdxFormatError({
      file,
      offset: expected,
      reason: `${bytes.length - expected} trailing bytes after the ${count} declared values`,
    });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { type, shape: header.shape, data: decode(view, header.headerLength, count, type) };
}

/**
 * Encodes an IDX file (big-endian), the inverse of {@link parseIdx}.
 *
 * @example
 * ```ts
 * import { encodeIdx } from "@backprop/data-mnist";
 * const labels = encodeIdx({ type: "ubyte", shape: [3], data: new Uint8Array([5, 0, 4]) });
 * console.log(labels.slice(0, 4)); // Uint8Array(4) [ 0, 0, 8, 1 ]
 * ```
 */
export function encodeIdx(array: IdxArray): Uint8Array<ArrayBuffer> {
  const kind = TYPES.find(([, name]) => name === array.type);
  if (kind === undefined)
    throw new IdxFormatError({
      file: "<encode>",
      reason: `unknown IDX type ${JSON.stringify(array.type)}`,
    });
  const [code, , width] = kind;
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) {
    throw new IdxFormatError({
      file: "<encode>",
      reason: `shape [${array.shape.join(", ")}] holds ${count} values but ${array.data.length} were given`,
    });
  }
  const headerLength = 4 + 4 * array.shape.length;
  const out = new Uint8Array(headerLength + count * width);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = array.shape.length;
  array.shape.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  for (let i = 0; i < count; i++) {
    const at = headerLength + i * width;
    const v = array.data[i]!;
    switch (array.type) {
      case "ubyte":
        view.setUint8(at, v);
        break;
      case "byte":
        view.setInt8(at, v);
        break;
      case "int16":
        view.setInt16(at, v, false);
        break;
      case "int32":
        view.setInt32(at, v, false);
        break;
      case "float32":
        view.setFloat32(at, v, false);
        break;
      default:
        view.setFloat64(at, v, false);
    }
  }
  return out;
}

function decode(view: DataView, at: number, count: number, type: IdxType): IdxData {
  switch (type) {
    // One-byte types need no byte swapping: a view of the input, not a copy.
    case "ubyte":
      return new Uint8Array(view.buffer, view.byteOffset + at, count);
    case "byte":
      return new Int8Array(view.buffer, view.byteOffset + at, count);
    case "int16": {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(at + 2 * i, false);
      return out;
    }
    case "int32": {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(at + 4 * i, false);
      return out;
    }
    case "float32": {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(at + 4 * i, false);
      return out;
    }
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(at + 8 * i, false);
      return out;
    }
  }
}
