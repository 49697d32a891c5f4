/**
 * How fast `npm run report` reads a long log, and in how much memory.
 *
 *   npm run bench:report [-- --lines 1000000] [--calls 2000] [--seed 1] [--log traffic.log] [--keep]
 *
 * Makes simulated traffic (or reads `--log`), then writes a log of `--lines` event lines by replicating it:
 * each copy with new Call SIDs and caller keys, moved on in time by the traffic's days plus one (so the log
 * spans years, as a long-lived line's would, and no call of one copy overlaps another). A log of a quarter
 * of the lines is written too. Each is then reported (read, aggregated, JSON and the HTML page, as
 * `npm run report -- LOG --json --out FILE` does) in a fresh Node process, which prints its time and peak
 * RSS; memory that does not grow with the log is the point of streaming. The whole log is reported once
 * more with V8's heap capped at 64 MB: it would fail if the report held the log.
 */
import { execFile } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LINE_FILES, loadCallFlow } from "../src/service/index.js";
import { createReportBuilder } from "../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../src/tools/analytics/renderReportHtml.js";
import { buildFlowGraph } from "../src/tools/diagram/buildFlowGraph.js";
import { readLogLines } from "../src/tools/logs/readLogLines.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const callFlow = () => loadCallFlow(LINE_FILES.flow, LINE_FILES.directory);

/** What one measured report run took. */
interface Measured {
  readonly lines: number;
  readonly calls: number;
  readonly readAndAggregateSeconds: number;
  readonly pageSeconds: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
}

if (args[0] === "--measure") {
  // The child: report one file, as the command does, and say how it went.
  const file = args[1] as string;
  const started = performance.now();
  const builder = createReportBuilder({ graph: buildFlowGraph(callFlow()) });
  for await (const line of readLogLines([file])) builder.addLine(line);
  const report = builder.finish();
  const json = JSON.stringify(report, null, 2);
  const aggregated = performance.now();
  const html = await renderReportHtml(report, { callFlow: callFlow(), sources: [file] });
  const done = performance.now();
  const measured: Measured = {
    lines: report.lines.read,
    calls: report.calls,
    readAndAggregateSeconds: round((aggregated - started) / 1000),
    pageSeconds: round((done - aggregated) / 1000),
    seconds: round((done - started) / 1000),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1024 / 1024),
  };
  if (json.length === 0 || html.length === 0) throw new Error("empty report");
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  const lines = Number(option("lines", "1000000"));
  const calls = Number(option("calls", "2000"));
  const days = 7;
  const source = await sourceLines(option("log", ""), calls, days, option("seed", "1"));
  const dir = mkdtempSync(join(tmpdir(), "member-line-bench-"));
  try {
    const big = join(dir, "big.log");
    const quarter = join(dir, "quarter.log");
    const madeStarted = performance.now();
    await writeReplicated(source, lines, (days + 1) * 86_400_000, big, quarter);
    process.stderr.write(
      `wrote ${lines.toLocaleString("en-US")} lines (${(statSync(big).size / 1e6).toFixed(0)} MB) from ${source.length.toLocaleString("en-US")} traffic lines in ${((performance.now() - madeStarted) / 1000).toFixed(1)} s\n`,
    );
    const results: Array<Measured & { wallSeconds: number; heap: string }> = [];
    for (const [file, heap] of [
      [quarter, ""],
      [big, ""],
      [big, "64"],
    ] as const) {
      const wallStarted = performance.now();
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [...(heap ? [`--max-old-space-size=${heap}`] : []), "--import", "tsx", "bench/report.ts", "--measure", file],
        { maxBuffer: 1024 * 1024 },
      );
      const measured = JSON.parse(stdout) as Measured;
      results.push({
        ...measured,
        wallSeconds: round((performance.now() - wallStarted) / 1000),
        heap: heap ? `${heap} MB` : "default",
      });
    }
    process.stdout.write(
      [
        "| lines | calls | V8 heap limit | read + aggregate | page (charts, flow) | total in process | wall (with start-up) | peak RSS | heap used at the end |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        ...results.map(
          (r) =>
            `| ${r.lines.toLocaleString("en-US")} | ${r.calls.toLocaleString("en-US")} | ${r.heap} | ${r.readAndAggregateSeconds} s | ${r.pageSeconds} s | ${r.seconds} s | ${r.wallSeconds} s | ${r.peakRssMb} MB | ${r.heapUsedMb} MB |`,
        ),
        "",
      ].join("\n"),
    );
    if (results.some((r) => r.lines >= 1_000_000 && r.wallSeconds >= 30)) process.exitCode = 1;
  } finally {
    if (args.includes("--keep")) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The event lines to replicate: a log given, or simulated traffic made now. */
async function sourceLines(log: string, calls: number, days: number, seed: string): Promise<string[]> {
  const lines: string[] = [];
  if (log) {
    for await (const line of readLogLines([log])) if (line.includes('"v":1')) lines.push(line);
    return lines;
  }
  const flow = callFlow();
  const sink = {
    write(chunk: string) {
      for (const line of chunk.split("\n")) if (line) lines.push(line);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  // Loaded here, not at the top: the measured child reports a log and should not hold the app in its heap.
  const { planTraffic } = await import("../src/tools/analytics/traffic/planTraffic.js");
  const { runTraffic } = await import("../src/tools/analytics/traffic/runTraffic.js");
  const { startTrafficLine } = await import("../src/tools/analytics/traffic/startTrafficLine.js");
  const { createLogger } = await import("../src/service/index.js");
  const line = await startTrafficLine({ callFlow: flow, logger: createLogger("info", sink), analyticsSalt: "bench" });
  try {
    await runTraffic(line, planTraffic(flow, { calls, days, seed }));
  } finally {
    await line.close();
  }
  return lines;
}

/** Writes `total` lines: copies of `source`, each with new Call SIDs and caller keys, `shiftMs` later than the last. */
async function writeReplicated(
  source: readonly string[],
  total: number,
  shiftMs: number,
  file: string,
  quarterFile: string,
): Promise<void> {
  const out = createWriteStream(file);
  const quarter = createWriteStream(quarterFile);
  const write = (stream: NodeJS.WritableStream, text: string) =>
    stream.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  let written = 0;
  for (let copy = 0; written < total; copy++) {
    const tag = copy.toString(16).padStart(8, "0");
    const shift = copy * shiftMs;
    const chunk: string[] = [];
    for (const line of source) {
      if (written + chunk.length >= total) break;
      chunk.push(
        line
          .replace(/"callSid":"CA([0-9a-f]{8})/, `"callSid":"CA${tag}`)
          .replace(/"callerKey":"([0-9a-f]{8})/, `"callerKey":"${tag}`)
          .replace(/"time":(\d+)/, (_m, t: string) => `"time":${Number(t) + shift}`),
      );
    }
    const text = `${chunk.join("\n")}\n`;
    await write(out, text);
    if (written < total / 4) {
      const room = Math.ceil(total / 4) - written;
      await write(quarter, `${chunk.slice(0, room).join("\n")}\n`);
    }
    written += chunk.length;
  }
  await Promise.all([new Promise((resolve) => out.end(resolve)), new Promise((resolve) => quarter.end(resolve))]);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
