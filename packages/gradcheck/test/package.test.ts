// House rules that are cheap to check mechanically: nothing done on import, no Math.random, no
// test runner in the sources, and a package.json that Node and bundlers read the way we mean.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const srcDir = join(root, "src");
const sources = readdirSync(srcDir)
  .filter((f) => f.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(join(srcDir, file), "utf8") }));
/** The sources without comments (the JSDoc examples import the package itself). */
const code = sources.map(({ file, text }) => ({
  file,
  text: text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, ""),
}));

describe("sources", () => {
  it("never use Math.random and never import a test runner", () => {
    expect(code.filter(({ text }) => /Math\s*\.\s*random/.test(text)).map((s) => s.file)).toEqual(
      [],
    );
    expect(
      code
        .filter(({ text }) => /from "(vitest|@fast-check\/vitest|jest)/.test(text))
        .map((s) => s.file),
    ).toEqual([]);
  });

  it("do nothing on import: module level holds only imports, exports and declarations", () => {
    const offenders: string[] = [];
    for (const { file, text } of sources) {
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
      for (const statement of sf.statements) {
        const ok =
          ts.isImportDeclaration(statement) ||
          ts.isExportDeclaration(statement) ||
          ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          (ts.isVariableStatement(statement) &&
            (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
            statement.declarationList.declarations.every(
              (d) => d.initializer !== undefined && isInert(d.initializer),
            ));
        if (!ok) offenders.push(`${file}: ${statement.getText(sf).slice(0, 60)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("index.ts only re-exports, by name", () => {
    const index = sources.find((s) => s.file === "index.ts")!.text;
    const sf = ts.createSourceFile("index.ts", index, ts.ScriptTarget.ES2022, true);
    for (const statement of sf.statements) {
      expect(ts.isExportDeclaration(statement)).toBe(true);
      const named = (statement as ts.ExportDeclaration).exportClause;
      expect(named !== undefined && ts.isNamedExports(named)).toBe(true); // no `export *`
    }
  });
});

/** A constant expression: literals, arithmetic, arrays of them, `as const`. No calls. */
function isInert(node: ts.Expression): boolean {
  if (ts.isNumericLiteral(node) || ts.isStringLiteral(node)) return true;
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
    return isInert(node.expression);
  if (ts.isPrefixUnaryExpression(node)) return isInert(node.operand);
  if (ts.isBinaryExpression(node)) return isInert(node.left) && isInert(node.right);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isInert);
  return false;
}

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

  it("is side-effect free ESM for Node >= 20, with types first in the exports map", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/gradcheck",
      version: "0.0.0",
      license: "MIT",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(pkg.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      import: "./dist/index.js",
      default: "./dist/index.js",
    });
    expect(pkg.files).toEqual(
      expect.arrayContaining(["dist", "README.md", "CHANGELOG.md", "LICENSE"]),
    );
  });

  it("depends on tensor-core, errors, random and fast-check — and on no test runner", () => {
    expect(pkg.dependencies).toEqual({
      "@backprop/errors": "workspace:^",
      "@backprop/random": "workspace:^",
      "@backprop/tensor-core": "workspace:^",
      "fast-check": "^4.10.2",
    });
    expect(pkg.devDependencies ?? {}).not.toHaveProperty("vitest");
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it("imports exactly what it declares", () => {
    const imported = new Set(
      code.flatMap(({ text }) =>
        [...text.matchAll(/from "((?:@[^/"]+\/)?[^/".][^/"]*)/g)].map((m) => m[1]!),
      ),
    );
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
