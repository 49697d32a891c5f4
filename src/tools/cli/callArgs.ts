import { parseArgs } from "node:util";
import type { CallFlow, DialStatus } from "../../service/index.js";
import { dialStatusSchema, E164_PATTERN } from "../../service/index.js";
import {
  CALLBACK_FROM,
  type CallerInput,
  DEFAULT_CONFIDENCE,
  DEFAULT_FROM,
  DEFAULT_MAX_TURNS,
  OUTBOUND_OUTCOMES,
  type OutboundOutcome,
} from "../emulator/index.js";
import { parseMoment } from "../review/localClock.js";

/** The number dialed by default: the Northwest line's inbound number. */
const DEFAULT_TO = "+15035550100";

/** What `npm run call` was asked to do. */
export interface CallArgs {
  readonly help: boolean;
  readonly to: string;
  readonly from: string;
  /** Key presses (one key each) and phrases, in command-line order. */
  readonly inputs: readonly CallerInput[];
  /**
   * The in-process line's clock at the start of the call, as given (ISO 8601): without an offset, the local
   * time of the region dialed (`resolveCallTime`).
   */
  readonly at: string | undefined;
  readonly confidence: number;
  readonly dial: readonly DialStatus[];
  readonly server: string | undefined;
  readonly token: string | undefined;
  readonly maxTurns: number;
  /** With call-backs: how each outbound call the line places ends (answered, busy, no-answer, failed). */
  readonly callback: readonly OutboundOutcome[];
}

/** A command line that cannot be run; the message says what to change. */
export class UsageError extends Error {}

/** The dial outcomes a transfer can be given: the contract's statuses a caller's line can produce. */
const DIAL_CHOICES = dialStatusSchema.exclude(["answered", "canceled"]);

export const USAGE = `Simulated call: plays a caller against the member line's webhooks exactly as Twilio would.

Usage: npm run call -- [options]

  --to NUMBER        the number dialed (default ${DEFAULT_TO}, the Northwest line)
  --from NUMBER      the caller's number (default ${DEFAULT_FROM}, fictional)
  --press KEYS       keys to press at the next prompts: "3", "9,3" or "93" (0-9 * #); repeatable
  --say PHRASE       a phrase to say at the next prompt; repeatable. --press and --say keep their order:
                       --press 9 --say farmacia
  --confidence N     speech recognition confidence reported for --say, 0 to 1 (default ${DEFAULT_CONFIDENCE})
  --dial STATUS      how the next transfer ends: completed, busy, no-answer or failed (default completed);
                       repeat for successive transfers: --dial busy --dial completed
  --at TIME          the line's clock at the start (ISO 8601): 2026-11-30T10:00 is 10:00 where the number
                       dialed rings (the region's time zone), as in the console; with an offset or Z
                       (2026-11-30T10:00:00-08:00) it is that instant
  --callback OUTCOME after the call, move the clock to the call-back it queued and play it: answered, busy,
                       no-answer or failed; repeat for its retries: --callback no-answer --callback answered
                       (the caller is then ${CALLBACK_FROM} unless --from is given)
  --server URL       drive a server already running (e.g. http://localhost:3000) instead of starting one
  --token TOKEN      its Twilio auth token, to sign requests (default: $TWILIO_AUTH_TOKEN)
  --max-turns N      stop after N webhook requests (default ${DEFAULT_MAX_TURNS})
  -h, --help         show this help

Without --press or --say, in a terminal, the call is interactive: keys 0-9 * # are the keypad,
Enter stays silent, s lets you type a phrase to say, Ctrl-C hangs up. Otherwise, once the inputs
run out, the caller stays silent.

Exit code: 0 when the call ends in a transfer or the line's goodbye, 1 otherwise, 2 for a bad command line.`;

/** Parses the command line (`argv` without node and the script). Throws a `UsageError` when it cannot be run. */
export function parseCallArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CallArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, tokens } = parsed;

  const inputs: CallerInput[] = [];
  for (const token of tokens) {
    if (token.kind !== "option" || (token.name !== "press" && token.name !== "say")) continue;
    const value = token.value ?? "";
    if (token.name === "press") inputs.push(...keysOf(value));
    else {
      const text = value.trim();
      if (text === "") throw new UsageError("--say needs a phrase, e.g. --say pharmacy");
      inputs.push({ kind: "say", text });
    }
  }

  const to = phone("--to", values.to ?? DEFAULT_TO);
  const from = phone("--from", values.from ?? DEFAULT_FROM);

  const at = values.at?.trim();
  if (at !== undefined) {
    try {
      parseMoment(at, "UTC");
    } catch (error) {
      throw new UsageError(
        `--at must be an ISO 8601 time, e.g. 2026-11-30T10:00 (the region's local time) or 2026-11-30T10:00:00-08:00; ${(error as Error).message}`,
      );
    }
  }

  const confidence = values.confidence === undefined ? DEFAULT_CONFIDENCE : Number(values.confidence);
  if (values.confidence !== undefined && (values.confidence.trim() === "" || !(confidence >= 0 && confidence <= 1)))
    throw new UsageError(`--confidence must be a number from 0 to 1; got "${values.confidence}"`);

  const dial = (values.dial ?? []).map((d): DialStatus => {
    const status = DIAL_CHOICES.safeParse(d);
    if (!status.success) throw new UsageError(`--dial must be one of ${DIAL_CHOICES.options.join(", ")}; got "${d}"`);
    return status.data;
  });

  const maxTurns = values["max-turns"] === undefined ? DEFAULT_MAX_TURNS : Number(values["max-turns"]);
  if (!Number.isInteger(maxTurns) || maxTurns < 1)
    throw new UsageError(`--max-turns must be a whole number of at least 1; got "${values["max-turns"]}"`);

  const server = values.server?.replace(/\/+$/, "");
  if (server !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(server);
    } catch {}
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
      throw new UsageError(`--server must be an http(s) URL, e.g. http://localhost:3000; got "${values.server}"`);
    if (at !== undefined)
      throw new UsageError(
        "--at sets the clock of the line this command starts; a running server (--server) keeps its own",
      );
  } else if (values.token !== undefined)
    throw new UsageError("--token signs requests to a running server: give its URL with --server");

  const callback = (values.callback ?? []).map((c) => {
    const outcome = OUTBOUND_OUTCOMES.find((choice) => choice === c);
    if (!outcome) throw new UsageError(`--callback must be one of ${OUTBOUND_OUTCOMES.join(", ")}; got "${c}"`);
    return outcome;
  });
  if (callback.length > 0 && server !== undefined)
    throw new UsageError("--callback plays the call-back of the line this command starts; not with --server");

  return {
    help: values.help === true,
    to,
    from: callback.length > 0 && values.from === undefined ? CALLBACK_FROM : from,
    callback,
    inputs,
    at,
    confidence,
    dial,
    server,
    token: server === undefined ? undefined : (values.token ?? (env.TWILIO_AUTH_TOKEN || undefined)),
    maxTurns,
  };
}

/**
 * The line's clock at the start of a call to `to`: `at` with an offset or Z is that instant; without, it is the
 * wall-clock time of the region that owns `to` (of the region that takes callers of a number no region owns,
 * otherwise), daylight saving included: what the console does with its time.
 */
export function resolveCallTime(at: string, directory: CallFlow["directory"], to: string): number {
  const region = directory.regionByInbound.get(to) ?? directory.regionById.get(directory.unknownRegionRepresentative);
  return parseMoment(at, region?.timeZone ?? "UTC");
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    tokens: true,
    strict: true,
    allowPositionals: false,
    options: {
      to: { type: "string" },
      from: { type: "string" },
      press: { type: "string", multiple: true },
      say: { type: "string", multiple: true },
      at: { type: "string" },
      confidence: { type: "string" },
      dial: { type: "string", multiple: true },
      callback: { type: "string", multiple: true },
      server: { type: "string" },
      token: { type: "string" },
      "max-turns": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** "9,3", "93" and "9, 3" are the keys 9 then 3, each pressed at its own prompt. */
function keysOf(value: string): CallerInput[] {
  const keys = value.replace(/[\s,]+/g, "");
  if (keys === "" || !/^[0-9*#]+$/.test(keys))
    throw new UsageError(`--press takes keypad keys 0-9, * and #, e.g. --press 3 or --press 9,3; got "${value}"`);
  return [...keys].map((digits) => ({ kind: "press", digits }));
}

function phone(option: string, value: string): string {
  const number = value.trim();
  if (!E164_PATTERN.test(number))
    throw new UsageError(`${option} must be a phone number in E.164 form, e.g. ${DEFAULT_TO}; got "${value}"`);
  return number;
}
