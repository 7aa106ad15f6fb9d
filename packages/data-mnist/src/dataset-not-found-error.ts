import { BackpropError } from "@backprop/errors";

/**
 * A dataset could not be found or read: lists every place that was tried and what to do next.
 *
 * @example
 * ```ts
 * import { DatasetNotFoundError } from "@backprop/data-mnist";
 * const e = new DatasetNotFoundError({ dataset: "mnist", looked: ["/data/mnist"], hint: "set BACKPROP_DATA_DIR" });
 * console.log(e.message);
 * ```
 */
export class DatasetNotFoundError extends BackpropError {
  static override readonly kind: string = "DatasetNotFoundError";
  readonly dataset: string;
  readonly looked: readonly string[];

  constructor(fields: {
    readonly dataset: string;
    readonly looked: readonly string[];
    readonly hint: string;
    readonly cause?: unknown;
  }) {
    super(
      `Dataset '${fields.dataset}' not found; looked in: ${fields.looked.join(", ")}. ${fields.hint}`,
      {
        code: "BACKPROP_DATASET_NOT_FOUND",
        cause: fields.cause,
      },
    );
    this.dataset = fields.dataset;
    this.looked = fields.looked;
  }
}
