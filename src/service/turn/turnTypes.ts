import type { CallbackDesk } from "../callbacks/callbackDesk.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { LineRegistry } from "../line/lineRegistry.js";
import type { SessionStore } from "../session/sessionStore.js";
import type { LineRuntime, TurnUrls } from "./lineRuntime.js";
import type { TurnFacts, TurnKind } from "./planTurn.js";

/** What a turn needs: the versions of the line, how to answer on each, and the session store. */
export interface TurnDeps {
  readonly lines: LineRegistry;
  readonly runtimeOf: (callFlow: CallFlow) => LineRuntime;
  readonly urls: TurnUrls;
  readonly store: SessionStore;
  /** Clock in epoch ms; the flow's hours are decided by it. */
  readonly clock: () => number;
  readonly sessionTtlSeconds: number;
  /** How long an ended call is remembered as ended. */
  readonly endedTtlSeconds: number;
  /** Longest wait for one session store operation before the turn fails over to the safe answer, in ms. */
  readonly storeTimeoutMs: number;
  /** `ANALYTICS_SALT`: keys the caller's hash in the turn record; without it no caller key is logged. */
  readonly analyticsSalt?: string | undefined;
  /** The call-backs (queue, sealing, placement); without it none is offered that can be queued. */
  readonly callbacks?: CallbackDesk | undefined;
}

/** One webhook request of a call, without HTTP: which route, its form parameters and its `t`. */
export interface TurnRequest {
  readonly kind: TurnKind;
  readonly body: unknown;
  readonly requested: number | undefined;
  /** A call the line placed to return a call-back (its answer webhook): what it returns. */
  readonly placed?: TurnFacts["placed"];
}

/** A line for the log: level, fields (or how to build them, when only the log may need them) and message. */
export interface LogLine {
  readonly level: "info" | "warn" | "error";
  readonly fields: Record<string, unknown> | (() => Record<string, unknown>);
  readonly msg: string;
}

/** The answer to a turn: the TwiML, and what to log. */
export interface TurnAnswer {
  readonly twiml: string;
  readonly log: readonly LogLine[];
}
