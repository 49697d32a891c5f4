/** The help of `npm run flow`: the overview, and each command's options. */
import { LINE_FILES } from "../../service/index.js";

/** The commands, for the overview and for telling a typo apart. */
export const COMMANDS = ["check", "diff", "replay", "diagram", "test"] as const;

const COMMON_USAGE = `Options for every command:
  --flow FILE        the flow (default ${LINE_FILES.flow})
  --directory FILE   the directory (default ${LINE_FILES.directory})
  --json             machine-readable output on stdout
  -h, --help         this help

Exit code: 0 fine, 1 findings that should block, 2 bad usage or unreadable input.`;

/** Help, per command and for the overview. */
export const USAGE: Readonly<Record<(typeof COMMANDS)[number] | "help", string>> = {
  help: `Review a change to the line before callers hear it.

Usage: npm run flow -- <command> [options]

  check     prove the line's rules on the compiled flow: every region, language and hour of the next 12 months
  diff      which callers would end up somewhere else, compared with a git revision or other files
  replay    yesterday's calls, from the service's turn log, against this line
  diagram   draw the flow: SVG, Mermaid (for a pull request) or Graphviz DOT
  test      run the line's own cases (flows/member-line.cases.json): where each journey must end
  publish   check the line and make it the one every instance serves to new calls (needs REDIS_URL)
  history   every publication: version, time, who, message and what changed
  rollback  make the version the last publication replaced current again

Run npm run flow -- <command> --help for a command's options.

${COMMON_USAGE}`,
  check: `Names every problem of the flow and the directory in one run, each once (a JSON syntax error with its
line and column), then proves the line's rules on the compiled flow, for every region (and a number no
region owns), every language and every hour of the next 12 months. Errors block: a state no call reaches, a
call that never ends, a menu without 0 for a person, a full language's greeting without 911 or 711,
behavioral health before the 988 notice, an option missing in a full language, a prompt that writes a key
out ("press 3") instead of filling it from the option ({key}, {key:pharmacy}), an interpreter language heard
in another voice, a team a region cannot reach, a number without a source, a team line that dials one of the
line's own inbound numbers. Warnings are to read: long menus and prompts, numbers to verify, a team closed
with nothing open offered, hours that change with the clocks, closure dates that run out within 90 days.
A diagram committed beside the flow (flows/member-line.svg, .mmd) that no longer draws it is an error too,
naming the command that redraws it, and so is the README's list of translations to review when stale.

Usage: npm run flow -- check [options]

  --from DATE        start of the 12 months swept (ISO 8601, default now)
  --sweep            also print who answers each key of each region, and for how many hours

${COMMON_USAGE}
Exit code 1 when there is an error.`,
  diff: `Which callers would end up somewhere else, and when: enumerates caller journeys (every region and
language, keys, speech, silence, wrong keys, 0, *, busy transfers), runs each on both lines in every
stretch of the next 12 months in which the two versions keep the same teams open (cut at every weekly
window, closure and clock change of both: nothing is sampled), and reports those whose outcome (team,
number, goodbye) or words heard changed, grouped by what changed, with the days and times, in the
callers' local time, at which it does.

Usage: npm run flow -- diff [--base REV_OR_FILES] [options]

  --base REV         compare with the line at a git revision (default HEAD)
  --base FLOW,DIR    or with two files, or with one (a flow or a directory; the other is the current one)
  --format FORMAT    text (default), markdown (for a pull request) or json (as --json)
  --at DATE          start of the 12 months compared (ISO 8601, default now)
  --depth N          menu answers per journey (default the flow's maxFailures)
  --fail-on-change   exit with 1 when a journey changed

${COMMON_USAGE}`,
  replay: `Replays calls from the service's JSON turn log against this line: rebuilds each call's inputs (keys,
the option speech matched, silence, dial results, each at its time) and reports the calls whose outcome
would differ from what happened. Calls that cannot be replayed are counted as skipped, with the reason.

Usage: npm run flow -- replay LOGFILE... [options]

  LOGFILE            a log file, plain or gzip; - reads standard input
  --base REV_OR_FILES  the line that logged the calls (a git revision, or FLOW,DIR files), to compare the
                     numbers they dialed too (default: HEAD when it is the version in the log)
  --fail-on-change   exit with 1 when a call would end elsewhere

${COMMON_USAGE}`,
  diagram: `Draws the flow with the shared diagram builder (src/tools/diagram): the incoming call, every menu (the
language menu and the interpreter menu too), every team an option or an interpreter call puts the caller
through to, and what happens when a team is closed or does not answer.

Usage: npm run flow -- diagram [--format FORMAT] [--region ID] [--language LANG] [--out FILE]

  --format FORMAT    svg (default), mermaid (GitHub draws it in a pull request), dot (Graphviz) or json
                     (the graph); with --out, the file's extension tells it (.svg, .mmd, .dot, .json)
  --region ID        one region's numbers and hours, and only what its callers reach (default: every region)
  --language LANG    only the options offered in this full language, named in it (default: every option)
  --out FILE         write the diagram to FILE (default: standard output)

The bundled line's diagram is committed: npm run flow -- diagram --out flows/member-line.svg, and
npm run flow -- diagram --out flows/member-line.mmd (npm run flow -- check fails when they are stale).

${COMMON_USAGE}`,
  test: `Runs the line's own cases through the compiled line: each case is a journey (the region or the number
dialed, a moment, keys or speech, dial results) and where it must end (the team and number dialed, a menu
after a closed notice, goodbye). Names each case that ends elsewhere, with what it expected and what it got.

Usage: npm run flow -- test [--cases FILE] [--update]

  --cases FILE       the cases (default: beside the flow, ${LINE_FILES.flow.replace(/\.json$/, ".cases.json")})
  --update           write where each case ends on the current line as its expectation, for review in git

A case's "at" without an offset (2026-12-02T10:00) is the local time of the region dialed.

${COMMON_USAGE}
Exit code 1 when a case fails (or, with --update, cannot be run).`,
};
