/**
 * Renders a value for an error message: shapes as `[2, 3]`, strings quoted, others as JSON.
 *
 * @example
 * ```ts
 * import { formatValue } from "@backprop/errors";
 * console.log(formatValue([32, 785]), formatValue("relu"), formatValue(new Float32Array(3))); // [32, 785] "relu" Float32Array(3)
 * ```
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as Uint8Array).length})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
