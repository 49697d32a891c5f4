import { createHash, randomBytes } from "node:crypto";
import { type DialStatus, isConnected } from "../../service/index.js";

/** Form parameters of a webhook request. */
export type Params = Record<string, string>;

/** The account the emulated calls belong to: "AC" and 32 hex digits, like Twilio's. */
export const EMULATOR_ACCOUNT_SID = `AC${"5e".repeat(16)}`;

/** A Twilio Call SID: "CA" and 32 hex digits; the same for the same `seed`, random without one. */
export function createCallSid(seed?: string): string {
  const hex = seed === undefined ? randomBytes(16).toString("hex") : createHash("sha256").update(seed).digest("hex");
  return `CA${hex.slice(0, 32)}`;
}

/** Where a number is, as Twilio reports it (`FromCity`, `ToState`…); only the country when not given. */
export interface Place {
  readonly country?: string;
  readonly city?: string;
  readonly state?: string;
  readonly zip?: string;
}

/** The call the parameters describe. */
export interface CallIdentity {
  readonly callSid: string;
  /** The number dialed. */
  readonly to: string;
  /** The caller's number. */
  readonly from: string;
  /** Defaults to `EMULATOR_ACCOUNT_SID`. */
  readonly accountSid?: string;
  /** `inbound` (a caller dialed the line, the default) or `outbound-api` (a call placed with the REST API). */
  readonly direction?: "inbound" | "outbound-api";
  /** Where the caller and the dialed number are; the country is `US` unless given. */
  readonly places?: { readonly from?: Place; readonly to?: Place };
}

/** Twilio's geographic parameters of one side (`From`/`Caller` or `To`/`Called`), in its names. */
function placeParams(prefixes: readonly string[], place: Place = {}): Params {
  const params: Params = {};
  for (const prefix of prefixes) {
    if (place.city !== undefined) params[`${prefix}City`] = place.city;
    params[`${prefix}Country`] = place.country ?? "US";
    if (place.state !== undefined) params[`${prefix}State`] = place.state;
    if (place.zip !== undefined) params[`${prefix}Zip`] = place.zip;
  }
  return params;
}

/**
 * The parameters Twilio sends with every voice webhook of an inbound call (status `in-progress`),
 * keys in alphabetical order as Twilio sends them, then `extra` (which may override any of them).
 */
export function buildCallParams(call: CallIdentity, extra: Readonly<Params> = {}): Params {
  const params: Params = {
    AccountSid: call.accountSid ?? EMULATOR_ACCOUNT_SID,
    ApiVersion: "2010-04-01",
    CallSid: call.callSid,
    CallStatus: "in-progress",
    Called: call.to,
    ...placeParams(["Called"], call.places?.to),
    Caller: call.from,
    ...placeParams(["Caller"], call.places?.from),
    Direction: call.direction ?? "inbound",
    From: call.from,
    ...placeParams(["From"], call.places?.from),
    To: call.to,
    ...placeParams(["To"], call.places?.to),
  };
  return { ...params, ...extra };
}

/** What a `<Gather>` heard: keys (with the finish key that ended them, if any) or speech. */
export type GatherResult =
  | { readonly digits: string; readonly finishedOnKey?: string }
  | { readonly speech: string; readonly confidence: number };

/** The parameters Twilio adds when it posts a `<Gather>`'s result to its action. */
export function buildGatherParams(result: GatherResult): Params {
  if ("digits" in result)
    return { Digits: result.digits, FinishedOnKey: result.finishedOnKey ?? "", msg: "Gather End" };
  return { SpeechResult: result.speech, Confidence: String(result.confidence), msg: "Gather End" };
}

/** How a `<Dial>` ended, beyond its status. */
export interface DialDetails {
  /** The SID of the call to the dialed number; random by default. */
  readonly dialCallSid?: string;
  /** How long the connected call lasted; 60 s when it connected, else 0. */
  readonly durationSeconds?: number;
}

/** The parameters Twilio adds when it posts a `<Dial>`'s outcome to its action. */
export function buildDialParams(status: DialStatus, details: DialDetails = {}): Params {
  const connected = isConnected(status);
  return {
    DialCallStatus: status,
    DialCallSid: details.dialCallSid ?? createCallSid(),
    DialCallDuration: String(details.durationSeconds ?? (connected ? 60 : 0)),
    DialBridged: String(connected),
  };
}

/** The parameters of the status callback Twilio sends once the call is over. */
export function buildEndedParams(durationSeconds: number): Params {
  return { CallStatus: "completed", CallDuration: String(durationSeconds) };
}
