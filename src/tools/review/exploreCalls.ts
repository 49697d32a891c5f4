import type { PersistedCall } from "../../service/index.js";
import { answersFor } from "./answersFor.js";
import {
  describeInput,
  eventOf,
  type Heard,
  type JourneyInput,
  type JourneyStart,
  type LineRunner,
} from "./runJourney.js";

/** A state of a call found by exploring, with what the caller hears in it and where each input leads. */
export interface ExploredState {
  readonly call: PersistedCall;
  readonly heard: Heard;
  readonly edges: ReadonlyArray<{ readonly input: string; readonly to: PersistedCall }>;
  /** Whether its edges were followed (see `exploreCalls`'s `expand`). */
  readonly expanded: boolean;
  /** How the exploration first got here (a shortest way): the state before and the input. */
  readonly via: { readonly from: PersistedCall; readonly input: string } | null;
}

/** Every state calls from one start can reach at one instant. */
export interface Exploration {
  readonly start: JourneyStart;
  readonly first: PersistedCall;
  readonly states: ReadonlyMap<PersistedCall, ExploredState>;
}

const DIAL_RESULTS: readonly JourneyInput[] = [
  { kind: "dial", status: "completed" },
  { kind: "dial", status: "busy" },
];

/**
 * Explores the compiled machine from a call's first state at a fixed instant, breadth first: at a menu
 * each option's key, a wrong key and silence; at a transfer, answered and busy; a bare `<Redirect>` comes
 * back with no input. Finite, because the machine's counters bound every call. States for which `expand`
 * is false are kept without following their edges.
 */
export function exploreCalls(
  runner: LineRunner,
  start: JourneyStart,
  expand: (call: PersistedCall) => boolean = () => true,
): Exploration {
  const first = runner.first(start);
  const states = new Map<PersistedCall, ExploredState>();
  const queue: Array<{ call: PersistedCall; via: ExploredState["via"] }> = [{ call: first, via: null }];
  const queued = new Set<PersistedCall>([first]);
  for (let i = 0; i < queue.length; i++) {
    const { call, via } = queue[i] as (typeof queue)[number];
    const heard = runner.hear(call);
    const edges: Array<{ input: string; to: PersistedCall }> = [];
    const expanded = expand(call);
    const go = (input: string, to: PersistedCall) => {
      edges.push({ input, to });
      if (!queued.has(to)) {
        queued.add(to);
        queue.push({ call: to, via: { from: call, input } });
      }
    };
    if (!expanded) {
      states.set(call, { call, heard, edges, expanded, via });
      continue;
    }
    if (heard.next === "gather")
      for (const answer of answersFor(runner, call))
        go(describeInput(answer), runner.step(call, eventOf(runner, call, answer, start.at)));
    else if (heard.next === "dial")
      for (const dial of DIAL_RESULTS)
        if (dial.kind === "dial")
          go(describeInput(dial), runner.step(call, { type: "DIAL_RESULT", status: dial.status, now: start.at }));
    if (heard.next === "redirect") go("(no input)", runner.step(call, { type: "SILENCE", now: start.at }));
    states.set(call, { call, heard, edges, expanded, via });
  }
  return { start, first, states };
}

/** The inputs of the shortest way the exploration found to a state. */
export function pathTo(exploration: Exploration, call: PersistedCall): string[] {
  const inputs: string[] = [];
  for (let at = exploration.states.get(call)?.via; at; at = exploration.states.get(at.from)?.via)
    inputs.unshift(at.input);
  return inputs;
}
