import type { CallFlow, CompiledOption, DialStatus, Lang, Region } from "../../../service/index.js";
import { findUtcOffset } from "../../../service/index.js";
import type { Random } from "./createRandom.js";
import type { CallerPace, CallerStep, PlannedCall } from "./plannedCall.js";
import { OUTAGE, TAKES_NURSE_LINE, UNKNOWN_INBOUND } from "./trafficWeights.js";

/** A caller as the traffic remembers them, to call again. */
export interface Caller {
  readonly number: string;
  readonly region: string;
  readonly language: Lang;
  readonly intent: string;
  /** The interpreter the caller wants (a language, or `other`), if any. */
  readonly interpreter?: string;
}

/** One caller's call: what they press or say at each prompt, how transfers go, and their pace. */
export function planCall(callFlow: CallFlow, random: Random, at: number, caller: Caller, start: string): PlannedCall {
  const { flow, directory, menus } = callFlow;
  const region = directory.regionById.get(caller.region);
  const main = menus.get(flow.start);
  if (!main) throw new Error(`traffic: the flow has no start menu "${flow.start}"`);
  const steps: CallerStep[] = [];
  const lang = caller.language;
  const choose = (option: CompiledOption, speechShare: number) => {
    const words = option.speech[lang] ?? [];
    if (words.length === 0 || !random.chance(speechShare)) return steps.push({ kind: "press", digits: option.key });
    const band = random.weighted({ high: 70, medium: 22, low: 8 });
    const confidence =
      band === "high"
        ? random.between(0.8, 0.98)
        : band === "medium"
          ? random.between(0.45, 0.8)
          : random.between(0.1, 0.39);
    steps.push({ kind: "say", text: random.pick(words), confidence: round(confidence) });
    // Heard too faintly: the caller presses the key after the re-prompt.
    if (band === "low") steps.push({ kind: "press", digits: option.key });
  };

  if (!region) {
    const regionMenu = menus.get(flow.regionMenu);
    const picked = regionMenu?.options.filter((o) => o.action.kind === "region");
    if (picked && picked.length > 0) choose(random.pick(picked), 0.05);
  }
  if (lang !== flow.defaultLanguage) {
    const toLanguage = main.options.find(
      (o) => o.action.kind === "language" && o.action.language === lang && o.languages.includes(flow.defaultLanguage),
    );
    if (toLanguage) {
      steps.push(
        random.chance(0.75)
          ? { kind: "press", digits: toLanguage.key }
          : {
              kind: "say",
              text: random.pick(toLanguage.speech[flow.defaultLanguage] ?? [toLanguage.key]),
              confidence: 0.9,
            },
      );
    }
  }
  const interpreter = caller.interpreter === undefined ? [] : planInterpreter(callFlow, random, caller.interpreter);
  const hangsUpAtOnce = interpreter.length === 0 && random.chance(0.02);
  if (interpreter.length > 0) steps.push(...interpreter);
  else if (hangsUpAtOnce) steps.push({ kind: "hangup" });
  else {
    const wrongKeys = ["5", "6", "7", "8", "#"].filter((k) => !main.options.some((o) => o.key === k));
    const confusion = random.weighted({ none: 84, wrongKey: 6.5, silence: 5, lost: 1.5, repeat: 2, unmatched: 1 });
    if (confusion === "wrongKey") steps.push({ kind: "press", digits: random.pick(wrongKeys) });
    if (confusion === "silence") steps.push({ kind: "silence" });
    if (confusion === "repeat") steps.push({ kind: "press", digits: "*" });
    if (confusion === "unmatched") steps.push({ kind: "say", text: "um hello is anybody there", confidence: 0.85 });
    if (confusion === "lost")
      // Three failed answers in a row: a person takes the call.
      for (let n = 0; n < flow.limits.maxFailures; n++)
        steps.push(random.chance(0.5) ? { kind: "silence" } : { kind: "press", digits: random.pick(wrongKeys) });
    else if (confusion !== "none" && random.chance(0.08)) steps.push({ kind: "hangup" });
    else {
      const want = main.options.find(
        (o) => o.action.kind === "transfer" && o.action.team === caller.intent && o.languages.includes(lang),
      );
      if (want) choose(want, 0.18);
      // Used only when the team was closed or could not be reached: another option, or hanging up.
      const keyOf = (team: string) =>
        main.options.find((o) => o.action.kind === "transfer" && o.action.team === team && o.languages.includes(lang))
          ?.key;
      const nurse = keyOf("nurseAdvice");
      const person = keyOf("representative");
      const callbacks = flow.callbacks;
      const next = random.weighted({ hangUp: 25, nurse: 55, representative: 20, callback: callbacks ? 30 : 0 });
      if (next === "nurse" && nurse) steps.push({ kind: "press", digits: nurse });
      // The call-back offered: taken, and the caller's number confirmed (an unreachable team offers none
      // when it is the goodbye; then the keys fall on the goodbye and the call is over).
      if (next === "callback" && callbacks)
        steps.push({ kind: "press", digits: callbacks.key }, { kind: "press", digits: callbacks.confirmKey });
      if (next === "representative" && person) {
        steps.push({ kind: "press", digits: person });
        // A representative closed too: the nurse line, or hanging up.
        if (nurse && random.chance(0.6)) steps.push({ kind: "press", digits: nurse });
      }
    }
  }
  return {
    callSid: `CA${Array.from({ length: 32 }, () => random.int(16).toString(16)).join("")}`,
    to: region?.inbound[0] ?? UNKNOWN_INBOUND,
    from: caller.number,
    at,
    steps,
    dial: inOutage(at, region, start)
      ? ["failed", "failed", "failed", "failed"]
      : planDials(random, caller.intent, at, region),
    pace: planPace(random),
  };
}

/**
 * An interpreter caller's answers: the main menu's option to the language menu, their language there (or
 * silence, for any other language, now and then), and, should member services be closed or not answer,
 * the nurse line or hanging up. None when the flow has no such menu or language.
 */
function planInterpreter(callFlow: CallFlow, random: Random, wanted: string): CallerStep[] {
  const { flow, menus } = callFlow;
  const hasInterpreters = (id: string) => menus.get(id)?.options.some((o) => o.action.kind === "interpreter");
  const toMenu = menus
    .get(flow.start)
    ?.options.find(
      (o) => o.action.kind === "menu" && hasInterpreters(o.action.menu) && o.languages.includes(flow.defaultLanguage),
    );
  const menu = toMenu?.action.kind === "menu" ? menus.get(toMenu.action.menu) : undefined;
  const option = menu?.options.find(
    (o) => o.action.kind === "interpreter" && (o.action.language ?? "other") === wanted,
  );
  if (!toMenu || !menu || !option) return [];
  const silenceChooses = menu.silence !== undefined && menu.options[menu.silence] === option;
  const steps: CallerStep[] = [
    { kind: "press", digits: toMenu.key },
    silenceChooses && random.chance(0.4) ? { kind: "silence" } : { kind: "press", digits: option.key },
  ];
  if (random.chance(TAKES_NURSE_LINE)) steps.push({ kind: "press", digits: flow.interpreters.whenClosedKey });
  return steps;
}

function inOutage(at: number, region: Region | undefined, start: string): boolean {
  if (region?.id !== OUTAGE.region) return false;
  const local = at + findUtcOffset(at, region.timeZone) * 60_000;
  const day = Math.floor((local - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  const hour = new Date(local).getUTCHours();
  return day === OUTAGE.day && hour >= OUTAGE.fromHour && hour < OUTAGE.toHour;
}

/** Outcomes of up to four transfer attempts: mostly answered; busier lines for member services at peak hours. */
function planDials(random: Random, intent: string, at: number, region: Region | undefined): DialStatus[] {
  const hour = region ? new Date(at + findUtcOffset(at, region.timeZone) * 60_000).getUTCHours() : 12;
  const peak = intent === "memberServices" && hour >= 10 && hour < 14;
  return Array.from({ length: 4 }, () =>
    random.weighted<Extract<DialStatus, "completed" | "busy" | "no-answer" | "failed">>({
      completed: peak ? 93.7 : 97.2,
      busy: peak ? 5 : 1.5,
      "no-answer": 1,
      failed: 0.3,
    }),
  );
}

function planPace(random: Random): CallerPace {
  const experienced = random.chance(0.35);
  return {
    listen: round(experienced ? random.between(0.25, 0.7) : random.between(0.85, 1)),
    react: round(random.between(0.8, 3.5)),
    ring: round(random.between(5, 25)),
    talk: round(random.between(60, 900)),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
