import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { LINE_FILES } from "../../../service/index.js";

/** The commands that change or show the line every instance serves. */
export const PUBLISH_COMMANDS = ["publish", "history", "rollback"] as const;

/** One of `PUBLISH_COMMANDS`. */
export type PublishCommand = (typeof PUBLISH_COMMANDS)[number];

/** Whether `word` names one of the publishing commands. */
export function isPublishCommand(word: string | undefined): word is PublishCommand {
  return (PUBLISH_COMMANDS as readonly string[]).includes(word ?? "");
}

/** A publishing command line, parsed. */
export type PublishArgs =
  | {
      readonly command: "publish";
      readonly help: boolean;
      readonly flow: string;
      readonly directory: string;
      readonly by: string;
      readonly message: string;
      readonly json: boolean;
    }
  | { readonly command: "history"; readonly help: boolean; readonly json: boolean }
  | {
      readonly command: "rollback";
      readonly help: boolean;
      readonly by: string;
      readonly message: string;
      readonly json: boolean;
    };

/** A publishing command line that cannot be run; its help follows the message, and it exits with 2. */
export class PublishUsageError extends Error {
  override readonly name = "PublishUsageError";
  constructor(
    message: string,
    readonly command: PublishCommand,
  ) {
    super(message);
  }
}

const REDIS = `Reads REDIS_URL (or REDIS_SENTINELS with REDIS_SENTINEL_MASTER, and REDIS_PASSWORD) as the service
does: the Redis every instance shares.`;

/** Help of each publishing command. */
export const PUBLISH_USAGE: Readonly<Record<PublishCommand, string>> = {
  publish: `Publishes the working tree's line to every instance: checks it (errors refuse it, as check names
them), compares it with the published version (one line of the diff goes in the history), stores it in
Redis and makes it the line every instance serves to new calls within 5 seconds. Calls in progress finish
on their version. While a line is published, an instance's files (SIGHUP, RELOAD_ON_CHANGE) are not read.

Usage: npm run flow -- publish [--by NAME] [--message TEXT] [options]

  --by NAME          who publishes (default: your login)
  --message TEXT     why, for the history
  --flow FILE        the flow (default ${LINE_FILES.flow})
  --directory FILE   the directory (default ${LINE_FILES.directory})
  --json             the publication as JSON on stdout

${REDIS}
Exit code: 0 published (or already current), 1 refused (check errors, or another publication came first),
2 bad usage, unreadable files or Redis unreachable.`,
  history: `Lists every publication, newest first: version, time, kind (publish, rollback, or restore: an instance
put the line back after Redis lost it), who, message and what changed for callers. * marks the current one.

Usage: npm run flow -- history [--json]

  --json             {"current": VERSION or null, "publications": [...]} on stdout

${REDIS}`,
  rollback: `Makes the version the last publication replaced current again, on every instance within 5 seconds (calls
in progress finish on their version). Recorded in the history as a rollback.

Usage: npm run flow -- rollback [--by NAME] [--message TEXT] [--json]

  --by NAME          who rolls back (default: your login)
  --message TEXT     why, for the history

${REDIS}
Exit code: 0 rolled back, 1 nothing to roll back to, 2 bad usage or Redis unreachable.`,
};

/** Parses `npm run flow -- publish|history|rollback …`. Throws a `PublishUsageError` when it cannot be run. */
export function parsePublishArgs(command: PublishCommand, rest: readonly string[]): PublishArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        json: { type: "boolean" },
        by: { type: "string" },
        message: { type: "string" },
        flow: { type: "string" },
        directory: { type: "string" },
      },
    }));
  } catch (error) {
    throw new PublishUsageError((error as Error).message, command);
  }
  const allowed = { publish: ["by", "message", "flow", "directory"], history: [], rollback: ["by", "message"] }[
    command
  ];
  for (const name of Object.keys(values))
    if (!["help", "json", ...allowed].includes(name))
      throw new PublishUsageError(
        `--${name} is not an option of ${command}; see npm run flow -- ${command} --help`,
        command,
      );
  const common = { help: values.help === true, json: values.json === true };
  if (command === "history") return { command, ...common };
  const by = textOf(values.by, "--by", command) ?? defaultName();
  const message = textOf(values.message, "--message", command) ?? "";
  if (command === "rollback") return { command, ...common, by, message };
  return {
    command,
    ...common,
    by,
    message,
    flow: typeof values.flow === "string" ? values.flow : LINE_FILES.flow,
    directory: typeof values.directory === "string" ? values.directory : LINE_FILES.directory,
  };
}

/** A free-text option: one line, at most 200 characters. */
function textOf(value: string | boolean | undefined, flag: string, command: PublishCommand): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "" || text.length > 200 || /[\r\n]/.test(text))
    throw new PublishUsageError(`${flag}: give one line of 1 to 200 characters`, command);
  return text;
}

/** Who runs the command, when `--by` is not given. */
function defaultName(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return process.env.USER ?? "unknown";
  }
}
