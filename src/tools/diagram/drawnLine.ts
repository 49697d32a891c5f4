import type { CallFlow, Lang, Region, RegionId, TeamId, TeamLine } from "../../service/index.js";
import { serviceRegionOf, withoutArticle } from "../../service/index.js";
import { type MachineChart, readMachine } from "./readMachine.js";

/** Which call the graph describes. */
export interface FlowGraphOptions {
  /** A region of the directory: its numbers and hours, and only the menus its callers reach. */
  readonly region?: RegionId;
  /** Show only this language's options, with labels in it; otherwise every option, labelled in the default language. */
  readonly language?: Lang;
}

/** A compiled line as one graph draws it: its machine read as data, and the region and language drawn. */
export interface DrawnLine {
  readonly callFlow: CallFlow;
  readonly chart: MachineChart;
  /** The region asked for, if any. */
  readonly region: Region | undefined;
  /** The only language whose options are drawn, if one was asked for. */
  readonly language: Lang | undefined;
  /** The language of the labels. */
  readonly lang: Lang;
  /** The regions whose lines are drawn: the one asked for, or all. */
  readonly regions: readonly Region[];
}

/** Reads a compiled line for drawing; fails naming the file and the choices on a region or language it does not have. */
export function openDrawnLine(callFlow: CallFlow, options: FlowGraphOptions): DrawnLine {
  const { flow, directory } = callFlow;
  const region = options.region === undefined ? undefined : directory.regionById.get(options.region);
  if (options.region !== undefined && !region)
    throw new Error(
      `No region "${options.region}" in ${directory.file}: choose one of ${[...directory.regionById.keys()].join(", ")}.`,
    );
  if (options.language !== undefined && !(options.language in flow.languages))
    throw new Error(
      `No language "${options.language}" in the flow "${flow.id}": choose one of ${Object.keys(flow.languages).join(", ")}.`,
    );
  return {
    callFlow,
    chart: readMachine(callFlow.machine),
    region,
    language: options.language,
    lang: options.language ?? flow.defaultLanguage,
    regions: region ? [region] : directory.regions,
  };
}

/** A team's name as a label, e.g. "nurse advice line". */
export function nameTeam(line: DrawnLine, team: TeamId): string {
  return withoutArticle(line.callFlow.flow.teams[team]?.name[line.lang] ?? team);
}

/** A team's lines in these regions (by default the regions drawn), with their region. */
export function listLines(
  line: DrawnLine,
  team: TeamId,
  regions: readonly Region[] = line.regions,
): Array<{ readonly region: Region; readonly line: TeamLine }> {
  return regions.flatMap((region) => {
    const found = region.teams.get(team);
    return found ? [{ region, line: found }] : [];
  });
}

/**
 * The regions a call may be in: those drawn once its region is known; before, the region whose teams take
 * callers of unknown region.
 */
export function listCallRegions(line: DrawnLine, regionKnown: boolean): readonly Region[] {
  if (regionKnown) return line.regions;
  const { directory } = line.callFlow;
  const stand = directory.regionById.get(serviceRegionOf(directory, null));
  return stand ? [stand] : [];
}
