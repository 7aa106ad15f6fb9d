import type { ExampleOutput } from "../../examples/output.js";

/** What a module under docs/examples exports. */
export interface ExampleModule {
  run(out: ExampleOutput): unknown;
}

/**
 * The examples a page can run, loaded on first Run (never during the server-side render). The
 * hpo and cli examples use Node (files, databases, processes, native rendering) and are left out
 * of the bundle; the docs tests run them under Node.
 */
export const NODE_ONLY = ["hpo-", "cli-"] as const;
const modules = import.meta.glob<ExampleModule>([
  "../../examples/*.ts",
  "!**/examples/output.ts",
  "!**/examples/hpo-*.ts",
  "!**/examples/cli-*.ts",
]);

/** Loads `docs/examples/<name>.ts`. */
export async function loadExample(name: string): Promise<ExampleModule> {
  const load = modules[`../../examples/${name}.ts`];
  if (load === undefined) throw new Error(`no example named '${name}' in docs/examples`);
  return load();
}

type Spec = { readonly [key: string]: unknown };
type Embed = typeof import("vega-embed")["default"];
type View = Awaited<ReturnType<Embed>>["view"];
interface Plot {
  readonly el: HTMLElement;
  view: View | undefined;
  pending: Spec | undefined;
  drawing: Promise<void> | undefined;
}

/**
 * The plots of one example: one element per plot name. A live plot is shown many times a second;
 * only the newest spec is drawn, one embed at a time, and {@link PlotArea.settled} waits for the
 * last one.
 */
export class PlotArea {
  readonly #container: HTMLElement;
  readonly #plots = new Map<string, Plot>();
  #embed: Promise<Embed> | undefined;

  constructor(container: HTMLElement) {
    this.#container = container;
  }

  /** Loads vega-embed now, before an example keeps the main thread busy. */
  async ready(): Promise<void> {
    this.#embed ??= import("vega-embed").then((m) => m.default);
    await this.#embed;
  }

  clear(): void {
    for (const plot of this.#plots.values()) plot.view?.finalize();
    this.#plots.clear();
    this.#container.replaceChildren();
  }

  show(name: string, spec: Spec): void {
    let plot = this.#plots.get(name);
    if (plot === undefined) {
      const el = document.createElement("div");
      el.className = "run-example-plot";
      el.dataset.plot = name;
      this.#container.append(el);
      plot = { el, view: undefined, pending: undefined, drawing: undefined };
      this.#plots.set(name, plot);
    }
    plot.pending = spec;
    if (plot.drawing === undefined) plot.drawing = this.#draw(plot);
  }

  async #draw(plot: Plot) {
    this.#embed ??= import("vega-embed").then((m) => m.default);
    const embed = await this.#embed;
    while (plot.pending !== undefined) {
      const spec = plot.pending;
      plot.pending = undefined;
      const previous = plot.view;
      plot.view = (await embed(plot.el, spec as never, { actions: false, renderer: "svg" })).view;
      previous?.finalize();
      plot.el.dataset.draws = String(Number(plot.el.dataset.draws ?? 0) + 1); // for the tests
      // No timer here: while a training loop yields with scheduler.yield(), whose continuations
      // outrank timer tasks, a setTimeout would not fire before training ends. The page paints
      // between the loop's tasks anyway.
    }
    plot.drawing = undefined;
  }

  /** Resolves when every plot shows its newest spec. */
  async settled(): Promise<void> {
    for (const plot of this.#plots.values()) await plot.drawing;
  }
}

/** An {@link ExampleOutput} that prints into `lines` and draws into `plots`. */
export function pageOutput(
  lines: { push(line: string): void },
  plots: PlotArea,
  wasmPaths: string,
): ExampleOutput {
  return {
    wasm: { wasmPaths },
    log: (line) => lines.push(line),
    plot: (name, spec) => plots.show(name, spec),
  };
}
