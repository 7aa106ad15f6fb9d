// Node-only entry point (`@backprop/data-mnist/node`): datasets from directories on disk and
// verified downloads into an atomic, locked cache.
export { type CacheDirOptions, resolveCacheDir } from "./node/cache-dir.js";
export {
  type LoadDatasetOptions,
  loadDataset,
  loadLabeledImages,
} from "./node/load-dataset.js";
export { type ReadIdxFileOptions, readIdxFile } from "./node/read-idx-file.js";
