import type { CallFlow } from "../../service/index.js";
import { buildFlowGraph } from "../diagram/buildFlowGraph.js";
import type { FlowGraph } from "../diagram/flowGraph.js";
import { renderSvg } from "../diagram/renderSvg.js";

/** The line's diagrams, one per region (and one for every region), each built and drawn once. */
export interface Diagrams {
  /** The flow graph a call in `region` is placed on. */
  graphFor(region: string | undefined): FlowGraph;
  /** The graph drawn as SVG. */
  svgFor(region: string | undefined): Promise<string>;
}

/** Builds each region's graph and drawing on first use, then keeps them. */
export function createDiagrams(callFlow: CallFlow): Diagrams {
  const graphs = new Map<string, FlowGraph>();
  const svgs = new Map<string, Promise<string>>();
  const graphFor = (region: string | undefined) => {
    const key = region ?? "";
    let graph = graphs.get(key);
    if (!graph) {
      graph = buildFlowGraph(callFlow, region ? { region } : {});
      graphs.set(key, graph);
    }
    return graph;
  };
  return {
    graphFor,
    svgFor(region) {
      const key = region ?? "";
      let svg = svgs.get(key);
      if (!svg) {
        svg = renderSvg(graphFor(region));
        svgs.set(key, svg);
      }
      return svg;
    },
  };
}
