import type { CompiledMenu, Lang, TeamId } from "../../../service/index.js";
import { findRegion, INTERPRETER_CLOSED, listFullLanguages, serviceRegionOf } from "../../../service/index.js";
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

/** The teams the flow can transfer to, in the order of the directory's `teams`, for findings that list several. */
export function listTeamsInDirectoryOrder(ctx: CheckContext): TeamId[] {
  const order = ctx.line.callFlow.directory.teams;
  return [...ctx.teams].sort((a, b) => order.indexOf(a) - order.indexOf(b));
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

/** The languages a caller can run the whole line in (`support: "full"`): every menu of the flow speaks them. */
export function listFullLanguagesOf(ctx: CheckContext): Lang[] {
  return listFullLanguages(ctx.line.callFlow.flow);
}

/**
 * The languages a menu is spoken in: the full ones, and every language for the menu generated for callers
 * who asked for an interpreter (`interpreterClosed`), the only one an interpreter language hears.
 */
export function listMenuLanguages(ctx: CheckContext, menu: string): Lang[] {
  return menu === INTERPRETER_CLOSED ? Object.keys(ctx.line.callFlow.flow.languages) : listFullLanguagesOf(ctx);
}

/** The languages only an interpreter serves (`support: "interpreter"`). */
export function listInterpreterLanguagesOf(ctx: CheckContext): Lang[] {
  const full = new Set(listFullLanguagesOf(ctx));
  return Object.keys(ctx.line.callFlow.flow.languages).filter((l) => !full.has(l));
}

/**
 * The menus of the line: the flow's, and the one generated for interpreter calls when an option asks
 * for an interpreter (without one, no call can reach it and it is no part of the line).
 */
export function listMenus(ctx: CheckContext): Array<[string, CompiledMenu]> {
  const { menus } = ctx.line.callFlow;
  const interpreted = [...menus.values()].some((m) => m.options.some((o) => o.action.kind === "interpreter"));
  return [...menus].filter(([id]) => interpreted || id !== INTERPRETER_CLOSED);
}
