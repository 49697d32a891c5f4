/**
 * `npm run traffic -- --calls 5000 --days 7 --seed 1 > traffic.log`: drives the real line in this process
 * with simulated callers over simulated days and writes its log (the event records) to stdout. Progress and
 * a summary go to stderr.
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { createLogger } from "../../../service/index.js";
import { loadMemberLineFlow } from "../../emulator/index.js";
import { DEFAULT_START, planTraffic } from "./planTraffic.js";
import { runTraffic } from "./runTraffic.js";
import { startTrafficLine } from "./startTrafficLine.js";

const USAGE = `Usage: npm run traffic -- [--calls 5000] [--days 7] [--seed 1] [--start ${DEFAULT_START}] > traffic.log

Places simulated calls against the real line (signed webhooks, in this process, with a simulated clock)
and writes the line's log to stdout. FLOW_FILE and DIRECTORY_FILE choose the flow and directory;
ANALYTICS_SALT the secret of the caller keys (derived from the seed when unset: simulated data only).
`;

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "5000" },
    days: { type: "string", default: "7" },
    seed: { type: "string", default: "1" },
    start: { type: "string", default: DEFAULT_START },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stderr.write(USAGE);
  process.exit(0);
}
const calls = Number(values.calls);
const days = Number(values.days);
if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(days) || days < 1 || days > 366) {
  process.stderr.write(`traffic: --calls and --days must be whole numbers (days 1 to 366)\n\n${USAGE}`);
  process.exit(2);
}

const callFlow = loadMemberLineFlow();
const analyticsSalt =
  process.env.ANALYTICS_SALT ??
  createHash("sha256").update(`member-line simulated traffic ${values.seed}`).digest("hex");
let planned: ReturnType<typeof planTraffic>;
try {
  planned = planTraffic(callFlow, { calls, days, seed: values.seed, start: values.start });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const logger = createLogger("info", process.stdout);
const line = await startTrafficLine({ callFlow, logger, analyticsSalt });
const started = performance.now();
try {
  // On a terminal the progress rewrites one line; in a file or a pipe each report is a line of its own.
  const [before, after] = process.stderr.isTTY ? ["\r", ""] : ["", "\n"];
  const summary = await runTraffic(line, planned, (done) => {
    if (done % 500 === 0 || done === planned.length)
      process.stderr.write(`${before}${done} / ${planned.length} calls${after}`);
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `${process.stderr.isTTY ? "\n" : ""}${summary.calls} calls (${summary.requests} webhook requests) in ${seconds.toFixed(1)} s: ` +
      `${summary.outcomes.transferred} transferred, ${summary.outcomes.goodbye} goodbye, ` +
      `${summary.outcomes["caller-hung-up"]} hung up, ${summary.outcomes.failed} failed\n`,
  );
  for (const failure of summary.failures) process.stderr.write(`  failed: ${failure}\n`);
  if (summary.outcomes.failed > 0) process.exitCode = 1;
} finally {
  await line.close();
}
