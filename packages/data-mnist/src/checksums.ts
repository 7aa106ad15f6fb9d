/**
 * The four standard files of an MNIST-family dataset.
 *
 * @example
 * ```ts
 * import { IDX_FILES } from "@backprop/data-mnist";
 * console.log(IDX_FILES.test.labels); // t10k-labels-idx1-ubyte
 * ```
 */
export const IDX_FILES = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
} as const;

/**
 * Datasets backprop knows by name.
 *
 * @example
 * ```ts
 * import type { DatasetName } from "@backprop/data-mnist";
 * const name: DatasetName = "kmnist";
 * console.log(name); // kmnist
 * ```
 */
export type DatasetName = "mnist" | "fashion-mnist" | "kmnist";

/**
 * One published digest of a `.gz` file.
 *
 * @example
 * ```ts
 * import { CHECKSUMS, type GzDigest } from "@backprop/data-mnist";
 * const digest: GzDigest = CHECKSUMS.mnist["t10k-labels-idx1-ubyte"]!.gz![0]!;
 * console.log(digest.algorithm, digest.hex.length); // sha256 64
 * ```
 */
export interface GzDigest {
  readonly algorithm: "sha256" | "md5";
  readonly hex: string;
  /** Where the digest was published or measured. */
  readonly source: string;
}

/**
 * The pinned digests of one IDX file (keyed by its name without `.gz`).
 *
 * @example
 * ```ts
 * import { CHECKSUMS, type FileChecksums } from "@backprop/data-mnist";
 * const pins: FileChecksums = CHECKSUMS["fashion-mnist"]["t10k-images-idx3-ubyte"]!;
 * console.log(pins.gz?.length, pins.raw?.slice(0, 8)); // 2 5b4141f0
 * ```
 */
export interface FileChecksums {
  /**
   * Digests of `.gz` files known to hold exactly this file: the upstream release (sha256 where one
   * is published, else md5) and redistributions that recompressed it (Debian). A download must
   * match one of them before it is decompressed.
   */
  readonly gz?: readonly GzDigest[];
  /** sha256 of the decompressed IDX bytes: independent of how a mirror compressed the file. */
  readonly raw?: string;
}

/**
 * Pinned digests of a dataset's files, by file name without `.gz` (`"t10k-labels-idx1-ubyte"`).
 *
 * @example
 * ```ts
 * import type { DatasetChecksums } from "@backprop/data-mnist";
 * // The pins of a private mirror's files, passed as { checksums } to loadDataset or fetchDataset.
 * const mine: DatasetChecksums = { "t10k-labels-idx1-ubyte": { raw: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34" } };
 * console.log(Object.keys(mine)); // [ 't10k-labels-idx1-ubyte' ]
 * ```
 */
export type DatasetChecksums = Readonly<Record<string, FileChecksums>>;

/**
 * The checksums every load is verified against. Sources: torchvision's prototype checksum table
 * (MNIST sha256), Keras's `datasets/fashion_mnist.py` (Fashion-MNIST sha256), torchvision's
 * `datasets/mnist.py` (KMNIST md5 — no sha256 is published for KMNIST, and none is invented here);
 * Debian's gz sha256 and the raw sha256 were measured with `sha256sum` on Debian's
 * `dataset-fashion-mnist` 0.0~git20200523.55506a9-1 (whose decompressed content is the standard
 * data). A file with no entry loads with a warning that says so.
 *
 * @example
 * ```ts
 * import { CHECKSUMS } from "@backprop/data-mnist";
 * console.log(CHECKSUMS.kmnist["t10k-labels-idx1-ubyte"]?.gz?.[0]?.algorithm); // md5
 * ```
 */
export const CHECKSUMS: Readonly<Record<DatasetName, DatasetChecksums>> = {
  mnist: {
    "train-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          source: "torchvision prototype checksums",
        },
      ],
    },
    "train-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          source: "torchvision prototype checksums",
        },
      ],
    },
    "t10k-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          source: "torchvision prototype checksums",
        },
      ],
    },
    "t10k-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
          source: "torchvision prototype checksums",
        },
      ],
    },
  },
  "fashion-mnist": {
    "train-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
          source: "Keras datasets/fashion_mnist.py",
        },
        {
          algorithm: "sha256",
          hex: "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
          source: "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (sha256sum)",
        },
      ],
      raw: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    },
    "train-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
          source: "Keras datasets/fashion_mnist.py",
        },
        {
          algorithm: "sha256",
          hex: "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
          source: "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (sha256sum)",
        },
      ],
      raw: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    },
    "t10k-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
          source: "Keras datasets/fashion_mnist.py",
        },
        {
          algorithm: "sha256",
          hex: "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
          source: "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (sha256sum)",
        },
      ],
      raw: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    },
    "t10k-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "sha256",
          hex: "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
          source: "Keras datasets/fashion_mnist.py",
        },
        {
          algorithm: "sha256",
          hex: "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
          source: "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (sha256sum)",
        },
      ],
      raw: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    },
  },
  kmnist: {
    "train-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "md5",
          hex: "bdb82020997e1d708af4cf47b453dcf7",
          source: "torchvision mnist.py",
        },
      ],
    },
    "train-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "md5",
          hex: "e144d726b3acfaa3e44228e80efcd344",
          source: "torchvision mnist.py",
        },
      ],
    },
    "t10k-images-idx3-ubyte": {
      gz: [
        {
          algorithm: "md5",
          hex: "5c965bf0a639b31b8f53240b1b52f4d7",
          source: "torchvision mnist.py",
        },
      ],
    },
    "t10k-labels-idx1-ubyte": {
      gz: [
        {
          algorithm: "md5",
          hex: "7320c461ea6c1c855c0b718fb2a4b134",
          source: "torchvision mnist.py",
        },
      ],
    },
  },
};

/**
 * Where Debian's packages install datasets (`dpkg -L dataset-fashion-mnist`).
 *
 * @example
 * ```ts
 * import { DEBIAN_DIRS } from "@backprop/data-mnist";
 * console.log(DEBIAN_DIRS["fashion-mnist"]); // /usr/share/datasets/fashion-mnist
 * ```
 */
export const DEBIAN_DIRS: Readonly<Partial<Record<DatasetName, string>>> = {
  "fashion-mnist": "/usr/share/datasets/fashion-mnist",
};
