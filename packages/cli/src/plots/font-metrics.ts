import { readFile } from "node:fs/promises";
import { BackpropError } from "@backprop/errors";
import { FONT_NAME, plotFontFiles } from "./font.js";

/** Advance widths of one TrueType font, in em. */
export interface FontMetrics {
  /** Advance width of a code point in em (the `.notdef` glyph's for a missing one). */
  advance(codePoint: number): number;
}

/** The bundled regular and bold faces, read once per process on first use. */
let loaded: Promise<{ regular: FontMetrics; bold: FontMetrics }> | undefined;

/**
 * Reads the horizontal metrics (`head`, `hhea`, `hmtx`) and the Unicode `cmap` (format 4 or 12)
 * of a TrueType file: enough to measure a line of text the way resvg will lay it out (less
 * kerning, which only narrows text slightly).
 */
export function parseFontMetrics(bytes: Uint8Array, file: string): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string): never => {
    throw new BackpropError(`${file}: cannot read font metrics: ${reason}`, {
      code: "BACKPROP_FONT",
    });
  };
  if (bytes.byteLength < 12) fail("file too short");
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    if (at + 16 > bytes.byteLength) fail("table directory truncated");
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    tables.set(tag, view.getUint32(at + 8));
  }
  const table = (tag: string) => tables.get(tag) ?? fail(`no '${tag}' table`);
  const unitsPerEm = view.getUint16(table("head") + 18);
  const numberOfHMetrics = view.getUint16(table("hhea") + 34);
  const hmtx = table("hmtx");
  const glyphAdvance = (glyph: number) =>
    view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1)) / unitsPerEm;

  const glyphs = new Map<number, number>();
  const cmap = table("cmap");
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const sub = cmap + view.getUint32(cmap + 8 + 8 * i);
    const format = view.getUint16(sub);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) format12 = sub;
    if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 = sub;
  }
  if (format12 !== undefined) {
    const groups = view.getUint32(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + 12 * g;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) glyphs.set(c, glyph + c - start);
    }
  } else if (format4 !== undefined) {
    const segments = view.getUint16(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const start = view.getUint16(starts + 2 * s);
      const end = view.getUint16(ends + 2 * s);
      const delta = view.getUint16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) glyphs.set(c, glyph);
      }
    }
  } else {
    fail("no Unicode cmap (format 4 or 12)");
  }
  return { advance: (codePoint) => glyphAdvance(glyphs.get(codePoint) ?? 0) };
}

/** The metrics of the bundled regular and bold DejaVu Sans (read on first call, then cached). */
export function bundledFontMetrics(): Promise<{ regular: FontMetrics; bold: FontMetrics }> {
  loaded ??= (async () => {
    const [regularFile, boldFile] = plotFontFiles() as [string, string];
    const [regular, bold] = await Promise.all([readFile(regularFile), readFile(boldFile)]);
    return {
      regular: parseFontMetrics(regular, regularFile),
      bold: parseFontMetrics(bold, boldFile),
    };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/** The part of a Vega scenegraph text item that decides its width. */
interface TextItem {
  readonly font?: string;
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly limit?: number;
}

type WidthFn = ((item: TextItem, text: unknown) => number) & { [OURS]?: true };

const OURS: unique symbol = Symbol.for("backprop.cli.textMetrics") as never;

/**
 * Makes Vega measure text in the bundled font instead of estimating it. Without a canvas, Vega
 * guesses every string at 0.8 em per character, which truncates legend labels and spreads small
 * multiples apart; it lets a program supply `textMetrics.width` (vl-convert does the same).
 * Text in any other font family is still measured by the function that was there before.
 */
export function useBundledTextMetrics(
  vega: unknown,
  metrics: { regular: FontMetrics; bold: FontMetrics },
): void {
  const textMetrics = (vega as { textMetrics?: { width?: WidthFn } }).textMetrics;
  if (textMetrics === undefined || typeof textMetrics.width !== "function") return;
  if (textMetrics.width[OURS]) return;
  const previous = textMetrics.width;
  const width: WidthFn = (item, text) => {
    const family = (item.font ?? FONT_NAME)
      .split(",")[0]!
      .trim()
      .replace(/^["']|["']$/g, "");
    if (family !== FONT_NAME) return previous(item, text);
    const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
    const weight = item.fontWeight;
    const face =
      weight === "bold" || weight === "bolder" || Number(weight) >= 600
        ? metrics.bold
        : metrics.regular;
    const line = text == null ? "" : String(text).trim();
    let em = 0;
    for (const ch of line) em += face.advance(ch.codePointAt(0)!);
    const measured = em * size;
    // Truncated text (a `limit`) is never wider than the limit.
    return item.limit !== undefined && item.limit > 0 ? Math.min(measured, item.limit) : measured;
  };
  width[OURS] = true;
  textMetrics.width = width;
}
