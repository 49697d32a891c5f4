import { writeFileSync } from "node:fs";
import { listFullLanguages, StartupError } from "../../service/index.js";
import { checkLine, reportInvalidFiles } from "./checkLine.js";
import { diffLines } from "./diffLines.js";
import { committedExportsOf, findStaleExports } from "./findStaleExports.js";
import {
  type CheckArgs,
  type DiagramArgs,
  type DiffArgs,
  parseFlowArgs,
  type ReplayArgs,
  UsageError,
} from "./flowArgs.js";
import { USAGE } from "./flowUsage.js";
import { formatDiff, formatDiffMarkdown } from "./formatDiff.js";
import { formatFindings } from "./formatFindings.js";
import { formatReplay } from "./formatReplay.js";
import { compileLine, compileOrExplain, type Line, type LineFiles, readLineFiles, UnusableInput } from "./loadLine.js";
import { readBaseLine } from "./loadLineAt.js";
import { formatLocal, HOUR_MS } from "./localClock.js";
import { readTurnLog } from "./readTurnLog.js";
import { renderLineDiagram } from "./renderLineDiagram.js";
import { replayLog } from "./replayLog.js";
import { reviewLineFiles } from "./reviewLineFiles.js";
import { runTest } from "./runTestCommand.js";

/** Where a command reads and writes, and its clock. */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  readonly now: () => number;
}

/**
 * Runs `npm run flow -- <command> …` and returns its exit code: 0 fine, 1 findings that should block
 * (errors, or changes with `--fail-on-change`), 2 bad usage or unusable input (the message names the
 * file and the fix). Never throws for those; anything else is a bug and is thrown.
 */
export async function runFlowCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const args = parseFlowArgs(argv);
    if (args.command === "help" || args.help) {
      io.stdout.write(`${USAGE[args.command]}\n`);
      return 0;
    }
    switch (args.command) {
      case "check":
        return await runCheck(args, io);
      case "diff":
        return runDiff(args, io);
      case "replay":
        return await runReplay(args, io);
      case "diagram":
        return await runDiagram(args, io);
      case "test":
        return runTest(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE[error.command]}\n`);
      return 2;
    }
    if (error instanceof UnusableInput) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function runCheck(args: CheckArgs, io: CommandIo): Promise<number> {
  const files = `${args.flow} + ${args.directory}`;
  const review = reviewLineFiles(args.flow, args.directory);
  if (!review.source) {
    const report = reportInvalidFiles(review.errors);
    io.stdout.write(
      args.json
        ? `${JSON.stringify({ errors: report.errors, warnings: report.warnings }, null, 2)}\n`
        : formatFindings(report, { files, version: undefined, from: "" }, false),
    );
    return 1;
  }
  const line = compileLine({ label: "working tree", source: review.source });
  const from = args.from ?? io.now();
  const checked = checkLine(line, from);
  const stale = await findStaleExports(line, committedExportsOf(args.flow, args.directory, review.source.flow));
  const report = { ...checked, errors: [...checked.errors, ...stale] };
  const zone = line.callFlow.directory.regionById.get(line.callFlow.directory.unknownRegionRepresentative)?.timeZone;
  io.stdout.write(
    args.json
      ? `${JSON.stringify(
          {
            errors: report.errors,
            warnings: report.warnings,
            version: line.callFlow.version,
            from: new Date(from).toISOString(),
            explored: report.explored,
            sweep: report.whoAnswers,
          },
          null,
          2,
        )}\n`
      : formatFindings(
          report,
          {
            files,
            version: line.callFlow.version,
            from: formatLocal(Math.floor(from / HOUR_MS) * HOUR_MS, zone ?? "UTC"),
          },
          args.sweep,
        ),
  );
  return report.errors.length > 0 ? 1 : 0;
}

function runDiff(args: DiffArgs, io: CommandIo): number {
  const current = readLineFiles(args.flow, args.directory);
  const base = compileOrExplain(readBaseLine(args.base, current));
  const head = compileOrExplain(current);
  const report = diffLines(base, head, args.at ?? io.now(), args.depth);
  const output =
    args.format === "json"
      ? `${JSON.stringify(
          {
            journeys: report.journeys,
            span: report.span,
            changed: report.changed,
            base: report.base,
            head: report.head,
            groups: report.groups,
          },
          null,
          2,
        )}\n`
      : args.format === "markdown"
        ? formatDiffMarkdown(report)
        : formatDiff(report);
  io.stdout.write(output);
  return args.failOnChange && report.changed.length > 0 ? 1 : 0;
}

async function runReplay(args: ReplayArgs, io: CommandIo): Promise<number> {
  const current = readLineFiles(args.flow, args.directory);
  const line = compileOrExplain(current);
  const log = await readTurnLog(args.logs, io.stdin);
  const known = [line, ...loggedBy(args.base, current)];
  const report = replayLog(log.turns, line, known);
  io.stdout.write(
    args.json
      ? `${JSON.stringify(
          {
            calls: report.calls,
            replayed: report.replayed,
            skipped: report.skipped,
            changed: report.changed,
            counts: report.counts,
            skips: report.skips,
            versions: report.versions,
            line: report.line,
            otherLines: log.otherLines,
            longLines: log.longLines,
          },
          null,
          2,
        )}\n`
      : formatReplay(report, log.longLines),
  );
  return args.failOnChange && report.changed.length > 0 ? 1 : 0;
}

async function runDiagram(args: DiagramArgs, io: CommandIo): Promise<number> {
  const line = compileOrExplain(readLineFiles(args.flow, args.directory));
  const { flow, directory } = line.callFlow;
  if (args.region !== undefined && !directory.regionById.has(args.region))
    throw new UsageError(
      `--region ${args.region} is not a region of ${directory.file}: choose one of ${[...directory.regionById.keys()].join(", ")}`,
      "diagram",
    );
  const full = listFullLanguages(flow);
  if (args.language !== undefined && !full.includes(args.language))
    throw new UsageError(
      `--language ${args.language} ${Object.hasOwn(flow.languages, args.language) ? "is an interpreter language (its callers hear no menu of the flow)" : `is not a language of ${args.flow}`}: choose one of ${full.join(", ")}`,
      "diagram",
    );
  const text = await renderLineDiagram(line, {
    format: args.format,
    ...(args.region === undefined ? {} : { region: args.region }),
    ...(args.language === undefined ? {} : { language: args.language }),
  });
  if (args.out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(args.out, text);
  } catch (error) {
    throw new UnusableInput(`${args.out}: cannot be written (${(error as Error).message}). Check the path.`);
  }
  io.stdout.write(`Wrote ${args.out} (${args.format}).\n`);
  return 0;
}

/**
 * The lines that may have logged the calls, for their numbers: `--base` when given (it must load), else
 * the line at HEAD when there is one (quietly none outside a repository).
 */
function loggedBy(base: string | undefined, current: LineFiles): Line[] {
  if (base !== undefined) return [compileOrExplain(readBaseLine(base, current))];
  try {
    return [compileLine(readBaseLine("HEAD", current))];
  } catch (error) {
    if (error instanceof UnusableInput || error instanceof StartupError) return [];
    throw error;
  }
}
