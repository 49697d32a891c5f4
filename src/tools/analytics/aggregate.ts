import type { LoggedTurn } from "../../service/index.js";
import type { FlowGraph } from "../diagram/flowGraph.js";
import { classifyLine, type SkipReason } from "./classifyLine.js";
import { countCall } from "./countCall.js";
import { createFlowCounter } from "./countFlow.js";
import { countFlowNodes } from "./flowNodes.js";
import { followTurn } from "./followTurn.js";
import { createOpenCall, type OpenCall } from "./openCall.js";
import { createTally, summarizeTally } from "./reportTally.js";
import type { Report } from "./reportTypes.js";
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

/** A call without a line for this long is over (the line's session would have expired). */
const IDLE_MS = 4 * 3_600_000;
/** A call the line finished is closed this long after its last line if Twilio's status callback never comes. */
const FINISHED_MS = 15 * 60_000;
/**
 * A call Twilio reported over is closed this long after its last line, not at once: lines of several
 * instances (merged by time, their clocks a little apart) may bring its last turn just after the callback.
 */
const ENDED_MS = 60_000;
/** Lines between sweeps of idle calls. */
const SWEEP_EVERY = 20_000;

/**
 * The report's aggregation: pure (no I/O) and incremental, in memory bounded by the calls open at a time
 * and the callers of the last 81 hours, so a log of any length streams through it. Lines are expected in
 * roughly the order they were written (a call's lines within hours of each other); a call is counted a
 * minute after Twilio's status callback ends it, or once it has been idle long enough to be over.
 * Every figure is counted once (`ReportTally`); the flow diagram's nodes read those figures, and only the
 * passages along its edges are counted on the graph. A new kind of event line is read in `addEvent`.
 */
export function createReportBuilder(options: ReportOptions = {}): ReportBuilder {
  const flowCounter = options.graph ? createFlowCounter(options.graph) : undefined;
  const open = new Map<string, OpenCall>();
  const tally = createTally();
  const service = { retries: 0, restarts: 0, errors: new Map<string, number>(), warnings: new Map<string, number>() };
  const lines = { read: 0, events: 0, service: 0, callsOutsidePeriod: 0 };
  const skipped: Record<SkipReason | "tooLong", number> = {
    notJson: 0,
    foreign: 0,
    malformed: 0,
    otherVersion: 0,
    tooLong: 0,
  };
  let watermark = Number.NEGATIVE_INFINITY;

  const inPeriod = (time: number) =>
    (options.from === undefined || time >= options.from) && (options.to === undefined || time < options.to);

  const addTurn = (e: LoggedTurn): void => {
    const known = open.get(e.callSid);
    if (e.result === "replayed") {
      service.retries++;
      if (known) known.lastSeen = Math.max(known.lastSeen, e.time);
      return;
    }
    if (e.result === "restarted") service.restarts++;
    let call = known;
    if (!call) {
      const counted = inPeriod(e.time);
      if (!counted) lines.callsOutsidePeriod++;
      call = createOpenCall(e, counted, counted ? flowCounter?.startCall() : undefined);
      open.set(e.callSid, call);
    }
    followTurn(tally, call, e);
  };

  const close = (callSid: string, call: OpenCall): void => {
    open.delete(callSid);
    if (call.counted) countCall(tally, call);
  };

  /** Closes calls that are over by the latest time seen, and lets the repeat count judge what it can. */
  const sweep = (): void => {
    for (const [callSid, call] of open) {
      const quiet = call.ended ? ENDED_MS : call.outcome === undefined ? IDLE_MS : FINISHED_MS;
      if (call.lastSeen < watermark - quiet) close(callSid, call);
    }
    tally.repeats.sweep(watermark);
  };

  const addEvent = (e: Extract<ReturnType<typeof classifyLine>, { kind: "event" }>["event"]): void => {
    if (e.time > watermark) watermark = e.time;
    if (e.msg === "turn") addTurn(e);
    else {
      const call = open.get(e.callSid);
      if (call) {
        call.lastSeen = Math.max(call.lastSeen, e.time);
        call.ended = true;
      }
    }
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
        addEvent(line.event);
      }
      if (lines.read % SWEEP_EVERY === 0) sweep();
    },
    addLongLine() {
      lines.read++;
      skipped.tooLong++;
    },
    finish() {
      for (const [callSid, call] of open) close(callSid, call);
      const figures = summarizeTally(tally);
      return {
        ...figures,
        service: {
          retries: service.retries,
          restarts: service.restarts,
          errors: sortedRecord(service.errors),
          warnings: sortedRecord(service.warnings),
        },
        ...(options.graph && flowCounter
          ? { flow: { nodes: countFlowNodes(options.graph, figures), edges: flowCounter.finish() } }
          : {}),
        lines: { ...lines, skipped },
      };
    },
  };
}
