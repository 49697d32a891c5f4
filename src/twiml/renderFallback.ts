import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { isOpenAt } from "../directory/hours.js";
import type { CallFlow } from "../flow/compileFlow.js";
import { startCall } from "../flow/runTurn.js";
import type { SpeechBook } from "./composeSpeech.js";
import { lineFor, renderTwiml, sayAttributes } from "./renderTwiml.js";

/**
 * Renders the safe answer to a turn that failed, for the number the caller dialed (or the region
 * they chose, when known) and the time.
 */
export type FallbackRenderer = (to: string | undefined, at: number, regionId?: string) => string;

/**
 * Builds the answer given when a turn fails (an error, a store that is down, malformed parameters):
 * an apology, then a transfer to the region's representative (or the around-the-clock team when the
 * representative is closed), or the region menu when the region is unknown. The `<Dial>` action and
 * the menu lead to `recoverUrl`, which starts the flow over, so even a failed fallback drops no one.
 */
export function createFallback(callFlow: CallFlow, speech: SpeechBook, recoverUrl: string): FallbackRenderer {
  const { flow, directory } = callFlow;
  const lang = flow.defaultLanguage;
  const say = sayAttributes(callFlow, lang);

  const dialRepresentative = (regionId: string, at: number): string => {
    const region = directory.regionById.get(regionId);
    const representative = lineFor(callFlow, regionId, flow.representative.team);
    const team =
      region && representative && isOpenAt(representative.hours, region.timeZone, at)
        ? flow.representative.team
        : flow.representative.whenClosed;
    const number = lineFor(callFlow, regionId, team)?.numbers[0];
    const response = new VoiceResponse();
    response.say(say, speech.message("apology", lang));
    response.say(say, speech.message("transferring", lang, team));
    if (number)
      response.dial({ action: recoverUrl, method: "POST", timeout: flow.dial.timeoutSeconds }).number(number.e164);
    else response.redirect({ method: "POST" }, recoverUrl);
    return response.toString();
  };
  const lastResort = dialRepresentative(directory.unknownRegionRepresentative, Date.UTC(2024, 0, 2, 18));

  return (to, at, regionId) => {
    try {
      const region =
        (regionId === undefined ? undefined : directory.regionById.get(regionId)) ??
        (to === undefined ? undefined : directory.regionByInbound.get(to));
      if (region) return dialRepresentative(region.id, at);
      const call = startCall(callFlow, { region: null, at, resumed: true, notices: [{ kind: "apology" }] });
      return renderTwiml(callFlow, speech, call, recoverUrl);
    } catch {
      return lastResort;
    }
  };
}

/** Ends the call on purpose: used when a transfer completed for a call whose session is gone. */
export function renderHangup(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
