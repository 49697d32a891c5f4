import { isTeamOpen } from "../../service/index.js";
import { formatPhone } from "../diagram/index.js";
import { enumerateJourneys, type Journey, keyOfJourney, listPlaces, type Place, startOn } from "./enumerateJourneys.js";
import type { Line } from "./loadLine.js";
import {
  createRunner,
  describeInput,
  type JourneyInput,
  type JourneyRun,
  type Outcome,
  runJourney,
  voicesOf,
  wordsOf,
} from "./runJourney.js";

/** A journey that ends somewhere else, or sounds different, on the changed line. */
export interface JourneyChange {
  readonly region: string;
  /** The caller's language at the end of the journey on the base line. */
  readonly language: string;
  /** `weekday`, `night`, `saturday`, `closure` or `after-dst`. */
  readonly moment: string;
  /** The moment for people, with its local time. */
  readonly at: string;
  readonly inputs: readonly string[];
  readonly before: Outcome;
  readonly after: Outcome;
  /** Whether the words heard, or the voices that say them, changed. */
  readonly words: boolean;
}

/**
 * Changed journeys that tell one story: they first differ at the same choice in the same way (a number,
 * a team, a menu instead of a transfer), or they only sound different, in the same words.
 */
export interface ChangeGroup {
  /** One line: `northwest · key 3 · any time: pharmacy +1 800 972 0700 → +1 800 972 0701, 96 journeys`. */
  readonly summary: string;
  readonly journeys: number;
  readonly regions: readonly string[];
  readonly moments: readonly string[];
  /** The callers' languages: where the words changed, the language they hear them in; else at the journey's end. */
  readonly languages: readonly string[];
  /** Where the journeys first differ: `first prompt`, `key 3`, `silence`, `dial busy`. */
  readonly where: readonly string[];
  /** Where the call is at that point on each line: `transfer pharmacy +1 800 972 0700`, `menu main`. */
  readonly before: string;
  readonly after: string;
  /** The words that differ there (with a little context), when the call is in the same place on both lines. */
  readonly heard: { readonly before: string; readonly after: string } | null;
  /** The group's shortest journey. */
  readonly example: JourneyChange;
}

/** Which callers would end up somewhere else. */
export interface DiffReport {
  readonly base: { readonly label: string; readonly version: string };
  readonly head: { readonly label: string; readonly version: string };
  /** Journeys followed on both lines. */
  readonly journeys: number;
  readonly changed: readonly JourneyChange[];
  readonly groups: readonly ChangeGroup[];
}

/**
 * Compares two versions of the line by their callers: enumerates journeys on each (`enumerateJourneys`,
 * `depth` menu answers at most, by default the flows' `maxFailures`), runs every one of them on both,
 * and reports those whose outcome (team and number, goodbye, the menu left in) or words heard changed,
 * grouped so that one edit reads as one finding.
 *
 * The machine reads the clock only through the directory's opening hours, so moments of a place at
 * which both lines have the same teams open in every region are followed once and counted for each.
 */
export function diffLines(base: Line, head: Line, from: number, depth?: number): DiffReport {
  const runners = [createRunner(base), createRunner(head)] as const;
  const places = listPlaces([base, head], from);
  const answers = depth ?? Math.max(base.callFlow.flow.limits.maxFailures, head.callFlow.flow.limits.maxFailures);
  const alike = new Map<string, Place[]>();
  for (const place of places) {
    const key = `${place.region}|${openTeamsAt(base, place.moment.at)}|${openTeamsAt(head, place.moment.at)}`;
    alike.set(key, [...(alike.get(key) ?? []), place]);
  }
  let followed = 0;
  const changed: Changed[] = [];
  for (const [first, ...others] of alike.values()) {
    if (!first) continue;
    const journeys = new Map<string, Journey>();
    for (const runner of runners)
      for (const journey of enumerateJourneys(runner, [first], answers)) journeys.set(keyOfJourney(journey), journey);
    followed += journeys.size * (1 + others.length);
    for (const journey of journeys.values()) {
      const runs = runners.map((r) => runJourney(r, startOn(r.line, journey.place), journey.inputs)) as [
        JourneyRun,
        JourneyRun,
      ];
      const [before, after] = runs;
      const words = !sameList(wordsOf(before), wordsOf(after)) || !sameList(voicesOf(before), voicesOf(after));
      if (!words && sameOutcome(before.outcome, after.outcome)) continue;
      for (const place of [first, ...others])
        changed.push({
          change: {
            region: place.region,
            language: before.language,
            moment: place.moment.id,
            at: place.moment.label,
            inputs: journey.inputs.map(describeInput),
            before: before.outcome,
            after: after.outcome,
            words,
          },
          runs,
        });
    }
  }
  return {
    base: { label: base.label, version: base.callFlow.version },
    head: { label: head.label, version: head.callFlow.version },
    journeys: followed,
    changed: changed.map((c) => c.change),
    groups: groupChanges(changed, places),
  };
}

/** A changed journey with its runs on both lines. */
interface Changed {
  readonly change: JourneyChange;
  readonly runs: readonly [JourneyRun, JourneyRun];
}

/** Which teams are open in every region of a line at `at`, as text (what the machine's decisions depend on). */
function openTeamsAt(line: Line, at: number): string {
  const { directory } = line.callFlow;
  return directory.regions
    .map((r) => directory.teams.map((t) => (isTeamOpen(directory, r.id, t, at) ? "1" : "0")).join(""))
    .join("|");
}

/**
 * Groups changed journeys by where they first differ: the choice that led there and the place the call is
 * in on each line; when it is the same place, by the changed words alone (whatever led there).
 */
function groupChanges(changed: readonly Changed[], places: readonly Place[]): ChangeGroup[] {
  interface Group {
    readonly changes: JourneyChange[];
    readonly where: string[];
    readonly divergence: Divergence;
    readonly numbers: Set<string>;
    readonly heardIn: Set<string>;
  }
  const groups = new Map<string, Group>();
  for (const { change, runs } of changed) {
    const divergence = firstDifference(runs[0], runs[1]);
    let group = groups.get(divergence.key);
    if (!group) {
      group = { changes: [], where: [], divergence, numbers: new Set(), heardIn: new Set() };
      groups.set(divergence.key, group);
    }
    group.changes.push(change);
    group.heardIn.add(divergence.language);
    group.numbers.add(`${divergence.numbers.before}|${divergence.numbers.after}`);
    if (!group.where.includes(divergence.where)) group.where.push(divergence.where);
  }
  const allRegions = new Set(places.map((p) => p.region));
  return [...groups.values()]
    .map(({ changes, where, divergence, numbers, heardIn }): ChangeGroup => {
      const regions = unique(changes.map((c) => c.region));
      const moments = unique(changes.map((c) => c.moment));
      const languages = divergence.heard ? [...heardIn] : unique(changes.map((c) => c.language));
      const everyMoment = places
        .filter((p) => regions.includes(p.region))
        .every((p) => changes.some((c) => c.region === p.region && c.moment === p.moment.id));
      const who = regions.length === allRegions.size && allRegions.size > 1 ? "every region" : regions.join(", ");
      const when = everyMoment ? "any time" : moments.join(", ");
      const choice = where.length > 3 ? `${where.slice(0, 3).join(", ")}…` : where.join(", ");
      // Numbers are shown when every journey of the group dials the same ones (one region, or one shared line).
      const shown = numbers.size === 1 ? divergence.numbers : { before: null, after: null };
      const before = withNumber(divergence.states.before, shown.before);
      const after = withNumber(divergence.states.after, shown.after);
      const what = divergence.heard
        ? `${languages.join(", ")} hears "${divergence.heard.before}" → "${divergence.heard.after}"`
        : divergence.states.before === divergence.states.after && shown.before !== null
          ? `${divergence.states.before.replace(/^transfer /, "")} ${numberFor(shown.before)} → ${numberFor(shown.after)}`
          : `${before} → ${after}`;
      const count = `${changes.length} ${changes.length === 1 ? "journey" : "journeys"}`;
      return {
        summary: `${who} · ${choice} · ${when}: ${what}, ${count}`,
        journeys: changes.length,
        regions,
        moments,
        languages,
        where,
        before,
        after,
        heard: divergence.heard,
        example: changes.reduce((a, b) => (b.inputs.length < a.inputs.length ? b : a)),
      };
    })
    .sort((a, b) => b.journeys - a.journeys || a.summary.localeCompare(b.summary));
}

function withNumber(state: string, number: string | null): string {
  return number === null ? state : `${state} ${formatPhone(number)}`;
}

function numberFor(number: string | null): string {
  return number === null ? "no number" : formatPhone(number);
}

/** Where two runs first differ: the turn, where the call is on each line, and what is heard there. */
interface Divergence {
  /** What groups journeys: the change of place, or the changed words alone. */
  readonly key: string;
  /** What led there: `first prompt`, `key 3` (the option chosen, by key or speech), `silence`, `dial busy`. */
  readonly where: string;
  readonly states: { readonly before: string; readonly after: string };
  readonly numbers: { readonly before: string | null; readonly after: string | null };
  /** The caller's language there. */
  readonly language: string;
  /** The changed words with a little context, when the call is in the same place on both lines. */
  readonly heard: { readonly before: string; readonly after: string } | null;
}

/**
 * Where two runs first differ: the first turn where the call is somewhere else (another state, another
 * number dialed); when it never is, the first turn where the caller hears other words.
 */
function firstDifference(before: JourneyRun, after: JourneyRun): Divergence {
  const turns = Math.max(before.turns.length, after.turns.length);
  const elsewhere = (i: number) => {
    const b = before.turns[i];
    const a = after.turns[i];
    return !b || !a || b.state !== a.state || b.number !== a.number;
  };
  const sounds = (i: number) =>
    !sameList(before.turns[i]?.says ?? [], after.turns[i]?.says ?? []) ||
    !sameList(before.turns[i]?.voices ?? [], after.turns[i]?.voices ?? []);
  let at = 0;
  while (at < turns && !elsewhere(at)) at++;
  const moved = at < turns;
  if (!moved) at = 0;
  while (!moved && at < turns && !sounds(at)) at++;
  const b = before.turns[at];
  const a = after.turns[at];
  const led = b ?? a;
  const chose = b?.chose ?? a?.chose;
  const where =
    led?.after === null || led === undefined
      ? at === 0
        ? "first prompt"
        : "no input"
      : chose
        ? `key ${chose}`
        : describeAnswer(led.after);
  const states = { before: b?.state ?? "hung up", after: a?.state ?? "hung up" };
  const numbers = { before: b?.number ?? null, after: a?.number ?? null };
  const language = led?.language ?? before.language;
  if (moved)
    return {
      key: `${where}|${states.before}|${states.after}|${numbers.before !== numbers.after}`,
      where,
      states,
      numbers,
      language,
      heard: null,
    };
  const s = (b?.says ?? []).findIndex((w, i) => w !== a?.says[i] || b?.voices[i] !== a?.voices[i]);
  const i = s === -1 ? (b?.says.length ?? 0) : s;
  const said = { before: b?.says[i] ?? "", after: a?.says[i] ?? "" };
  if (said.before === said.after) {
    // The same words in another voice.
    const heard = {
      before: `${excerpt(said.before)} (${b?.voices[i] ?? "no voice"})`,
      after: `${excerpt(said.after)} (${a?.voices[i] ?? "no voice"})`,
    };
    return { key: `voice|${heard.before}|${heard.after}`, where, states, numbers, language, heard };
  }
  const alone = changedWords(said.before, said.after, 0);
  return {
    key: `words|${alone.before}|${alone.after}`,
    where,
    states,
    numbers,
    language,
    heard: changedWords(said.before, said.after, 24),
  };
}

/** How far past its context a cut looks for a space before cutting inside a word. */
const WORD_REACH = 16;

/** The part of two texts that differs, widened to whole words and by `context` characters each side. */
function changedWords(before: string, after: string, context: number): { before: string; after: string } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const cut = (text: string) => {
    // At a space when one is near; in a script written without spaces (Chinese), at the character.
    const from = Math.max(0, prefix - context);
    const to = Math.min(text.length, text.length - suffix + context);
    const wordStart = text.lastIndexOf(" ", from - 1) + 1;
    const start = from - wordStart > WORD_REACH ? from : wordStart;
    const space = text.indexOf(" ", to);
    const wordEnd = space === -1 ? text.length : space;
    const end = wordEnd - to > WORD_REACH ? to : wordEnd;
    const shown = text.slice(start, end).trim();
    return `${start > 0 ? "…" : ""}${shown}${end < text.length ? "…" : ""}` || "(nothing)";
  };
  return { before: cut(before), after: cut(after) };
}

/** The start of a text: cut at a word after about 40 characters (at 40 in scripts without spaces). */
function excerpt(text: string): string {
  const stop = text.indexOf(" ", 40);
  if (stop !== -1) return `${text.slice(0, stop)}…`;
  return text.length > 48 ? `${text.slice(0, 40)}…` : text;
}

/** An answer for people: `key 3`, `"pharmacy"`, `silence`, `dial busy`. */
function describeAnswer(input: JourneyInput): string {
  switch (input.kind) {
    case "key":
      return `key ${input.key}`;
    case "say":
      return `"${input.phrase}"`;
    case "dial":
      return `dial ${input.status}`;
    default:
      return describeInput(input);
  }
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.end === b.end && a.team === b.team && a.number === b.number && a.menu === b.menu;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
