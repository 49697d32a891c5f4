import type { RegionId } from "../../service/index.js";
import { formatPhone } from "../../service/index.js";
import type { StretchClass } from "./cutStretches.js";
import { sayWhen, type When } from "./describeWhen.js";
import { describeInput, type JourneyInput, type JourneyRun, type Outcome, type TurnHeard } from "./runJourney.js";

/** A journey that ends somewhere else, or sounds different, on the changed line: when, and how. */
export interface JourneyChange {
  readonly region: string;
  /** The caller's language at the end of the journey on the base line. */
  readonly language: string;
  /**
   * Every time it happens over the months compared, in the local time of the caller's region (for a number
   * no region owns, of the region chosen when the journey changed, else of the one that takes those callers).
   */
  readonly when: When;
  /** The first time it happens, for people: `Mon 2026-11-30 07:00 PST`. */
  readonly at: string;
  readonly inputs: readonly string[];
  readonly before: Outcome;
  readonly after: Outcome;
  /** Whether the words heard, or the voices that say them, changed. */
  readonly words: boolean;
}

/**
 * Changed journeys that tell one story: they first differ after the same choice in the same way (a number,
 * a team, a menu instead of a transfer) at the same local times, or they only sound different, in the same
 * words.
 */
export interface ChangeGroup {
  /**
   * One line: `northwest, unknown number · 3, 6 → 3 · any time: pharmacy +1 800 972 0700 → +1 800 972 0701,
   * 96 journeys`.
   */
  readonly summary: string;
  readonly journeys: number;
  /** Who: `every region`, or the regions (`unknown number`: callers of a number no region owns). */
  readonly callers: string;
  readonly regions: readonly string[];
  /** When, in the callers' local time: `Mon–Fri 07:00–08:00 and 17:00–19:00 Pacific` (`local time` across zones). */
  readonly when: string;
  /** The callers' languages: where the words changed, the language they hear them in; else at the journey's end. */
  readonly languages: readonly string[];
  /** What the callers did up to where the journeys first differ, fewest answers first: `first prompt`, `1`, `8 → 2`. */
  readonly where: readonly string[];
  /** Where the call is at that point on each line: `transfer pharmacy +1 800 972 0700`, `menu main`. */
  readonly before: string;
  readonly after: string;
  /** The words that differ there (with a little context), when the call is in the same place on both lines. */
  readonly heard: { readonly before: string; readonly after: string } | null;
  /** The group's shortest journey, by its answers (keys before words said). */
  readonly example: JourneyChange;
}

/** A changed journey, where its runs on both lines (at the first instant it changed) first differ, and when. */
export interface Changed {
  readonly change: JourneyChange;
  readonly divergence: Divergence;
  /** The region whose local time tells when (null: the one that takes callers of unknown region). */
  readonly region: RegionId | null;
  /** The classes of stretches of time in which it changed this way. */
  readonly classes: readonly StretchClass[];
}

/** Describes when, in a region's local time, from classes of stretches of time. */
export type DescribeClasses = (region: RegionId | null, classes: readonly StretchClass[]) => { readonly when: When };

/** How many sequences of answers a group's summary names. */
const WHERE_SAID = 3;

/**
 * Groups changed journeys by where they first differ (the last answer before it and the place the call is
 * in on each line; when it is the same place, the changed words alone) and by when that happens, in local
 * time: whenever it happens to any of them in a region, so that journeys which go on differently at
 * different hours after the same change read as one finding.
 */
export function groupChanges(
  changed: readonly Changed[],
  regions: readonly string[],
  describe: DescribeClasses,
): ChangeGroup[] {
  interface Group {
    readonly changes: JourneyChange[];
    readonly whens: When[];
    readonly where: Set<string>;
    readonly divergence: Divergence;
    readonly numbers: Set<string>;
    readonly heardIn: Set<string>;
  }
  // When each change happens in each region, to any journey.
  const stories = new Map<string, Set<StretchClass>>();
  const storyOf = (c: Changed) => `${c.divergence.key}\u0000${c.region}`;
  for (const c of changed) {
    const classes = stories.get(storyOf(c)) ?? new Set();
    for (const stretchClass of c.classes) classes.add(stretchClass);
    stories.set(storyOf(c), classes);
  }
  const groups = new Map<string, Group>();
  for (const c of changed) {
    const { change, divergence } = c;
    const { when } = describe(c.region, [...(stories.get(storyOf(c)) ?? [])]);
    const key = `${divergence.key}|${JSON.stringify([when.weekly, when.dates])}`;
    let group = groups.get(key);
    if (!group) {
      group = { changes: [], whens: [], where: new Set(), divergence, numbers: new Set(), heardIn: new Set() };
      groups.set(key, group);
    }
    group.changes.push(change);
    group.whens.push(when);
    group.heardIn.add(divergence.language);
    group.numbers.add(`${divergence.numbers.before}|${divergence.numbers.after}`);
    group.where.add(divergence.path);
  }
  return [...groups.values()]
    .map(({ changes, whens, where, divergence, numbers, heardIn }): ChangeGroup => {
      const inGroup = unique(changes.map((c) => c.region));
      const languages = divergence.heard ? [...heardIn] : unique(changes.map((c) => c.language));
      const who = inGroup.length === regions.length && regions.length > 1 ? "every region" : inGroup.join(", ");
      const when = sayWhenOf(whens);
      const paths = [...where].sort((a, b) => stepsOf(a) - stepsOf(b));
      const choice = paths.length > WHERE_SAID ? `${paths.slice(0, WHERE_SAID).join(", ")}…` : paths.join(", ");
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
        callers: who,
        regions: inGroup,
        when,
        languages,
        where: paths,
        before,
        after,
        heard: divergence.heard,
        example: changes.reduce((a, b) => (weighExample(b) < weighExample(a) ? b : a)),
      };
    })
    .sort((a, b) => b.journeys - a.journeys || a.summary.localeCompare(b.summary));
}

/** The times of a group, said once: in the zone when its callers share one, else in `local time`. */
function sayWhenOf(whens: readonly When[]): string {
  const [first] = whens;
  if (!first) return "never";
  return whens.every((w) => w.zone === first.zone) ? first.text : sayWhen(first, "local time");
}

/** How long an example is to read: its menu answers (dial results aside), words said counting a little more. */
function weighExample(change: JourneyChange): number {
  const answers = change.inputs.filter((i) => !i.startsWith("dial:"));
  return answers.length * 10 + answers.filter((i) => i.startsWith("say:")).length;
}

/** How many answers a path has: none for `first prompt`. */
function stepsOf(path: string): number {
  return path === "first prompt" ? 0 : path.split(" → ").length;
}

function withNumber(state: string, number: string | null): string {
  return number === null ? state : `${state} ${formatPhone(number)}`;
}

function numberFor(number: string | null): string {
  return number === null ? "no number" : formatPhone(number);
}

/** Where two runs first differ: the answers that led there, where the call is on each line, and what is heard. */
export interface Divergence {
  /** What groups journeys: the last answer and the change of place, or the changed words alone. */
  readonly key: string;
  /** The answers up to there: `first prompt`, `8 → 2`, `5 → 5 → 5`, `9 → "farmacia"`, `3 → dial busy`. */
  readonly path: string;
  readonly states: { readonly before: string; readonly after: string };
  readonly numbers: { readonly before: string | null; readonly after: string | null };
  /** The caller's language there. */
  readonly language: string;
  /** The caller's region when the answer that led there was taken (null while unknown). */
  readonly region: RegionId | null;
  /** The changed words with a little context, when the call is in the same place on both lines. */
  readonly heard: { readonly before: string; readonly after: string } | null;
}

/**
 * Where two runs first differ: the first turn where the call is somewhere else (another state, another
 * number dialed); when it never is, the first turn where the caller hears other words.
 */
export function findDivergence(before: JourneyRun, after: JourneyRun): Divergence {
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
  const last =
    led?.after === null || led === undefined
      ? at === 0
        ? "first prompt"
        : "no input"
      : chose
        ? `key ${chose}`
        : describeAnswer(led.after);
  const path = describePath((b ? before : after).turns.slice(1, at + 1)) || last;
  const states = { before: b?.state ?? "hung up", after: a?.state ?? "hung up" };
  const numbers = { before: b?.number ?? null, after: a?.number ?? null };
  const language = led?.language ?? before.language;
  const region = before.turns[at - 1]?.region ?? led?.region ?? null;
  const where = { path, states, numbers, language, region };
  if (moved)
    return {
      key: `${last}|${states.before}|${states.after}|${numbers.before !== numbers.after}`,
      ...where,
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
    return { key: `voice|${heard.before}|${heard.after}`, ...where, heard };
  }
  const alone = changedWords(said.before, said.after, 0);
  return { key: `words|${alone.before}|${alone.after}`, ...where, heard: changedWords(said.before, said.after, 24) };
}

/** The answers that led to a turn, as the caller gave them: `8 → 2`, `9 → "farmacia"`, `3 → dial busy`. */
function describePath(turns: readonly TurnHeard[]): string {
  return turns
    .flatMap((t) => (t.after === null ? [] : [t.after.kind === "key" ? t.after.key : describeAnswer(t.after)]))
    .join(" → ");
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
