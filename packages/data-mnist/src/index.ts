export { type Batch, type BatchOptions, InMemoryDataset, type SplitOptions } from "./dataset.js";
export {
  encodeIdx,
  type IdxArray,
  type IdxData,
  type IdxType,
  type ParseIdxOptions,
  parseIdx,
} from "./idx.js";
export { IdxFormatError } from "./idx-format-error.js";
export { type LabeledImages, pairImagesAndLabels } from "./mnist-pair.js";
