import {
  CALLBACK_CONFIRM,
  CALLBACK_DONE,
  CALLBACK_GREETING,
  CALLBACK_NUMBER,
  CALLBACK_READ_BACK,
  formatPhone,
} from "../../service/index.js";
import type { DrawnLine } from "./drawnLine.js";
import type { FlowNode } from "./flowGraph.js";

/**
 * The boxes of a call-back, by node id (the state's): the questions of a caller who took the offer, its
 * goodbye once queued, and the greeting of the call the line places at the opening. None for a flow without
 * call-backs.
 */
export function describeCallbackNodes(line: DrawnLine): FlowNode[] {
  const settings = line.callFlow.flow.callbacks;
  if (!settings) return [];
  const { confirmKey, changeKey, connectKey, retries, retryMinutes } = settings;
  const answers = `${confirmKey} confirm, ${changeKey} another number`;
  const from = line.region ? `from ${line.region.inbound.map(formatPhone).join(", ")}` : "from the region's number";
  const node = (id: string, label: string, detail: string[]): FlowNode => ({ id, kind: "callback", label, detail });
  return [
    node(CALLBACK_CONFIRM, "Call-back: caller's number", ["“…the number ending in…”", answers]),
    node(CALLBACK_NUMBER, "Call-back: another number", ["10 digits, # to finish", "a US number, not the line's own"]),
    node(CALLBACK_READ_BACK, "Call-back: read back", ["digit by digit", answers]),
    node(CALLBACK_DONE, "Call-back queued", ["when it is due; goodbye", "the line hangs up on purpose"]),
    node(CALLBACK_GREETING, "Call-back placed", [
      `at the opening, ${from}`,
      `${retries} retries ${retryMinutes} min apart while open`,
      `${connectKey} or silence: put through`,
    ]),
  ];
}
