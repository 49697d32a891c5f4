import { fillPlaceholders } from "../fillPlaceholders.js";
import { type MidSentenceForms, sayMidSentence } from "../sayMidSentence.js";

/** The words a moment is said with in one language: the flow's templates and the locale that names days and times. */
export interface MomentWords {
  readonly locale: string;
  /** "{day} at {time}" */
  readonly at: string;
  /** "{day} after {time}" */
  readonly after: string;
  /** "{day} between {from} and {to}" */
  readonly between: string;
  /** How the locale's names of days begin mid-sentence, where `Intl` gives them as at a sentence's start. */
  readonly midSentence?: MidSentenceForms | undefined;
}

/** A moment to say: from `from`, by `to` when it is a window, `days` local days after today. */
export interface Moment {
  readonly kind: "at" | "after" | "between";
  readonly from: number;
  readonly to?: number | undefined;
  readonly days: number;
  readonly timeZone: string;
}

/**
 * Says a moment in the caller's language and the region's time, as said mid-sentence: "tomorrow at 8 AM",
 * "today at 8 AM", "Monday after 8 AM", "Monday between 8 AM and 9 AM", and a date beyond the coming week
 * ("Monday, January 4 at 8 AM"). Today and tomorrow, weekdays, dates and times are named by `Intl` in the
 * locale, the day begun as the language's `midSentence` says ("thứ Hai" for Intl's "Thứ Hai").
 */
export function describeMoment(moment: Moment, words: MomentWords): string {
  const { locale } = words;
  const { timeZone } = moment;
  const intlDay =
    moment.days <= 1
      ? new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(moment.days, "day")
      : new Intl.DateTimeFormat(
          locale,
          moment.days < 7
            ? { weekday: "long", timeZone }
            : { weekday: "long", month: "long", day: "numeric", timeZone },
        ).format(moment.from);
  const day = sayMidSentence(intlDay, words.midSentence);
  const time = (at: number) => {
    const minute = new Date(at).getUTCMinutes();
    return new Intl.DateTimeFormat(locale, {
      hour: "numeric",
      ...(minute === 0 ? {} : { minute: "2-digit" }),
      timeZone,
    }).format(at);
  };
  if (moment.kind === "between" && moment.to !== undefined)
    return fillPlaceholders(words.between, { day, from: time(moment.from), to: time(moment.to) });
  return fillPlaceholders(moment.kind === "after" ? words.after : words.at, { day, time: time(moment.from) });
}
