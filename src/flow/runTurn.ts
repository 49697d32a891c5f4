import { type AnyActorScope, createActor } from "xstate";
import type { CallInput, FlowEvent, PersistedCall } from "../types.js";
import type { CallFlow, CallMachine } from "./compileFlow.js";

/** Starts a call: the machine's first state for the caller's region (or the region menu) at `input.at`. */
export function startCall(callFlow: CallFlow, input: CallInput): PersistedCall {
  const snapshot = callFlow.machine.getInitialSnapshot(scopeOf(callFlow.machine), input);
  return { value: snapshot.value as string, context: snapshot.context };
}

/**
 * One turn of a call, pure: restore the persisted state, send the event, return the new state.
 * An event the current state does not take leaves the call where it is.
 */
export function advanceCall(callFlow: CallFlow, call: PersistedCall, event: FlowEvent): PersistedCall {
  const { machine } = callFlow;
  const restored = machine.resolveState({ value: call.value, context: call.context });
  const next = machine.transition(restored, event, scopeOf(machine));
  return { value: next.value as string, context: next.context };
}

const scopes = new WeakMap<CallMachine, AnyActorScope>();

/**
 * The inert actor scope the machine computes in: what xstate's pure `initialTransition` and `transition`
 * build on every call, built here once per machine. Building it per call was the costliest part of a turn:
 * it creates a throwaway actor, whose constructor computes an initial snapshot without input, so the
 * flow's context factory throws a TypeError (stack trace and all) that xstate catches and discards.
 * Sharing one scope is safe because the machine is pure: no invoked or spawned actors (nothing registers
 * in the scope's system), no deferred or emitted effects, and actions to execute are dropped (as before:
 * every action of the flow is an `assign`, applied by the transition itself).
 */
function scopeOf(machine: CallMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    // Constructed with a valid input so its own initial snapshot succeeds; it is never started.
    const self = createActor(machine, { input: { region: null, at: 0 } });
    scope = {
      self,
      id: "",
      sessionId: "",
      system: self.system,
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: () => {},
    };
    scopes.set(machine, scope);
  }
  return scope;
}
