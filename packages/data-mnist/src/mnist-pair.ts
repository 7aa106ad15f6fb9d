import type { IdxArray, IdxType } from "./idx.js";
import { IdxFormatError } from "./idx-format-error.js";

/**
 * Images and labels of an MNIST-family split, checked against each other.
 *
 * @example
 * ```ts
 * import { encodeIdx, type LabeledImages, pairImagesAndLabels, parseIdx } from "@backprop/data-mnist";
 * const images = parseIdx(encodeIdx({ type: "ubyte", shape: [1, 2, 3], data: new Uint8Array(6) }));
 * const labels = parseIdx(encodeIdx({ type: "ubyte", shape: [1], data: new Uint8Array([4]) }));
 * const pair: LabeledImages = pairImagesAndLabels(images, labels, { imagesFile: "i", labelsFile: "l" });
 * console.log(pair.rows, pair.cols, pair.images.length); // 2 3 6
 * ```
 */
export interface LabeledImages {
  /** Pixel bytes, `count × rows × cols`, row-major. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Checks a decoded image file and label file of the MNIST family against each other: ubyte
 * images `[N, rows, cols]` (magic 2051), ubyte labels `[N]` (magic 2049), equal N, labels in
 * `[0, numClasses)`.
 *
 * @example
 * ```ts
 * import { encodeIdx, parseIdx, pairImagesAndLabels } from "@backprop/data-mnist";
 * const images = parseIdx(encodeIdx({ type: "ubyte", shape: [1, 2, 2], data: new Uint8Array(4) }));
 * const labels = parseIdx(encodeIdx({ type: "ubyte", shape: [1], data: new Uint8Array([7]) }));
 * console.log(pairImagesAndLabels(images, labels, { imagesFile: "i", labelsFile: "l" }).count); // 1
 * ```
 */
export function pairImagesAndLabels(
  images: IdxArray,
  labels: IdxArray,
  options: PairOptions,
): LabeledImages {
  const checked = checkImageLabelPair(images, labels, options);
  return { ...checked, images: images.data as Uint8Array };
}

/** Options of {@link pairImagesAndLabels}: the two files' names (for errors) and the class count. */
export interface PairOptions {
  readonly imagesFile: string;
  readonly labelsFile: string;
  /** Labels must lie in `[0, numClasses)` (default 10). */
  readonly numClasses?: number;
}

/**
 * The checks of {@link pairImagesAndLabels} on the image file's header alone (its pixels may be
 * already scaled to float32 by the streaming loader).
 */
export function checkImageLabelPair(
  images: { readonly type: IdxType; readonly shape: readonly number[] },
  labels: IdxArray,
  options: PairOptions,
): Omit<LabeledImages, "images"> {
  const numClasses = options.numClasses ?? 10;
  if (images.type !== "ubyte" || images.shape.length !== 3) {
    throw new IdxFormatError({
      file: options.imagesFile,
      offset: 2,
      reason: `expected ubyte images [N, rows, cols] (magic 2051); got ${images.type} [${images.shape.join(", ")}]`,
    });
  }
  if (labels.type !== "ubyte" || labels.shape.length !== 1) {
    throw new IdxFormatError({
      file: options.labelsFile,
      offset: 2,
      reason: `expected ubyte labels [N] (magic 2049); got ${labels.type} [${labels.shape.join(", ")}]`,
    });
  }
  const [count, rows, cols] = images.shape as [number, number, number];
  if (labels.shape[0] !== count) {
    throw new IdxFormatError({
      file: options.labelsFile,
      offset: 4,
      reason: `${labels.shape[0]} labels for ${count} images in ${options.imagesFile}`,
    });
  }
  const data = labels.data as Uint8Array;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! >= numClasses) {
      throw new IdxFormatError({
        file: options.labelsFile,
        offset: 8 + i,
        reason: `label ${data[i]} of item ${i} is outside 0..${numClasses - 1}`,
      });
    }
  }
  return { labels: data, count, rows, cols };
}
