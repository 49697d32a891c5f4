import { CALLBACK_FALLBACKS } from "../../../service/index.js";
import type { CheckContext, Finding } from "./checkContext.js";

/**
 * Warnings: a message of the call-backs the line may leave out (`CALLBACK_FALLBACKS`) and did, so callers
 * hear another in its place: without `callbackOfferUnreachable`, a caller whose team is open but did not
 * answer is offered a call-back "when the team opens", at the retry's moment.
 */
export function findCallbackFallbacks(ctx: CheckContext): Finding[] {
  const { flow, source } = ctx.line.callFlow;
  if (!flow.callbacks) return [];
  const file = source?.flowFile ?? "the flow file";
  return Object.entries(CALLBACK_FALLBACKS)
    .filter(([key]) => Object.keys(flow.languages).every((lang) => !flow.messages[key]?.[lang]))
    .map(([key, instead]) => ({
      rule: "callback-words",
      severity: "warning",
      where: `messages.${key}`,
      message: `${file}: messages.${key} is not written, so callers hear ${instead} in its place; write it in every language of the line`,
    }));
}
