import { INTERPRETER_CLOSED, isMenuState, isTransferring, type LoggedTurn } from "../../service/index.js";
import type { CallWalk } from "./countFlow.js";
import type { HangUpCause, Outcome } from "./reportTypes.js";

/** What the report remembers of a call until it is over. */
export interface OpenCall {
  readonly start: number;
  /** Whether the call started in the period the report counts. */
  readonly counted: boolean;
  lastSeen: number;
  readonly inboundKnown: boolean;
  region: string | null;
  language: string | undefined;
  utcOffset: number | undefined;
  callerKey: string | undefined;
  state: string | null;
  /** Menus the call entered, in order. */
  readonly menus: string[];
  transferTeam: string | undefined;
  dialStart: number | undefined;
  readonly teamsTried: string[];
  /** Teams the caller chose while closed, with the time they first did. */
  readonly closed: Map<string, number>;
  /** Menus (and `menu team`) in which the caller chose a closed team. */
  readonly closedIn: Set<string>;
  failedDial: boolean;
  /** Twilio's status callback said the call is over. */
  ended: boolean;
  /** The caller heard that a team could not be reached. */
  unreachable: boolean;
  escalated: boolean;
  /** What the caller was told last, should they hang up now. */
  lastHeard: HangUpCause;
  /** How the line ended the call, once it has; a call still open at its end was abandoned by the caller. */
  outcome: Exclude<Outcome, "abandoned"> | undefined;
  team: string | undefined;
  secondsToTransfer: number | undefined;
  /** Call-back steps of the call already counted (offers and repeated asks count once per call). */
  readonly callbackMarks: Set<string>;
  /** Teams whose call-back the caller was offered. */
  readonly offeredTeams: Set<string>;
  /** The caller asked for a call-back (queued, or one already was). */
  callbackRequested: boolean;
  /** The call on the flow graph, when the report counts on one. */
  readonly walk: CallWalk | undefined;
}

/** A call seen for the first time, in its first line. */
export function createOpenCall(e: LoggedTurn, counted: boolean, walk: CallWalk | undefined): OpenCall {
  return {
    start: e.time,
    counted,
    lastSeen: e.time,
    inboundKnown: e.inbound !== undefined && e.inbound !== "unknown",
    region: null,
    language: undefined,
    utcOffset: undefined,
    callerKey: undefined,
    state: null,
    menus: [],
    transferTeam: undefined,
    dialStart: undefined,
    teamsTried: [],
    closed: new Map(),
    closedIn: new Set(),
    failedDial: false,
    ended: false,
    unreachable: false,
    escalated: false,
    lastHeard: "greeting",
    outcome: undefined,
    team: undefined,
    secondsToTransfer: undefined,
    callbackMarks: new Set(),
    offeredTeams: new Set(),
    callbackRequested: false,
    walk,
  };
}

/** Notes what a turn tells of the call itself (who, where, which menus), and places it on the flow graph. */
export function noteCallFacts(call: OpenCall, e: LoggedTurn): void {
  call.lastSeen = Math.max(call.lastSeen, e.time);
  if (e.region) call.region = e.region;
  if (e.language) call.language = e.language;
  if (call.utcOffset === undefined && e.utcOffset !== undefined) call.utcOffset = e.utcOffset;
  if (e.callerKey && !call.callerKey) call.callerKey = e.callerKey;
  const from = e.from ?? null;
  call.walk?.addTurn({
    event: e.event,
    from,
    state: e.state ?? "",
    key: e.key,
    option: e.option,
    input: e.input,
    team: e.team,
    language: e.language,
    notices: e.notices,
  });
  if (isMenuState(e.state) && from !== e.state && !call.menus.includes(e.state)) call.menus.push(e.state);
  if (e.closed && !call.closed.has(e.closed)) call.closed.set(e.closed, e.time);
  if (e.callback?.step === "offered") call.offeredTeams.add(e.callback.team);
  if (e.callback?.step === "requested" || e.callback?.step === "pending") call.callbackRequested = true;
}

/** What a turn left the caller hearing. */
export function hangUpCause(e: LoggedTurn): HangUpCause {
  const notices = e.notices ?? [];
  if (notices.includes("closed")) return "closed";
  if (notices.includes("unreachable")) return "failedTransfer";
  if (notices.includes("invalid") || notices.includes("noInput")) return "failedAnswer";
  if (e.from === null || e.from === undefined) return "greeting";
  // The interpreter menu itself says member services is closed or did not answer (no notice before it).
  if (e.state === INTERPRETER_CLOSED && e.from !== INTERPRETER_CLOSED)
    return isTransferring(e.from) ? "failedTransfer" : "closed";
  return "menu";
}

/** The local hour of the week (0 = Monday 00:00) and the local day of `time` in the call's region. */
export function localTime(time: number, utcOffset: number | undefined): { hourOfWeek: number; day: string } {
  const local = new Date(time + (utcOffset ?? 0) * 60_000);
  return {
    hourOfWeek: ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours(),
    day: local.toISOString().slice(0, 10),
  };
}
