import type { DialStatus } from "./contract/dialStatus.js";
import type { InputChannel } from "./contract/eventSchema.js";
import type { CallbackTarget, Notice } from "./contract/sessionSchema.js";

/**
 * Types shared across the layers: the directory (numbers, hours) and the events the machine accepts. The
 * words the service and its tools share (the session, dial statuses, states, options, the turn event) are
 * the contract's (`contract/`), inferred from its schemas and re-exported here for the service's own files.
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

export type { DialStatus } from "./contract/dialStatus.js";
export type { InputChannel } from "./contract/eventSchema.js";
export type {
  CallbackTarget,
  CallContext,
  EndedCall,
  Notice,
  PersistedCall,
  SessionRecord,
  StoredSession,
  TransferTarget,
} from "./contract/sessionSchema.js";

/**
 * What happened on the call, as a webhook reports it: a key press, speech, silence or a dial result.
 * Each carries the clock (`now`, epoch ms). The turn matches it against the caller's menu
 * (`matchInput`) before the machine sees it.
 */
export type FlowEvent =
  | { readonly type: "KEY"; readonly digits: string; readonly now: number }
  | { readonly type: "SPEECH"; readonly text: string; readonly confidence: number; readonly now: number }
  | { readonly type: "SILENCE"; readonly now: number }
  | { readonly type: "DIAL_RESULT"; readonly status: DialStatus; readonly now: number }
  | NumberEntered;

/**
 * A number keyed in for a call-back, checked at the edge: `valid` when it is a US number the line may call
 * (not one of its own), then `sealed` (encrypted; the number itself never enters the machine).
 */
export interface NumberEntered {
  readonly type: "NUMBER";
  readonly valid: boolean;
  readonly sealed?: string;
  readonly now: number;
}

/**
 * The events the call-flow machine accepts: the caller's input already matched against their menu.
 * `CHOSE` names the option by its index in the compiled menu; `INVALID` is input that chose nothing
 * (a wrong key, speech that names no option or was heard too faintly).
 */
export type MachineEvent =
  | { readonly type: "CHOSE"; readonly option: number; readonly via: InputChannel; readonly now: number }
  | { readonly type: "INVALID"; readonly now: number }
  | { readonly type: "SILENCE"; readonly now: number }
  | { readonly type: "DIAL_RESULT"; readonly status: DialStatus; readonly now: number }
  /** The call-back key, pressed while a call-back is offered. */
  | { readonly type: "CALLBACK"; readonly now: number }
  /** Keys pressed where the call-back asks for one (confirm, change, connect). */
  | { readonly type: "KEYED"; readonly digits: string; readonly now: number }
  | NumberEntered;

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
  /** The caller's number can be called back (not withheld, a US number); true when not told. */
  readonly callerKnown?: boolean;
  /** A call the line placed to return a call-back: the member is greeted, then put through to its team. */
  readonly callback?: CallbackTarget;
  /** The interpreter the member asked for when they asked for the call-back. */
  readonly interpreter?: string | null;
}

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
