import { pickPersonTeam } from "../directory/queryDirectory.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { TRANSFER } from "../flow/compileFlow.js";
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
 * is unknown. Its `<Dial>` action and its menu lead to the recovery URL, which starts the flow over.
 */
export function planSafeAnswer(callFlow: CallFlow, known: SafeAnswerContext): RenderInput {
  const { flow, directory } = callFlow;
  const language =
    known.language && Object.hasOwn(flow.languages, known.language) ? known.language : flow.defaultLanguage;
  const notices = [{ kind: "apology" } as const];
  const region = known.region !== null && directory.regionById.has(known.region) ? known.region : null;
  if (region === null)
    return {
      state: flow.regionMenu,
      language,
      menu: flow.regionMenu,
      greet: false,
      prompt: "full",
      notices,
      transfer: null,
    };
  const team = pickPersonTeam(directory, flow.representative, region, known.now);
  return {
    state: TRANSFER,
    language,
    menu: flow.start,
    greet: false,
    prompt: "full",
    notices,
    transfer: { team, region, attempt: 0 },
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
