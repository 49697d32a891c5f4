import { and, type StateMachine } from "xstate";
import type { CallMachine } from "../../service/index.js";

/** The type parameters of the compiled call machine that name its actions and guards. */
type PartsOf<M> =
  M extends StateMachine<
    infer _Context,
    infer _Event,
    infer _Children,
    infer _Actor,
    infer Action,
    infer Guard,
    infer _Delay,
    infer _Value,
    infer _Tag,
    infer _Input,
    infer _Output,
    infer _Emitted,
    infer _Meta,
    infer _Schema,
    infer _TransitionMeta
  >
    ? { readonly action: Action; readonly guard: Guard }
    : never;

/** One of the machine's named actions with its parameters, e.g. `{ type: "startTransfer", params: { team } }`. */
export type MachineAction = PartsOf<CallMachine>["action"];
/** One of the machine's named guards with its parameters, e.g. `{ type: "closed", params: { team } }`. */
export type MachineGuard = PartsOf<CallMachine>["guard"];

/** A transition of the machine as plain data: what it waits for, what must hold, what it does, where it goes. */
export interface MachineTransition {
  /** The event it is taken on, or `always` for one taken as soon as its state is entered. */
  readonly event: string;
  /** Guards that must all hold (none: always taken, unless an earlier transition was). */
  readonly guards: readonly MachineGuard[];
  readonly actions: readonly MachineAction[];
  /** The state it goes to; undefined when it stays without re-entering. */
  readonly target: string | undefined;
}

/** A top-level state of the machine as plain data. */
export interface MachineState {
  readonly id: string;
  readonly final: boolean;
  /** Actions run on entering it. */
  readonly entry: readonly MachineAction[];
  /** Its transitions on events, each event's in the order XState tries them. */
  readonly on: readonly MachineTransition[];
  /** Transitions taken as soon as it is entered, in order; none taken leaves the call in it. */
  readonly always: readonly MachineTransition[];
}

/** The machine as plain data: its states by id, and the one a call starts in. */
export interface MachineChart {
  readonly initial: string;
  readonly states: ReadonlyMap<string, MachineState>;
}

/** What xstate's `and(...)` guards share, to tell one from a guard of another kind. */
const AND_CHECK = (and([]) as unknown as { check: unknown }).check;

/**
 * Reads the compiled call machine's states and transitions, with each action and guard by name and
 * parameters. Fails, naming the state, on what cannot be read as data (an inline function, a nested state).
 */
export function readMachine(machine: CallMachine): MachineChart {
  const states = new Map<string, MachineState>();
  for (const [id, node] of Object.entries(machine.root.states)) {
    if (Object.keys(node.states).length > 0)
      throw new Error(`State "${id}" of the call machine has states of its own: the diagram reads a flat machine.`);
    const where = `state "${id}" of the call machine`;
    const transitions = [...node.transitions.values()].flat();
    states.set(id, {
      id,
      final: node.type === "final",
      entry: node.entry.map((a) => readAction(a, where)),
      on: transitions.map((t) => readTransition(t, t.eventType, where)),
      always: (node.always ?? []).map((t) => readTransition(t, "always", where)),
    });
  }
  const initial = machine.root.initial.target[0]?.key;
  if (initial === undefined) throw new Error("The call machine has no initial state.");
  return { initial, states };
}

interface RawTransition {
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly target?: ReadonlyArray<{ readonly key: string }> | undefined;
}

function readTransition(t: RawTransition, event: string, where: string): MachineTransition {
  const at = `${where} on ${event}`;
  return {
    event,
    guards: t.guard === undefined ? [] : readGuards(t.guard, at),
    actions: t.actions.map((a) => readAction(a, at)),
    target: t.target?.[0]?.key,
  };
}

function readAction(action: unknown, where: string): MachineAction {
  if (typeof action === "string") return { type: action, params: undefined } as MachineAction;
  if (isNamed(action) && typeof action.params !== "function") return action as MachineAction;
  throw new Error(`An action of ${where} is not named: the diagram reads only the machine's named actions.`);
}

function readGuards(guard: unknown, where: string): MachineGuard[] {
  if (typeof guard === "string") return [{ type: guard, params: undefined } as MachineGuard];
  if (isNamed(guard) && typeof guard.params !== "function") return [guard as MachineGuard];
  const all = guard as { check?: unknown; guards?: unknown };
  if (typeof guard === "function" && all.check === AND_CHECK && Array.isArray(all.guards))
    return all.guards.flatMap((g) => readGuards(g, where));
  throw new Error(`A guard of ${where} is neither named nor and(...) of named guards: the diagram cannot read it.`);
}

function isNamed(value: unknown): value is { readonly type: string; readonly params?: unknown } {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
