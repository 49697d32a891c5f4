import { parseArgs } from "node:util";
import { LINE_FILES } from "../../service/index.js";
import { PUBLISH_COMMANDS } from "./publish/publishArgs.js";
import { DIAGRAM_EXTENSIONS, DIAGRAM_FORMATS, type DiagramFormat } from "./renderLineDiagram.js";

/**
 * A command line that cannot be run; the message says what to change, and the help of `command` (the
 * overview when none) follows it. The command exits with 2.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly command: keyof typeof USAGE = "help",
  ) {
    super(message);
  }
}

/** What every command reads. */
interface CommonArgs {
  readonly help: boolean;
  readonly flow: string;
  readonly directory: string;
  readonly json: boolean;
}

/** `npm run flow -- check`. */
export interface CheckArgs extends CommonArgs {
  readonly command: "check";
  /** Start of the twelve months swept, epoch ms. */
  readonly from: number | undefined;
  /** Print who answers each key of each region over the year. */
  readonly sweep: boolean;
}

/** `npm run flow -- diff`. */
export interface DiffArgs extends CommonArgs {
  readonly command: "diff";
  readonly base: string;
  readonly failOnChange: boolean;
  readonly format: "text" | "markdown" | "json";
  /** Start of the twelve months compared, epoch ms. */
  readonly at: number | undefined;
  readonly depth: number | undefined;
}

/** `npm run flow -- replay`. */
export interface ReplayArgs extends CommonArgs {
  readonly command: "replay";
  readonly logs: readonly string[];
  /** A line that may have logged the calls (for the numbers they dialed), when given. */
  readonly base: string | undefined;
  readonly failOnChange: boolean;
}

/** `npm run flow -- diagram`. */
export interface DiagramArgs extends CommonArgs {
  readonly command: "diagram";
  readonly format: DiagramFormat;
  /** Draw this region's numbers and hours, and only what its callers can reach. */
  readonly region: string | undefined;
  /** Draw only the options offered in this full language, named in it. */
  readonly language: string | undefined;
  /** Write the diagram to this file instead of standard output. */
  readonly out: string | undefined;
}

/** `npm run flow -- test`. */
export interface TestArgs extends CommonArgs {
  readonly command: "test";
  /** The cases file (default: beside the flow, `flows/member-line.cases.json`). */
  readonly cases: string | undefined;
  /** Write what each case gets as its expectation instead of testing. */
  readonly update: boolean;
}

/** The parsed command line, or a request for the overview. */
export type FlowArgs = CheckArgs | DiffArgs | ReplayArgs | DiagramArgs | TestArgs | { readonly command: "help" };

import { COMMANDS, type USAGE } from "./flowUsage.js";

/** Parses `npm run flow -- …` (argv without node and the script). Throws a `UsageError` when it cannot be run. */
export function parseFlowArgs(argv: readonly string[]): FlowArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h")
    return { command: "help" };
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`unknown command "${command}": use ${[...COMMANDS, ...PUBLISH_COMMANDS].join(", ")}`);
  const known = command as (typeof COMMANDS)[number];
  try {
    return parseCommand(known, rest);
  } catch (error) {
    // Bad options of a command: its own help follows the message.
    if (error instanceof UsageError || isParseArgsError(error)) throw new UsageError((error as Error).message, known);
    throw error;
  }
}

/** An error of `node:util`'s `parseArgs`: an unknown option, a value missing, an argument not expected. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

/** The options of one command. */
function parseCommand(command: (typeof COMMANDS)[number], rest: readonly string[]): FlowArgs {
  const { values, positionals } = parse(rest, command === "replay");
  const common: CommonArgs = {
    help: values.help === true,
    flow: values.flow ?? LINE_FILES.flow,
    directory: values.directory ?? LINE_FILES.directory,
    json: values.json === true,
  };
  const only = (names: readonly (keyof typeof values)[]) => {
    for (const name of Object.keys(values) as (keyof typeof values)[])
      if (!["help", "flow", "directory", "json", ...names].includes(name))
        throw new UsageError(`--${name} is not an option of ${command}; see npm run flow -- ${command} --help`);
  };
  switch (command) {
    case "check":
      only(["from", "sweep"]);
      return { ...common, command, from: dateOf(values.from, "--from"), sweep: values.sweep === true };
    case "diff": {
      only(["base", "fail-on-change", "format", "at", "depth"]);
      const format = values.format ?? (common.json ? "json" : "text");
      if (format !== "text" && format !== "markdown" && format !== "json")
        throw new UsageError(`--format ${format}: use text, markdown or json`);
      return {
        ...common,
        json: format === "json",
        command,
        base: baseOf(values.base) ?? "HEAD",
        failOnChange: values["fail-on-change"] === true,
        format,
        at: dateOf(values.at, "--at"),
        depth: countOf(values.depth, "--depth"),
      };
    }
    case "diagram": {
      only(["format", "region", "language", "out"]);
      const format = diagramFormatOf(values.format, values.out, common.json);
      return {
        ...common,
        json: format === "json",
        command,
        format,
        region: values.region,
        language: values.language,
        out: values.out,
      };
    }
    case "test":
      only(["cases", "update"]);
      return { ...common, command, cases: values.cases, update: values.update === true };
    default:
      only(["base", "fail-on-change"]);
      if (positionals.length === 0 && !common.help)
        throw new UsageError("replay needs at least one LOGFILE (or - for standard input)");
      return {
        ...common,
        command: "replay",
        logs: positionals,
        base: baseOf(values.base),
        failOnChange: values["fail-on-change"] === true,
      };
  }
}

function parse(args: readonly string[], positionals: boolean) {
  return parseArgs({
    args: [...args],
    allowPositionals: positionals,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      flow: { type: "string" },
      directory: { type: "string" },
      json: { type: "boolean" },
      from: { type: "string" },
      sweep: { type: "boolean" },
      base: { type: "string" },
      "fail-on-change": { type: "boolean" },
      format: { type: "string" },
      at: { type: "string" },
      depth: { type: "string" },
      region: { type: "string" },
      language: { type: "string" },
      out: { type: "string" },
      cases: { type: "string" },
      update: { type: "boolean" },
    },
  });
}

/** The diagram's format: `--format`, else `--json`, else the extension of `--out`, else SVG. */
function diagramFormatOf(given: string | undefined, out: string | undefined, json: boolean): DiagramFormat {
  const byExtension = (Object.keys(DIAGRAM_EXTENSIONS) as DiagramFormat[]).find((f) =>
    out?.toLowerCase().endsWith(DIAGRAM_EXTENSIONS[f]),
  );
  const format = given ?? (json ? "json" : (byExtension ?? "svg"));
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format ${format}: use ${DIAGRAM_FORMATS.join(", ")}`);
  const chosen = format as DiagramFormat;
  if (out !== undefined && byExtension !== undefined && byExtension !== chosen)
    throw new UsageError(
      `--out ${out} names a ${byExtension} file but the format is ${chosen}: give --format ${byExtension}, or name the file …${DIAGRAM_EXTENSIONS[chosen]}`,
    );
  return chosen;
}

/** `--base`: a revision, or files; one starting with "-" would reach git as an option, and is refused. */
function baseOf(value: string | undefined): string | undefined {
  if (value?.startsWith("-"))
    throw new UsageError(
      `--base ${value}: a revision or file never starts with -; give a revision (e.g. HEAD~1) or files (./FILE)`,
    );
  return value;
}

function dateOf(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new UsageError(`${flag} ${value}: give a date or time in ISO 8601, e.g. 2026-12-02T10:00:00-08:00`);
  return at;
}

function countOf(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new UsageError(`${flag} ${value}: give a whole number from 1 to 8`);
  return n;
}
