import { initialTransition, transition } from "xstate";
import type { CallInput, FlowEvent, MachineEvent, PersistedCall } from "../types.js";
import type { CallFlow } from "./compileFlow.js";
import { matchInput } from "./matchInput.js";

/** Starts a call: the machine's first state for the caller's region (or the region menu) at `input.now`. */
export function startCall(callFlow: CallFlow, input: CallInput): PersistedCall {
  const [snapshot] = initialTransition(callFlow.machine, input);
  return { value: snapshot.value as string, context: snapshot.context };
}

/**
 * One step of a call, pure: restore the persisted state, send the machine event, return the new state.
 * An event the current state does not take leaves the call where it is.
 */
export function applyEvent(callFlow: CallFlow, call: PersistedCall, event: MachineEvent): PersistedCall {
  const { machine } = callFlow;
  const restored = machine.resolveState({ value: call.value, context: call.context });
  const [next] = transition(machine, restored, event);
  return { value: next.value as string, context: next.context };
}

/** What the caller did, matched against their menu (`matchInput`) and applied (`applyEvent`). */
export function advanceCall(callFlow: CallFlow, call: PersistedCall, event: FlowEvent): PersistedCall {
  return applyEvent(callFlow, call, matchInput(callFlow, call, event));
}
