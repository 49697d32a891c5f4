import { TRANSFER } from "../contract/stateIds.js";
import { pickPersonTeam, serviceRegionOf } from "../directory/queryDirectory.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { isFullLanguage } from "../flow/languages.js";
import type { SpeechBook } from "../twiml/composeSpeech.js";
import type { RenderInput } from "../twiml/renderInput.js";
import { renderTwiml } from "../twiml/renderTwiml.js";
import type { Lang, RegionId } from "../types.js";

/** What is known of a call whose turn failed: its region and language, when they are. */
export interface SafeAnswerContext {
  readonly region: RegionId | null;
  readonly language?: Lang | undefined;
  readonly now: number;
  /** The turn that failed: the recovery request carries it, so a stale recovery cannot rewind the call. */
  readonly turn?: number | undefined;
}

/** Renders the answer to a turn that failed. Never throws. */
export type SafeAnswer = (known: SafeAnswerContext) => string;

/**
 * The answer to a turn that failed (an error, a store that is down, malformed parameters), in the
 * caller's language when known: an apology, then a transfer to the region's representative (or the
 * team open around the clock when the representative is closed), or the region menu when the region
 * is unknown. A caller in an interpreter language is always put through, with the interpreter hand-off. Its `<Dial>` action and its menu lead to the recovery URL, which starts the flow over.
 */
export function planSafeAnswer(callFlow: CallFlow, known: SafeAnswerContext): RenderInput {
  const { flow, directory } = callFlow;
  const language =
    known.language && Object.hasOwn(flow.languages, known.language) ? known.language : flow.defaultLanguage;
  const notices = [{ kind: "apology" } as const];
  const region = known.region !== null && directory.regionById.has(known.region) ? known.region : null;
  // A caller in an interpreter language hears no menu: they are put through with an interpreter instead.
  const full = isFullLanguage(flow, language);
  if (region === null && full)
    return {
      state: flow.regionMenu,
      language,
      region: null,
      menu: flow.regionMenu,
      greet: false,
      prompt: "full",
      notices,
      transfer: null,
    };
  const serviceRegion = serviceRegionOf(directory, region);
  const team = pickPersonTeam(directory, flow.representative, serviceRegion, known.now);
  return {
    state: TRANSFER,
    language,
    region,
    menu: region === null ? flow.regionMenu : flow.start,
    greet: false,
    prompt: "full",
    notices,
    transfer: { team, region: serviceRegion, attempt: 0, ...(full ? {} : { interpreter: language }) },
  };
}

/**
 * Builds the safe answer for one app. Should rendering itself fail, the caller still gets a transfer
 * to the representative of the region that takes unknown callers, rendered once at start.
 */
export function createSafeAnswer(callFlow: CallFlow, speech: SpeechBook, recoverUrl: string): SafeAnswer {
  const render = (known: SafeAnswerContext) =>
    renderTwiml(
      callFlow,
      speech,
      planSafeAnswer(callFlow, known),
      known.turn === undefined ? recoverUrl : `${recoverUrl}?t=${known.turn}`,
    );
  // A weekday afternoon, when the representative is open.
  const lastResort = render({ region: callFlow.directory.unknownRegionRepresentative, now: Date.UTC(2024, 0, 2, 18) });
  return (known) => {
    try {
      return render(known);
    } catch {
      return lastResort;
    }
  };
}
