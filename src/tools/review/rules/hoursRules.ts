import type { Lang, OptionAction, PersistedCall, RegionId, TeamId } from "../../../service/index.js";
import {
  INTERPRETER_CLOSED,
  isTeamOpen,
  isTransferring,
  parseLocalTime,
  serviceRegionOf,
  toLocalTime,
} from "../../../service/index.js";
import { addDays, findClockChanges, formatLocal, HOUR_MS } from "../localClock.js";
import { findOpenSets } from "../sweepHours.js";
import { type CheckContext, type Finding, nameStart, placeOf, zoneOfStart } from "./checkContext.js";

/** Who answers one key of one menu over the sweep's year, for a region's callers. */
export interface WhoAnswers {
  /** The region, or `unknown number`. */
  readonly region: string;
  readonly menu: string;
  readonly key: string;
  readonly team: TeamId;
  /** The numbers dialed while the team is open. */
  readonly numbers: readonly string[];
  readonly openHours: number;
  readonly closedHours: number;
  /** Hours closed with nothing open offered instead. */
  readonly aloneHours: number;
  /** Keys offered instead while closed. */
  readonly alternatives: readonly string[];
}

/** What choosing an option does at one set of open teams. */
type Answer =
  | { readonly kind: "answered"; readonly number: string | undefined }
  | { readonly kind: "closed"; readonly open: readonly string[] };

/** Sweep results and their findings. */
export interface HoursReview {
  readonly whoAnswers: readonly WhoAnswers[];
  readonly findings: readonly Finding[];
}

/**
 * The time sweep on the machine: for each region's callers, each menu and language they hear, each
 * option that transfers, and each distinct set of open teams of the year, what choosing it does
 * (`applyEvent` at an hour with that set). Mapped back to every hour, this tells who answers each key
 * and when, and warns where a team is closed with nothing open offered instead.
 */
export function reviewHours(ctx: CheckContext): HoursReview {
  const { directory } = ctx.line.callFlow;
  const whoAnswers: WhoAnswers[] = [];
  const findings: Finding[] = [];
  for (const [start, samples] of sampleMenus(ctx)) {
    const region = serviceRegionOf(directory, start);
    const zone = zoneOfStart(ctx, start);
    const masks = ctx.sweep.open.get(region) ?? new Uint32Array(ctx.sweep.hours);
    const sets = findOpenSets(ctx.sweep, region);
    const byOption = new Map<
      string,
      { team: TeamId; menu: string; key: string; answers: Map<Lang, Map<number, Answer>> }
    >();
    for (const call of samples) {
      const options = ctx.line.callFlow.menus.get(call.value)?.options ?? [];
      for (const option of options) {
        const team = teamOf(ctx, option.action);
        if (team === undefined || !option.languages.includes(call.context.language)) continue;
        const id = `${call.value}|${option.key}|${team}`;
        let entry = byOption.get(id);
        if (!entry) {
          entry = { team, menu: call.value, key: option.key, answers: new Map() };
          byOption.set(id, entry);
        }
        const answers = new Map<number, Answer>();
        for (const set of sets) answers.set(set.mask, choose(ctx, call, option.index, set.at));
        entry.answers.set(call.context.language, answers);
      }
    }
    for (const entry of byOption.values()) {
      const counts = { open: 0, closed: 0, alone: 0 };
      const numbers = new Set<string>();
      const alternatives = new Set<string>();
      const aloneIn = new Set<Lang>();
      // The first stretch of hours closed with nothing offered, to name in the finding.
      let firstAlone: { from: number; to: number } | undefined;
      let stretchOver = false;
      for (let h = 0; h < ctx.sweep.hours; h++) {
        const mask = masks[h] as number;
        let alone = false;
        let closed = false;
        for (const [language, answers] of entry.answers) {
          const answer = answers.get(mask);
          if (answer?.kind === "answered") {
            if (answer.number) numbers.add(answer.number);
          } else if (answer) {
            closed = true;
            for (const key of answer.open) alternatives.add(key);
            if (answer.open.length === 0) {
              alone = true;
              aloneIn.add(language);
            }
          }
        }
        counts[closed ? "closed" : "open"]++;
        if (!alone) {
          stretchOver = firstAlone !== undefined;
          continue;
        }
        counts.alone++;
        const at = ctx.sweep.from + h * HOUR_MS;
        if (!firstAlone) firstAlone = { from: at, to: at + HOUR_MS };
        else if (!stretchOver) firstAlone.to = at + HOUR_MS;
      }
      const name = nameStart(start);
      whoAnswers.push({
        region: name,
        menu: entry.menu,
        key: entry.key,
        team: entry.team,
        numbers: [...numbers],
        openHours: counts.open,
        closedHours: counts.closed,
        aloneHours: counts.alone,
        alternatives: [...alternatives].sort(),
      });
      if (firstAlone)
        findings.push({
          rule: "closed-no-alternative",
          severity: "warning",
          where: placeOf(name, `menu ${entry.menu}`, `key ${entry.key}`, entry.team, [...aloneIn].join(", ")),
          message: `${entry.team} is closed ${counts.alone} of the next ${ctx.sweep.hours} hours with nothing open offered instead, first ${formatLocal(firstAlone.from, zone)} to ${formatLocal(firstAlone.to, zone)}: offer an option open then in menu ${entry.menu}`,
        });
    }
  }
  return { whoAnswers, findings };
}

/**
 * Warnings: a team whose hours on a day the clocks change differ from the same weekday a week before
 * and after (an opening or closing time in the hour the clocks skip or repeat: the line opens late,
 * closes early, or closes and opens again).
 */
export function findClockChangeGaps(ctx: CheckContext): Finding[] {
  const { directory } = ctx.line.callFlow;
  const findings: Finding[] = [];
  for (const region of directory.regions) {
    const changes = findClockChanges(region.timeZone, ctx.sweep.from, ctx.sweep.hours);
    for (const change of changes)
      for (const team of ctx.teams) {
        if (!region.teams.has(team)) continue;
        const on = openStretches(ctx, region.id, team, change.date);
        const usual = [addDays(change.date, -7), addDays(change.date, 7)]
          .map((date) => openStretches(ctx, region.id, team, date))
          .find((s) => s.length > 0);
        if (!usual || sameStretches(on, usual)) continue;
        findings.push({
          rule: "dst-gap",
          severity: "warning",
          where: placeOf(region.id, team, change.date),
          message: `on ${change.date} the clocks ${change.shift > 0 ? "spring forward" : "fall back"} and ${team} is open ${describeStretches(on)} instead of ${describeStretches(usual)}: move its opening or closing time out of 01:00–03:00`,
        });
      }
  }
  return findings;
}

/** One state per menu and language each start's callers can be in, the first the exploration found. */
function sampleMenus(ctx: CheckContext): Map<RegionId | null, PersistedCall[]> {
  const samples = new Map<RegionId | null, Map<string, PersistedCall>>();
  for (const e of ctx.explorations) {
    let found = samples.get(e.start.region);
    if (!found) {
      found = new Map();
      samples.set(e.start.region, found);
    }
    for (const { call, heard } of e.states.values()) {
      const id = `${call.value}|${call.context.language}`;
      if (heard.next === "gather" && call.context.region === e.start.region && !found.has(id)) found.set(id, call);
    }
  }
  return new Map([...samples].map(([start, found]) => [start, [...found.values()]]));
}

/** The team an option puts the caller through to: its own, or the interpreters' team. */
function teamOf(ctx: CheckContext, action: OptionAction): TeamId | undefined {
  if (action.kind === "transfer") return action.team;
  if (action.kind === "interpreter") return ctx.line.callFlow.flow.interpreters.team;
  return undefined;
}

/**
 * What choosing an option does at `at`: a transfer (with its number), or its hours and what is open
 * instead (the menu's open options, or the interpreter menu's team open around the clock).
 */
function choose(ctx: CheckContext, call: PersistedCall, option: number, at: number): Answer {
  const next = ctx.runner.step(call, { type: "CHOSE", option, via: "key", now: at });
  if (isTransferring(next.value)) return { kind: "answered", number: ctx.runner.hear(next).number };
  if (next.value === INTERPRETER_CLOSED) {
    const { directory, flow } = ctx.line.callFlow;
    const { whenClosed, whenClosedKey } = flow.interpreters;
    const open = isTeamOpen(directory, serviceRegionOf(directory, next.context.region), whenClosed, at);
    return { kind: "closed", open: open ? [whenClosedKey] : [] };
  }
  const closed = next.context.notices.find((n) => n.kind === "closed");
  return { kind: "closed", open: closed?.kind === "closed" ? closed.open : [] };
}

/** Quarter hours sampled across a day. */
const STEP_MS = 15 * 60_000;

/** When a team is open on a local date, as stretches of real time labelled with wall-clock times. */
function openStretches(ctx: CheckContext, region: RegionId, team: TeamId, date: string): string[] {
  const { directory } = ctx.line.callFlow;
  const zone = zoneOfStart(ctx, region);
  const from = parseLocalTime(`${date}T00:00`, zone);
  const to = parseLocalTime(`${addDays(date, 1)}T00:00`, zone);
  const clock = (at: number) => {
    const local = toLocalTime(at, zone);
    const minutes = local.date === date ? local.minutes : 24 * 60;
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  };
  const stretches: string[] = [];
  let opened: number | undefined;
  for (let at = from; at <= to; at += STEP_MS) {
    const open = at < to && isTeamOpen(directory, region, team, at);
    if (open && opened === undefined) opened = at;
    if (!open && opened !== undefined) {
      stretches.push(`${clock(opened)}–${clock(at)}`);
      opened = undefined;
    }
  }
  return stretches;
}

function sameStretches(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function describeStretches(stretches: readonly string[]): string {
  return stretches.length === 0 ? "not at all" : stretches.join(" and ");
}
