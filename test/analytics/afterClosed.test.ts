import { beforeAll, describe, expect, test } from "vitest";
import { createReportBuilder } from "../../src/tools/analytics/aggregate.js";
import { renderReportHtml } from "../../src/tools/analytics/renderReportHtml.js";
import type { Report } from "../../src/tools/analytics/reportTypes.js";
import type { CallerStep, PlannedCall } from "../../src/tools/analytics/traffic/plannedCall.js";
import { buildFlowGraph } from "../../src/tools/diagram/buildFlowGraph.js";
import { sharedCallFlow, WEEKEND } from "../support/createTestApp.js";
import { REGIONS } from "../support/regions.js";
import { runCalls } from "./runCalls.js";

const press = (digits: string): CallerStep => ({ kind: "press", digits });
const hangup: CallerStep = { kind: "hangup" };

/** A Northwest caller on a weekend (member services and the representative closed), ten minutes apart. */
function weekendCall(n: number, steps: CallerStep[]): PlannedCall {
  const northwest = REGIONS.find((r) => r.id === "northwest");
  if (!northwest) throw new Error("The test line has no Northwest region.");
  return {
    callSid: `CA${n.toString(16).padStart(32, "0")}`,
    to: northwest.inbound,
    from: `+1503555${(100 + n).toString().padStart(4, "0")}`,
    at: WEEKEND + n * 600_000,
    steps,
    dial: ["completed"],
    pace: { listen: 1, react: 2, ring: 5, talk: 60 },
  };
}

describe("hang-ups after a closed notice, with the call-back offered and without", () => {
  let report: Report;
  beforeAll(async () => {
    const { lines } = await runCalls([
      // Member services closed: offered; two ask for a call-back, one hangs up, one goes on to the nurse line.
      weekendCall(1, [press("1"), press("5"), press("1")]),
      weekendCall(2, [press("1"), press("5"), press("1")]),
      weekendCall(3, [press("1"), hangup]),
      weekendCall(4, [press("1"), press("2")]),
      // The representative closed: it offers no call-backs; one hangs up, one goes on to the nurse line.
      weekendCall(5, [press("0"), hangup]),
      weekendCall(6, [press("0"), press("2")]),
      // Never met a closed team: counted in neither group.
      weekendCall(7, [press("2")]),
    ]);
    const builder = createReportBuilder({ graph: buildFlowGraph(sharedCallFlow()) });
    for (const line of lines) builder.addLine(line);
    report = builder.finish();
  }, 60_000);

  test("each caller who met a closed team is in one group, by whether the offer followed the notice", () => {
    expect(report.afterClosed).toEqual({
      offered: { calls: 4, abandoned: 1, requested: 2 },
      notOffered: { calls: 2, abandoned: 1, requested: 0 },
    });
    expect(report.afterClosed.offered.calls + report.afterClosed.notOffered.calls).toBe(report.callsThrough.closed);
  });

  test("the page shows both groups with the same figures as the JSON", async () => {
    const html = await renderReportHtml(report, { callFlow: sharedCallFlow(), sources: ["calls.log"] });
    expect(html).toContain("After a closed notice: hang-ups with and without the offer");
    const shown: ReadonlyArray<readonly [string, string]> = [
      ["afterClosed.offered.calls", "4"],
      ["afterClosed.offered.abandoned", "1"],
      ["afterClosed.offered.requested", "2"],
      ["afterClosed.notOffered.calls", "2"],
      ["afterClosed.notOffered.abandoned", "1"],
    ];
    for (const [path, value] of shown)
      expect(html).toMatch(new RegExp(`data-figure="${path.replace(/\./g, "\\.")}"[^>]*>${value}<`));
  });
});
