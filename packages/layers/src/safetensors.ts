import { FormatError } from "@backprop/errors";

/** The element types backprop reads and writes (names as in the safetensors specification). */
export type SafetensorsDType = "F64" | "F32" | "I32" | "U8" | "BOOL";

/** One tensor of a safetensors file, as plain data. */
export interface SafetensorsEntry {
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly values: Float64Array | Float32Array | Int32Array | Uint8Array;
}

/** Decoded file contents. */
export interface SafetensorsFile {
  readonly tensors: Map<string, SafetensorsEntry>;
  readonly metadata: Record<string, string>;
}

const BYTES: Record<SafetensorsDType, number> = { F64: 8, F32: 4, I32: 4, U8: 1, BOOL: 1 };
/** The specification caps the header at 100 MB. */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * Encodes tensors in the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON
 * header (`dtype`, `shape`, `data_offsets` per tensor and a string-to-string `__metadata__`),
 * padded with spaces so the data starts 8-byte aligned, then the tensors' bytes, little-endian,
 * row-major, back to back with no holes.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from "@backprop/layers";
 * const bytes = encodeSafetensors(new Map([["w", { dtype: "F32", shape: [2], values: new Float32Array([1, 2]) }]]), { note: "hi" });
 * console.log(decodeSafetensors(bytes).metadata.note); // hi
 * ```
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, SafetensorsEntry>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) {
      throw new FormatError({
        file: "<encode>",
        entry: name,
        reason: `shape [${t.shape.join(", ")}] holds ${size} values but ${t.values.length} were given`,
      });
    }
    const end = offset + size * BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, end] };
    offset = end;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(json);
    json = spaced;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors.values()) {
    writeValues(view, at, t);
    at += t.values.length * BYTES[t.dtype];
  }
  return out;
}

/**
 * Decodes a safetensors buffer, validating it as the specification requires: header length
 * within the file and under 100 MB, a JSON object header, known dtypes, shapes that match their
 * byte ranges, and data offsets that cover the data buffer exactly, with no overlap and no hole.
 * Every fault is a `FormatError` naming the file, the byte offset and the tensor.
 *
 * @example
 * ```ts
 * import { decodeSafetensors } from "@backprop/layers";
 * try { decodeSafetensors(new Uint8Array(4), { file: "broken.safetensors" }); } catch (e) { console.log((e as Error).message); }
 * ```
 */
export function decodeSafetensors(
  bytes: Uint8Array,
  options: { readonly file?: string; readonly maxHeaderBytes?: number } = {},
): SafetensorsFile {
  const file = options.file ?? "<buffer>";
  const cap = options.maxHeaderBytes ?? MAX_HEADER_BYTES;
  const fail = (reason: string, offset?: number, entry?: string): never => {
    throw new FormatError({
      file,
      reason,
      ...(offset === undefined ? {} : { offset }),
      ...(entry === undefined ? {} : { entry }),
    });
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for the 8-byte header length`, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(cap)) fail(`header length ${n} exceeds the cap of ${cap} bytes`, 0);
  const headerLength = Number(n);
  if (8 + headerLength > bytes.length)
    fail(`header length ${headerLength} runs past the end of the file (${bytes.length} bytes)`, 0);
  if (headerLength < 2 || bytes[8] !== 0x7b)
    fail("the header must be a JSON object starting with '{'", 8);
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (error) {
    fail(`the header is not valid UTF-8 JSON (${(error as Error).message})`, 8);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    fail("the header must be a JSON object", 8);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const ranges: Array<{ name: string; begin: number; end: number }> = [];
  const tensors = new Map<string, SafetensorsEntry>();
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        fail("__metadata__ must be an object of strings", 8, name);
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`__metadata__.${k} must be a string`, 8, name);
        metadata[k] = v as string;
      }
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = info?.dtype;
    if (typeof dtype !== "string" || !(dtype in BYTES))
      fail(
        `unsupported dtype ${JSON.stringify(dtype)} (backprop reads F64, F32, I32, U8, BOOL)`,
        8,
        name,
      );
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      fail("shape must be an array of non-negative integers", 8, name);
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    ) {
      fail("data_offsets must be two non-negative integers [begin, end]", 8, name);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataLength)
      fail(
        `data_offsets [${begin}, ${end}] are out of the data buffer's range [0, ${dataLength}]`,
        dataStart + begin,
        name,
      );
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    const width = BYTES[dtype as SafetensorsDType];
    if (end - begin !== size * width) {
      fail(
        `shape [${(shape as number[]).join(", ")}] of ${dtype} needs ${size * width} bytes but data_offsets span ${end - begin}`,
        dataStart + begin,
        name,
      );
    }
    ranges.push({ name, begin, end });
    tensors.set(name, {
      dtype: dtype as SafetensorsDType,
      shape: shape as number[],
      values: readValues(view, dataStart + begin, size, dtype as SafetensorsDType),
    });
  }
  ranges.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const r of ranges) {
    if (r.begin < covered)
      fail(
        `data overlaps the previous tensor (begins at ${r.begin}, previous ends at ${covered})`,
        dataStart + r.begin,
        r.name,
      );
    if (r.begin > covered)
      fail(
        `a hole of ${r.begin - covered} bytes precedes this tensor`,
        dataStart + covered,
        r.name,
      );
    covered = r.end;
  }
  if (covered !== dataLength)
    fail(
      `${dataLength - covered} bytes after the last tensor are not indexed by the header`,
      dataStart + covered,
    );
  return { tensors, metadata };
}

function writeValues(view: DataView, at: number, t: SafetensorsEntry): void {
  const v = t.values;
  for (let i = 0; i < v.length; i++) {
    switch (t.dtype) {
      case "F64":
        view.setFloat64(at + 8 * i, v[i]!, true);
        break;
      case "F32":
        view.setFloat32(at + 4 * i, v[i]!, true);
        break;
      case "I32":
        view.setInt32(at + 4 * i, v[i]!, true);
        break;
      default:
        view.setUint8(at + i, v[i]!);
    }
  }
}

function readValues(
  view: DataView,
  at: number,
  size: number,
  dtype: SafetensorsDType,
): SafetensorsEntry["values"] {
  switch (dtype) {
    case "F64": {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(at + 8 * i, true);
      return out;
    }
    case "F32": {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(at + 4 * i, true);
      return out;
    }
    case "I32": {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(at + 4 * i, true);
      return out;
    }
    default: {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getUint8(at + i);
      return out;
    }
  }
}
