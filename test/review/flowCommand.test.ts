import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/tools/review/flowUsage.js";
import { UnusableInput } from "../../src/tools/review/loadLine.js";
import { readLineAt } from "../../src/tools/review/loadLineAt.js";
import { runFlowCommand } from "../../src/tools/review/runFlowCommand.js";
import {
  DIRECTORY_FILE,
  type DirectoryJson,
  defined,
  directoryJson,
  FLOW_FILE,
  type FlowJson,
  flowJson,
} from "../fixtures/flowFixtures.js";
import { type Edit, onlyRegion, optionOf, withoutInterpreters, withoutShortPrompts } from "./lineFixtures.js";

/** Whether the tests run in a git checkout (diff's default base is HEAD). */
const inGit = (() => {
  try {
    execFileSync("git", ["rev-parse", "--verify", "HEAD"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Tuesday 24 November 2026, 12:00 in Los Angeles. */
const NOW = Date.UTC(2026, 10, 24, 20);
const dir = mkdtempSync(path.join(tmpdir(), "flow-command-"));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A copy of a file's JSON with an edit made to it. */
function edited<T>(json: T, edit: (json: T) => void): T {
  edit(json);
  return json;
}

/**
 * Runs `npm run flow -- ARGV` on the tests' copy of the line (`--flow` and `--directory` unless given), so that
 * the results do not depend on the bundled line's edits.
 */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const line = (COMMANDS as readonly string[]).includes(argv[0] ?? "")
    ? [
        ...(argv.some((a) => a.startsWith("--flow")) ? [] : ["--flow", FLOW_FILE]),
        ...(argv.some((a) => a.startsWith("--directory")) ? [] : ["--directory", DIRECTORY_FILE]),
      ]
    : [];
  const code = await runFlowCommand([...argv, ...line], {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: Readable.from([]),
    now: () => NOW,
  });
  return { code, out: out.join(""), err: err.join("") };
}

/**
 * The bundled line with the Northwest alone (fast to check) and no interpreter (the menu generated for
 * interpreter calls has an open error), with another edit: `--flow` and `--directory` arguments.
 */
const northwestOnly = (edit: Edit = {}) => {
  const flow = flowJson();
  const directory = directoryJson();
  const only = onlyRegion("northwest", edit);
  withoutInterpreters(flow);
  only.flow?.(flow);
  only.directory?.(directory);
  const id = Math.random().toString(36).slice(2);
  return ["--flow", write(`flow-${id}.json`, flow), "--directory", write(`directory-${id}.json`, directory)];
};

describe("usage", () => {
  test.each([
    [[], 0, "Usage: npm run flow -- <command> [options]"],
    [["check", "--help"], 0, "Usage: npm run flow -- check [options]"],
    [["diff", "-h"], 0, "--base REV         compare with the line at a git revision (default HEAD)"],
    [["replay", "--help"], 0, "LOGFILE            a log file, plain or gzip; - reads standard input"],
    [["diagram", "--help"], 0, "--region ID        one region's numbers and hours"],
  ])("%j prints help and exits %i", async (argv, code, words) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    expect(result.out).toContain(words);
  });

  test.each([
    [["lint"], 'unknown command "lint": use check, diff, replay, diagram, test, publish, history, rollback'],
    [["check", "--bogus"], "Unknown option '--bogus'"],
    [["check", "--base", "HEAD"], "--base is not an option of check"],
    [["diff", "--format", "html"], "--format html: use text, markdown or json"],
    [["diff", "--at", "yesterday"], "--at yesterday: give a date or time in ISO 8601"],
    [["replay"], "replay needs at least one LOGFILE"],
    [["diagram", "--format", "png"], "--format png: use svg, mermaid, dot, json"],
    [["diagram", "--format", "svg", "--out", "flow.mmd"], "--out flow.mmd names a mermaid file but the format is svg"],
    [["diagram", "--region", "texas"], `--region texas is not a region of ${DIRECTORY_FILE}: choose one of california`],
    [
      ["diagram", "--language", "vi"],
      "--language vi is an interpreter language (its callers hear no menu of the flow): choose one of en, es",
    ],
    [["diagram", "--language", "de"], `--language de is not a language of ${FLOW_FILE}: choose one of en, es`],
    [["diagram", "--base", "HEAD"], "--base is not an option of diagram"],
    [["diff", "--base=--output=flow.txt"], "--base --output=flow.txt: a revision or file never starts with -"],
    [["replay", "-", "--base=-p"], "--base -p: a revision or file never starts with -"],
  ])("%j is bad usage: exit 2, saying what to change", async (argv, words) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(words);
  });
});

describe("npm run flow -- check", () => {
  test("passes a line with no error: exit 0, the findings as JSON", async () => {
    const { code, out } = await run("check", ...northwestOnly(), "--json");
    expect(code).toBe(0);
    const report = JSON.parse(out) as { errors: unknown[]; warnings: Array<Record<string, string>> };
    expect(report.errors).toEqual([]);
    expect(report.warnings[0]).toEqual({
      rule: "needs-verification",
      severity: "warning",
      where: "northwest · nurseAdvice · +18004644000",
      message: expect.stringContaining("confirm before going live"),
    });
  });

  test("fails a line with an error: exit 1, naming the rule and where", async () => {
    const { code, out } = await run(
      "check",
      ...northwestOnly({
        flow: (j) => {
          optionOf(j, "main", 2).languages = ["en"];
          withoutShortPrompts(j);
        },
      }),
    );
    expect(code).toBe(1);
    expect(out).toContain("language-parity        menu main · key 3");
    expect(out).toContain("1 error: fix them before callers hear this line.");
  });

  test("reports what makes a file invalid as errors: exit 1", async () => {
    const flow = flowJson();
    delete defined(flow.messages.greeting).es;
    const { code, out } = await run("check", "--flow", write("no-greeting.json", flow), "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      errors: [
        {
          rule: "valid-files",
          severity: "error",
          where: path.join(dir, "no-greeting.json"),
          message: "messages.greeting.es: missing translation; every prompt needs en, es (the full languages)",
        },
      ],
      warnings: [],
    });
  });

  test("a file that is not there: exit 2, naming the file", async () => {
    const { code, err } = await run("check", "--flow", path.join(dir, "nowhere.json"));
    expect(code).toBe(2);
    expect(err).toContain("nowhere.json: cannot be read");
  });
});

describe("npm run flow -- check names every problem of both files, each once", () => {
  /** A typo in the main menu's action for key 3, as an editor would make it. */
  const actionTypo = (j: FlowJson) => {
    (optionOf(j, "main", 2).do as { kind: string }).kind = "transfr";
  };
  const ACTION_TYPO = {
    file: "flow",
    message:
      'menus.main.options[2] (key 3).do.kind: unknown action: "kind" must be one of "transfer", "menu", "language", "interpreter", "repeat"',
  };
  /** The Northwest's pharmacy number written as the source prints it, not in E.164. */
  const nationalNumber = (j: DirectoryJson) => {
    const pharmacy = defined(j.regions[5]?.teams.pharmacy);
    if ("numbers" in pharmacy) defined(pharmacy.numbers[0]).number = "1-800-972-0700";
  };
  const NATIONAL_NUMBER = {
    file: "directory",
    message:
      "regions[5].teams.pharmacy.numbers[0].number: must be E.164, e.g. +18009720700 (a plus sign, country code, digits only)",
  };

  test.each([
    {
      name: "a typo in a flow action and a number not in E.164",
      flow: actionTypo,
      directory: nationalNumber,
      errors: [ACTION_TYPO, NATIONAL_NUMBER],
    },
    {
      name: "a typo in a flow action and a number citing a source the directory does not have",
      flow: actionTypo,
      directory: (j: DirectoryJson) => {
        const memberServices = defined(j.regions[1]?.teams.memberServices);
        if ("numbers" in memberServices) defined(memberServices.numbers[0]).source = "someBlog";
      },
      errors: [
        ACTION_TYPO,
        {
          file: "directory",
          message: 'regions[1] (colorado).teams.memberServices.numbers[0].source: "someBlog" is not a key of sources',
        },
      ],
    },
    {
      name: "a greeting missing in Spanish (checked even though the directory does not validate) and a number not in E.164",
      flow: (j: FlowJson) => {
        delete defined(j.messages.greeting).es;
      },
      directory: nationalNumber,
      errors: [
        {
          file: "flow",
          message: "messages.greeting.es: missing translation; every prompt needs en, es (the full languages)",
        },
        NATIONAL_NUMBER,
      ],
    },
  ])("$name: exit 1", async ({ flow, directory, errors }) => {
    const flowFile = write(`two-${Math.random().toString(36).slice(2)}.json`, edited(flowJson(), flow));
    const directoryFile = write(`two-${Math.random().toString(36).slice(2)}.json`, edited(directoryJson(), directory));
    const { code, out } = await run("check", "--flow", flowFile, "--directory", directoryFile, "--json");
    expect(code).toBe(1);
    const files: Record<string, string> = { flow: flowFile, directory: directoryFile };
    expect(JSON.parse(out)).toEqual({
      errors: errors.map((e) => ({ rule: "valid-files", severity: "error", where: files[e.file], message: e.message })),
      warnings: [],
    });
  });

  test("for people: each problem once under its file, counted once", async () => {
    const flowFile = write("typo-flow.json", edited(flowJson(), actionTypo));
    const directoryFile = write("national-directory.json", edited(directoryJson(), nationalNumber));
    const { code, out } = await run("check", "--flow", flowFile, "--directory", directoryFile);
    expect(code).toBe(1);
    expect(out).toContain(
      `2 errors:\n  valid-files            ${flowFile}\n                         ${ACTION_TYPO.message}\n`,
    );
    expect(out).toContain(
      `  valid-files            ${directoryFile}\n                         ${NATIONAL_NUMBER.message}\n`,
    );
    expect(out).toContain("2 errors: fix them before callers hear this line.");
  });

  test("a JSON syntax error: its line and column with the line shown, as the server gives it, and the other file's problems too", async () => {
    const flowFile = write("syntax.json", '{\n  "languages": {\n    "en": {"voice": "x",}\n  }\n}\n');
    const directoryFile = write("national.json", edited(directoryJson(), nationalNumber));
    const { code, out } = await run("check", "--flow", flowFile, "--directory", directoryFile, "--json");
    expect(code).toBe(1);
    const { errors } = JSON.parse(out) as { errors: Array<{ where: string; message: string }> };
    expect(errors.map((e) => [e.where, e.message])).toEqual([
      [
        flowFile,
        'is not valid JSON at line 3, column 25: a property name in double quotes is expected (is there a comma before a "}"?).\n3 |     "en": {"voice": "x",}\n                            ^',
      ],
      [directoryFile, NATIONAL_NUMBER.message],
    ]);
  });
});

/** Member services open 07:00 to 19:00 instead of 08:00 to 17:00, on weekdays. */
const longerHours = (j: DirectoryJson) => {
  const window = defined(j.schedules.memberServicesHours?.weekly?.[0]);
  window.open = "07:00";
  window.close = "19:00";
};

describe("npm run flow -- diff", () => {
  const edited = () => {
    const flow = flowJson();
    defined(optionOf(flow, "main", 2).say).en = "For pharmacy, press {key}.";
    return write("reworded.json", flow);
  };

  test.runIf(inGit)(
    "against HEAD, an unchanged line: nothing to report, exit 0 even with --fail-on-change",
    async () => {
      const { code, out } = await run("diff", "--fail-on-change", "--depth", "1");
      expect(code).toBe(0);
      expect(out).toContain("No caller would end up somewhere else or hear anything different.");
    },
  );

  test("with --fail-on-change, a change exits with 1; the JSON lists every changed journey", async () => {
    const { code, out } = await run(
      "diff",
      "--base",
      FLOW_FILE,
      "--flow",
      edited(),
      "--json",
      "--fail-on-change",
      "--depth",
      "1",
    );
    expect(code).toBe(1);
    const report = JSON.parse(out) as { journeys: number; changed: Array<Record<string, unknown>> };
    expect(report.changed.length).toBeGreaterThan(0);
    expect(report.changed[0]).toEqual({
      region: expect.any(String),
      language: expect.any(String),
      when: {
        zone: expect.any(String),
        zoneName: expect.any(String),
        weekly: expect.any(Array),
        dates: expect.any(Array),
        text: expect.any(String),
      },
      at: expect.any(String),
      inputs: expect.any(Array),
      before: expect.objectContaining({ end: expect.any(String), team: expect.toBeOneOf([null, expect.any(String)]) }),
      after: expect.objectContaining({ number: expect.toBeOneOf([null, expect.any(String)]) }),
      words: true,
    });
  });

  test("--json, an hours change: before and after name the team and number, and when the times in local time", async () => {
    const [, flow = "", , baseDirectory = ""] = northwestOnly();
    const [, , , headDirectory = ""] = northwestOnly({ directory: longerHours });
    const { code, out } = await run(
      "diff",
      "--flow",
      flow,
      "--directory",
      headDirectory,
      "--base",
      `${flow},${baseDirectory}`,
      "--json",
      "--depth",
      "1",
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      span: { from: string; to: string };
      changed: Array<{ region: string; inputs: string[]; before: unknown; after: unknown; when: unknown }>;
    };
    expect(report.span).toEqual({ from: "2026-11-24T20:00:00.000Z", to: "2027-11-24T20:00:00.000Z" });
    const pressed1 = report.changed.filter(
      (c) => c.region === "northwest" && c.inputs.join(",") === "1,dial:completed",
    );
    expect(pressed1).toEqual([
      expect.objectContaining({
        before: { end: "menu", team: null, number: null, menu: "main" },
        after: { end: "transfer", team: "memberServices", number: "+18008132000" },
        when: expect.objectContaining({
          zone: "America/Los_Angeles",
          weekly: [
            { days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "08:00" },
            { days: ["mon", "tue", "wed", "thu", "fri"], from: "17:00", to: "19:00" },
          ],
          dates: expect.arrayContaining([
            { date: "2026-11-26", weekday: "thu", closure: true, times: [] },
            { date: "2026-12-25", weekday: "fri", closure: true, times: [] },
          ]),
        }),
      }),
    ]);
  });

  test("--format markdown: every key of a journey, a wrong key three times included", async () => {
    const [, flow = "", , baseDirectory = ""] = northwestOnly();
    // Longer hours: a caller who presses a wrong key three times reaches the representative, not the nurse.
    const [, , , headDirectory = ""] = northwestOnly({ directory: longerHours });
    const { code, out } = await run(
      "diff",
      "--flow",
      flow,
      "--directory",
      headDirectory,
      "--base",
      `${flow},${baseDirectory}`,
      "--format",
      "markdown",
    );
    expect(code).toBe(0);
    const rows = out.split("\n").filter((l) => l.startsWith("| northwest"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.includes("`5 → 5 → 5`"))).toBe(true);
    for (const row of rows)
      expect(row).toMatch(/^\| northwest \| (en|es)(, (en|es))* \| `[^|]+` \| [^|]+ \| [^|]+ \| \d+ \|$/);
  });

  test("--format markdown: a table to paste in a pull request", async () => {
    const { code, out } = await run(
      "diff",
      "--base",
      FLOW_FILE,
      "--flow",
      edited(),
      "--format",
      "markdown",
      "--depth",
      "1",
    );
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe("### Callers who would end up somewhere else");
    expect(lines).toContain("| Callers | Language | Keys | When | Change | Journeys |");
    const rows = lines.filter((l) => l.startsWith("| every region"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      /^\| every region \| en \| `first prompt`, `1`, [^|]+ \| any time \| heard “…day, press 2\. For pharmacy and prescription refills, press 3\. For behavioral…” → “…day, press 2\. For pharmacy, press 3\. For behavioral…” \| \d+ \|$/,
    );
    expect(out).toContain("<details><summary>An example journey per group</summary>");
  });

  test.runIf(inGit)("a revision git does not have: exit 2, naming the fix", async () => {
    const { code, err } = await run("diff", "--base", "no-such-revision");
    expect(code).toBe(2);
    expect(err).toContain(`no-such-revision:${FLOW_FILE}: git cannot show it`);
    expect(err).toContain("--base FLOW,DIRECTORY");
  });

  test("a file that is not JSON: exit 2, naming its line and column", async () => {
    const { code, err } = await run(
      "diff",
      "--base",
      `${write("broken.json", '{\n  "id": "x",,\n}')},${DIRECTORY_FILE}`,
    );
    expect(code).toBe(2);
    expect(err).toContain(
      "broken.json: is not valid JSON at line 2, column 13: a property name in double quotes is expected",
    );
    expect(err).toContain('2 |   "id": "x",,');
  });

  /**
   * Where `git show --output=OUT:./flows/member-line.json` would write, made writable (the directory
   * `OUT:.` exists), so that only refusing the option keeps the file from being written.
   */
  const gitOutput = (name: string) => {
    const out = path.join(dir, name);
    mkdirSync(`${out}:./flows`, { recursive: true });
    return { out, file: `${out}:./${FLOW_FILE}` };
  };

  test.runIf(inGit)("a base that looks like an option never reaches git as one: exit 2, nothing written", async () => {
    const { out, file } = gitOutput("diff-output");
    const { code } = await run("diff", `--base=--output=${out}`);
    expect(code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  test.runIf(inGit)("a revision reaches git after --end-of-options, as a revision and nothing else", () => {
    const { out, file } = gitOutput("show-output");
    expect(() => readLineAt(`--output=${out}`, FLOW_FILE, DIRECTORY_FILE)).toThrow(UnusableInput);
    expect(existsSync(file)).toBe(false);
  });

  test("a base that does not load: exit 2, naming the file and field", async () => {
    const flow = flowJson();
    delete defined(flow.messages.goodbye).en;
    const { code, err } = await run("diff", "--base", `${write("bad.json", flow)},${DIRECTORY_FILE}`);
    expect(code).toBe(2);
    expect(err).toContain("messages.goodbye.en: missing translation");
  });
});

describe("npm run flow -- diagram", () => {
  /** Every `<g>` id of an SVG document, read by parsing it. */
  const idsOf = (svg: string): string[] => {
    const walk = (value: unknown): string[] => {
      if (Array.isArray(value)) return value.flatMap(walk);
      if (!value || typeof value !== "object") return [];
      const { id } = value as { id?: unknown };
      return [...(typeof id === "string" ? [id] : []), ...Object.values(value).flatMap(walk)];
    };
    return walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg));
  };

  test("draws SVG on standard output by default, with the language and interpreter menus", async () => {
    const { code, out } = await run("diagram");
    expect(code).toBe(0);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(idsOf(out)).toEqual(expect.arrayContaining(["menu:region", "menu:language", "menu:interpreterClosed"]));
  });

  test.each([
    [["--format", "mermaid"], "flowchart LR"],
    [["--format", "dot"], 'digraph "call flow" {'],
    [["--json"], "{"],
  ])("%j draws the same graph in another format", async (argv, first) => {
    const { code, out } = await run("diagram", ...argv);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe(first);
  });

  test("--region and --language: one region's callers in Spanish, its numbers and no region menu", async () => {
    const { code, out } = await run("diagram", "--region", "northwest", "--language", "es", "--json");
    expect(code).toBe(0);
    const graph = JSON.parse(out) as {
      region: string;
      language: string;
      nodes: Array<{ id: string }>;
      edges: Array<{ id: string; label: string }>;
    };
    expect(graph).toMatchObject({ region: "northwest", language: "es" });
    expect(graph.nodes.map((n) => n.id)).not.toContain("menu:region");
    expect(graph.edges.find((e) => e.id === "menu:main>team:pharmacy:3")?.label).toBe("3 farmacia");
  });

  test("--out writes the file, its format told by its extension", async () => {
    const file = path.join(dir, "line.mmd");
    const { code, out } = await run("diagram", "--out", file);
    expect(code).toBe(0);
    expect(out).toBe(`Wrote ${file} (mermaid).\n`);
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe("flowchart LR");
  });

  test("a file it cannot write: exit 2, naming it", async () => {
    const { code, err } = await run("diagram", "--out", path.join(dir, "no-such-dir", "line.svg"));
    expect(code).toBe(2);
    expect(err).toContain("line.svg: cannot be written");
  });
});

test("npm run flow is wired to the command", () => {
  const out = execFileSync("npx", ["tsx", "src/tools/review/main.ts", "--help"], { encoding: "utf8" });
  expect(out).toContain("Review a change to the line before callers hear it.");
});
