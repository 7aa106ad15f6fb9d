import { InvalidOptionError, ShapeError } from "@backprop/errors";

/**
 * An RGBA image, 8 bits per channel, row-major (what pngjs decodes to, or a canvas `ImageData`).
 *
 * @example
 * ```ts
 * import { digitFromPixels, type RgbaImage } from "@backprop/cli";
 * const image: RgbaImage = { width: 1, height: 1, data: [255, 255, 255, 255] };
 * console.log(digitFromPixels(image).length); // 784
 * ```
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `4 × width × height` bytes: R, G, B, A. */
  readonly data: ArrayLike<number>;
}

/**
 * Options of {@link digitFromPixels} (and of `readDigitPng`).
 *
 * @example
 * ```ts
 * import { digitFromPixels, type DigitOptions } from "@backprop/cli";
 * const options: DigitOptions = { invert: "never" };
 * console.log(digitFromPixels({ width: 1, height: 1, data: [0, 0, 0, 255] }, options).length); // 784
 * ```
 */
export interface DigitOptions {
  /**
   * MNIST digits are light ink on a dark background. `"auto"` (default) inverts an image whose
   * border is light (a dark digit on paper) and, when the border is transparent, takes the
   * opacity as the ink; `"always"` / `"never"` force the choice for opaque images.
   */
  readonly invert?: "auto" | "always" | "never";
}

/** MNIST's frame, and the box its digits were scaled into. */
const SIDE = 28;
const BOX = 20;

/**
 * Turns any RGBA image into an MNIST-style input: grayscale, light ink on black, background
 * level removed, cropped to the digit's bounding box, scaled (aspect kept; area-averaged when
 * shrinking, bilinear when growing) to fit 20×20, and placed in the 28×28 frame with its centre
 * of mass at the centre — the preprocessing LeCun et al. describe for MNIST. Returns 784 values
 * in [0, 1], row-major; a blank image gives all zeros.
 *
 * @example
 * ```ts
 * import { digitFromPixels } from "@backprop/cli";
 * // A 40×40 white image with a black bar: inverted, cropped, centred.
 * const data = new Uint8Array(40 * 40 * 4).fill(255);
 * for (let y = 5; y < 35; y++) for (let x = 18; x < 22; x++) data.fill(0, 4 * (40 * y + x), 4 * (40 * y + x) + 3);
 * const digit = digitFromPixels({ width: 40, height: 40, data });
 * console.log(digit.length, digit[14 * 28 + 14]!.toFixed(2), digit[0]); // 784 1.00 0
 * ```
 */
export function digitFromPixels(image: RgbaImage, options: DigitOptions = {}): Float32Array {
  const { width, height, data } = image;
  const invert = options.invert ?? "auto";
  if (invert !== "auto" && invert !== "always" && invert !== "never") {
    throw new InvalidOptionError({
      op: "digitFromPixels",
      option: "invert",
      value: invert,
      expected: '"auto", "always" or "never"',
    });
  }
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new ShapeError({
      op: "digitFromPixels",
      argument: "image",
      expected: "a positive integer width and height",
      actual: [width, height],
    });
  }
  if (data.length !== 4 * width * height) {
    throw new ShapeError({
      op: "digitFromPixels",
      argument: "image.data",
      expected: `${4 * width * height} bytes (RGBA, ${width}×${height})`,
      actual: [data.length],
    });
  }
  const ink = inkOf(image, invert);
  removeBackground(ink, width, height);
  const box = boundingBox(ink, width, height, 0.1);
  if (box === undefined) return new Float32Array(SIDE * SIDE);

  const cw = box.right - box.left;
  const ch = box.bottom - box.top;
  const scale = BOX / Math.max(cw, ch);
  const nw = Math.max(1, Math.round(cw * scale));
  const nh = Math.max(1, Math.round(ch * scale));
  const cropped = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) cropped[y * cw + x] = ink[(box.top + y) * width + box.left + x]!;
  }
  const resized = resize(cropped, cw, ch, nw, nh);

  // Centre of mass (in pixel-centre coordinates) to the frame's centre, kept inside the frame.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < nh; y++) {
    for (let x = 0; x < nw; x++) {
      const v = resized[y * nw + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const ox = clamp(Math.round(SIDE / 2 - mx / mass), 0, SIDE - nw);
  const oy = clamp(Math.round(SIDE / 2 - my / mass), 0, SIDE - nh);
  let max = 0;
  for (const v of resized) max = Math.max(max, v);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < nh; y++) {
    for (let x = 0; x < nw; x++) {
      out[(oy + y) * SIDE + ox + x] = clamp(resized[y * nw + x]! / max, 0, 1);
    }
  }
  return out;
}

/** Per-pixel ink in [0, 1] (1 = stroke), before background removal. */
function inkOf(image: RgbaImage, invert: "auto" | "always" | "never"): Float32Array {
  const { width, height, data } = image;
  const n = width * height;
  const ink = new Float32Array(n);
  const borderAlpha = borderValues(width, height, (i) => data[4 * i + 3]! / 255);
  if (invert === "auto" && median(borderAlpha) < 0.5) {
    // Drawn on a transparent canvas: whatever colour the stroke is, its opacity is the ink.
    for (let i = 0; i < n; i++) ink[i] = data[4 * i + 3]! / 255;
    return ink;
  }
  // Opaque (or mostly): composite over white, then luminance (Rec. 601 weights).
  for (let i = 0; i < n; i++) {
    const a = data[4 * i + 3]! / 255;
    const y = (0.299 * data[4 * i]! + 0.587 * data[4 * i + 1]! + 0.114 * data[4 * i + 2]!) / 255;
    ink[i] = a * y + (1 - a);
  }
  const light =
    invert === "always" ||
    (invert === "auto" && median(borderValues(width, height, (i) => ink[i]!)) > 0.5);
  if (light) for (let i = 0; i < n; i++) ink[i] = 1 - ink[i]!;
  return ink;
}

/** Subtracts the border's median level (grey paper, a dim screen) and stretches to [0, 1]. */
function removeBackground(ink: Float32Array, width: number, height: number): void {
  const background = median(borderValues(width, height, (i) => ink[i]!));
  let max = 0;
  for (const v of ink) max = Math.max(max, v);
  const range = max - background;
  for (let i = 0; i < ink.length; i++) {
    ink[i] = range > 1e-3 ? clamp((ink[i]! - background) / range, 0, 1) : 0;
  }
}

/** The smallest box holding every pixel above `threshold` (right/bottom exclusive). */
function boundingBox(ink: Float32Array, width: number, height: number, threshold: number) {
  let left = width;
  let top = height;
  let right = 0;
  let bottom = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
      }
    }
  }
  return right > left ? { left, top, right, bottom } : undefined;
}

/** Separable resize: area average when shrinking an axis, bilinear when growing it. */
function resize(src: Float32Array, w: number, h: number, nw: number, nh: number): Float32Array {
  const horizontal = taps(w, nw);
  const tmp = new Float32Array(nw * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < nw; x++) {
      let sum = 0;
      for (const [i, weight] of horizontal[x]!) sum += weight * src[y * w + i]!;
      tmp[y * nw + x] = sum;
    }
  }
  const vertical = taps(h, nh);
  const out = new Float32Array(nw * nh);
  for (let y = 0; y < nh; y++) {
    for (let x = 0; x < nw; x++) {
      let sum = 0;
      for (const [i, weight] of vertical[y]!) sum += weight * tmp[i * nw + x]!;
      out[y * nw + x] = sum;
    }
  }
  return out;
}

/** For each of `to` output samples, the source indices and weights (summing to 1). */
function taps(from: number, to: number): Array<Array<[number, number]>> {
  const ratio = from / to;
  const out: Array<Array<[number, number]>> = [];
  for (let o = 0; o < to; o++) {
    const list: Array<[number, number]> = [];
    if (ratio >= 1) {
      // Area average: the output pixel covers [o·ratio, (o+1)·ratio) of the source.
      const start = o * ratio;
      const end = start + ratio;
      for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
        const overlap = Math.min(end, i + 1) - Math.max(start, i);
        if (overlap > 0) list.push([i, overlap / ratio]);
      }
    } else {
      // Bilinear between the two nearest source pixel centres.
      const at = clamp((o + 0.5) * ratio - 0.5, 0, from - 1);
      const i = Math.floor(at);
      const t = at - i;
      list.push([i, 1 - t]);
      if (t > 0) list.push([i + 1, t]);
    }
    out.push(list);
  }
  return out;
}

function borderValues(width: number, height: number, at: (i: number) => number): number[] {
  const values: number[] = [];
  for (let x = 0; x < width; x++) {
    values.push(at(x));
    if (height > 1) values.push(at((height - 1) * width + x));
  }
  for (let y = 1; y < height - 1; y++) {
    values.push(at(y * width));
    if (width > 1) values.push(at(y * width + width - 1));
  }
  return values;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
