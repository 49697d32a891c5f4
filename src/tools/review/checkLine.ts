import type { TeamId } from "../../service/index.js";
import { serviceRegionOf } from "../../service/index.js";
import { type Exploration, exploreCalls } from "./exploreCalls.js";
import type { Line } from "./loadLine.js";
import { findCallbackFallbacks } from "./rules/callbackRules.js";
import type { CheckContext, Finding } from "./rules/checkContext.js";
import { findClosuresRunningOut } from "./rules/closureRules.js";
import {
  findInboundLoops,
  findNumbersToVerify,
  findUnroutableTeams,
  findUnsourcedNumbers,
} from "./rules/directoryRules.js";
import { findClockChangeGaps, reviewHours, type WhoAnswers } from "./rules/hoursRules.js";
import { findKeysInWords } from "./rules/keyRules.js";
import { findLanguageGaps, findLongMenus, findMenusWithoutPerson } from "./rules/menuRules.js";
import { findEndlessPaths, findMissingCrisisNotice, findUnreachableStates } from "./rules/pathRules.js";
import { findGreetingGaps, findInterpreterVoiceGaps, findLongPrompts } from "./rules/speechRules.js";
import { createRunner } from "./runJourney.js";
import { findOpenSets, sweepHours } from "./sweepHours.js";

export type { Finding } from "./rules/checkContext.js";

/** What `check` found, and the time sweep it is based on. */
export interface CheckReport {
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  /** Who answers each key of each region's menus over the year. */
  readonly whoAnswers: readonly WhoAnswers[];
  /** How much was looked at: call states explored, explorations (start × set of open teams), hours swept. */
  readonly explored: { readonly states: number; readonly explorations: number; readonly hours: number };
}

/**
 * Proves the line's rules on the compiled flow: explores every call from every region (and from a number
 * no region owns) at one hour of each distinct set of open teams of the next twelve months, sweeps every
 * hour of those months, and reports what breaks a rule (errors) or deserves a look (warnings).
 */
export function checkLine(line: Line, from: number): CheckReport {
  const { directory } = line.callFlow;
  const runner = createRunner(line);
  const sweep = sweepHours(directory, directory.teams, from);
  const explorations: Exploration[] = [];
  // A caller of an unknown number who chooses a region goes on as that region's callers do, whose
  // explorations cover every set of open teams of the region: theirs stop at the choice.
  for (const region of [...directory.regions.map((r) => r.id), null])
    for (const set of findOpenSets(sweep, serviceRegionOf(directory, region)))
      explorations.push(exploreCalls(runner, { region, at: set.at }, (call) => call.context.region === region));
  const ctx: CheckContext = { line, runner, sweep, explorations, teams: teamsOf(line) };
  const hours = reviewHours(ctx);
  const findings = [
    ...findUnreachableStates(ctx),
    ...findEndlessPaths(ctx),
    ...findMenusWithoutPerson(ctx),
    ...findGreetingGaps(ctx),
    ...findInterpreterVoiceGaps(ctx),
    ...findMissingCrisisNotice(ctx),
    ...findLanguageGaps(ctx),
    ...findKeysInWords(ctx),
    ...findCallbackFallbacks(ctx),
    ...findUnroutableTeams(ctx),
    ...findUnsourcedNumbers(ctx),
    ...findInboundLoops(ctx),
    ...findNumbersToVerify(ctx),
    ...findLongMenus(ctx),
    ...findLongPrompts(ctx),
    ...hours.findings,
    ...findClockChangeGaps(ctx),
    ...findClosuresRunningOut(ctx),
  ];
  return {
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity === "warning"),
    whoAnswers: hours.whoAnswers,
    explored: {
      states: explorations.reduce((n, e) => n + e.states.size, 0),
      explorations: explorations.length,
      hours: sweep.hours,
    },
  };
}

/** The report of a line whose files do not load: their problems (`reviewLineFiles`), as errors. */
export function reportInvalidFiles(errors: readonly Finding[]): CheckReport {
  return { errors, warnings: [], whoAnswers: [], explored: { states: 0, explorations: 0, hours: 0 } };
}

/** The teams a flow can transfer a caller to: its options', who takes a person's calls, and the interpreters'. */
function teamsOf(line: Line): TeamId[] {
  const { flow, menus } = line.callFlow;
  const teams = new Set<TeamId>([flow.representative.team, flow.representative.whenClosed]);
  for (const menu of menus.values())
    for (const option of menu.options) {
      if (option.action.kind === "transfer") teams.add(option.action.team);
      if (option.action.kind === "interpreter") teams.add(flow.interpreters.team).add(flow.interpreters.whenClosed);
    }
  return [...teams];
}
