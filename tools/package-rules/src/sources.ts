import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** A source file of a package. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/** The `.ts` files directly in `srcDir`. */
export function readSources(srcDir: string): SourceFile[] {
  return readdirSync(srcDir)
    .filter((f) => f.endsWith(".ts"))
    .map((file) => ({ file, text: readFileSync(join(srcDir, file), "utf8") }));
}

/** The text without comments (JSDoc examples may mention what the code must not do). */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Files whose code (not comments) calls `Math.random`. */
export function filesUsingMathRandom(sources: readonly SourceFile[]): string[] {
  return sources
    .filter(({ text }) => /Math\s*\.\s*random/.test(withoutComments(text)))
    .map((s) => s.file);
}

/**
 * Module-level statements that do work on import: anything but imports, exports, declarations
 * and `const`s initialised with inert literals.
 */
export function moduleLevelWork(sources: readonly SourceFile[]): string[] {
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
  return offenders;
}

/** Statements of `index.ts` that are not `export { … } from` by name (no logic, no `export *`). */
export function indexProblems(indexText: string): string[] {
  const sf = ts.createSourceFile("index.ts", indexText, ts.ScriptTarget.ES2022, true);
  return sf.statements
    .filter(
      (s) =>
        !(
          ts.isExportDeclaration(s) &&
          s.exportClause !== undefined &&
          ts.isNamedExports(s.exportClause)
        ),
    )
    .map((s) => s.getText(sf).slice(0, 60));
}

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
