/**
 * Types shared across the layers: the directory (numbers, hours), the compiled flow,
 * the call context the machine keeps, the events it accepts and the persisted session.
 */

/** A language code used by the flow, e.g. `en` or `es`. */
export type Lang = string;

/** Text in every language the flow speaks, keyed by language code. */
export type Localized<T = string> = Record<Lang, T>;

/** A team the caller can be transferred to, named by the flow and resolved by the directory. */
export type TeamId = string;

/** A region of the plan, e.g. `northwest`. */
export type RegionId = string;

/** Day of the week as used in schedules. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** Opening hours of a team line. */
export interface Schedule {
  readonly id: string;
  /** What the hours assume and must be confirmed with the plan, when the sources do not say. */
  readonly assumption?: string;
  /** Open around the clock, every day (closures still apply when listed). */
  readonly always: boolean;
  /** Weekly opening windows in the region's local time, minutes since midnight. */
  readonly weekly: ReadonlyArray<{ readonly days: readonly Weekday[]; readonly open: number; readonly close: number }>;
  /** Local dates (YYYY-MM-DD) when the line is closed all day. */
  readonly closures: ReadonlySet<string>;
}

/** A dialable number with where it came from. */
export interface PhoneNumber {
  /** E.164, e.g. `+18009720700`. */
  readonly e164: string;
  /** Key of the source document in the directory's `sources`. */
  readonly source: string;
  /** Set when the sources disagree about this number. */
  readonly needsVerification?: string;
}

/** How a team is reached in one region, after following `routeTo`. */
export interface TeamLine {
  readonly team: TeamId;
  /** Numbers to try in order (the next one after a failed attempt). */
  readonly numbers: readonly PhoneNumber[];
  /** The team whose line actually answers, when the region has no line of its own for `team`. */
  readonly routedVia?: TeamId;
  readonly hours: Schedule;
}

/** One region of the directory. */
export interface Region {
  readonly id: RegionId;
  readonly name: Localized;
  /** Words a caller may say to choose this region, per language. */
  readonly speech: Localized<readonly string[]>;
  /** IANA time zone, e.g. `America/Los_Angeles`. */
  readonly timeZone: string;
  /** Inbound (dialed) numbers that identify this region. */
  readonly inbound: readonly string[];
  readonly teams: ReadonlyMap<TeamId, TeamLine>;
}

/** The regional phone directory, validated and indexed once at start. */
export interface Directory {
  readonly file: string;
  readonly teams: readonly TeamId[];
  readonly regions: readonly Region[];
  readonly regionById: ReadonlyMap<RegionId, Region>;
  readonly regionByInbound: ReadonlyMap<string, Region>;
  /** Region whose representative takes callers whose region is unknown. */
  readonly unknownRegionRepresentative: RegionId;
  readonly sources: Readonly<Record<string, { readonly seed: string; readonly title: string }>>;
}

/** Something to tell the caller before the next prompt. */
export type Notice =
  | { readonly kind: "invalid" }
  | { readonly kind: "noInput" }
  | { readonly kind: "escalate"; readonly team: TeamId }
  | { readonly kind: "closed"; readonly team: TeamId; readonly region: RegionId; readonly open: readonly string[] }
  | { readonly kind: "unreachable"; readonly team: TeamId }
  | { readonly kind: "apology" };

/** The transfer the call is making or about to make. */
export interface TransferTarget {
  readonly team: TeamId;
  readonly region: RegionId;
  /** Index of the number being dialed in the team line's `numbers`. */
  readonly attempt: number;
  /** Message key to say before connecting, e.g. the 988 crisis line notice. */
  readonly announce?: string;
  /**
   * Set when the caller asked for an interpreter: the language they asked for (e.g. `vi`), or `other` for
   * any other language. Logs and analytics count interpreter calls by it.
   */
  readonly interpreter?: string;
}

/** What the call-flow machine remembers between turns. Small and JSON-serialisable. */
export interface CallContext {
  region: RegionId | null;
  language: Lang;
  /** Consecutive failed inputs (invalid or silent) in the current menu. */
  failures: number;
  /** Menu inputs handled in this call that did not leave the menus. */
  menuTurns: number;
  /** Transfers that failed (busy, no answer, failed) in this call. */
  failedTransfers: number;
  /** Menu the caller is in, or returns to after a failed transfer. */
  menu: string;
  /** Whether the next prompt is the full menu or the short re-prompt. */
  prompt: "full" | "short";
  /** Say the greeting (emergency, TTY, interpreters) before the next prompt. */
  greet: boolean;
  notices: Notice[];
  transfer: TransferTarget | null;
  /** The interpreter the caller asked for (a language code, or `other`); every later transfer brings one. */
  interpreter: string | null;
  /** Clock of the latest event, epoch milliseconds. */
  now: number;
}

/** Outcome of a `<Dial>` as Twilio reports it in `DialCallStatus`. */
export type DialStatus = "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled";

/**
 * What happened on the call, as a webhook reports it: a key press, speech, silence or a dial result.
 * Each carries the clock (`now`, epoch ms). The turn matches it against the caller's menu
 * (`matchInput`) before the machine sees it.
 */
export type FlowEvent =
  | { readonly type: "KEY"; readonly digits: string; readonly now: number }
  | { readonly type: "SPEECH"; readonly text: string; readonly confidence: number; readonly now: number }
  | { readonly type: "SILENCE"; readonly now: number }
  | { readonly type: "DIAL_RESULT"; readonly status: DialStatus; readonly now: number };

/** How a caller chose an option. */
export type InputChannel = "key" | "speech";

/**
 * The events the call-flow machine accepts: the caller's input already matched against their menu.
 * `CHOSE` names the option by its index in the compiled menu; `INVALID` is input that chose nothing
 * (a wrong key, speech that names no option or was heard too faintly).
 */
export type MachineEvent =
  | { readonly type: "CHOSE"; readonly option: number; readonly via: InputChannel; readonly now: number }
  | { readonly type: "INVALID"; readonly now: number }
  | { readonly type: "SILENCE"; readonly now: number }
  | { readonly type: "DIAL_RESULT"; readonly status: DialStatus; readonly now: number };

/** Input to start a call: the region from the dialed number (or null), and the clock. */
export interface CallInput {
  readonly region: RegionId | null;
  /** Clock when the call comes in, epoch ms. */
  readonly now: number;
  readonly language?: Lang;
  /** The call was already under way (its session was lost): skip the greeting. */
  readonly resumed?: boolean;
  /** Said before the first prompt, e.g. an apology after a failure. */
  readonly notices?: readonly Notice[];
}

/** The part of a machine snapshot that is persisted between turns. */
export interface PersistedCall {
  readonly value: string;
  readonly context: CallContext;
}

/** A call's session as stored: its state, the turn counter used to spot retried requests, and its line's version. */
export interface SessionRecord {
  /** The turn number the next request is expected to carry. */
  readonly turn: number;
  /** Version of the line (flow + directory) the call started on: it finishes on it. */
  readonly version: string;
  readonly call: PersistedCall;
}

/** What is left of a call that ended: kept a short while so that a late or replayed request cannot revive it. */
export interface EndedCall {
  readonly ended: true;
}

/** A call's session as a store reads it: in progress, or ended. */
export type StoredSession = SessionRecord | EndedCall;

/**
 * A line as written: its flow and directory files, parsed but not yet validated. What is kept in the
 * session store so that any instance can compile a version it did not start with.
 */
export interface LineSource {
  readonly flowFile: string;
  readonly directoryFile: string;
  readonly flow: unknown;
  readonly directory: unknown;
}
