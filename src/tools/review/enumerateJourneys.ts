import type { PersistedCall } from "../../service/index.js";
import { dialStatusSchema } from "../../service/index.js";
import { answersFor } from "./answersFor.js";
import type { Line } from "./loadLine.js";
import { describeInput, eventOf, type JourneyInput, type JourneyStart, type LineRunner } from "./runJourney.js";

/** Who calls and when: a region's callers (by the number they dial) or callers of a number no region owns. */
export interface Place {
  /** The region's id, or `unknown number`. */
  readonly region: string;
  /** The number dialed (the region's first inbound number), or null for one no region owns. */
  readonly inbound: string | null;
  /** When the call comes in, epoch ms. */
  readonly at: number;
}

/** One caller journey: where and when it starts, and what the caller (and the network) do. */
export interface Journey {
  readonly place: Place;
  readonly inputs: readonly JourneyInput[];
}

/** Keys tried in every menu whether or not it offers them. */
const ALWAYS_PRESSED = ["0", "*"];
/** The dial results followed at a transfer: one that connects, one that fails. */
const DIAL_RESULTS = dialStatusSchema.extract(["completed", "busy"]).options;

/** How a region's callers are named when their number is owned by no region. */
export const UNKNOWN_NUMBER = "unknown number";

/**
 * The places to follow callers of one or more versions of a line from, at `at`: every region (by its
 * first inbound number) and a number no region owns.
 */
export function listPlaces(lines: readonly Line[], at: number): Place[] {
  const places = new Map<string, Place>();
  for (const { callFlow } of lines)
    for (const region of callFlow.directory.regions)
      if (!places.has(region.id)) places.set(region.id, { region: region.id, inbound: region.inbound[0] ?? null, at });
  places.set(UNKNOWN_NUMBER, { region: UNKNOWN_NUMBER, inbound: null, at });
  return [...places.values()];
}

/** Where a journey starts on one line: the region its dialed number belongs to there. */
export function startOn(line: Line, place: Place): JourneyStart {
  const region = place.inbound === null ? null : line.callFlow.directory.regionByInbound.get(place.inbound);
  return { region: region?.id ?? null, at: place.at };
}

/**
 * Enumerates caller journeys on one line, depth first, from each place: at a menu each option's key, 0,
 * *, one wrong key, one phrase per option and silence; at a transfer, answered or busy. A journey stops
 * after `depth` menu answers, at a hang-up, or when it reaches a state (with as many answers left)
 * another journey already went on from. Callers also start with each choice of language the first menu
 * offers (`languageChoices`: 9, and 8 then each interpreter), which does not count towards `depth`.
 */
export function enumerateJourneys(runner: LineRunner, places: readonly Place[], depth: number): Journey[] {
  const journeys: Journey[] = [];
  for (const place of places) {
    const start = startOn(runner.line, place);
    const seen = new Map<PersistedCall, number>();
    const visited = (call: PersistedCall, left: number) => {
      const known = seen.get(call);
      if (known !== undefined && known >= left) return true;
      seen.set(call, left);
      return false;
    };
    const visit = (call: PersistedCall, inputs: readonly JourneyInput[], left: number): void => {
      const { next } = runner.hear(call);
      const goOn =
        (next === "gather" && left > 0 && !visited(call, left)) ||
        ((next === "dial" || next === "redirect") && !visited(call, left));
      if (!goOn) journeys.push({ place, inputs });
      else if (next === "redirect") visit(runner.step(call, { type: "SILENCE", now: start.at }), inputs, left);
      else if (next === "dial")
        for (const status of DIAL_RESULTS)
          visit(
            runner.step(call, { type: "DIAL_RESULT", status, now: start.at }),
            [...inputs, { kind: "dial", status }],
            left,
          );
      else
        for (const answer of answersFor(runner, call, { keys: ALWAYS_PRESSED, phrases: true }))
          visit(runner.step(call, eventOf(runner, call, answer, start.at)), [...inputs, answer], left - 1);
    };
    const first = runner.first(start);
    visit(first, [], depth);
    for (const choice of languageChoices(runner, first)) {
      let call = first;
      for (const answer of choice) call = runner.step(call, eventOf(runner, call, answer, start.at));
      visit(call, choice, depth);
    }
  }
  return journeys;
}

/**
 * The ways a caller of the first menu chooses a language, which do not count towards a journey's depth:
 * each key that switches language there, and, through a menu of languages (one whose every option
 * switches language or asks for an interpreter, e.g. 8), each interpreter and each language not switched
 * to at the first menu itself (`8, 2`).
 */
function languageChoices(runner: LineRunner, first: PersistedCall): JourneyInput[][] {
  const { menus } = runner.line.callFlow;
  const language = first.context.language;
  const offered = (menu: string) => (menus.get(menu)?.options ?? []).filter((o) => o.languages.includes(language));
  const press = (...keys: string[]): JourneyInput[] => keys.map((key) => ({ kind: "key", key }));
  const direct = offered(first.value).filter((o) => o.action.kind === "language");
  const switched = new Set(direct.map((o) => (o.action.kind === "language" ? o.action.language : "")));
  const choices = direct.map((o) => press(o.key));
  for (const option of offered(first.value)) {
    if (option.action.kind !== "menu") continue;
    const inner = offered(option.action.menu);
    if (inner.length === 0 || !inner.every((o) => o.action.kind === "language" || o.action.kind === "interpreter"))
      continue;
    for (const o of inner)
      if (o.action.kind === "interpreter" || (o.action.kind === "language" && !switched.has(o.action.language)))
        choices.push(press(option.key, o.key));
  }
  return choices;
}

/** A journey's identity, the same on any line: place, time and inputs. */
export function keyOfJourney(journey: Journey): string {
  const { place, inputs } = journey;
  return `${place.region}|${place.at}|${inputs.map(describeInput).join(",")}`;
}
