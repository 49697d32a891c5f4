import type { Directory, RegionId } from "../../service/index.js";
import { createClockFreeRunner } from "./clockFreeRunner.js";
import {
  cutStretches,
  groupStretches,
  type Stretch,
  type StretchClass,
  type Timeline,
  YEAR_MS,
} from "./cutStretches.js";
import { describeWhen, type When } from "./describeWhen.js";
import { enumerateJourneys, type Journey, keyOfJourney, listPlaces, type Place, startOn } from "./enumerateJourneys.js";
import {
  type Changed,
  type ChangeGroup,
  type Divergence,
  findDivergence,
  groupChanges,
  type JourneyChange,
} from "./groupChanges.js";
import type { Line } from "./loadLine.js";
import { formatLocal } from "./localClock.js";
import {
  createRunner,
  describeInput,
  type JourneyRun,
  type LineRunner,
  type Outcome,
  runJourney,
  voicesOf,
  wordsOf,
} from "./runJourney.js";
import type { ZoneClock } from "./zoneClock.js";

export type { ChangeGroup, JourneyChange } from "./groupChanges.js";

/** Which callers would end up somewhere else, and when. */
export interface DiffReport {
  readonly base: { readonly label: string; readonly version: string };
  readonly head: { readonly label: string; readonly version: string };
  /** The time compared, ISO 8601: twelve months from the start. */
  readonly span: { readonly from: string; readonly to: string };
  /** Journeys followed on both lines: each once per class of stretches of time its region keeps apart. */
  readonly journeys: number;
  readonly changed: readonly JourneyChange[];
  readonly groups: readonly ChangeGroup[];
}

/**
 * Compares two versions of the line by their callers, exactly in time: the twelve months from `from` are
 * cut into stretches in which both versions have the same teams open in every region (`cutStretches`:
 * every weekly window, closure and clock switch of both), and stretches alike for a region's callers are
 * followed once. Journeys (`enumerateJourneys`, `depth` menu answers at most, by default the flows'
 * `maxFailures`) are run on both lines in each class of stretches; those whose outcome (team and number,
 * goodbye, the menu left in) or words heard changed are reported with every time they change, in the
 * callers' local time, and grouped so that one edit reads as one finding.
 */
export function diffLines(base: Line, head: Line, from: number, depth?: number): DiffReport {
  const directories = [base.callFlow.directory, head.callFlow.directory];
  const timeline = cutStretches(directories, from, from + YEAR_MS);
  const span = { from: timeline.from, to: timeline.to };
  const spoken = new Map<string, readonly string[]>();
  const runners = [
    createClockFreeRunner(createRunner(base), spoken),
    createClockFreeRunner(createRunner(head), spoken),
  ] as const;
  const answers = depth ?? Math.max(base.callFlow.flow.limits.maxFailures, head.callFlow.flow.limits.maxFailures);
  const places = listPlaces([base, head], span.from);
  const { followed, found } = followPlaces(places, timeline, runners, answers);
  const describe = createDescriber(directories, timeline.clocks, span);
  const changed = [...found.values()].map((f): Changed => {
    const { divergence } = f;
    // The hours that changed the journey are those of the region the caller was in when it changed.
    const region = f.place.inbound === null ? divergence.region : f.place.region;
    const { when, at } = describe(region, f.classes);
    return {
      change: {
        region: f.place.region,
        language: f.language,
        when,
        at,
        inputs: f.journey.inputs.map(describeInput),
        before: f.before,
        after: f.after,
        words: f.words,
      },
      divergence,
      region,
      classes: f.classes,
    };
  });
  return {
    base: { label: base.label, version: base.callFlow.version },
    head: { label: head.label, version: head.callFlow.version },
    span: { from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() },
    journeys: followed,
    changed: changed.map((c) => c.change),
    groups: groupChanges(
      changed,
      places.map((p) => p.region),
      describe,
    ),
  };
}

/**
 * Follows the journeys of every place on both lines, once per class of stretches its callers tell apart
 * (a region's own hours; every region's for a number no region owns, whose callers may choose any), and
 * keeps each changed journey with the classes in which it changes the same way.
 */
function followPlaces(
  places: readonly Place[],
  timeline: Timeline,
  runners: readonly [LineRunner, LineRunner],
  depth: number,
): { followed: number; found: ReadonlyMap<string, Found> } {
  const every = unique(timeline.where.map((w) => w.slice(w.indexOf(":") + 1)));
  const idOf = createIdentity();
  let followed = 0;
  const found = new Map<string, Found>();
  for (const place of places)
    for (const stretchClass of groupStretches(timeline, place.inbound === null ? every : [place.region])) {
      const at = { ...place, at: stretchClass.at };
      const journeys = new Map<string, Journey>();
      for (const runner of runners)
        for (const journey of enumerateJourneys(runner, [at], depth)) journeys.set(keyOfJourney(journey), journey);
      followed += journeys.size;
      for (const journey of journeys.values()) {
        const runs = runners.map((r) => runJourney(r, startOn(r.line, at), journey.inputs)) as [JourneyRun, JourneyRun];
        const change = compareRuns(runs, idOf);
        if (!change) continue;
        const key = `${place.region}|${journey.inputs.map(describeInput).join(",")}|${change}`;
        const known = found.get(key);
        if (known) known.classes.push(stretchClass);
        else found.set(key, { place, journey, ...summarize(runs), classes: [stretchClass] });
      }
    }
  return { followed, found };
}

/** How a journey changed, from its runs on both lines. */
interface Summary {
  readonly language: string;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly words: boolean;
  readonly divergence: Divergence;
}

/** A changed journey of a place, and the classes of stretches in which it changes the same way. */
interface Found extends Summary {
  readonly place: Place;
  readonly journey: Journey;
  readonly classes: StretchClass[];
}

function summarize([before, after]: readonly [JourneyRun, JourneyRun]): Summary {
  return {
    language: before.language,
    before: before.outcome,
    after: after.outcome,
    words: !sameList(wordsOf(before), wordsOf(after)) || !sameList(voicesOf(before), voicesOf(after)),
    divergence: findDivergence(before, after),
  };
}

/**
 * How a journey changed, as a key (equal keys: the same change, wherever and whenever): null when it
 * ends where it did, hearing the same words in the same voices. The same words in the same voices are
 * one array (the runners share them), so they are told apart by identity.
 */
function compareRuns(runs: readonly [JourneyRun, JourneyRun], idOf: (value: object) => number): string | null {
  const [before, after] = runs;
  // The runners share what is said: the same words in the same voices are the same array.
  const same =
    sameOutcome(before.outcome, after.outcome) &&
    before.turns.length === after.turns.length &&
    before.turns.every((t, i) => t.says === after.turns[i]?.says);
  if (same) return null;
  const turns = runs.map((run) => run.turns.map((t) => `${t.state}:${t.number}:${idOf(t.says)}`).join(","));
  return JSON.stringify([before.outcome, after.outcome, ...turns]);
}

/** A number for each object asked about, the same each time. */
function createIdentity(): (value: object) => number {
  const ids = new Map<object, number>();
  return (value) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
}

/**
 * Describes the stretches of classes in a region's local time (its closures, of both versions, marked),
 * with the first instant for people, once per region and set of classes.
 */
function createDescriber(
  directories: readonly Directory[],
  clocks: ReadonlyMap<string, ZoneClock>,
  span: Stretch,
): (region: RegionId | null, classes: readonly StretchClass[]) => { readonly when: When; readonly at: string } {
  const known = new Map<string, { when: When; at: string }>();
  const numbers = new Map<StretchClass, number>();
  const numberOf = (c: StretchClass) => {
    const known = numbers.get(c);
    if (known !== undefined) return known;
    numbers.set(c, numbers.size);
    return numbers.size - 1;
  };
  return (region, classes) => {
    const serving = region ?? directories[directories.length - 1]?.unknownRegionRepresentative ?? "";
    const regions = directories.flatMap((d) => d.regionById.get(serving) ?? []);
    const zone = regions[0]?.timeZone ?? "UTC";
    const key = `${serving}|${classes
      .map(numberOf)
      .sort((a, b) => a - b)
      .join(",")}`;
    let described = known.get(key);
    if (!described) {
      const stretches = classes.flatMap((c) => c.stretches).sort((a, b) => a.from - b.from);
      const closures = new Set(regions.flatMap((r) => [...r.teams.values()].flatMap((l) => [...l.hours.closures])));
      const clock = clocks.get(zone);
      if (!clock) throw new Error(`no clock for ${zone}: the timeline covers every region's zone`);
      described = {
        when: describeWhen(stretches, clock, span, closures),
        at: formatLocal(stretches[0]?.from ?? span.from, zone),
      };
      known.set(key, described);
    }
    return described;
  };
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.end === b.end && a.team === b.team && a.number === b.number && a.menu === b.menu && a.due === b.due;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
