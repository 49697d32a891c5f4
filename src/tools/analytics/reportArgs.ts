import { parseArgs } from "node:util";

/** What `npm run report` was asked to do. */
export interface ReportArgs {
  /** Log files; `-` is standard input. */
  readonly files: readonly string[];
  /** Count calls that started at or after this instant (epoch ms). */
  readonly from: number | undefined;
  /** Count calls that started before this instant (epoch ms); a date alone includes that whole day. */
  readonly to: number | undefined;
  /** Where to write the HTML report; undefined when only `--json` is asked for. */
  readonly out: string | undefined;
  readonly json: boolean;
  readonly help: boolean;
}

/** How to call the report. */
export const REPORT_USAGE = `Usage: npm run report -- LOGFILE... [--from DATE] [--to DATE] [--out report.html] [--json]

Reads the line's logs (files, - for standard input, gzip or plain) and reports what callers did.
  --from DATE   count calls that started on or after DATE (YYYY-MM-DD, UTC, or an ISO 8601 time)
  --to DATE     count calls that started up to DATE (a date alone includes that day)
  --out FILE    write the HTML report there (default report.html unless --json is given)
  --json        print the figures as JSON on standard output
FLOW_FILE and DIRECTORY_FILE name the flow and directory the flow diagram is drawn from.
`;

/** Parses the command line; throws an Error saying what is wrong (with the usage) on a bad one. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const help = values.help ?? false;
  if (!help && positionals.length === 0)
    throw new Error(`report: name at least one log file (or - for standard input)\n\n${REPORT_USAGE}`);
  const json = values.json ?? false;
  return {
    files: positionals,
    from: values.from === undefined ? undefined : parseDate("--from", values.from, false),
    to: values.to === undefined ? undefined : parseDate("--to", values.to, true),
    out: values.out ?? (json ? undefined : "report.html"),
    json,
    help,
  };
}

function parseDate(flag: string, text: string, endOfDay: boolean): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const at = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at)) throw new Error(`report: ${flag} "${text}" is not a date; use YYYY-MM-DD or an ISO 8601 time`);
  return dateOnly && endOfDay ? at + 86_400_000 : at;
}
