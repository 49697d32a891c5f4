import { initialTransition, transition } from "xstate";
import type { CallInput, FlowEvent, PersistedCall } from "../types.js";
import type { CallFlow } from "./compileFlow.js";

/** Starts a call: the machine's first state for the caller's region (or the region menu) at `input.at`. */
export function startCall(callFlow: CallFlow, input: CallInput): PersistedCall {
  const [snapshot] = initialTransition(callFlow.machine, input);
  return { value: snapshot.value as string, context: snapshot.context };
}

/**
 * One turn of a call, pure: restore the persisted state, send the event, return the new state.
 * An event the current state does not take leaves the call where it is.
 */
export function advanceCall(callFlow: CallFlow, call: PersistedCall, event: FlowEvent): PersistedCall {
  const restored = callFlow.machine.resolveState({ value: call.value, context: call.context });
  const [next] = transition(callFlow.machine, restored, event);
  return { value: next.value as string, context: next.context };
}
