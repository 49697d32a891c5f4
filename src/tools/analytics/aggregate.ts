import type { FlowGraph } from "../diagram/flowGraph.js";
import { classifyLine, type SkipReason } from "./classifyLine.js";
import { createFlowCounter, type FlowWalkCounts } from "./countFlow.js";
import { countFlowNodes, type NodeFigures } from "./flowNodes.js";
import { OpenCalls } from "./openCalls.js";
import { createTally, summarizeTally } from "./reportTally.js";
import type { FlowCounts, Report } from "./reportTypes.js";
import { increment, sortedRecord } from "./summaryCounter.js";

/** Which calls to count: those that started in [from, to). */
export interface ReportPeriod {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** Which calls to count, and the flow graph to count them on. */
export interface ReportOptions extends ReportPeriod {
  /** The line's flow graph (`buildFlowGraph(callFlow)`): with it, the report counts calls per node and edge (`flow`). */
  readonly graph?: FlowGraph;
}

/** Builds a report line by line: feed it every line, then finish. */
export interface ReportBuilder {
  /** Reads one log line (any line: what is not an event is counted and skipped). */
  addLine(text: string): void;
  /** Counts a line the reader skipped for its length (over `MAX_LINE_BYTES`): read, and skipped as `tooLong`. */
  addLongLine(): void;
  /** Closes the calls still open and returns the report. */
  finish(): Report;
}

/** Lines between sweeps of idle calls. */
const SWEEP_EVERY = 20_000;

/**
 * The report's aggregation: pure (no I/O) and incremental, in memory bounded by the calls open at a time
 * and the callers of the last 81 hours, so a log of any length streams through it. Lines are expected in
 * roughly the order they were written (a call's lines within hours of each other); a call is counted a
 * minute after Twilio's status callback ends it, or once it has been idle long enough to be over (`OpenCalls`).
 * Every figure is counted once (`ReportTally`); the flow diagram's nodes read those figures, and only the
 * passages along its edges are counted on the graph.
 */
/** The flow diagram's figures: its nodes' (the report's own, and the calls that reached a call-back's), its edges'. */
function countFlow(graph: FlowGraph, figures: NodeFigures, walked: FlowWalkCounts): FlowCounts {
  return { nodes: countFlowNodes(graph, figures, walked.reached), edges: walked.edges };
}

export function createReportBuilder(options: ReportOptions = {}): ReportBuilder {
  const flowCounter = options.graph ? createFlowCounter(options.graph) : undefined;
  const tally = createTally();
  const service = { retries: 0, restarts: 0, errors: new Map<string, number>(), warnings: new Map<string, number>() };
  const inPeriod = (time: number) =>
    (options.from === undefined || time >= options.from) && (options.to === undefined || time < options.to);
  const calls = new OpenCalls(tally, inPeriod, service, flowCounter);
  const lines = { read: 0, events: 0, service: 0 };
  const skipped: Record<SkipReason | "tooLong", number> = {
    notJson: 0,
    foreign: 0,
    malformed: 0,
    otherVersion: 0,
    tooLong: 0,
  };
  return {
    addLine(text) {
      lines.read++;
      const line = text.trim() === "" ? ({ kind: "skip", reason: "notJson" } as const) : classifyLine(text);
      if (line.kind === "skip") skipped[line.reason]++;
      else if (line.kind === "service") {
        lines.service++;
        if (line.level >= 50) increment(service.errors, line.msg);
        else if (line.level >= 40) increment(service.warnings, line.msg);
      } else {
        lines.events++;
        calls.addEvent(line.event);
      }
      if (lines.read % SWEEP_EVERY === 0) calls.sweep();
    },
    addLongLine() {
      lines.read++;
      skipped.tooLong++;
    },
    finish() {
      calls.closeAll();
      const figures = summarizeTally(tally);
      const { retries, restarts } = service;
      return {
        ...figures,
        service: { retries, restarts, errors: sortedRecord(service.errors), warnings: sortedRecord(service.warnings) },
        ...(options.graph && flowCounter ? { flow: countFlow(options.graph, figures, flowCounter.finish()) } : {}),
        lines: { ...lines, callsOutsidePeriod: calls.outsidePeriod, skipped },
      };
    },
  };
}
