import type { Expectation, LineCase } from "./casesSchema.js";
import type { Line } from "./loadLine.js";
import { parseMoment } from "./localClock.js";
import { createRunner, type JourneyInput, type JourneyRun, type LineRunner, runJourney } from "./runJourney.js";

/** What one case did on the line: where it ended, or why it could not be run; and whether that is what it expects. */
export interface CaseResult {
  readonly case: LineCase;
  /** Where the journey ended on this line; undefined when the case cannot be run on it (`problem`). */
  readonly got: Expectation | undefined;
  /** Why the case cannot be run on this line: a region it does not have, a moment that is no time. */
  readonly problem: string | undefined;
  /** The case ended where it expects (false when it expects nothing yet). */
  readonly passed: boolean;
}

/** Runs every case of a cases file on a line, in the file's order, through the line's compiled machine. */
export function runCases(line: Line, cases: readonly LineCase[], directoryFile: string): CaseResult[] {
  const runner = createRunner(line);
  return cases.map((c) => {
    const started = startOf(runner, c, directoryFile);
    if ("problem" in started) return { case: c, got: undefined, problem: started.problem, passed: false };
    const got = expectationOf(runJourney(runner, started, inputsOf(c)));
    const passed = c.expect !== undefined && sameExpectation(c.expect, got);
    return { case: c, got, problem: undefined, passed };
  });
}

/** Where a journey ended, as a case expects it. */
export function expectationOf(run: JourneyRun): Expectation {
  const { outcome, language } = run;
  const told = run.turns.filter((t) => t.closed !== null).at(-1)?.closed;
  const closed = told === undefined || told === null ? {} : { closed: told };
  switch (outcome.end) {
    case "transfer":
    case "dialing":
      return { ends: "transfer", team: outcome.team ?? "?", number: outcome.number, ...closed, language };
    case "menu":
      return { ends: "menu", menu: outcome.menu ?? "?", ...closed, language };
    case "goodbye":
      return { ends: "goodbye", ...closed, language };
    case "callback":
      return { ends: "callback", team: outcome.team ?? "?", due: outcome.due ?? "?", ...closed, language };
    case "loop":
      return { ends: "loop" };
  }
}

/** Whether two expectations say the same (the order of their fields aside). */
export function sameExpectation(a: Expectation, b: Expectation): boolean {
  return JSON.stringify(orderExpectation(a)) === JSON.stringify(orderExpectation(b));
}

/** An expectation with its fields in the order files write them: ends, team, number, menu, due, closed, language. */
export function orderExpectation(e: Expectation): Expectation {
  const order = ["ends", "team", "number", "menu", "due", "closed", "language"];
  const entries = Object.entries(e).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  return Object.fromEntries(entries) as Expectation;
}

/** Where and when a case's call starts on this line, or why it cannot. */
function startOf(
  runner: LineRunner,
  c: LineCase,
  directoryFile: string,
): { region: string | null; at: number } | { problem: string } {
  const { directory } = runner.line.callFlow;
  const region =
    c.region !== undefined
      ? directory.regionById.get(c.region)
      : c.to
        ? directory.regionByInbound.get(c.to)
        : undefined;
  if (c.region !== undefined && region === undefined)
    return {
      problem: `region "${c.region}" is not a region of ${directoryFile}: choose one of ${[...directory.regionById.keys()].join(", ")}`,
    };
  const zone = region?.timeZone ?? directory.regionById.get(directory.unknownRegionRepresentative)?.timeZone ?? "UTC";
  try {
    return { region: region?.id ?? null, at: parseMoment(c.at, zone) };
  } catch (error) {
    return { problem: `at: ${(error as Error).message}` };
  }
}

/** A case's inputs as the journey runner takes them: menu answers, then dial results (each in its order). */
function inputsOf(c: LineCase): JourneyInput[] {
  const answers = c.inputs.map((input): JourneyInput => {
    if (input === "silence") return { kind: "silence" };
    if (input === "no-match") return { kind: "noMatch" };
    if (input.startsWith("say:")) return { kind: "say", phrase: input.slice(4).trim() };
    return { kind: "key", key: input };
  });
  return [...answers, ...c.dial.map((status): JourneyInput => ({ kind: "dial", status }))];
}
