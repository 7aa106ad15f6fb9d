/**
 * Where an example writes what it shows. The docs page passes one that prints into the page and
 * draws the plots with vega-embed; the tests pass {@link collectOutput}'s, which records them.
 */
export interface ExampleOutput {
  /** Prints one line. */
  log(line: string): void;
  /** Shows a Vega-Lite spec under `name`; the same name again replaces it (a live plot). */
  plot(name: string, spec: { readonly [key: string]: unknown }): void;
  /**
   * The `wasmPaths` part of `initBackend`'s options: `{}` in Node (the `.wasm` files load from
   * the installed package), `{ wasmPaths: "<url>/" }` in a page that serves them itself.
   */
  readonly wasm: { readonly wasmPaths?: string };
}

/** What {@link collectOutput} recorded. */
export interface CollectedOutput extends ExampleOutput {
  readonly lines: string[];
  /** Every spec shown, in order (a live plot appears once per update). */
  readonly plots: Array<{ name: string; spec: { readonly [key: string]: unknown } }>;
}

/** An output that records lines and plots (for Node and the tests). */
export function collectOutput(options: { readonly echo?: boolean } = {}): CollectedOutput {
  const lines: string[] = [];
  const plots: CollectedOutput["plots"] = [];
  return {
    lines,
    plots,
    wasm: {},
    log(line) {
      lines.push(line);
      if (options.echo === true) console.log(line);
    },
    plot(name, spec) {
      plots.push({ name, spec });
    },
  };
}
