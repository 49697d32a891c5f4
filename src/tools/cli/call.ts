/**
 * `npm run call -- …`: a simulated phone call against the member line, exactly as Twilio would make it.
 * See `--help`; the call itself is played by the emulator (`src/tools/emulator/`).
 */

import { StartupError } from "../../service/index.js";
import {
  type CallbackLine,
  describeMemberLine,
  endedWell,
  type Line,
  type LineDescriber,
  loadMemberLineFlow,
  openCallbackLine,
  openLine,
  openMemberLine,
  simulateCall,
} from "../emulator/index.js";
import { type CallArgs, parseCallArgs, resolveCallTime, USAGE, UsageError } from "./callArgs.js";
import { createKeypadCaller } from "./keypad.js";
import { formatEntry, formatHeader, formatOutcome, type PrintStyle } from "./printTranscript.js";

async function main(argv: readonly string[]): Promise<number> {
  let args: CallArgs;
  try {
    args = parseCallArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const out = process.stdout;
  const style: PrintStyle = {
    color: out.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb",
    width: out.isTTY ? Math.max(60, Math.min(out.columns || 100, 120)) : 100,
  };
  const interactive = args.inputs.length === 0 && process.stdin.isTTY === true;
  if (args.inputs.length === 0 && !interactive)
    process.stderr.write("No --press or --say and no terminal to type in: the caller stays silent.\n");

  let line: Line;
  let callbacks: CallbackLine | undefined;
  try {
    if (args.callback.length > 0) {
      const at = resolveAt(args);
      line = callbacks = await openCallbackLine({ outcomes: args.callback, ...(at !== undefined ? { at } : {}) });
    } else
      line =
        args.server !== undefined
          ? await openLine({ url: args.server, token: args.token, describer: tryDescriber() })
          : await openInProcess(args);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`The line cannot start.\n${error.message}\n`);
    return 1;
  }
  try {
    const transcript = await simulateCall(line, {
      to: args.to,
      from: args.from,
      inputs: args.inputs,
      confidence: args.confidence,
      dial: args.dial,
      maxTurns: args.maxTurns,
      ...(interactive ? { caller: createKeypadCaller(process.stdin, out.isTTY ? out : process.stderr) } : {}),
      onStart: (call) => out.write(`${formatHeader(call, style)}\n\n`),
      onEntry: (entry) => out.write(`${formatEntry(entry, style)}\n`),
    });
    out.write(`\n${formatOutcome(transcript.outcome, style)}\n`);
    if (callbacks) return await playCallbacks(callbacks, style);
    if (transcript.outcome.kind === "failed" && transcript.outcome.reason.includes("(403)"))
      process.stderr.write(
        "Is --token (or $TWILIO_AUTH_TOKEN) the server's, and --server the URL it believes it is called at?\n",
      );
    if (endedWell(transcript.outcome)) return 0;
    return transcript.outcome.kind === "caller-hung-up" ? 130 : 1;
  } finally {
    await line.close();
  }
}

/** The member line in this process, its clock at `--at` (the local time of the region dialed, without an offset). */
function openInProcess(args: CallArgs): Promise<Line> {
  const callFlow = loadMemberLineFlow();
  const at = resolveAt(args, callFlow);
  return openMemberLine(at === undefined ? { callFlow } : { callFlow, at });
}

/** `--at` as an instant: without an offset, the local time of the region dialed. */
function resolveAt(args: CallArgs, callFlow = loadMemberLineFlow()): number | undefined {
  return args.at === undefined ? undefined : resolveCallTime(args.at, callFlow.directory, args.to);
}

/** The call-backs the call queued: the clock moved to each, the outbound call placed and played. */
async function playCallbacks(line: CallbackLine, style: PrintStyle): Promise<number> {
  const out = process.stdout;
  const queued = await line.pending();
  if (queued.length === 0) {
    out.write("\nNo call-back was queued.\n");
    return 1;
  }
  const placed = await line.playDue((call, at) => {
    out.write(`\n── ${new Date(at).toISOString()}: the line calls the member back (${call.outcome}) ──\n`);
    if (call.transcript) {
      out.write(`The line calls ${call.to} from ${call.from}, its inbound number in the caller's region\n\n`);
      for (const entry of call.transcript.entries) out.write(`${formatEntry(entry, style)}\n`);
      out.write(`\n${formatOutcome(call.transcript.outcome, style)}\n`);
    }
  });
  const left = await line.pending();
  out.write(
    `\n${placed.length} call-back call(s) placed; ${left.length === 0 ? "nothing left queued" : `${left.length} still queued`}.\n`,
  );
  const last = placed.at(-1)?.transcript?.outcome;
  return last && endedWell(last) ? 0 : 1;
}

/** Names regions and teams of a running server from this repository's files, when they load. */
function tryDescriber(): LineDescriber | undefined {
  try {
    return describeMemberLine(loadMemberLineFlow());
  } catch {
    // Only used to name regions and teams: the call goes on without.
    return undefined;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
