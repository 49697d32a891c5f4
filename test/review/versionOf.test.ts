import { describe, expect, test } from "vitest";
import { StartupError } from "../../src/errors.js";
import { loadCallFlow } from "../../src/flow/loadCallFlow.js";
import { hashLine, versionOf } from "../../src/flow/versionOf.js";
import {
  DIRECTORY_FILE,
  type DirectoryJson,
  defined,
  directoryJson,
  FLOW_FILE,
  type FlowJson,
  flowJson,
} from "../fixtures/flowFixtures.js";

const bundled = hashLine(flowJson(), directoryJson());

describe("hashLine and versionOf", () => {
  test("the version of the files is the version of the compiled line the service logs", () => {
    expect(bundled).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf(loadCallFlow(FLOW_FILE, DIRECTORY_FILE))).toBe(bundled);
  });

  /** Edits that leave what callers hear and where they go as it was. */
  test.each<[string, (f: FlowJson, d: DirectoryJson) => unknown]>([
    ["keys in another order", (f) => Object.assign(f, { limits: { ...f.limits } })],
    ["the $schema path", (f) => Object.assign(f, { $schema: "elsewhere.json" })],
    ["a number's quote", (_f, d) => Object.assign(defined(d.sources.kpCustomerCare), {}) && reorderQuote(d)],
    [
      "a schedule's assumption",
      (_f, d) => Object.assign(defined(d.schedules.aroundTheClock), { assumption: "Confirmed." }),
    ],
  ])("unchanged by %s", (_name, edit) => {
    const f = flowJson();
    const d = directoryJson();
    edit(f, d);
    expect(hashLine(JSON.parse(JSON.stringify(f)), d)).toBe(bundled);
  });

  test.each<[string, (f: FlowJson, d: DirectoryJson) => void]>([
    ["a prompt", (f) => Object.assign(defined(f.messages.goodbye), { en: "Goodbye." })],
    ["a limit", (f) => Object.assign(f.limits, { maxFailures: 2 })],
    [
      "a closure date",
      (_f, d) =>
        defined(d.schedules.memberServicesHours?.closures).push({ date: "2027-02-15", name: "Presidents' Day" }),
    ],
    ["a number", (_f, d) => swapColoradoNumbers(d)],
  ])("changed by %s", (_name, edit) => {
    const f = flowJson();
    const d = directoryJson();
    edit(f, d);
    expect(hashLine(f, d)).not.toBe(bundled);
  });

  test("files that do not load have no version: the loader's error, naming the field", () => {
    const f = flowJson();
    delete defined(f.messages.greeting).en;
    expect(() => hashLine(f, directoryJson())).toThrow(StartupError);
    expect(() => hashLine(f, directoryJson())).toThrow("messages.greeting.en: missing translation");
  });
});

function reorderQuote(d: DirectoryJson): void {
  const line = defined(d.regions.find((r) => r.id === "georgia")?.teams.memberServices);
  if ("numbers" in line) defined(line.numbers[0]).quote = "Member Services for Georgia: 1-888-865-5813.";
}

function swapColoradoNumbers(d: DirectoryJson): void {
  const line = defined(d.regions.find((r) => r.id === "colorado")?.teams.memberServices);
  if ("numbers" in line) line.numbers.reverse();
}
