import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";

/** A decoded PNG, RGBA. */
export interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function decodePng(bytes: Uint8Array): Decoded {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: png.data };
}

/** Pixels that are not (nearly) white. */
export function nonWhitePixels(image: Decoded): number {
  let n = 0;
  for (let i = 0; i < image.width * image.height; i++) {
    const [r, g, b] = [image.data[4 * i]!, image.data[4 * i + 1]!, image.data[4 * i + 2]!];
    if (r < 245 || g < 245 || b < 245) n++;
  }
  return n;
}

/** Pixels that differ between two same-sized images, and the box around them. */
export function difference(a: Decoded, b: Decoded) {
  if (a.width !== b.width || a.height !== b.height) throw new Error("sizes differ");
  let count = 0;
  let top = a.height;
  let bottom = -1;
  let left = a.width;
  let right = -1;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = 4 * (y * a.width + x);
      const d =
        Math.abs(a.data[i]! - b.data[i]!) +
        Math.abs(a.data[i + 1]! - b.data[i + 1]!) +
        Math.abs(a.data[i + 2]! - b.data[i + 2]!);
      if (d > 30) {
        count++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { count, top, bottom, left, right };
}

/** A PNG file made with pngjs from a function of (x, y) → [r, g, b, a]. */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number, number],
  options: { colorType?: 0 | 2 | 4 | 6; bitDepth?: 8 | 16; inputHasAlpha?: boolean } = {},
): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      const i = 4 * (y * width + x);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  if (options.bitDepth === 16) {
    // pngjs packs 16-bit output from 16-bit input (platform-endian Uint16 RGBA).
    const wide = new Uint16Array(4 * width * height);
    for (let i = 0; i < wide.length; i++) wide[i] = 257 * png.data[i]!;
    png.data = Buffer.from(wide.buffer);
  }
  return PNG.sync.write(png, {
    colorType: options.colorType ?? 6,
    ...(options.bitDepth === undefined ? {} : { bitDepth: options.bitDepth }),
  });
}

/** A deterministic pseudo-random sequence in [0, 1) (tests need no Math.random either). */
export function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A ring (a rough "0") of 28×28 intensities in [0, 1]. */
export function ringDigit(): Float32Array {
  const px = new Float32Array(784);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const r = Math.hypot(x - 13.5, (y - 13.5) * 0.8);
      px[y * 28 + x] = Math.max(0, 1 - Math.abs(r - 7) / 2);
    }
  }
  return px;
}

/** A palette (colour type 3) PNG written by hand, since pngjs only writes truecolour/grey. */
export function makePalettePng(
  width: number,
  height: number,
  palette: ReadonlyArray<readonly [number, number, number]>,
  index: (x: number, y: number) => number,
): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = index(x, y);
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("PLTE", new Uint8Array(palette.flat())),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
