import { createRequire } from "node:module";

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
