/**
 * Figures drawn onto a diagram of the flow graph, by node and edge id: how a report shows how many callers
 * reached each node and took each edge, on the same drawing as the flow tools and the console
 * (`renderDot(graph, { annotate })`, `renderSvg(graph, { annotate })`). Ids the graph does not have are ignored.
 */
export interface DiagramAnnotations {
  readonly nodes?: Readonly<Record<string, NodeAnnotation>>;
  readonly edges?: Readonly<Record<string, EdgeAnnotation>>;
}

/** What to add to one node. */
export interface NodeAnnotation {
  /** Lines under the node's label and detail, in dark type, e.g. `1,234 callers`. */
  readonly lines?: readonly string[];
  /** One line in red under them, e.g. `56 hung up here (4.5%)`. */
  readonly alert?: string;
  /** Drawn faint, e.g. a node nobody reached. */
  readonly faint?: boolean;
}

/** What to change on one edge. */
export interface EdgeAnnotation {
  /** The edge's label instead of its own, e.g. `3 pharmacy: 1,025`; drawn even on edges usually unlabelled. */
  readonly label?: string;
  /** How thick the line is, from 0 (as usual) to 1 (the thickest), e.g. its share of the busiest edge's callers. */
  readonly weight?: number;
  /** Drawn faint, e.g. an edge nobody took. */
  readonly faint?: boolean;
  /** Not drawn (still laid out, and still a `<g>` with its id in an SVG), e.g. a loop nobody took. */
  readonly hidden?: boolean;
}
