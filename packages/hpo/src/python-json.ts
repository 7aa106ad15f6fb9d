// JSON as Python's `json.dumps` writes it (what Optuna's journal contains) and a reader that
// accepts what it may contain. The writer reproduces Python byte for byte: ", " and ": "
// separators, `ensure_ascii` escapes, `NaN`/`Infinity`/`-Infinity` tokens, and floats in
// Python's `repr` form (`100.0`, `1e-06`) wherever Optuna stores a float — JavaScript has one
// number type, so the records mark those places with `PyFloat`.

/** A number that Python holds as a float: written as `repr(float(x))` (`100.0`, `1e-06`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python's `repr` of a float. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without digits gives the shortest digits that round-trip, as repr does.
  const [mantissa, exp] = x.toExponential().split("e") as [string, string];
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const exponent = Number(exp);
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = `${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
    return `${sign}${m}e${e}`;
  }
  if (exponent >= 0) {
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
  }
  return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
}

function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
}

function pyNumber(x: number): string {
  if (!Number.isFinite(x) || !Number.isInteger(x)) return pyFloatRepr(x);
  if (Object.is(x, -0)) return "0";
  return Math.abs(x) < 1e21 ? String(x) : BigInt(x).toString();
}

/** `json.dumps(value)` as Python writes it. */
export function pyDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return pyNumber(value);
    case "string":
      return pyString(value);
    case "object":
      if (Array.isArray(value)) return `[${value.map(pyDumps).join(", ")}]`;
      return `{${Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${pyString(k)}: ${pyDumps(v)}`)
        .join(", ")}}`;
    default:
      throw new TypeError(`cannot write a ${typeof value} as JSON`);
  }
}

/** A parsed line, or why it is not JSON. `protoKeys` counts dropped `__proto__` keys. */
export type ParsedLine =
  | { readonly ok: true; readonly value: unknown; readonly protoKeys: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses one line of JSON as Python writes it: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity`. `__proto__` keys are dropped (and counted), so nothing read
 * from a file can reach an object's prototype.
 */
export function parseJsonLine(text: string): ParsedLine {
  let protoKeys = 0;
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === "__proto__") {
        protoKeys++;
        return undefined;
      }
      return v;
    });
    return { ok: true, value, protoKeys };
  } catch {
    // Not standard JSON: perhaps Python's NaN/Infinity tokens. Parse it by hand.
  }
  const parser = new LenientParser(text);
  try {
    const value = parser.document();
    return { ok: true, value, protoKeys: parser.protoKeys };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** A small recursive-descent JSON parser that also accepts NaN, Infinity and -Infinity. */
class LenientParser {
  #pos = 0;
  protoKeys = 0;

  constructor(readonly text: string) {}

  document(): unknown {
    const value = this.#value(0);
    this.#space();
    if (this.#pos !== this.text.length) this.#fail("unexpected text after the value");
    return value;
  }

  #fail(what: string): never {
    throw new SyntaxError(`${what} at column ${this.#pos + 1}`);
  }

  #space(): void {
    while (this.#pos < this.text.length && " \t\r\n".includes(this.text[this.#pos]!)) this.#pos++;
  }

  #value(depth: number): unknown {
    if (depth > 512) this.#fail("nesting too deep");
    this.#space();
    const c = this.text[this.#pos];
    if (c === "{") return this.#object(depth);
    if (c === "[") return this.#array(depth);
    if (c === '"') return this.#string();
    for (const [word, value] of WORDS) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return value;
      }
    }
    return this.#number();
  }

  #object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.#pos++;
    this.#space();
    if (this.text[this.#pos] === "}") {
      this.#pos++;
      return out;
    }
    for (;;) {
      this.#space();
      if (this.text[this.#pos] !== '"') this.#fail("expected a key");
      const key = this.#string();
      this.#space();
      if (this.text[this.#pos] !== ":") this.#fail("expected ':'");
      this.#pos++;
      const value = this.#value(depth + 1);
      if (key === "__proto__") this.protoKeys++;
      else
        Object.defineProperty(out, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      this.#space();
      const next = this.text[this.#pos++];
      if (next === "}") return out;
      if (next !== ",") this.#fail("expected ',' or '}'");
    }
  }

  #array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.#pos++;
    this.#space();
    if (this.text[this.#pos] === "]") {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.#value(depth + 1));
      this.#space();
      const next = this.text[this.#pos++];
      if (next === "]") return out;
      if (next !== ",") this.#fail("expected ',' or ']'");
    }
  }

  #string(): string {
    const start = this.#pos;
    let i = start + 1;
    for (; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) this.#fail("a control character in a string");
      if (c === 0x5c) i++;
    }
    if (i >= this.text.length) this.#fail("an unterminated string");
    this.#pos = i + 1;
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      return this.#fail("a bad escape in a string");
    }
  }

  #number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.#pos));
    if (match === null) this.#fail("unexpected character");
    this.#pos += match[0].length;
    return Number(match[0]);
  }
}

const WORDS: ReadonlyArray<readonly [string, unknown]> = [
  ["true", true],
  ["false", false],
  ["null", null],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
];
