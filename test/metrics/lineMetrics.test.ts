import { describe, expect, test } from "vitest";
import { createLineRegistry } from "../../src/service/line/lineRegistry.js";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { countReload } from "../../src/service/metrics/countReload.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { LineSource } from "../../src/service/types.js";
import { DIRECTORY_FILE, FLOW_FILE } from "../support/createTestApp.js";
import { deltaOf } from "./exposition.js";
import { createMeasuredApp } from "./measuredApp.js";

const original = readLineSource(FLOW_FILE, DIRECTORY_FILE);
/** The line with a prompt of the main menu's greeting reworded: another version. */
function reworded(): LineSource {
  const flow = structuredClone(original.flow) as { menus: { main: { options: Array<{ key: string }> } } };
  const [first, second] = flow.menus.main.options;
  if (first && second) [first.key, second.key] = [second.key, first.key];
  return { ...original, flow };
}
/** Files that do not validate. */
const broken: LineSource = { ...original, flow: { languages: {} } };

describe("reloads of the line: counted by result, the version served shown by ivr_line_info", () => {
  test("unchanged, changed, refused, and back: each counted once; ivr_line_info follows the version served", async () => {
    let source = original;
    const store = new MemoryStore({ sweepIntervalMs: 0 });
    const first = compileLine(original);
    const second = compileLine(reworded());
    expect(second.version).not.toBe(first.version);
    let m: ReturnType<typeof createMeasuredApp> | undefined;
    const lines = createLineRegistry({
      initial: first,
      store,
      sessionTtlSeconds: 14_400,
      read: () => source,
      onReload: (result) => m && countReload(m.metrics, result, lines.current()),
    });
    m = createMeasuredApp({ lines, store });
    const info = async () =>
      (await m.scrape()).filter((s) => s.name === "ivr_line_info").map((s) => [s.labels.version, s.value]);
    expect(await info()).toEqual([[first.version, 1]]);

    const steps: Array<[LineSource, string, string]> = [
      [original, "unchanged", first.version],
      [reworded(), "changed", second.version],
      [broken, "refused", second.version],
      [original, "changed", first.version],
    ];
    for (const [next, result, served] of steps) {
      source = next;
      const before = await m.scrape();
      await lines.reload();
      expect(deltaOf(before, await m.scrape(), (n) => n === "ivr_line_reloads_total")).toEqual({
        [`ivr_line_reloads_total{result="${result}"}`]: 1,
      });
      expect(await info()).toEqual([[served, 1]]);
    }
    lines.close();
  });
});
