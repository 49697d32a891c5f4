import { describe, expect, test } from "vitest";
import { loadCallFlow } from "../../src/service/line/loadCallFlow.js";
import { DIRECTORY_FILE, FLOW_FILES } from "../fixtures/flowFixtures.js";

/** A reference to an action or a guard, as a built machine keeps it. */
type Reference = string | { readonly type: string } | undefined;

const nameOf = (ref: Reference): string | undefined => (typeof ref === "object" ? ref.type : ref);

const CALLBACK_ONLY = new Set([
  "takeOffer",
  "keepNumber",
  "forgetNumber",
  "noteInvalidNumber",
  "noteInvalidKey",
  "noteSilence",
  "connectCallback",
  "takesOffer",
  "offerTo",
  "keyed",
  "numberValid",
  "placedCallback",
]);

/** The machine's own names are checked by the compiler: see `machineSetup.typecheck.ts`. */
describe.each(FLOW_FILES)("%s: the machine built from the flow", (flowFile) => {
  const { machine, flow } = loadCallFlow(flowFile, DIRECTORY_FILE);
  const states = Object.values(machine.root.states);
  const transitions = states.flatMap((state) => [...state.transitions.values()].flat().concat(state.always ?? []));
  const actions = [
    ...states.flatMap((state) => state.entry as Reference[]),
    ...transitions.flatMap((t) => t.actions as Reference[]),
  ].map(nameOf);
  const guards = transitions.map((t) => nameOf(t.guard as Reference)).filter((g) => g !== undefined);

  /** The actions and guards of call-backs, which a flow without `callbacks` does not use. */
  const unused = (name: string) => flow.callbacks !== undefined || !CALLBACK_ONLY.has(name);

  test("names only actions its setup implements, and uses each of them", () => {
    const implemented = Object.keys(machine.implementations.actions).filter(unused).sort();
    expect(actions.length).toBeGreaterThan(100);
    expect([...new Set(actions)].sort()).toEqual(implemented);
  });

  test("names only guards its setup implements, and uses each of them", () => {
    const implemented = Object.keys(machine.implementations.guards).filter(unused).sort();
    expect(guards.length).toBeGreaterThan(50);
    expect([...new Set(guards)].sort()).toEqual(implemented);
  });
});
