import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** A source file of a package. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/** The `.ts` files in `srcDir` and its subfolders (`file` relative to `srcDir`). */
export function readSources(srcDir: string): SourceFile[] {
  return readdirSync(srcDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(srcDir, file), "utf8") }));
}

/**
 * The sources of a package's executables: each `bin` entry of its package.json (`./dist/x.js`)
 * mapped back to `x.ts` under `src/`. An executable runs its program when it is loaded — that is
 * its job — and it is never what `import "<package>"` loads, so the no-work-on-import rule
 * skips these files (and only these).
 */
export function binSources(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const bins =
    manifest.bin === undefined
      ? []
      : typeof manifest.bin === "string"
        ? [manifest.bin]
        : Object.values(manifest.bin);
  return bins
    .map((b) => /^(?:\.\/)?dist\/(.+)\.js$/.exec(b)?.[1])
    .filter((stem): stem is string => stem !== undefined)
    .map((stem) => `${stem}.ts`);
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
 * Module-level statements that do work on import: anything but imports, exports, declarations,
 * `let` declarations without an initialiser (lazily created state), and `const`s initialised with
 * inert values (literals, arithmetic, arrays and objects of them, `Symbol.for` registry keys).
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
          statement.declarationList.declarations.every((d) =>
            (statement.declarationList.flags & ts.NodeFlags.Const) !== 0
              ? d.initializer !== undefined && isInert(d.initializer)
              : d.initializer === undefined,
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

/**
 * A constant expression that runs nothing: literals, arithmetic, arrays and objects of them,
 * `as const`, `Symbol.for` keys, and references to or definitions of functions (methods of an
 * object literal included) — but no calls.
 */
function isInert(node: ts.Expression): boolean {
  if (
    ts.isNumericLiteral(node) ||
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node)
  )
    return true;
  if (
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  )
    return true;
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (p) =>
        (ts.isPropertyAssignment(p) &&
          isInert(p.initializer) &&
          (!ts.isComputedPropertyName(p.name) || isInert(p.name.expression))) ||
        ts.isShorthandPropertyAssignment(p) ||
        // A method or accessor is a function definition: defining one runs nothing.
        ts.isMethodDeclaration(p) ||
        ts.isGetAccessorDeclaration(p) ||
        ts.isSetAccessorDeclaration(p) ||
        (ts.isSpreadAssignment(p) && isInert(p.expression)),
    );
  }
  if (ts.isCallExpression(node) && node.expression.getText() === "Symbol.for")
    return node.arguments.every(isInert);
  // Naming a function, or defining one, runs nothing.
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return true;
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node))
    return isInert(node.expression);
  if (ts.isPrefixUnaryExpression(node)) return isInert(node.operand);
  if (ts.isBinaryExpression(node)) return isInert(node.left) && isInert(node.right);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isInert);
  return false;
}
