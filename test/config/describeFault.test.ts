import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readJsonFile } from "../../src/service/config/readJsonFile.js";
import { parseDirectory } from "../../src/service/directory/loadDirectory.js";
import { describeFault } from "../../src/service/errors.js";
import { directoryJson } from "../fixtures/flowFixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "describe-fault-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a call throws. */
function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("a problem of the line's files, as /healthz tells anyone", () => {
  const cwd = path.join(dir, "app");
  const secretLine = '{ "pin": "4821",';

  test.each([
    [
      "a file that cannot be read, named by its absolute path",
      () => readJsonFile(path.join(cwd, "flows", "missing.json")),
      "flows/missing.json cannot be read; see the log",
    ],
    [
      "a file with a syntax error: where, not the line",
      () => {
        writeFileSync(path.join(dir, "broken.json"), secretLine);
        return readJsonFile(path.join(dir, "broken.json"));
      },
      "../broken.json is not valid JSON at line 1, column 17; see the log",
    ],
    [
      "a file that does not validate: how many problems, not which values",
      () => {
        const json = directoryJson();
        json.unknownRegion.representativeRegion = "atlantis";
        return parseDirectory(json, "data/directory.json");
      },
      "data/directory.json is invalid (1 problem); see the log",
    ],
    ["anything else", () => JSON.parse("{"), "the line's files could not be loaded; see the log"],
  ])("%s", (_name, run, told) => {
    const said = describeFault(errorOf(run), cwd);
    expect(said).toBe(told);
    expect(said).not.toMatch(/(^|\s)\//);
    expect(said).not.toContain("4821");
  });
});
