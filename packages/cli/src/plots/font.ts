import { createRequire } from "node:module";

/**
 * The font family every plot is drawn in: DejaVu Sans, shipped as TTF files by the npm package
 * `dejavu-fonts-ttf` (Bitstream Vera license, a permissive MIT-style font license), so text
 * renders the same on every machine, with or without system fonts. The trailing `sans-serif`
 * lets a browser that has no DejaVu Sans fall back to its own sans-serif face.
 *
 * @example
 * ```ts
 * import { PLOT_FONT_FAMILY } from "@backprop/cli";
 * console.log(PLOT_FONT_FAMILY); // DejaVu Sans, sans-serif
 * ```
 */
export const PLOT_FONT_FAMILY = "DejaVu Sans, sans-serif";

/** The family name inside the TTF files (what resvg matches `font-family` against). */
export const FONT_NAME = "DejaVu Sans";

/**
 * Absolute paths of the bundled TTF files (regular and bold), resolved from the installed
 * `dejavu-fonts-ttf` package. Reads nothing; only resolves paths.
 *
 * @example
 * ```ts
 * import { plotFontFiles } from "@backprop/cli";
 * console.log(plotFontFiles().map((f) => f.split("/").pop()).join(" ")); // DejaVuSans.ttf DejaVuSans-Bold.ttf
 * ```
 */
export function plotFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) =>
    require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
  );
}
