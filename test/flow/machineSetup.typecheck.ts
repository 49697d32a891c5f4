/**
 * Checked by `npm run typecheck`, never run: the machine's states and transitions are typed by its setup
 * (`createMachineSetup`), so a misspelt action or guard, or wrong params, does not compile. Each line under a
 * `@ts-expect-error` is such a mistake; should one of them compile, the directive itself fails the typecheck.
 */
import type { StateConfig, Transition } from "../../src/service/flow/machine/machineSetup.js";

/**
 * States and transitions that must not compile: each line under `@ts-expect-error` names an action or a guard
 * the machine does not have, or gives one the wrong params. `npm run typecheck` fails if any of them compiles.
 */
const refused: readonly (StateConfig | Transition)[] = [
  // @ts-expect-error: "repaetMenu" is no action of the machine.
  { target: "main", actions: ["stamp", "repaetMenu"] },
  // @ts-expect-error: "conected" is no guard of the machine.
  { guard: "conected", target: "ended", actions: "stamp" },
  // @ts-expect-error: startTransfer takes the team, not "tem".
  { target: "transfer", actions: [{ type: "startTransfer", params: { tem: "pharmacy" } }] },
  // @ts-expect-error: chose takes the option's index, a number.
  { guard: { type: "chose", params: { option: "3" } }, target: "transfer" },
  // @ts-expect-error: a menu's entry must name an action of the machine.
  { entry: { type: "enterMneu", params: { menu: "main" } } },
];

/** Transitions and states that compile: the same shapes with the machine's own names. */
const accepted: readonly (StateConfig | Transition)[] = [
  { target: "main", actions: ["stamp", "repeatMenu"] },
  { guard: "connected", target: "ended", actions: "stamp" },
  { target: "transfer", actions: [{ type: "startTransfer", params: { team: "pharmacy" } }] },
  { guard: { type: "chose", params: { option: 3 } }, target: "transfer" },
  { entry: { type: "enterMenu", params: { menu: "main" } } },
];

export const CHECKED = [...refused, ...accepted].length;
