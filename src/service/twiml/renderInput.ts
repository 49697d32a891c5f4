import type { Lang, Notice, PersistedCall, RegionId, TeamId, TransferTarget } from "../types.js";

/**
 * Everything a turn's TwiML document depends on, and nothing else (the URL of the next request
 * aside). `renderTwiml` reads only this, and cached documents are keyed by all of it, so a field
 * added here is part of the key by construction.
 */
export interface RenderInput {
  /** The call's state: a menu id, `transfer`, `ended` or `goodbye`. */
  readonly state: string;
  readonly language: Lang;
  /** The caller's region (null while unknown): the interpreter menu names its hours. */
  readonly region: RegionId | null;
  /** The caller's menu: notices name its options (e.g. what is open now). */
  readonly menu: string;
  /** Say the greeting before the prompt. */
  readonly greet: boolean;
  /** The whole menu, or the short re-prompt. */
  readonly prompt: "full" | "short";
  /** Said before the prompt or the transfer. */
  readonly notices: readonly Notice[];
  /** The transfer being made, in the `transfer` state. */
  readonly transfer: TransferTarget | null;
  /** The team of the call-back the call is about (asked for, or returned). */
  readonly callbackTeam?: TeamId | null;
  /**
   * Digits to read back in a call-back state, spaced ("0 1 2 3"): given by the edge for one answer, never
   * kept; a document with them is never cached.
   */
  readonly digits?: string;
}

/** What of a call's state its document shows: the counters and the clock are left out. */
export function toRenderInput(call: PersistedCall): RenderInput {
  const c = call.context;
  return {
    state: call.value,
    language: c.language,
    region: c.region,
    menu: c.menu,
    greet: c.greet,
    prompt: c.prompt,
    notices: c.notices,
    transfer: c.transfer,
    callbackTeam: c.callback?.team ?? null,
  };
}

/** The cache key of a document: all of its input, serialised. */
export function keyOfRenderInput(input: RenderInput): string {
  return JSON.stringify(input);
}
