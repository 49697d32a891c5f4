import { writeFileSync } from "node:fs";
import { formatPhone } from "../../service/index.js";
import { casesFileOf, readCasesFile, writeCasesText } from "./casesFile.js";
import type { Expectation, LineCase } from "./casesSchema.js";
import type { TestArgs } from "./flowArgs.js";
import { compileOrExplain, type Line, readLineFiles, UnusableInput } from "./loadLine.js";
import { describeWallClock } from "./localClock.js";
import { type CaseResult, runCases, sameExpectation } from "./runCases.js";

/** Where `npm run flow -- test` writes. */
export interface TestIo {
  readonly stdout: { write(text: string): unknown };
}

/**
 * `npm run flow -- test [--update]`: runs the line's own cases (the file beside the flow) on the compiled line
 * and names each that does not end where it expects, with what it expected and what it got (exit 1). With
 * `--update`, writes what each case got as its expectation instead, for the owner to review in git.
 */
export function runTest(args: TestArgs, io: TestIo): number {
  const file = args.cases ?? casesFileOf(args.flow);
  const cases = readCasesFile(file);
  const line = compileOrExplain(readLineFiles(args.flow, args.directory));
  const results = runCases(line, cases.cases, args.directory);
  if (args.update) return updateCases(file, cases, results, io);
  const failed = results.filter((r) => !r.passed);
  if (args.json) {
    const report = {
      file,
      version: line.callFlow.version,
      cases: results.length,
      passed: results.length - failed.length,
      failed: failed.map((r) => ({
        name: r.case.name,
        expected: r.case.expect ?? null,
        got: r.got ?? null,
        problem: r.problem ?? null,
      })),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout.write(formatResults(file, `${args.flow} + ${args.directory}`, results));
    const uncalled = findUncalledRegions(line, cases.cases);
    if (uncalled.length > 0)
      io.stdout.write(
        `No case calls ${uncalled.join(", ")}: add cases for ${uncalled.length === 1 ? "it" : "them"} (each main-menu key, closed hours).\n`,
      );
  }
  return failed.length > 0 ? 1 : 0;
}

/** Writes what each case got as its expectation (a case that cannot be run keeps its own), and says how many changed. */
function updateCases(
  file: string,
  cases: Parameters<typeof writeCasesText>[0],
  results: readonly CaseResult[],
  io: TestIo,
): number {
  const got = new Map(results.flatMap((r) => (r.got === undefined ? [] : [[r.case.name, r.got] as const])));
  const changed = results.filter(
    (r) => r.got !== undefined && (r.case.expect === undefined || !sameExpectation(r.case.expect, r.got)),
  );
  try {
    writeFileSync(file, writeCasesText(cases, got));
  } catch (error) {
    throw new UnusableInput(`${file}: cannot be written (${(error as Error).message}). Check the path.`);
  }
  const unrun = results.filter((r) => r.problem !== undefined);
  const names = changed.slice(0, 5).map((r) => `"${r.case.name}"`);
  const more = changed.length > names.length ? ` and ${changed.length - names.length} more` : "";
  const lines = [
    `Wrote ${file}: ${changed.length} of ${results.length} expectation${results.length === 1 ? "" : "s"} changed${changed.length > 0 ? `: ${names.join(", ")}${more}` : ""}.`,
    ...unrun.map((r) => `  cannot run "${r.case.name}": ${r.problem}`),
    changed.length > 0 ? `Review them with git diff ${file} before you commit.` : "",
  ];
  io.stdout.write(`${lines.filter((l) => l !== "").join("\n")}\n`);
  return unrun.length > 0 ? 1 : 0;
}

/** The regions of the line that no case calls (by region or by one of their numbers), in the directory's order. */
export function findUncalledRegions(line: Line, cases: readonly LineCase[]): string[] {
  const { directory } = line.callFlow;
  const called = new Set(
    cases.map((c) => c.region ?? (c.to === undefined ? undefined : directory.regionByInbound.get(c.to)?.id)),
  );
  return directory.regions.map((r) => r.id).filter((id) => !called.has(id));
}

/** The report for people: each failing case with what it expected and what it got, then the counts. */
export function formatResults(file: string, line: string, results: readonly CaseResult[]): string {
  const failed = results.filter((r) => !r.passed);
  const out = [`${file}: ${results.length} case${results.length === 1 ? "" : "s"} on ${line}`, ""];
  for (const r of failed) {
    const c = r.case;
    const inputs = [...c.inputs, ...c.dial.map((d) => `dial:${d}`)].join(" ") || "no input";
    out.push(`FAIL  ${c.name}  (${c.region ?? c.to}, ${c.at}, ${inputs})`);
    out.push(
      `      expected  ${c.expect === undefined ? "nothing yet: run npm run flow -- test --update" : describeExpectation(c.expect)}`,
    );
    out.push(`      got       ${r.got === undefined ? `cannot run: ${r.problem}` : describeExpectation(r.got)}`);
  }
  if (failed.length > 0) out.push("");
  out.push(
    failed.length === 0
      ? `${results.length} passed.`
      : `${results.length - failed.length} passed, ${failed.length} failed. Fix the line, or when the change is meant, run npm run flow -- test --update and review the new expectations with git diff.`,
  );
  return `${out.join("\n")}\n`;
}

/** An expectation for people: `transfer to pharmacy +1 800 972 0700 (en)`, `menu main, told memberServices is closed (en)`. */
export function describeExpectation(e: Expectation): string {
  const told = "closed" in e && e.closed !== undefined ? `, told ${e.closed} is closed` : "";
  switch (e.ends) {
    case "transfer":
      return `transfer to ${e.team}${e.number === null ? "" : ` ${formatPhone(e.number)}`}${told} (${e.language})`;
    case "menu":
      return `menu ${e.menu}${told} (${e.language})`;
    case "goodbye":
      return `goodbye${told} (${e.language})`;
    case "callback":
      return `call-back from ${e.team} due ${describeWallClock(e.due)}${told} (${e.language})`;
    case "loop":
      return "never ends";
  }
}
