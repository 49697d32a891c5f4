import type { CallContext, MachineEvent } from "../../types.js";

type Update = (context: CallContext, event: MachineEvent) => Partial<CallContext>;

/**
 * How the call-back states change a call's context: pure functions of (context, event), applied with `assign`.
 * The number keyed in enters the context only sealed (encrypted at the edge); the caller's own number never does.
 */
export const callbackUpdates = {
  /** The caller takes the call-back offered: it is the one the next states ask about. */
  takeOffer: ((context) => ({
    callback: context.offer ? { team: context.offer.team, region: context.offer.region, at: context.offer.at } : null,
    failures: 0,
    menuTurns: context.menuTurns + 1,
  })) satisfies Update,
  /** The number keyed in is valid: keep it, sealed, to read it back and to queue it. */
  keepNumber: ((context, event) => ({
    failures: 0,
    menuTurns: context.menuTurns + 1,
    callback:
      context.callback && event.type === "NUMBER" && event.sealed !== undefined
        ? { ...context.callback, sealed: event.sealed }
        : context.callback,
  })) satisfies Update,
  /** The caller gives another number: the one kept is dropped. */
  forgetNumber: ((context) => ({
    failures: 0,
    menuTurns: context.menuTurns + 1,
    callback: context.callback && {
      team: context.callback.team,
      region: context.callback.region,
      at: context.callback.at,
    },
  })) satisfies Update,
  /** The number keyed in cannot be called back: say so, and ask again. */
  noteInvalidNumber: ((context) => ({
    failures: context.failures + 1,
    menuTurns: context.menuTurns + 1,
    prompt: "short",
    notices: [{ kind: "callbackInvalidNumber" }],
  })) satisfies Update,
  /** A key that means nothing where the call-back asks for one. */
  noteInvalidKey: ((context) => ({
    failures: context.failures + 1,
    menuTurns: context.menuTurns + 1,
    prompt: "short",
    notices: [{ kind: "invalid" }],
  })) satisfies Update,
  /** Silence where the call-back asks for a key or a number. */
  noteSilence: ((context) => ({
    failures: context.failures + 1,
    menuTurns: context.menuTurns + 1,
    prompt: "short",
    notices: [{ kind: "noInput" }],
  })) satisfies Update,
  /** A call the line placed: the member is put through to the call-back's team, with their interpreter if any. */
  connectCallback: ((context) => ({
    failures: 0,
    transfer: context.callback && {
      team: context.callback.team,
      region: context.callback.region,
      attempt: 0,
      ...(context.interpreter === null ? {} : { interpreter: context.interpreter }),
    },
  })) satisfies Update,
};
