import type { TwimlVerb } from "./parseTwiml.js";
import type { WebhookMethod } from "./signRequest.js";

/** What a `<Gather>` listens for, read with Twilio's defaults; this is what an interactive caller is asked. */
export interface GatherRequest {
  readonly dtmf: boolean;
  readonly speech: boolean;
  /** Keys the gather ends after; undefined when it waits for the finish key or the timeout. */
  readonly numDigits: number | undefined;
  /** The key that ends an entry early (`#` by default); "" when none does. */
  readonly finishOnKey: string;
  /** Seconds of silence before the gather gives up (5 by default). */
  readonly timeoutSeconds: number;
  /** Speech recognition language, e.g. `es-US`. */
  readonly language: string | undefined;
  /** Whether Twilio posts to the action even when nothing was heard (`actionOnEmptyResult`). */
  readonly actionOnEmptyResult: boolean;
}

/** A transfer (`<Dial>`), as passed to an interactive dialer. */
export interface DialRequest {
  /** The number dialed (the first `<Number>`, or the `<Dial>`'s text). */
  readonly number: string;
  /** Seconds Twilio lets it ring (30 by default). */
  readonly timeoutSeconds: number;
  /** The caller ID shown to the team, when set. */
  readonly callerId: string | undefined;
}

/** Reads a `<Gather>`'s attributes as Twilio does. */
export function readGather(verb: TwimlVerb): GatherRequest {
  const input = (verb.attrs.input ?? "dtmf").split(/\s+/);
  const numDigits = Number(verb.attrs.numDigits);
  const timeout = Number(verb.attrs.timeout ?? 5);
  return {
    dtmf: input.includes("dtmf"),
    speech: input.includes("speech"),
    numDigits: Number.isInteger(numDigits) && numDigits > 0 ? numDigits : undefined,
    finishOnKey: verb.attrs.finishOnKey ?? "#",
    timeoutSeconds: Number.isFinite(timeout) && timeout >= 0 ? timeout : 5,
    language: verb.attrs.language,
    actionOnEmptyResult: verb.attrs.actionOnEmptyResult === "true",
  };
}

/** Reads a `<Dial>` as Twilio does. */
export function readDial(verb: TwimlVerb): DialRequest {
  const timeout = Number(verb.attrs.timeout ?? 30);
  return {
    number: (verb.children.find((c) => c.verb === "Number")?.text ?? verb.text).trim(),
    timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 30,
    callerId: verb.attrs.callerId,
  };
}

/** The request method a verb asks for (`method`); POST unless it says GET. */
export function readMethod(verb: TwimlVerb): WebhookMethod {
  return verb.attrs.method?.toUpperCase() === "GET" ? "GET" : "POST";
}

/**
 * Resolves a TwiML URL against the URL of the document it is in, as Twilio does: relative URLs are
 * relative to the document, and an empty one is the document itself.
 */
export function resolveUrl(url: string | undefined, documentUrl: string): string {
  const trimmed = (url ?? "").trim();
  return trimmed === "" ? documentUrl : new URL(trimmed, documentUrl).toString();
}
