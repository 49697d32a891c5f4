import { CALLBACK_DONE, CALLBACK_NUMBER, type CallbackSettings } from "../../service/index.js";
import type { DrawnLine } from "./drawnLine.js";
import { type FlowEdge, START_NODE } from "./flowGraph.js";
import { edge, type Move } from "./move.js";

/** The flow's call-back settings; only a flow that has them has call-back states to draw. */
function settingsOf(line: DrawnLine): CallbackSettings {
  const settings = line.callFlow.flow.callbacks;
  if (!settings)
    throw new Error(`The flow "${line.callFlow.flow.id}" has no call-backs, yet its machine asks for one.`);
  return settings;
}

/** The edge of the call-back key pressed in a menu while one is offered: to confirm the number, or to key one in. */
export function drawCallbackTaken(line: DrawnLine, from: string, to: string): FlowEdge {
  const { key } = settingsOf(line);
  const label = to === CALLBACK_NUMBER ? `${key} call-back, caller ID withheld` : `${key} call-back`;
  return edge(from, to, "callback", "callback", label);
}

/** The edge of the incoming call that is a call-back the line placed: to its greeting. */
export function drawCallbackStart(to: string): FlowEdge {
  return edge(START_NODE, to, "callback", "start", "the line calls back at the opening");
}

/**
 * The edge of an answer to a call-back's question (at `move.at`, a call-back state): the number confirmed,
 * another asked for, a number keyed in, the member put through (the connect key or staying on the line), or
 * a wrong answer or silence asked again.
 */
export function drawCallbackAnswer(line: DrawnLine, move: Move): FlowEdge {
  const { confirmKey, changeKey } = settingsOf(line);
  const { at, effects } = move;
  const to = move.through ?? move.landing;
  if (effects.failed === "invalid") return edge(at, to, "invalid", "invalid", "wrong answer: asked again");
  if (effects.failed === "silence") return edge(at, to, "silence", "silence", "silence: asked again");
  if (effects.connected) return drawCallbackConnect(line, at, to);
  if (move.event === "NUMBER") return edge(at, to, "number", "callback", "a number keyed in, #");
  if (to === CALLBACK_DONE) return edge(at, to, "confirm", "callback", `${confirmKey} confirm`);
  if (to === CALLBACK_NUMBER) return edge(at, to, "change", "callback", `${changeKey} another number`);
  throw new Error(
    `The diagram cannot draw the ${move.event} answer at ${at} to ${to}: teach src/tools/diagram/drawCallbackLegs.ts how.`,
  );
}

/**
 * The edge of the call the line placed putting the member through to the team: on the connect key, on
 * silence, or at once after too many wrong keys (one edge for all three).
 */
export function drawCallbackConnect(line: DrawnLine, from: string, to: string): FlowEdge {
  return edge(from, to, "connect", "callback", `${settingsOf(line).connectKey} or silence: put through`);
}
