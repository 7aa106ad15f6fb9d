// House rules that are cheap to check mechanically: no Math.random, nothing done on import,
// and a package.json that Node and bundlers read the way we mean.
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

describe("sources", () => {
  it("never use Math.random", () => {
    expect(
      sources.filter(({ text }) => /Math\s*\.\s*random/.test(text)).map((s) => s.file),
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
      name: "@backprop/random",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(Object.keys(pkg.exports["."])).toEqual(["types", "import", "default"]);
    expect(pkg.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE"]));
  });

  it("depends on pure-rand 8 and on no @backprop package", () => {
    expect(Object.keys(pkg.dependencies)).toEqual(["pure-rand"]);
    expect(pkg.dependencies["pure-rand"]).toMatch(/^\^8\./);
  });
});
