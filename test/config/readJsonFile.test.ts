import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readJsonFile } from "../../src/service/config/readJsonFile.js";
import { loadDirectory } from "../../src/service/directory/loadDirectory.js";
import { StartupError } from "../../src/service/errors.js";
import { loadFlow } from "../../src/service/flow/loadFlow.js";

const dir = mkdtempSync(join(tmpdir(), "member-line-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a file of its own and returns the message reading it fails with. */
function failureOf(text: string, read: (file: string) => unknown = readJsonFile): { file: string; message: string } {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  try {
    read(file);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return { file, message: (error as Error).message };
  }
  throw new Error("expected the file to be refused");
}

describe("readJsonFile", () => {
  test.each([
    ["a missing comma between entries", '{\n  "a": 1\n  "b": 2\n}\n', 3, 3, "a ',' is expected"],
    ["a trailing comma in an object", '{\n  "a": 1,\n}\n', 3, 1, "property name in double quotes"],
    ["a trailing comma in a list", '{\n  "a": [1, 2, ]\n}\n', 2, 15, "a value is expected"],
    ["single quotes", "{\n  'a': 1\n}\n", 2, 3, "double quotes"],
    ["a comment", '{\n  "a": 1 // one\n}\n', 2, 10, "comments are not allowed"],
    ["an unclosed object", '{\n  "a": {\n    "b": 1\n  }\n', 5, 1, "'}' is expected"],
    ["text after the end", '{ "a": 1 }\n}\n', 2, 1, "more follows"],
    ["a capitalised True", '{\n  "a": True\n}\n', 2, 8, "lowercase"],
    ["an empty file", "", 1, 1, "the file is empty"],
    ["a line break inside a string", '{\n  "a": "x\ny"\n}\n', 2, 8, "not closed"],
    ["a bad escape", '{\n  "path": "C:\\Users"\n}\n', 2, 11, "invalid escape"],
  ])("%s: names the file, the line and column, and what is wrong", (_name, text, line, column, reason) => {
    const { file, message } = failureOf(text);
    expect(message).toContain(`${file}: is not valid JSON at line ${line}, column ${column}: `);
    expect(message).toContain(reason);
    // The offending line is shown with a caret under the column.
    const [, shown, caret] = message.split("\n");
    expect(shown).toBe(`${line} | ${text.split("\n")[line - 1]}`);
    expect(caret?.indexOf("^")).toBe(`${line} | `.length + column - 1);
    expect(message).not.toMatch(/position \d+/);
  });

  test.each([
    ["an object", '{ "a": [1, 2] }', { a: [1, 2] }],
    ["an object after a byte-order mark", '\uFEFF{ "a": 1 }', { a: 1 }],
    ["a list over several lines", "[\n  1,\n  2\n]\n", [1, 2]],
  ])("reads %s", (_name, text, expected) => {
    const file = join(dir, `ok-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, text);
    expect(readJsonFile(file)).toEqual(expected);
  });

  test("a file that cannot be read names the file and says to check the path", () => {
    expect(() => readJsonFile(join(dir, "missing.json"))).toThrow(/missing\.json: cannot be read .*Check the path/);
  });

  test.each([
    ["the directory loader", (file: string) => loadDirectory(file)],
    ["the flow loader", (file: string) => loadFlow(file, loadDirectory("data/directory.json"))],
  ])("%s reports line and column", (_name, load) => {
    const { file, message } = failureOf('{\n  "teams": ["a"],\n  "regions": [\n    {"id": "x",}\n  ]\n}\n', load);
    expect(message).toContain(`${file}: is not valid JSON at line 4, column 16: `);
  });
});
