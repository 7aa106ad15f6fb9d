/**
 * The dependency table of the house style (STYLE.md, "Dependency direction"), as data. A package
 * may depend on the packages listed for it and, transitively, on what those may depend on.
 */
export const ALLOWED: Readonly<Record<string, readonly string[] | "*">> = {
  "@backprop/errors": [],
  "@backprop/random": [],
  "@backprop/tensor-core": ["@backprop/errors", "@backprop/random"],
  "@backprop/init": ["@backprop/tensor-core"],
  "@backprop/gradcheck": ["@backprop/tensor-core"],
  "@backprop/layers": ["@backprop/init", "@backprop/tensor-core"],
  "@backprop/optimizers": ["@backprop/tensor-core"],
  "@backprop/data-mnist": ["@backprop/errors", "@backprop/random"],
  "@backprop/trainer": ["@backprop/layers", "@backprop/optimizers"],
  "@backprop/experiments": [
    "@backprop/trainer",
    "@backprop/layers",
    "@backprop/init",
    "@backprop/optimizers",
    "@backprop/data-mnist",
  ],
  "@backprop/hpo": ["@backprop/errors", "@backprop/random"],
  "@backprop/cli": "*",
};

/** Test-only edges: these packages may devDepend on gradcheck to prove their backward passes. */
export const TEST_ONLY: Readonly<Record<string, readonly string[]>> = {
  "@backprop/init": ["@backprop/gradcheck"],
  "@backprop/layers": ["@backprop/gradcheck"],
  "@backprop/optimizers": ["@backprop/gradcheck"],
  "@backprop/trainer": ["@backprop/gradcheck"],
  "@backprop/experiments": ["@backprop/gradcheck"],
};

/** Edges that must never exist, in any dependency kind, with the reason. */
export const FORBIDDEN: ReadonlyArray<{ from: string; to: string; reason: string }> = [
  {
    from: "@backprop/tensor-core",
    to: "@backprop/gradcheck",
    reason:
      "gradcheck verifies tensor-core; tensor-core must never depend on it, not even for tests",
  },
];

/** Only this package may depend on tfjs at run time. */
export const TFJS_OWNER = "@backprop/tensor-core";

/** The transitive closure of ALLOWED for one package (or "*"). */
export function allowedClosure(name: string): Set<string> | "*" | undefined {
  const direct = ALLOWED[name];
  if (direct === undefined || direct === "*") return direct;
  const out = new Set<string>();
  const stack = [...direct];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    const more = ALLOWED[next];
    if (Array.isArray(more)) stack.push(...more);
  }
  return out;
}

/**
 * Runtime dependencies a package uses without an import statement the checker can see, with the
 * reason; they are exempt from the "declared but unused" rule.
 */
export const USED_WITHOUT_IMPORT: Readonly<Record<string, readonly string[]>> = {
  // loadEmbeddedMnist reads mnist/src/digits/*.json through require.resolve (Node) or a computed
  // JSON import (bundlers): the package's data files, not its code.
  "@backprop/data-mnist": ["mnist"],
  // The plots' font: DejaVuSans*.ttf, found with require.resolve and handed to resvg by path.
  "@backprop/cli": ["dejavu-fonts-ttf"],
};
