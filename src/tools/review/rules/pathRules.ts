import type { PersistedCall } from "../../../service/index.js";
import { ENDED, GOODBYE, isTransferring, TRANSFER } from "../../../service/index.js";
import { type Exploration, pathTo } from "../exploreCalls.js";
import { formatLocal } from "../localClock.js";
import { saysNumber } from "../spokenText.js";
import {
  type CheckContext,
  describePath,
  type Finding,
  listMenus,
  nameStart,
  nameState,
  placeOf,
  zoneOfStart,
} from "./checkContext.js";

/** Teams a caller in crisis may be reaching: the 988 notice must come before their line is dialed. */
export const CRISIS_TEAMS: readonly string[] = ["behavioralHealth"];

/** Errors: a state of the machine no call reaches. */
export function findUnreachableStates(ctx: CheckContext): Finding[] {
  const reached = new Set<string>();
  for (const e of ctx.explorations) for (const call of e.states.keys()) reached.add(call.value);
  const states = [...listMenus(ctx).map(([id]) => id), TRANSFER, ENDED, GOODBYE];
  return states
    .filter((s) => !reached.has(s))
    .map((s) => ({
      rule: "unreachable-state",
      severity: "error",
      where: ctx.line.callFlow.menus.has(s) ? `menu ${s}` : `state ${s}`,
      message: ctx.line.callFlow.menus.has(s)
        ? `no call reaches menu ${s}, from any region at any hour: lead an option to it ("do": {"kind": "menu", "menu": "${s}"}) or remove it`
        : `no call ever reaches ${s}, from any region at any hour`,
    }));
}

/**
 * Errors: a path that never ends. From every state a call can reach, every way on must come to a transfer
 * being dialed or a hang-up (goodbye, or a connected transfer) within `limits.maxMenuTurns` answers:
 * no cycle, no state the line stops answering in.
 */
export function findEndlessPaths(ctx: CheckContext): Finding[] {
  const { maxMenuTurns } = ctx.line.callFlow.flow.limits;
  const findings = new Map<string, Finding>();
  for (const e of ctx.explorations) {
    const problem = findLongestWait(e);
    if (!problem || (problem.answers !== Number.POSITIVE_INFINITY && problem.answers <= maxMenuTurns)) continue;
    const zone = zoneOfStart(ctx, e.start.region);
    const where = placeOf(nameStart(e.start.region), nameState(ctx, problem.from.value));
    if (findings.has(where)) continue;
    const reached = describePath(pathTo(e, problem.from));
    const message =
      problem.answers === Number.POSITIVE_INFINITY
        ? `a call can go on forever without a transfer or goodbye, at ${formatLocal(e.start.at, zone)}: after ${reached}, ${problem.how}`
        : `a caller can answer ${problem.answers} times in a row without a transfer or goodbye (the limits allow ${maxMenuTurns}), at ${formatLocal(e.start.at, zone)}, after ${reached}`;
    findings.set(where, { rule: "never-ends", severity: "error", where, message });
  }
  return [...findings.values()];
}

/**
 * Errors: a crisis team (behavioral health) dialed on a path where the caller never heard the 988 notice,
 * neither before nor in the turn that transfers them.
 */
export function findMissingCrisisNotice(ctx: CheckContext): Finding[] {
  const findings = new Map<string, Finding>();
  for (const e of ctx.explorations) {
    // States reachable with no word of 988 yet, with the way there.
    const clean = new Map<PersistedCall, string[]>();
    const heard988 = (call: PersistedCall) => (e.states.get(call)?.heard.says ?? []).some((s) => saysNumber(s, "988"));
    if (heard988(e.first)) continue;
    clean.set(e.first, []);
    const queue = [e.first];
    for (let i = 0; i < queue.length; i++) {
      const call = queue[i] as PersistedCall;
      const path = clean.get(call) ?? [];
      const state = e.states.get(call);
      const team = isTransferring(call.value) ? call.context.transfer?.team : undefined;
      if (state?.heard.next === "dial" && team !== undefined && CRISIS_TEAMS.includes(team)) {
        const where = placeOf(nameStart(e.start.region), call.context.language, team);
        if (!findings.has(where))
          findings.set(where, {
            rule: "crisis-notice",
            severity: "error",
            where,
            message: `${team} is dialed after ${describePath(path)} and the caller never heard the 988 crisis line notice: give the transfer "announce": "crisisLine" (a message that says 9 8 8), or say it before`,
          });
        continue;
      }
      for (const edge of state?.edges ?? [])
        if (!clean.has(edge.to) && !heard988(edge.to)) {
          clean.set(edge.to, [...path, edge.input]);
          queue.push(edge.to);
        }
    }
  }
  return [...findings.values()];
}

interface LongestWait {
  /** Answers from `from` to the next transfer or hang-up, at worst; infinite for a cycle or a dead end. */
  readonly answers: number;
  readonly from: PersistedCall;
  readonly how: string;
}

/** The state of an exploration from which a call can go longest without a transfer or hang-up. */
function findLongestWait(e: Exploration): LongestWait | undefined {
  const memo = new Map<PersistedCall, number>();
  const onPath = new Set<PersistedCall>();
  let endless: { from: PersistedCall; how: string } | undefined;
  // A state whose edges were not followed goes on elsewhere (a region's own exploration): it counts as an end.
  const stops = (call: PersistedCall) => {
    const state = e.states.get(call);
    return !state?.expanded || state.heard.next === "dial" || state.heard.next === "hangup";
  };
  const longest = (call: PersistedCall): number => {
    const known = memo.get(call);
    if (known !== undefined) return known;
    if (onPath.has(call)) {
      endless ??= { from: call, how: `it comes back to ${call.value} with nothing changed, again and again` };
      return Number.POSITIVE_INFINITY;
    }
    if (stops(call)) {
      memo.set(call, 0);
      return 0;
    }
    const edges = e.states.get(call)?.edges ?? [];
    if (edges.length === 0) {
      const failure = e.states.get(call)?.heard.failure;
      endless ??= {
        from: call,
        how:
          failure === undefined
            ? `the line stops answering in ${call.value}`
            : `the line cannot answer in ${call.value} (${failure}) and gives the caller its safe answer`,
      };
      memo.set(call, Number.POSITIVE_INFINITY);
      return Number.POSITIVE_INFINITY;
    }
    onPath.add(call);
    let worst = 0;
    for (const edge of edges) worst = Math.max(worst, 1 + longest(edge.to));
    onPath.delete(call);
    memo.set(call, worst);
    return worst;
  };
  let worst: { answers: number; from: PersistedCall } | undefined;
  for (const call of e.states.keys()) {
    const answers = longest(call);
    if (!worst || answers > worst.answers) worst = { answers, from: call };
  }
  if (!worst) return undefined;
  return worst.answers === Number.POSITIVE_INFINITY && endless
    ? { answers: worst.answers, ...endless }
    : { ...worst, how: "" };
}
