import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { casesFileOf, readCasesFile } from "../../src/tools/review/casesFile.js";
import { casesFileSchema } from "../../src/tools/review/casesSchema.js";
import { runCases } from "../../src/tools/review/runCases.js";
import { runFlowCommand } from "../../src/tools/review/runFlowCommand.js";
import { DIRECTORY_FILE, type DirectoryJson, defined, directoryJson, FLOW_FILE } from "../fixtures/flowFixtures.js";
import { lineWith } from "./lineFixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "line-cases-"));
let written = 0;

function write(name: string, content: unknown): string {
  const file = path.join(dir, `${written++}-${name}`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFlowCommand(argv, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: Readable.from([]),
    now: () => Date.UTC(2026, 10, 24, 20),
  });
  return { code, out: out.join(""), err: err.join("") };
}

/** The line's directory with the Northwest pharmacy on another number of the sources: member services'. */
function otherPharmacyNumber(json: DirectoryJson): void {
  const northwest = defined(
    json.regions.find((r) => r.id === "northwest"),
    "northwest",
  );
  const teams = northwest.teams as Record<string, { numbers?: unknown[] }>;
  defined(teams.pharmacy).numbers = defined(teams.memberServices?.numbers);
}

const NORTHWEST_PHARMACY = {
  name: "northwest: 3 pharmacy",
  region: "northwest",
  at: "2026-12-02T10:00",
  inputs: ["3"],
  expect: { ends: "transfer", team: "pharmacy", number: "+18009720700", language: "en" },
};
const SATURDAY_CLOSED = {
  name: "northwest: 1 on Saturday",
  region: "northwest",
  at: "2026-12-05T10:00",
  inputs: ["1"],
  expect: { ends: "menu", menu: "main", closed: "memberServices", language: "en" },
};
const BUSY = {
  name: "northwest: 3 busy, then 1",
  region: "northwest",
  at: "2026-12-02T10:00",
  inputs: ["3", "1"],
  dial: ["busy"],
  expect: { ends: "transfer", team: "memberServices", number: "+18008132000", language: "en" },
};
const LINE = ["--flow", FLOW_FILE, "--directory", DIRECTORY_FILE];

describe("a cases file that does not validate names the file, the case and the field", () => {
  test.each([
    [
      "a moment that is no time",
      [{ ...NORTHWEST_PHARMACY, at: "tomorrow" }],
      'cases[0] ("northwest: 3 pharmacy").at: must be a date and time like 2026-12-02T10:00',
    ],
    [
      "neither region nor number",
      [{ name: "nowhere", at: "2026-12-02T10:00" }],
      'cases[0] ("nowhere").region: give "region" or "to" (one of them)',
    ],
    [
      "both region and number",
      [{ ...NORTHWEST_PHARMACY, to: "+15035550100" }],
      'cases[0] ("northwest: 3 pharmacy").region: give "region" or "to"',
    ],
    [
      "a number not in E.164",
      [{ name: "x", to: "503-555-0100", at: "2026-12-02T10:00" }],
      'cases[0] ("x").to: must be a phone number in E.164 form',
    ],
    [
      "an input that is no key",
      [{ ...NORTHWEST_PHARMACY, inputs: ["3", "press 1"] }],
      'cases[0] ("northwest: 3 pharmacy").inputs.1: must be a key (0-9, *, #), "say:WORDS", "silence" or "no-match"',
    ],
    [
      "a dial result Twilio does not give a caller's line",
      [{ ...BUSY, dial: ["answered"] }],
      'cases[0] ("northwest: 3 busy, then 1").dial.0:',
    ],
    [
      "a field the file does not have",
      [{ ...NORTHWEST_PHARMACY, press: "3" }],
      'cases[0] ("northwest: 3 pharmacy"): Unrecognized key: "press"',
    ],
    [
      "an ending no journey has",
      [{ ...NORTHWEST_PHARMACY, expect: { ends: "hold" } }],
      'cases[0] ("northwest: 3 pharmacy").expect.ends:',
    ],
    [
      "two cases of one name",
      [NORTHWEST_PHARMACY, NORTHWEST_PHARMACY],
      'cases[1] ("northwest: 3 pharmacy").name: "northwest: 3 pharmacy" is the name of another case',
    ],
  ])("%s", async (_name, cases, message) => {
    const file = write("invalid.cases.json", { cases });
    const result = await run("test", ...LINE, "--cases", file);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${file} is invalid`);
    expect(result.err).toContain(message);
  });

  test("a file that is not JSON: its line and column", async () => {
    const file = write("broken.cases.json", '{\n  "cases": [\n    { "name": "x" ]\n}\n');
    const result = await run("test", ...LINE, "--cases", file);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${file}: is not valid JSON at line 3`);
  });

  test("the bundled line's cases validate", () => {
    const file = casesFileOf("flows/member-line.json");
    expect(file).toBe("flows/member-line.cases.json");
    expect(casesFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8"))).success).toBe(true);
  });
});

describe("npm run flow -- test", () => {
  test("every case ends where it expects: exit 0", async () => {
    const file = write("good.cases.json", { cases: [NORTHWEST_PHARMACY, SATURDAY_CLOSED, BUSY] });
    const result = await run("test", ...LINE, "--cases", file);
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out.startsWith(`${file}: 3 cases on ${FLOW_FILE} + ${DIRECTORY_FILE}\n\n3 passed.\n`)).toBe(true);
  });

  test("after another pharmacy number: exit 1, naming the case with what it expected and what it got", async () => {
    const cases = write("good.cases.json", { cases: [NORTHWEST_PHARMACY, SATURDAY_CLOSED, BUSY] });
    const directory = write("directory.json", edit(directoryJson(), otherPharmacyNumber));
    const result = await run("test", "--flow", FLOW_FILE, "--directory", directory, "--cases", cases);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      [
        "FAIL  northwest: 3 pharmacy  (northwest, 2026-12-02T10:00, 3)",
        "      expected  transfer to pharmacy +1 800 972 0700 (en)",
        "      got       transfer to pharmacy +1 800 813 2000 (en)",
        "",
        "2 passed, 1 failed.",
      ].join("\n"),
    );
  });

  test("a region no case calls (one added to the directory): named, with what to add; the cases still pass", async () => {
    const cases = write("northwest.cases.json", {
      cases: [NORTHWEST_PHARMACY, { ...BUSY, region: undefined, to: "+15035550100" }],
    });
    const result = await run("test", ...LINE, "--cases", cases);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      "2 passed.\nNo case calls california, colorado, georgia, hawaii, midAtlantic, washington: add cases for them (each main-menu key, closed hours).\n",
    );
  });

  test("--json: the failing cases with their expectation and what they got", async () => {
    const cases = write("good.cases.json", { cases: [NORTHWEST_PHARMACY, SATURDAY_CLOSED] });
    const directory = write("directory.json", edit(directoryJson(), otherPharmacyNumber));
    const result = await run("test", "--flow", FLOW_FILE, "--directory", directory, "--cases", cases, "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({
      file: cases,
      cases: 2,
      passed: 1,
      failed: [
        {
          name: "northwest: 3 pharmacy",
          expected: NORTHWEST_PHARMACY.expect,
          got: { ...NORTHWEST_PHARMACY.expect, number: "+18008132000" },
          problem: null,
        },
      ],
    });
  });

  test("a case without an expectation fails, and says how to write one", async () => {
    const { expect: _none, ...unwritten } = NORTHWEST_PHARMACY;
    const result = await run("test", ...LINE, "--cases", write("new.cases.json", { cases: [unwritten] }));
    expect(result.code).toBe(1);
    expect(result.out).toContain("expected  nothing yet: run npm run flow -- test --update");
  });

  test("a region the line does not have: the case cannot run, and fails naming the regions there are", async () => {
    const cases = write("texas.cases.json", { cases: [{ ...NORTHWEST_PHARMACY, region: "texas" }] });
    const result = await run("test", ...LINE, "--cases", cases);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `got       cannot run: region "texas" is not a region of ${DIRECTORY_FILE}: choose one of california,`,
    );
  });

  test("--update writes what each case gets, only that changes, and a second run changes nothing", async () => {
    const { expect: _none, ...unwritten } = SATURDAY_CLOSED;
    const file = write("update.cases.json", {
      $schema: "../schemas/cases.schema.json",
      cases: [NORTHWEST_PHARMACY, unwritten, BUSY],
    });
    const directory = write("directory.json", edit(directoryJson(), otherPharmacyNumber));
    const line = ["--flow", FLOW_FILE, "--directory", directory, "--cases", file];

    const first = await run("test", ...line, "--update");
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      `Wrote ${file}: 2 of 3 expectations changed: "northwest: 3 pharmacy", "northwest: 1 on Saturday".\nReview them with git diff ${file} before you commit.\n`,
    );
    const text = readFileSync(file, "utf8");
    expect(readCasesFile(file).cases.map((c) => c.expect)).toEqual([
      { ...NORTHWEST_PHARMACY.expect, number: "+18008132000" },
      SATURDAY_CLOSED.expect,
      BUSY.expect,
    ]);
    // One field a line, the expectation inline: what Biome keeps, and what a review in git reads.
    expect(text).toContain(
      '      "expect": { "ends": "transfer", "team": "pharmacy", "number": "+18008132000", "language": "en" }\n',
    );
    expect(
      text.startsWith(
        '{\n  "$schema": "../schemas/cases.schema.json",\n  "cases": [\n    {\n      "name": "northwest: 3 pharmacy",\n      "region": "northwest",\n      "at": "2026-12-02T10:00",\n      "inputs": ["3"],\n',
      ),
    ).toBe(true);

    expect(await run("test", ...line)).toMatchObject({ code: 0 });
    const second = await run("test", ...line, "--update");
    expect(second.out).toBe(`Wrote ${file}: 0 of 3 expectations changed.\n`);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  test("usage: an option test does not have", async () => {
    const result = await run("test", "--base", "HEAD");
    expect(result.code).toBe(2);
    expect(result.err).toContain("--base is not an option of test");
  });
});

describe("a case's moment is the local time of the region dialed, unless it gives an offset", () => {
  const line = lineWith({}, "the line");
  const hawaii = (at: string) => ({ name: at, region: "hawaii", at, inputs: ["1"], dial: [] });
  const open = { ends: "transfer", team: "memberServices", number: "+18084325955", language: "en" };
  const closed = { ends: "menu", menu: "main", closed: "memberServices", language: "en" };

  test.each([
    ["2026-12-02T16:59", open],
    ["2026-12-02T17:00", closed],
    ["2026-12-02T07:59", closed],
    ["2026-12-02T08:00", open],
    // 17:00 in Los Angeles is 15:00 in Honolulu; 17:00Z is 07:00 there.
    ["2026-12-02T17:00:00-08:00", open],
    ["2026-12-02T17:00:00Z", closed],
  ])("%s in Hawaii", (at, expected) => {
    const [result] = runCases(line, [hawaii(at)], DIRECTORY_FILE);
    expect(result?.got).toEqual(expected);
  });

  test("a number no region owns: the time of the region that takes its callers (California)", () => {
    const [result] = runCases(
      line,
      [{ name: "x", to: "+19995550100", at: "2026-12-02T17:00", inputs: ["0"], dial: [] }],
      DIRECTORY_FILE,
    );
    expect(result?.got).toEqual({ ends: "menu", menu: "region", closed: "representative", language: "en" });
  });
});

describe("a case that asks for a call-back ends in it: the team and when it is due", () => {
  const line = lineWith({}, "the line");
  const journey = (region: string, at: string, inputs: string[], dial: ("busy" | "completed")[] = []) => ({
    name: `${region} ${at} ${inputs.join(" ")}`,
    region,
    at,
    inputs,
    dial,
  });

  test.each([
    [
      "closed on Saturday: at Monday's opening",
      journey("northwest", "2026-12-05T10:00", ["1", "5", "1"]),
      { ends: "callback", team: "memberServices", due: "2026-12-07T08:00", closed: "memberServices", language: "en" },
    ],
    [
      "pharmacy open but busy: after the retry spacing",
      journey("northwest", "2026-12-02T12:00", ["3", "5", "1"], ["busy"]),
      { ends: "callback", team: "pharmacy", due: "2026-12-02T12:20", language: "en" },
    ],
    [
      "busy at 16:50: the spacing ends after closing, at the next opening",
      journey("northwest", "2026-12-02T16:50", ["1", "5", "1"], ["busy"]),
      { ends: "callback", team: "memberServices", due: "2026-12-03T08:00", language: "en" },
    ],
    [
      "Vietnamese, in Colorado's time",
      journey("colorado", "2026-12-05T10:00", ["8", "4", "5", "1"]),
      { ends: "callback", team: "memberServices", due: "2026-12-07T08:00", language: "vi" },
    ],
    [
      "the offer not taken: still in the menu",
      journey("northwest", "2026-12-05T10:00", ["1"]),
      { ends: "menu", menu: "main", closed: "memberServices", language: "en" },
    ],
    [
      "wrong keys at the confirmation until the goodbye: no call-back",
      journey("northwest", "2026-12-05T10:00", ["1", "5", "9", "9", "9"]),
      { ends: "goodbye", closed: "memberServices", language: "en" },
    ],
  ])("%s", (_name, c, expected) => {
    const [result] = runCases(line, [c], DIRECTORY_FILE);
    expect(result?.got).toEqual(expected);
    expect(casesFileSchema.safeParse({ cases: [{ ...c, expect: result?.got }] }).success).toBe(true);
  });

  test("a due moment that is no wall-clock time does not validate", () => {
    const c = {
      ...journey("northwest", "2026-12-05T10:00", ["1", "5", "1"]),
      expect: { ends: "callback", team: "memberServices", due: "Monday 8 AM", language: "en" },
    };
    expect(casesFileSchema.safeParse({ cases: [c] }).error?.issues[0]?.message).toBe(
      "must be a local date and time like 2026-12-07T08:00",
    );
  });

  test("a call-back due elsewhere fails, saying both in words", async () => {
    const c = {
      ...journey("northwest", "2026-12-05T10:00", ["1", "5", "1"]),
      expect: {
        ends: "callback",
        team: "memberServices",
        due: "2026-12-07T09:00",
        closed: "memberServices",
        language: "en",
      },
    };
    const { code, out } = await run("test", ...LINE, "--cases", write("callback.cases.json", { cases: [c] }));
    expect(code).toBe(1);
    expect(out).toContain(
      "      expected  call-back from memberServices due Mon 2026-12-07 09:00, told memberServices is closed (en)\n" +
        "      got       call-back from memberServices due Mon 2026-12-07 08:00, told memberServices is closed (en)\n",
    );
  });
});

function edit<T>(json: T, change: (json: T) => void): T {
  change(json);
  return json;
}
