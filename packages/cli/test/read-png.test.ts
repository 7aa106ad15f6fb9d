import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeDigitPng, digitFromPixels, ImageReadError, readDigitPng } from "@backprop/cli";
import { FormatError } from "@backprop/errors";
import { afterAll, describe, expect, it } from "vitest";
import { makePalettePng, makePng } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "backprop-cli-png-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A vertical bar ("1") from (x0, y0) to (x1, y1), exclusive, in an image of the given size. */
const inBar = (x: number, y: number, [x0, y0, x1, y1]: readonly number[]) =>
  x >= x0! && x < x1! && y >= y0! && y < y1!;

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
function centreOfMass(a: Float32Array): [number, number] {
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < 784; i++) {
    cx += a[i]! * ((i % 28) + 0.5);
    cy += a[i]! * (Math.floor(i / 28) + 0.5);
  }
  return [cx / sum(a), cy / sum(a)];
}
function box(a: Float32Array, threshold = 0.1) {
  const xs: number[] = [];
  const ys: number[] = [];
  a.forEach((v, i) => {
    if (v > threshold) {
      xs.push(i % 28);
      ys.push(Math.floor(i / 28));
    }
  });
  return {
    width: Math.max(...xs) - Math.min(...xs) + 1,
    height: Math.max(...ys) - Math.min(...ys) + 1,
  };
}

describe("readDigitPng", () => {
  it("inverts a black digit on white, crops, scales to 20 px and centres it by mass", async () => {
    const bar = [90, 40, 110, 160];
    const path = file(
      "black-on-white.png",
      makePng(200, 200, (x, y) => (inBar(x, y, bar) ? [0, 0, 0, 255] : [255, 255, 255, 255])),
    );
    const digit = await readDigitPng(path);
    expect(digit).toBeInstanceOf(Float32Array);
    expect(digit).toHaveLength(784);
    expect(Math.min(...digit)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...digit)).toBe(1);
    // Background black (MNIST is white-on-black), the stroke white.
    expect(digit[0]).toBe(0);
    expect(digit[14 * 28 + 14]).toBeCloseTo(1, 5);
    // The 20×120 bar keeps its aspect: 20 px tall, about 3 px wide, centred.
    expect(box(digit)).toMatchObject({ height: 20 });
    expect(box(digit).width).toBeGreaterThanOrEqual(3);
    expect(box(digit).width).toBeLessThanOrEqual(5);
    const [cx, cy] = centreOfMass(digit);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(1);
  });

  it("keeps a white digit on black as it is", async () => {
    const bar = [12, 4, 16, 24];
    const path = file(
      "white-on-black.png",
      makePng(28, 28, (x, y) => (inBar(x, y, bar) ? [255, 255, 255, 255] : [0, 0, 0, 255])),
    );
    const digit = await readDigitPng(path);
    expect(digit[0]).toBe(0);
    expect(digit[14 * 28 + 14]).toBeCloseTo(1, 5);
  });

  it("resizes larger images (any aspect) to 28×28, the digit's long side to 20", async () => {
    const wide = [100, 20, 500, 80]; // a horizontal stroke, 400×60, in a 600×100 image
    const path = file(
      "wide.png",
      makePng(600, 100, (x, y) => (inBar(x, y, wide) ? [20, 20, 20, 255] : [250, 250, 250, 255])),
    );
    const digit = await readDigitPng(path);
    expect(digit).toHaveLength(784);
    expect(box(digit)).toMatchObject({ width: 20, height: 3 });
  });

  it("upscales tiny images the same way", () => {
    const bytes = makePng(8, 8, (x, y) =>
      inBar(x, y, [3, 1, 5, 7]) ? [0, 0, 0, 255] : [255, 255, 255, 255],
    );
    expect(box(decodeDigitPng(bytes))).toMatchObject({ height: 20 });
  });

  it("reads grayscale, 16-bit, RGB, palette and transparent PNGs alike", () => {
    const bar = [20, 10, 28, 50];
    const pixel = (x: number, y: number) =>
      (inBar(x, y, bar) ? [0, 0, 0, 255] : [255, 255, 255, 255]) as [
        number,
        number,
        number,
        number,
      ];
    const reference = decodeDigitPng(makePng(48, 60, pixel));
    const variants = {
      gray: makePng(48, 60, pixel, { colorType: 0 }),
      gray16: makePng(48, 60, pixel, { colorType: 0, bitDepth: 16 }),
      rgb: makePng(48, 60, pixel, { colorType: 2 }),
      palette: makePalettePng(
        48,
        60,
        [
          [255, 255, 255],
          [0, 0, 0],
        ],
        (x, y) => (inBar(x, y, bar) ? 1 : 0),
      ),
      // Drawn on a transparent canvas: the stroke is the opaque part, whatever its colour.
      transparentBlack: makePng(48, 60, (x, y) =>
        inBar(x, y, bar) ? [0, 0, 0, 255] : [0, 0, 0, 0],
      ),
      transparentWhite: makePng(48, 60, (x, y) =>
        inBar(x, y, bar) ? [255, 255, 255, 255] : [255, 255, 255, 0],
      ),
    };
    // IHDR bit depth and colour type: the files really are what their names say.
    const header = (b: Uint8Array) => [b[24], b[25]];
    expect(header(variants.gray)).toEqual([8, 0]);
    expect(header(variants.gray16)).toEqual([16, 0]);
    expect(header(variants.rgb)).toEqual([8, 2]);
    expect(header(variants.palette)).toEqual([8, 3]);
    expect(header(variants.transparentWhite)).toEqual([8, 6]);
    for (const [name, bytes] of Object.entries(variants)) {
      const digit = decodeDigitPng(bytes, { file: name });
      for (let i = 0; i < 784; i++)
        expect(digit[i], `${name}, pixel ${i}`).toBeCloseTo(reference[i]!, 5);
    }
  });

  it("removes a grey paper background and follows `invert`", () => {
    const bar = [10, 5, 14, 25];
    const grey = makePng(28, 30, (x, y) =>
      inBar(x, y, bar) ? [40, 40, 40, 255] : [200, 200, 200, 255],
    );
    const auto = decodeDigitPng(grey);
    expect(auto[0]).toBe(0);
    expect(Math.max(...auto)).toBe(1);
    // "never": the light paper is taken as ink, the dark bar as background — a blank-ish frame.
    const never = decodeDigitPng(grey, { invert: "never" });
    expect(never[14 * 28 + 14]).toBe(0);
    expect(() => decodeDigitPng(grey, { invert: "sometimes" as "auto" })).toThrow(/invert/);
  });

  it("gives zeros for a blank image", () => {
    const blank = decodeDigitPng(makePng(30, 30, () => [255, 255, 255, 255]));
    expect(Array.from(blank).every((v) => v === 0)).toBe(true);
  });

  it("names the file in a FormatError for a file that is not a PNG", async () => {
    const path = file(
      "digit.jpg.png",
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]),
    );
    const e = await readDigitPng(path).catch((x: unknown) => x);
    expect(FormatError.isInstance(e)).toBe(true);
    expect((e as FormatError).file).toBe(path);
    expect((e as Error).message).toBe(
      `${path} at byte 0: not a PNG file (it looks like a JPEG image); convert it to PNG`,
    );
    const text = await readDigitPng(file("notes.png", "hello, world")).catch((x: unknown) => x);
    expect((text as Error).message).toMatch(/notes\.png at byte 0: not a PNG file$/);
  });

  it("names the file in a FormatError for a corrupt or truncated PNG", async () => {
    const good = makePng(20, 20, () => [0, 0, 0, 255]);
    const path = file("truncated.png", good.subarray(0, 40));
    const e = await readDigitPng(path).catch((x: unknown) => x);
    expect(FormatError.isInstance(e)).toBe(true);
    expect((e as Error).message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: corrupt PNG`),
    );
  });

  it("refuses an image too large to decode safely, before decoding it", () => {
    const header = makePng(1, 1, () => [0, 0, 0, 255]);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    expect(() => decodeDigitPng(header, { file: "huge.png" })).toThrow(
      /huge\.png at byte 16: 100000×100000 pixels/,
    );
  });

  it("names the file in an ImageReadError when it cannot be read", async () => {
    const missing = join(dir, "missing.png");
    const e = await readDigitPng(missing).catch((x: unknown) => x);
    expect(ImageReadError.isInstance(e)).toBe(true);
    expect((e as ImageReadError).file).toBe(missing);
    expect((e as Error).message).toBe(`Cannot read image ${missing}: no such file`);
    const isDir = await readDigitPng(dir).catch((x: unknown) => x);
    expect((isDir as Error).message).toBe(`Cannot read image ${dir}: it is a directory`);
  });
});

describe("digitFromPixels", () => {
  it("checks the buffer against the size", () => {
    expect(() => digitFromPixels({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(
      "Argument 'image.data' passed to 'digitFromPixels' must have shape 16 bytes (RGBA, 2×2); got [15]",
    );
  });
});
