import type { CallFlow } from "../flow/compileFlow.js";
import { composeSpeech, type SpeechBook } from "../twiml/composeSpeech.js";
import { createTurnRenderer, type TurnRenderer } from "../twiml/turnTwiml.js";
import { createSafeAnswer, type SafeAnswer } from "./safeAnswer.js";

/** What one version of the line needs to answer turns: its words, its renderer and its safe answer. */
export interface LineRuntime {
  readonly callFlow: CallFlow;
  readonly speech: SpeechBook;
  /** Renders a call's state for the turn its next request carries. */
  readonly renderTurn: TurnRenderer;
  /** The answer when a turn fails. */
  readonly safeAnswer: SafeAnswer;
}

/** URLs of the routes the documents lead to. */
export interface TurnUrls {
  readonly turn: string;
  readonly recover: string;
}

/** Builds each version's runtime once, on first use, and keeps it as long as the version is kept. */
export function createRuntimes(urls: TurnUrls): (callFlow: CallFlow) => LineRuntime {
  const runtimes = new WeakMap<CallFlow, LineRuntime>();
  return (callFlow) => {
    let runtime = runtimes.get(callFlow);
    if (!runtime) {
      const speech = composeSpeech(callFlow);
      runtime = {
        callFlow,
        speech,
        renderTurn: createTurnRenderer(callFlow, speech, urls.turn),
        safeAnswer: createSafeAnswer(callFlow, speech, urls.recover),
      };
      runtimes.set(callFlow, runtime);
    }
    return runtime;
  };
}
