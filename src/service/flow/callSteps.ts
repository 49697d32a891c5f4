import { initialTransition, transition } from "xstate";
import type { CallInput, MachineEvent, PersistedCall } from "../types.js";
import type { CallFlow } from "./compileFlow.js";

/** Starts a call: the machine's first state for the caller's region (or the region menu) at `input.now`. */
export function startCall(callFlow: CallFlow, input: CallInput): PersistedCall {
  const [snapshot] = initialTransition(callFlow.machine, input);
  return { value: readState(snapshot.value), context: snapshot.context };
}

/**
 * One step of a call, pure: restore the persisted state, send the machine event (the caller's input already
 * matched against their menu, `matchInput`), return the new state. An event the current state does not take
 * leaves the call where it is.
 */
export function applyEvent(callFlow: CallFlow, call: PersistedCall, event: MachineEvent): PersistedCall {
  const { machine } = callFlow;
  const restored = machine.resolveState({ value: call.value, context: call.context });
  const [next] = transition(machine, restored, event);
  return { value: readState(next.value), context: next.context };
}

/** The state of a snapshot: the machine is flat, so always one state's name. */
function readState(value: unknown): string {
  if (typeof value !== "string")
    throw new Error(`the call-flow machine is flat; got the state ${JSON.stringify(value)}`);
  return value;
}
