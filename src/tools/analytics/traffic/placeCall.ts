import type { CallFlow } from "../../../service/index.js";
import { type CallerAction, type Line, simulateCall, type TranscriptEntry } from "../../emulator/index.js";
import { estimateSeconds, type TimedMoment } from "./callTiming.js";
import type { CallerStep, PlacedCall, PlannedCall } from "./plannedCall.js";

/** A line calls are placed on, with the clock it reads (simulated traffic moves it). */
export interface TrafficServer {
  /** The emulated Twilio side of the line. */
  readonly line: Line;
  readonly callFlow: CallFlow;
  /** The line's clock, epoch ms. */
  readonly clock: { now: number };
}

/**
 * Places one planned call against the line as Twilio would (signed webhooks, TwiML followed verb by
 * verb), moving the line's clock as the call goes: it starts at the call's time and advances as prompts
 * are heard, the caller answers or stays silent, and transfers ring. The one place simulated traffic
 * meets the call simulator.
 */
export async function placeCall(line: TrafficServer, call: PlannedCall): Promise<PlacedCall> {
  const { flow } = line.callFlow;
  const steps = [...call.steps];
  line.clock.now = call.at;
  const transcript = await simulateCall(line.line, {
    callSid: call.callSid,
    to: call.to,
    from: call.from,
    dial: call.dial,
    caller: async () => toAction(steps.shift() ?? { kind: "hangup" }),
    onEntry: (entry) => {
      const moment = momentOf(entry, flow.gather.timeoutSeconds, flow.dial.timeoutSeconds);
      if (moment) line.clock.now += Math.round(estimateSeconds(moment, call.pace) * 1000);
    },
  });
  const { outcome } = transcript;
  switch (outcome.kind) {
    case "transferred":
      return {
        outcome: "transferred",
        ...(outcome.team ? { team: outcome.team.id } : {}),
        requests: transcript.requests,
      };
    case "goodbye":
    case "caller-hung-up":
      return { outcome: outcome.kind, requests: transcript.requests };
    default:
      return {
        outcome: "failed",
        reason: outcome.kind === "failed" ? outcome.reason : outcome.kind,
        requests: transcript.requests,
      };
  }
}

function toAction(step: CallerStep): CallerAction {
  return step;
}

function momentOf(entry: TranscriptEntry, gatherTimeout: number, dialTimeout: number): TimedMoment | undefined {
  switch (entry.kind) {
    case "say":
      return { kind: "heard", chars: entry.text.length };
    case "press":
    case "say-speech":
      return { kind: "answered" };
    case "silence":
      return { kind: "silent", timeoutSeconds: gatherTimeout };
    case "dial-result":
      return { kind: "dial-result", status: entry.status, timeoutSeconds: dialTimeout };
    default:
      return undefined;
  }
}
