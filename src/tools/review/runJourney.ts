import type { DialStatus, Lang, MachineEvent, OptionIdentity, PersistedCall, RegionId } from "../../service/index.js";
import {
  applyEvent,
  CALLBACK_DONE,
  formatOption,
  isGoodbye,
  isSameAction,
  isTransferred,
  keyOfRenderInput,
  matchInput,
  type RenderInput,
  renderTwiml,
  startCall,
  toRenderInput,
} from "../../service/index.js";
import { parseTwiml, readDial, type TwimlVerb } from "../emulator/index.js";
import type { Line } from "./loadLine.js";
import { formatWallClock } from "./localClock.js";

/**
 * One thing a caller (or the network) does in a journey. Menu answers (`key`, `say`, `choose`, `noMatch`,
 * `silence`) go to the line's `<Gather>`s in order, dial results to its `<Dial>`s in order, like
 * `npm run call -- --press … --dial …`. `at` is the clock of the turn (the journey's start by default).
 */
export type JourneyInput =
  | { readonly kind: "key"; readonly key: string; readonly at?: number }
  /** Words said, matched against the menu as the line matches speech (full confidence). */
  | { readonly kind: "say"; readonly phrase: string; readonly at?: number }
  /** Speech that chose an option, as the turn log names it (its menu, key and action): the words are never logged. */
  | { readonly kind: "choose"; readonly option: OptionIdentity; readonly at?: number }
  /** Speech that chose nothing. */
  | { readonly kind: "noMatch"; readonly at?: number }
  | { readonly kind: "silence"; readonly at?: number }
  | { readonly kind: "dial"; readonly status: DialStatus; readonly at?: number };

/** Where and when a journey starts: the region of the dialed number (null: one the directory does not know). */
export interface JourneyStart {
  readonly region: RegionId | null;
  readonly at: number;
}

/** How a journey ends. */
export interface Outcome {
  /**
   * `transfer` (a transfer connected), `goodbye`, `callback` (the caller asked for a call-back: `team` calls
   * back), `menu` (the inputs ran out at a menu), `dialing` (they ran out during a transfer), `loop` (the line
   * kept answering without ever needing an input).
   */
  readonly end: "transfer" | "goodbye" | "callback" | "menu" | "dialing" | "loop";
  readonly team: string | null;
  readonly number: string | null;
  /** The menu, when the journey ended in one. */
  readonly menu?: string;
  /**
   * The call-back asked for, when due at the earliest (the team's opening, or the retry spacing after a failed
   * transfer): the wall-clock time of its region, `2026-12-07T08:00`. Unknown (absent) for a logged call.
   */
  readonly due?: string;
}

/** One turn of a journey: the input that led to it, where the call is, and what the caller heard. */
export interface TurnHeard {
  /** The input that led to this turn (null for the first, and after a bare `<Redirect>`). */
  readonly after: JourneyInput | null;
  /** The key of the option that input chose, when it chose one. */
  readonly chose: string | null;
  /** Where the call is: `menu main`, `menu main (memberServices closed)`, `transfer pharmacy`, `goodbye`, `connected`. */
  readonly state: string;
  /** The team the caller was just told is closed (its notice is heard in this turn), or null. */
  readonly closed: string | null;
  /** The caller's language in this turn. */
  readonly language: Lang;
  /** The caller's region in this turn (null while unknown). */
  readonly region: RegionId | null;
  readonly says: readonly string[];
  /** The voice of each of `says`: `Polly.Joanna-Neural (en-US)`. */
  readonly voices: readonly string[];
  /** The number dialed in this turn. */
  readonly number: string | null;
}

/** What a journey did on one line. */
export interface JourneyRun {
  readonly outcome: Outcome;
  /** Every turn's `<Say>`s, in order. */
  readonly turns: readonly TurnHeard[];
  /** Per menu answer consumed: the key of the option it chose, or null when it chose nothing. */
  readonly chosen: readonly (string | null)[];
  /** The caller's language at the end. */
  readonly language: Lang;
}

/** The voice of a `<Say>`: its `voice` and `language` attributes. */
export interface SayVoice {
  readonly voice: string;
  readonly language: string;
}

/** What a turn's TwiML makes happen next, and what the caller hears. */
export interface Heard {
  readonly says: readonly string[];
  /** The voice of each of `says`, in the same order. */
  readonly voices: readonly SayVoice[];
  /**
   * `gather` (an answer is awaited), `dial` (a transfer), `hangup`, `redirect` (the line asks itself again),
   * `nothing` (no verb that goes on, or no document at all: see `failure`).
   */
  readonly next: "gather" | "dial" | "hangup" | "redirect" | "nothing";
  /** The number a `<Dial>` calls. */
  readonly number?: string;
  /** Why the line could not render this state (a turn there would get the safe answer instead). */
  readonly failure?: string;
}

/**
 * A line's pure core with its answers remembered: the same state and event give the same next state,
 * and the same state the same document, so journeys that share steps compute them once. States are
 * interned: equal states are the same object.
 */
export interface LineRunner {
  readonly line: Line;
  /** The call's first state. */
  first(start: JourneyStart, language?: Lang): PersistedCall;
  /** The next state (`applyEvent`). */
  step(call: PersistedCall, event: MachineEvent): PersistedCall;
  /** What the state's TwiML says and asks for (`renderTwiml`, parsed). */
  hear(call: PersistedCall): Heard;
}

/** The URL rendered documents point at; any URL does, only the verbs matter here. */
const TURN_URL = "https://line.invalid/voice/turn";
/** Turns a journey may take; a line still answering after that is going round in circles. */
const MAX_TURNS = 400;

/** Builds the runner of one line. */
export function createRunner(line: Line): LineRunner {
  const interned = new Map<string, PersistedCall>();
  const steps = new WeakMap<PersistedCall, Map<string, PersistedCall>>();
  const heard = new WeakMap<PersistedCall, Heard>();
  const documents = new Map<string, Heard>();
  const firsts = new Map<string, PersistedCall>();
  const intern = (call: PersistedCall): PersistedCall => {
    const key = JSON.stringify(call);
    const known = interned.get(key);
    if (known) return known;
    interned.set(key, call);
    return call;
  };
  return {
    line,
    first: (start, language) => {
      const key = `${start.region}|${start.at}|${language ?? ""}`;
      let call = firsts.get(key);
      if (!call) {
        call = intern(
          startCall(line.callFlow, { region: start.region, now: start.at, ...(language ? { language } : {}) }),
        );
        firsts.set(key, call);
      }
      return call;
    },
    step: (call, event) => {
      let next = steps.get(call);
      if (!next) {
        next = new Map();
        steps.set(call, next);
      }
      const key = JSON.stringify(event);
      let to = next.get(key);
      if (!to) {
        to = intern(applyEvent(line.callFlow, call, event));
        next.set(key, to);
      }
      return to;
    },
    hear: (call) => {
      let known = heard.get(call);
      if (!known) {
        const input = toRenderInput(call);
        const key = keyOfRenderInput(input);
        known = documents.get(key);
        if (!known) {
          known = renderHeard(line, input);
          documents.set(key, known);
        }
        heard.set(call, known);
      }
      return known;
    },
  };
}

/** How the runner goes on when a journey has no dial result left for a `<Dial>`. */
export interface RunOptions {
  /** `complete`: the transfer connects (a journey's default); `stop`: the journey ends there (a replayed call). */
  readonly whenDialsRunOut: "complete" | "stop";
}

/**
 * Plays a journey on a line, as Twilio would play its TwiML: the words of every document are heard, a
 * `<Gather>` takes the next menu answer, a `<Dial>` the next dial result, a bare `<Redirect>` comes back
 * as silence, `<Hangup>` ends it.
 */
export function runJourney(
  runner: LineRunner,
  start: JourneyStart,
  inputs: readonly JourneyInput[],
  options: RunOptions = { whenDialsRunOut: "complete" },
): JourneyRun {
  const answers = inputs.filter((i) => i.kind !== "dial");
  const dials = inputs.filter((i): i is Extract<JourneyInput, { kind: "dial" }> => i.kind === "dial");
  const turns: TurnHeard[] = [];
  const chosen: (string | null)[] = [];
  let after: JourneyInput | null = null;
  let chose: string | null = null;
  let call = runner.first(start);
  let now = start.at;
  let dialed: { team: string | null; number: string | null } = { team: null, number: null };
  const finish = (outcome: Outcome): JourneyRun => ({ outcome, turns, chosen, language: call.context.language });
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const heard = runner.hear(call);
    turns.push({
      after,
      chose,
      state: describeState(call, heard),
      closed: closedNoticeOf(call),
      language: call.context.language,
      region: call.context.region,
      says: heard.says,
      voices: heard.voices.map((v) => `${v.voice} (${v.language})`),
      number: heard.number ?? null,
    });
    chose = null;
    switch (heard.next) {
      case "hangup":
        return finish(isTransferred(call.value) ? { end: "transfer", ...dialed } : describeHangUp(runner, call));
      case "dial": {
        dialed = { team: call.context.transfer?.team ?? null, number: heard.number ?? null };
        const dial = dials.shift();
        if (!dial && options.whenDialsRunOut === "stop") return finish({ end: "dialing", ...dialed });
        now = dial?.at ?? now;
        after = dial ?? { kind: "dial", status: "completed" };
        call = runner.step(call, { type: "DIAL_RESULT", status: dial?.status ?? "completed", now });
        break;
      }
      case "gather": {
        const answer = answers.shift();
        if (!answer) return finish({ end: "menu", team: null, number: null, menu: call.value });
        now = answer.at ?? now;
        const event = eventOf(runner, call, answer, now);
        chose =
          event.type === "CHOSE"
            ? (runner.line.callFlow.menus.get(call.value)?.options[event.option]?.key ?? null)
            : null;
        chosen.push(chose);
        after = answer;
        call = runner.step(call, event);
        break;
      }
      case "redirect":
        // Twilio requests the URL with no input. A replayed call logged that request as silence.
        if (answers[0]?.kind === "silence") answers.shift();
        after = null;
        call = runner.step(call, { type: "SILENCE", now });
        break;
      case "nothing":
        return finish({ end: "loop", team: null, number: null });
    }
  }
  return finish({ end: "loop", team: null, number: null });
}

/** The machine event of a menu answer, matched against the caller's menu as a turn matches it. */
export function eventOf(runner: LineRunner, call: PersistedCall, input: JourneyInput, now: number): MachineEvent {
  const { callFlow } = runner.line;
  switch (input.kind) {
    case "key":
      return matchInput(callFlow, call, { type: "KEY", digits: input.key, now });
    case "say":
      return matchInput(callFlow, call, { type: "SPEECH", text: input.phrase, confidence: 1, now });
    case "noMatch":
      return matchInput(callFlow, call, { type: "SPEECH", text: "", confidence: 0, now });
    case "silence":
    case "dial":
      return { type: "SILENCE", now };
    case "choose": {
      // The option that does what the logged one did (whatever its key now), in the caller's language.
      const { action } = input.option;
      const option = callFlow.menus
        .get(call.value)
        ?.options.find((o) => o.languages.includes(call.context.language) && isSameAction(o.identity.action, action));
      return option ? { type: "CHOSE", option: option.index, via: "speech", now } : { type: "INVALID", now };
    }
  }
}

/** How a call the line hung up on without a transfer ended: a call-back asked for, the goodbye, or a loop. */
function describeHangUp(runner: LineRunner, call: PersistedCall): Outcome {
  const asked = call.value === CALLBACK_DONE ? call.context.callback : null;
  if (!asked) return { end: isGoodbye(call.value) ? "goodbye" : "loop", team: null, number: null };
  const zone = runner.line.callFlow.directory.regionById.get(asked.region)?.timeZone ?? "UTC";
  return { end: "callback", team: asked.team, number: null, due: formatWallClock(asked.at, zone) };
}

/** Where a call is, for comparing turns: the menu (and a team it was just told is closed), the transfer, or the end. */
function describeState(call: PersistedCall, heard: Heard): string {
  if (heard.next === "dial") return `transfer ${call.context.transfer?.team ?? "?"}`;
  if (isTransferred(call.value)) return "connected";
  if (isGoodbye(call.value)) return "goodbye";
  const closed = closedNoticeOf(call);
  return `menu ${call.value}${closed === null ? "" : ` (${closed} closed)`}`;
}

/** The team whose closed notice the call's turn says, or null. */
function closedNoticeOf(call: PersistedCall): string | null {
  const closed = call.context.notices.find((n) => n.kind === "closed");
  return closed?.kind === "closed" ? closed.team : null;
}

/** Every `<Say>` of a journey, in order. */
export function wordsOf(run: JourneyRun): string[] {
  return run.turns.flatMap((t) => t.says);
}

/** The voice of every `<Say>` of a journey, in order. */
export function voicesOf(run: JourneyRun): string[] {
  return run.turns.flatMap((t) => t.voices);
}

/** An input as reports write it: `3`, `say:pharmacy`, `choose:3 pharmacy`, `no-match`, `silence`, `dial:busy`. */
export function describeInput(input: JourneyInput): string {
  switch (input.kind) {
    case "key":
      return input.key;
    case "say":
      return `say:${input.phrase}`;
    case "choose":
      return `choose:${formatOption(input.option)}`;
    case "noMatch":
      return "no-match";
    case "silence":
      return "silence";
    case "dial":
      return `dial:${input.status}`;
  }
}

/** The document of a state, read; a state the renderer refuses is heard as nothing, with the reason. */
function renderHeard(line: Line, input: RenderInput): Heard {
  let twiml: string;
  try {
    twiml = renderTwiml(line.callFlow, line.speech, input, TURN_URL);
  } catch (error) {
    return { says: [], voices: [], next: "nothing", failure: (error as Error).message };
  }
  return readDocument(parseTwiml(twiml));
}

function readDocument(verbs: readonly TwimlVerb[]): Heard {
  const all = flatten(verbs);
  const sayVerbs = all.filter((v) => v.verb === "Say");
  const says = sayVerbs.map((v) => v.text);
  const voices = sayVerbs.map((v) => ({ voice: v.attrs.voice ?? "", language: v.attrs.language ?? "" }));
  const dial = all.find((v) => v.verb === "Dial");
  if (dial) {
    const { number } = readDial(dial);
    return number ? { says, voices, next: "dial", number } : { says, voices, next: "dial" };
  }
  if (all.some((v) => v.verb === "Gather")) return { says, voices, next: "gather" };
  if (all.some((v) => v.verb === "Hangup")) return { says, voices, next: "hangup" };
  if (all.some((v) => v.verb === "Redirect")) return { says, voices, next: "redirect" };
  return { says, voices, next: "nothing" };
}

function flatten(verbs: readonly TwimlVerb[]): TwimlVerb[] {
  return verbs.flatMap((v) => [v, ...flatten(v.children)]);
}
