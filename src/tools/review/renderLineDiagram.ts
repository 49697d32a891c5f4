import type { Lang, RegionId } from "../../service/index.js";
import { buildFlowGraph, renderDot, renderMermaid, renderSvg } from "../diagram/index.js";
import type { Line } from "./loadLine.js";

/** The formats `npm run flow -- diagram` draws: the shared diagram builder's renderers, and its graph as JSON. */
export const DIAGRAM_FORMATS = ["svg", "mermaid", "dot", "json"] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** Which diagram to draw: its format, and optionally one region's numbers and hours, or one language's options. */
export interface DiagramChoice {
  readonly format: DiagramFormat;
  readonly region?: RegionId;
  readonly language?: Lang;
}

/** The file extension of each format, to tell a format from `--out FILE`. */
export const DIAGRAM_EXTENSIONS: Readonly<Record<DiagramFormat, string>> = {
  svg: ".svg",
  mermaid: ".mmd",
  dot: ".dot",
  json: ".json",
};

/**
 * The bundled line's diagrams as committed beside the flow: the SVG to look at, and the Mermaid text that a
 * pull request shows drawn. `npm run flow -- check` fails when either is stale (`findStaleExports`).
 */
export const COMMITTED_DIAGRAMS: ReadonlyArray<{ readonly file: string; readonly format: DiagramFormat }> = [
  { file: "flows/member-line.svg", format: "svg" },
  { file: "flows/member-line.mmd", format: "mermaid" },
];

/** Draws a line's flow with the shared diagram builder (`buildFlowGraph`), in the format chosen. */
export async function renderLineDiagram(line: Line, choice: DiagramChoice): Promise<string> {
  const graph = buildFlowGraph(line.callFlow, {
    ...(choice.region === undefined ? {} : { region: choice.region }),
    ...(choice.language === undefined ? {} : { language: choice.language }),
  });
  switch (choice.format) {
    case "svg":
      return withTitle(await renderSvg(graph), describeDiagram(line, choice));
    case "mermaid":
      return renderMermaid(graph);
    case "dot":
      return renderDot(graph);
    case "json":
      return `${JSON.stringify(graph, null, 2)}\n`;
  }
}

/** What a diagram shows, for people who cannot see it, e.g. `The call flow of member-line (northwest callers, …)`. */
function describeDiagram(line: Line, choice: DiagramChoice): string {
  const region = choice.region === undefined ? "every region" : `${choice.region} callers`;
  const language = choice.language === undefined ? "" : `, options in ${choice.language}`;
  return `The call flow of ${line.callFlow.flow.id} (${region}${language}): menus, teams, and what happens when a team is closed or does not answer`;
}

/** The SVG with a `<title>` as the first child of its root, which screen readers and checkers read. */
function withTitle(svg: string, title: string): string {
  const open = svg.search(/<svg[\s>]/);
  const end = open === -1 ? -1 : svg.indexOf(">", open);
  if (end === -1) return svg;
  const text = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `${svg.slice(0, end + 1)}\n<title>${text}</title>${svg.slice(end + 1)}`;
}
