/** The call-flow diagram: one graph, drawn as DOT, Mermaid or SVG, and lit turn by turn. */
export { buildFlowGraph, type FlowGraphOptions, formatPhone } from "./buildFlowGraph.js";
export * from "./flowGraph.js";
export { renderDot } from "./renderDot.js";
export { renderMermaid, toMermaidId } from "./renderMermaid.js";
export { renderSvg } from "./renderSvg.js";
export { createPathTracer, type PathStep, type TurnStep } from "./tracePath.js";
