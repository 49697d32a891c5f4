import { instance, type Viz } from "@viz-js/viz";
import type { FlowGraph } from "./flowGraph.js";
import { type DrawOptions, renderDot } from "./renderDot.js";

let viz: Promise<Viz> | undefined;

/**
 * The graph as an SVG document, laid out by Graphviz (compiled to WebAssembly: no browser, no binary).
 * Each node and edge is a `<g>` whose `id` is its graph id and whose `class` is `node <kind>` or
 * `edge <kind>`, so a page can light them. `annotate` draws figures onto it by id (see `renderDot`).
 * Graphviz is loaded once, on the first call.
 */
export async function renderSvg(graph: FlowGraph, options: DrawOptions = {}): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(renderDot(graph, options), { format: "svg", engine: "dot" });
  if (result.status !== "success")
    throw new Error(`Graphviz could not lay out the flow: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.output;
}
