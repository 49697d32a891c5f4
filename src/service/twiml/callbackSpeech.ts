import { assertNever } from "../assertNever.js";
import { CALLBACK_CONFIRM, CALLBACK_GREETING, CALLBACK_NUMBER, CALLBACK_READ_BACK } from "../contract/stateIds.js";
import { findRegion } from "../directory/queryDirectory.js";
import { fillPlaceholders } from "../fillPlaceholders.js";
import type { CallFlow } from "../flow/compileFlow.js";
import type { Lang, Notice, TeamId } from "../types.js";
import { describeMoment, type Moment } from "./describeMoment.js";

/** A notice of a call-back. */
export type CallbackNotice = Extract<Notice, { kind: "callbackOffer" | "callbackInvalidNumber" | "callbackRequested" }>;

/** What the call-back's words need from the flow: its messages and team names. */
interface Words {
  words(key: string, lang: Lang): string;
  teamName(team: TeamId, lang: Lang): string;
}

/**
 * A call-back message with `{team}` filled in, its name capitalised where it starts a sentence
 * ("Thank you. Member services will call you back…").
 */
function withTeam(template: string, name: string, values: Readonly<Record<string, string>>): string {
  const capital = name.charAt(0).toLocaleUpperCase() + name.slice(1);
  const marked = template.replace(/(^|[.!?。]\s*)\{team\}/g, (_whole, start: string) => `${start}${capital}`);
  return fillPlaceholders(marked, { ...values, team: name });
}

/**
 * What to say for a call-back notice: the offer (at the team's opening, or after the retry spacing when the
 * team is open but could not be reached), a number that cannot be called back, or the goodbye once queued.
 */
export function composeCallbackNotice(callFlow: CallFlow, parts: Words, n: CallbackNotice, lang: Lang): string {
  const { flow, directory } = callFlow;
  const settings = flow.callbacks;
  const zone = (region: string) => findRegion(directory, region)?.timeZone ?? "UTC";
  const moment = (m: Moment) =>
    describeMoment(m, {
      locale: flow.languages[lang]?.locale ?? "en-US",
      midSentence: flow.languages[lang]?.midSentence,
      at: parts.words("callbackMomentAt", lang),
      after: parts.words("callbackMomentAfter", lang),
      between: parts.words("callbackMomentBetween", lang),
    });
  switch (n.kind) {
    case "callbackOffer": {
      // A team open but unreachable calls back after the retry spacing, in words of its own where the line has
      // them (else the closed team's, at the moment); a closed one at its opening.
      const own = n.unreachable === true && flow.messages.callbackOfferUnreachable?.[lang] !== undefined;
      return withTeam(
        parts.words(own ? "callbackOfferUnreachable" : "callbackOffer", lang),
        parts.teamName(n.team, lang),
        {
          key: settings?.key ?? "",
          moment: moment({
            kind: own ? "after" : "at",
            from: n.at,
            days: n.days,
            timeZone: zone(n.region),
          }),
        },
      );
    }
    case "callbackInvalidNumber":
      return parts.words("callbackInvalidNumber", lang);
    case "callbackRequested": {
      const when = moment({
        kind: n.to === undefined ? "after" : "between",
        from: n.from,
        to: n.to,
        days: n.days,
        timeZone: zone(n.region),
      });
      const key = n.pending ? "callbackPending" : "callbackRequested";
      return withTeam(parts.words(key, lang), parts.teamName(n.team, lang), { moment: when });
    }
    default:
      return assertNever(n);
  }
}

/**
 * The prompt of a call-back state: the number to confirm (its last digits), the request to key one in, the
 * number read back digit by digit, or the greeting of the call the line placed. `digits` are spaced for
 * reading ("0 1 2 3"), given by the edge for this answer only (never kept).
 */
export function composeCallbackPrompt(
  callFlow: CallFlow,
  parts: Words,
  state: string,
  lang: Lang,
  team: TeamId | undefined,
  digits: string | undefined,
): string {
  const settings = callFlow.flow.callbacks;
  const keys = { confirm: settings?.confirmKey ?? "1", change: settings?.changeKey ?? "2" };
  switch (state) {
    case CALLBACK_CONFIRM:
      return fillPlaceholders(parts.words("callbackConfirm", lang), { ...keys, digits: digits ?? "" });
    case CALLBACK_NUMBER:
      return parts.words("callbackEnterNumber", lang);
    case CALLBACK_READ_BACK:
      return fillPlaceholders(parts.words("callbackReadBack", lang), { ...keys, digits: digits ?? "" });
    case CALLBACK_GREETING:
      return withTeam(parts.words("callbackGreeting", lang), team ? parts.teamName(team, lang) : "", {
        connect: settings?.connectKey ?? "1",
      });
    default:
      return "";
  }
}
