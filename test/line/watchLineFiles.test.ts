import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { watchLineFiles } from "../../src/service/line/watchLineFiles.js";

const dir = mkdtempSync(join(tmpdir(), "watch-line-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

test.each([
  { name: "a burst of writes to the flow", writes: ["flow.json", "flow.json", "flow.json"], expected: 1 },
  { name: "a write to the directory", writes: ["directory.json"], expected: 1 },
  { name: "a write to another file of the folder", writes: ["notes.txt"], expected: 0 },
])("$name → $expected reload(s)", async ({ writes, expected }) => {
  const files = [join(dir, "flow.json"), join(dir, "directory.json")];
  for (const f of files) writeFileSync(f, "{}");
  let calls = 0;
  const stop = watchLineFiles(files, () => calls++, 50);
  await new Promise((r) => setTimeout(r, 50));
  for (const name of writes) writeFileSync(join(dir, name), `{"at": ${Date.now()}}`);
  await until(() => calls >= expected);
  await new Promise((r) => setTimeout(r, 200));
  stop();
  expect(calls).toBe(expected);
});
