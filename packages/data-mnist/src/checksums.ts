/** The four standard files of an MNIST-family dataset. */
export const IDX_FILES = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
} as const;

/** Datasets backprop knows by name. */
export type DatasetName = "mnist" | "fashion-mnist" | "kmnist";

/**
 * sha256 of the **decompressed** IDX files, where known (they do not depend on how a mirror or a
 * distribution compressed them; Debian's Fashion-MNIST `.gz` files are recompressed). Measured on
 * Debian's dataset-fashion-mnist, whose content is the standard data. A file with no entry loads
 * with a warning that says so — no checksum is ever invented.
 */
export const RAW_SHA256: Readonly<Partial<Record<DatasetName, Readonly<Record<string, string>>>>> =
  {
    "fashion-mnist": {
      "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    },
  };

/** Where Debian's packages install datasets (`dpkg -L dataset-fashion-mnist`). */
export const DEBIAN_DIRS: Readonly<Partial<Record<DatasetName, string>>> = {
  "fashion-mnist": "/usr/share/datasets/fashion-mnist",
};
