import { findRegion, serviceRegionOf } from "../../directory/queryDirectory.js";
import type { TeamId } from "../../types.js";
import { UNKNOWN_NUMBER } from "../enumerateJourneys.js";
import type { Exploration } from "../exploreCalls.js";
import type { Line } from "../loadLine.js";
import type { LineRunner } from "../runJourney.js";
import type { HourSweep } from "../sweepHours.js";

/** How serious a finding is: errors block a change, warnings are to read (and explain). */
export type Severity = "error" | "warning";

/** One thing `check` found: which rule, how serious, where (region, menu, language, time) and what to do. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly where: string;
  readonly message: string;
}

/** What the rules read: the line, its runner, the year's hours, and the calls explored. */
export interface CheckContext {
  readonly line: Line;
  readonly runner: LineRunner;
  readonly sweep: HourSweep;
  /** One exploration per start (each region, and a number no region owns) and per distinct set of open teams. */
  readonly explorations: readonly Exploration[];
  /** The teams the flow can transfer to: its options', the representative and who takes over when closed. */
  readonly teams: readonly TeamId[];
}

/** How a start is named in findings: its region, or the callers whose number no region owns. */
export function nameStart(region: string | null): string {
  return region ?? UNKNOWN_NUMBER;
}

/** The time zone of a start's callers: their region's, or that of the region taking unknown numbers. */
export function zoneOfStart(ctx: CheckContext, region: string | null): string {
  const { directory } = ctx.line.callFlow;
  return findRegion(directory, serviceRegionOf(directory, region))?.timeZone ?? "UTC";
}

/** Joins the parts of a `where`: `northwest · menu main · es`. */
export function placeOf(...parts: ReadonlyArray<string | null | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === "string" && p.length > 0).join(" · ");
}

/** A path of inputs for a message: `silence, 5, 3`, or `the first prompt`. */
export function describePath(inputs: readonly string[]): string {
  return inputs.length === 0 ? "the first prompt" : inputs.join(", ");
}

/** How a state is named in findings: `menu main`, or `transfer`. */
export function nameState(ctx: CheckContext, state: string): string {
  return ctx.line.callFlow.menus.has(state) ? `menu ${state}` : state;
}
