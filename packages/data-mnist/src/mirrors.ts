import type { DatasetName } from "./checksums.js";

/**
 * The mirrors each dataset is downloaded from, tried in order (the next one after an HTTP error,
 * a timeout or a checksum mismatch). A file's URL is the base followed by `<file>.gz`. MNIST's
 * original `http://yann.lecun.com/exdb/mnist/` is left out: it has answered HTTP 403 since
 * 2021–2024.
 *
 * @example
 * ```ts
 * import { MIRRORS } from "@backprop/data-mnist";
 * console.log(MIRRORS.mnist.length); // 2
 * ```
 */
export const MIRRORS: Readonly<Record<DatasetName, readonly string[]>> = {
  mnist: [
    "https://storage.googleapis.com/cvdf-datasets/mnist/", // TensorFlow's mirror
    "https://ossci-datasets.s3.amazonaws.com/mnist/", // PyTorch's
  ],
  "fashion-mnist": [
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
  ],
  kmnist: ["http://codh.rois.ac.jp/kmnist/dataset/kmnist/"],
};
