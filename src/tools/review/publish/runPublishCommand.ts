import type { Publication, PublishedLines, PublishOutcome } from "../../../service/index.js";
import { assertNever, openPublishedLines, readPublishSettings, StartupError } from "../../../service/index.js";
import { checkLine, reportInvalidFiles } from "../checkLine.js";
import { formatFindings } from "../formatFindings.js";
import { compileLine, type Line, UnusableInput } from "../loadLine.js";
import { reviewLineFiles } from "../reviewLineFiles.js";
import type { CommandIo } from "../runFlowCommand.js";
import { formatHistory, formatPublished } from "./formatHistory.js";
import {
  isPublishCommand,
  PUBLISH_USAGE,
  type PublishArgs,
  PublishUsageError,
  parsePublishArgs,
} from "./publishArgs.js";
import { summarizeChange } from "./summarizeChange.js";

/** Where the publishing commands run: the flow command's input and output, and the environment. */
export interface PublishIo extends CommandIo {
  readonly env: NodeJS.ProcessEnv;
  /** Opens the published line; defaults to the Redis the environment names (tests give their own prefix). */
  readonly open?: (env: NodeJS.ProcessEnv) => PublishedLines;
}

/** A command that could not run for a reason outside the line (Redis unreachable); exits with 2. */
class Unreachable extends Error {}

/**
 * Runs `npm run flow -- publish|history|rollback …` and returns its exit code: 0 done, 1 refused (check
 * errors, another publication came first, nothing to roll back to), 2 bad usage, unusable files or Redis
 * unreachable. Never throws for those.
 */
export async function runPublishCommand(argv: readonly string[], io: PublishIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!isPublishCommand(command)) throw new Error(`${command} is not a publishing command`);
  let published: PublishedLines | undefined;
  try {
    const args = parsePublishArgs(command, rest);
    if (args.help) {
      io.stdout.write(`${PUBLISH_USAGE[command]}\n`);
      return 0;
    }
    // The line is checked before Redis is asked anything: a line with errors is refused even offline.
    const line = args.command === "publish" ? checkedLine(args, io) : undefined;
    if (line === null) return 1;
    published = (io.open ?? ((env) => openPublishedLines(readPublishSettings(env))))(io.env);
    await waitForRedis(published);
    switch (args.command) {
      case "publish":
        return await publish(published, args, line as Line, io);
      case "history":
        return await showHistory(published, args.json, io);
      case "rollback":
        return await rollback(published, args, io);
      default:
        return assertNever(args);
    }
  } catch (error) {
    if (error instanceof PublishUsageError) {
      io.stderr.write(`${error.message}\n\n${PUBLISH_USAGE[error.command]}\n`);
      return 2;
    }
    if (error instanceof UnusableInput || error instanceof StartupError || error instanceof Unreachable) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await published?.close();
  }
}

/** The working tree's line when `check` finds no error; null (the findings written) when it does. */
function checkedLine(args: Extract<PublishArgs, { command: "publish" }>, io: PublishIo): Line | null {
  const files = `${args.flow} + ${args.directory}`;
  const review = reviewLineFiles(args.flow, args.directory);
  if (!review.source) {
    io.stdout.write(formatFindings(reportInvalidFiles(review.errors), { files, version: undefined, from: "" }, false));
    io.stderr.write("Not published: the files do not load. Fix the errors above (npm run flow -- check).\n");
    return null;
  }
  const line = compileLine({ label: "working tree", source: review.source });
  const report = checkLine(line, io.now());
  if (report.errors.length === 0) {
    const warnings = report.warnings.length;
    if (!args.json)
      io.stdout.write(
        `Checked ${files} (version ${line.callFlow.version}): no errors${warnings > 0 ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"} to read (npm run flow -- check)` : ""}.\n`,
      );
    return line;
  }
  const from = new Date(io.now()).toISOString();
  io.stdout.write(formatFindings(report, { files, version: line.callFlow.version, from }, false));
  io.stderr.write(
    `Not published: check found ${report.errors.length} ${report.errors.length === 1 ? "error" : "errors"}. Fix them (npm run flow -- check) and publish again.\n`,
  );
  return null;
}

async function publish(
  published: PublishedLines,
  args: Extract<PublishArgs, { command: "publish" }>,
  line: Line,
  io: PublishIo,
): Promise<number> {
  const current = await published.current();
  const version = line.callFlow.version;
  if (current?.version === version) {
    io.stdout.write(
      `Version ${version} is already the published line (${current.kind} by ${current.by} at ${current.at}).\n`,
    );
    return 0;
  }
  const before = current ? await publishedLine(published, current.version) : undefined;
  const entry: Publication = {
    version,
    kind: "publish",
    at: new Date(io.now()).toISOString(),
    by: args.by,
    message: args.message,
    summary: before
      ? summarizeChange(before, line, io.now())
      : "first publication: every instance leaves its files for this line",
    replaced: current?.version ?? null,
  };
  const source = line.callFlow.source;
  if (!source) throw new Error("a line read from files has its source");
  return answer(await published.publish(entry, source, current?.version ?? null), entry, args.json, io);
}

async function rollback(
  published: PublishedLines,
  args: Extract<PublishArgs, { command: "rollback" }>,
  io: PublishIo,
): Promise<number> {
  const [current, history] = await Promise.all([published.current(), published.history()]);
  const last = history.find((p) => p.kind === "publish");
  if (!current || !last) {
    io.stderr.write("Nothing to roll back: nothing was published (npm run flow -- history).\n");
    return 1;
  }
  const target = last.replaced;
  if (target === null) {
    io.stderr.write(
      `Nothing to roll back to: the last publication (${last.version} by ${last.by} at ${last.at}) was the first, it replaced no published version. Publish the line you want instead.\n`,
    );
    return 1;
  }
  if (current.version === target) {
    io.stderr.write(
      `Already rolled back: ${target}, the version the last publication replaced, is current (${current.kind} by ${current.by} at ${current.at}).\n`,
    );
    return 1;
  }
  const [from, to] = await Promise.all([publishedLine(published, current.version), publishedLine(published, target)]);
  const entry: Publication = {
    version: target,
    kind: "rollback",
    at: new Date(io.now()).toISOString(),
    by: args.by,
    message: args.message,
    summary: summarizeChange(from, to, io.now()),
    replaced: current.version,
  };
  return answer(await published.publish(entry, undefined, current.version), entry, args.json, io);
}

async function showHistory(published: PublishedLines, json: boolean, io: PublishIo): Promise<number> {
  const [current, publications] = await Promise.all([published.current(), published.history()]);
  io.stdout.write(
    json
      ? `${JSON.stringify({ current: current?.version ?? null, publications }, null, 2)}\n`
      : formatHistory(publications, current?.version ?? null),
  );
  return 0;
}

/** Says what a publication or rollback did; 0 done, 1 refused. */
function answer(outcome: PublishOutcome, entry: Publication, json: boolean, io: PublishIo): number {
  if (outcome.ok) {
    io.stdout.write(json ? `${JSON.stringify(entry, null, 2)}\n` : formatPublished(entry));
    return 0;
  }
  io.stderr.write(
    outcome.reason === "gone"
      ? `Not done: the files of version ${entry.version} are no longer in Redis. Publish the line you want instead.\n`
      : `Not done: the published line changed meanwhile (now ${outcome.current ?? "nothing"}). See npm run flow -- history, then run the command again.\n`,
  );
  return 1;
}

/** A published version, compiled; unusable when its files are gone or no longer compile. */
async function publishedLine(published: PublishedLines, version: string): Promise<Line> {
  const source = await published.sourceOf(version);
  if (!source) throw new UnusableInput(`The files of published version ${version} are no longer in Redis.`);
  try {
    return compileLine({ label: `published ${version}`, source });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    throw new UnusableInput(`Published version ${version} does not compile with this code:\n${error.message}`);
  }
}

/** Waits up to 3 s for Redis to answer; `Unreachable` with the cause when it does not. */
async function waitForRedis(published: PublishedLines): Promise<void> {
  const until = Date.now() + 3_000;
  for (;;) {
    try {
      await published.ping();
      return;
    } catch (error) {
      if (Date.now() > until)
        throw new Unreachable(
          `Cannot reach Redis (${(error as Error).message}): nothing was changed. Check REDIS_URL and that Redis is up.`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
