/**
 * `npm run report -- LOGFILE... [--from DATE --to DATE] [--out report.html] [--json]`: reads the line's
 * logs and reports what callers did, as JSON on stdout and/or a self-contained HTML page.
 */
import { writeFileSync } from "node:fs";
import type { CallFlow } from "../../service/index.js";
import { buildFlowGraph } from "../diagram/buildFlowGraph.js";
import { loadMemberLineFlow } from "../emulator/index.js";
import { readLogLines } from "../logs/readLogLines.js";
import { createReportBuilder } from "./aggregate.js";
import { renderReportHtml } from "./renderReportHtml.js";
import { parseReportArgs, REPORT_USAGE, type ReportArgs } from "./reportArgs.js";
import { CMS_DISCONNECT_BAR, pct } from "./reportMarkup.js";

let args: ReportArgs;
try {
  args = parseReportArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(REPORT_USAGE);
  process.exit(0);
}

let callFlow: CallFlow;
try {
  callFlow = loadMemberLineFlow();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const builder = createReportBuilder({ from: args.from, to: args.to, graph: buildFlowGraph(callFlow) });
try {
  for await (const line of readLogLines(args.files, process.stdin, () => builder.addLongLine())) builder.addLine(line);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const report = builder.finish();
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (args.out) {
  writeFileSync(args.out, await renderReportHtml(report, { callFlow, sources: args.files }));
  const skipped = Object.values(report.lines.skipped).reduce((a, b) => a + b, 0);
  process.stderr.write(
    `${report.calls} calls: ${pct(report.disconnectRate)} disconnected by the line (CMS bar ${pct(CMS_DISCONNECT_BAR)}), ` +
      `${pct(report.abandonRate)} hung up before being put through; ` +
      `${report.lines.read} lines read, ${skipped} skipped. Wrote ${args.out}\n`,
  );
}
