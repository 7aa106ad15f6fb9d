/** The packages, in the order of the dependency table (lowest first): one docs page each. */
export const PACKAGES = [
  "errors",
  "random",
  "tensor-core",
  "init",
  "layers",
  "optimizers",
  "gradcheck",
  "data-mnist",
  "trainer",
  "experiments",
  "hpo",
  "cli",
] as const;
