export { ChecksumError } from "./checksum-error.js";
export {
  CHECKSUMS,
  type DatasetChecksums,
  type DatasetName,
  DEBIAN_DIRS,
  type FileChecksums,
  type GzDigest,
  IDX_FILES,
} from "./checksums.js";
export { type Batch, type BatchOptions, InMemoryDataset, type SplitOptions } from "./dataset.js";
export { DatasetNotFoundError } from "./dataset-not-found-error.js";
export { type DownloadAttempt, DownloadError, type DownloadErrorFields } from "./download-error.js";
export {
  EMBEDDED_SPLIT_SEED,
  EMBEDDED_TEST_FRACTION,
  type EmbeddedOptions,
  loadEmbeddedMnist,
} from "./embedded.js";
export { type FetchDatasetOptions, fetchDataset } from "./fetch-dataset.js";
export {
  encodeIdx,
  type IdxArray,
  type IdxData,
  type IdxType,
  type ParseIdxOptions,
  parseIdx,
} from "./idx.js";
export { IdxFormatError } from "./idx-format-error.js";
export { type IdxSource, type LoadIdxPairOptions, loadIdxPair } from "./load-idx-pair.js";
export { MIRRORS } from "./mirrors.js";
export { type LabeledImages, pairImagesAndLabels } from "./mnist-pair.js";
