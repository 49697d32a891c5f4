/**
 * `npm run call -- …`: a simulated phone call against the member line, exactly as Twilio would make it.
 * See `--help`, and `simulateCall.ts` for how the call is played.
 */
import { StartupError } from "../errors.js";
import { type CallArgs, parseCallArgs, USAGE, UsageError } from "./callArgs.js";
import { keypadCaller } from "./keypad.js";
import { formatEntry, formatHeader, formatOutcome, type PrintStyle } from "./printTranscript.js";
import { endedWell, simulateCall } from "./simulateCall.js";

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

  try {
    const transcript = await simulateCall({
      to: args.to,
      from: args.from,
      inputs: args.inputs,
      confidence: args.confidence,
      dial: args.dial,
      maxTurns: args.maxTurns,
      ...(args.at !== undefined ? { at: args.at } : {}),
      ...(args.server !== undefined ? { server: { url: args.server, token: args.token } } : {}),
      ...(interactive ? { caller: keypadCaller(process.stdin, out.isTTY ? out : process.stderr) } : {}),
      onStart: (call) => out.write(`${formatHeader(call, style)}\n\n`),
      onEntry: (entry) => out.write(`${formatEntry(entry, style)}\n`),
    });
    out.write(`\n${formatOutcome(transcript.outcome, style)}\n`);
    if (endedWell(transcript.outcome)) return 0;
    return transcript.outcome.kind === "caller-hung-up" ? 130 : 1;
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`The line cannot start.\n${error.message}\n`);
    return 1;
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
