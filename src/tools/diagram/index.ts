/** The call-flow diagram: one graph, drawn as DOT, Mermaid or SVG, and lit turn by turn. */
export type { DiagramAnnotations, EdgeAnnotation, NodeAnnotation } from "./annotations.js";
export { buildFlowGraph, type FlowGraphOptions } from "./buildFlowGraph.js";
export * from "./flowGraph.js";
export { type DrawOptions, renderDot } from "./renderDot.js";
export { renderMermaid, toMermaidId } from "./renderMermaid.js";
export { renderSvg } from "./renderSvg.js";
export { createPathTracer, type PathStep, type TracedCall, type TurnStep, traceTurn } from "./tracePath.js";
