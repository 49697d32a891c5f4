import { fillPlaceholders } from "../fillPlaceholders.js";

/** The words a moment is said with in one language: the flow's templates and the locale that names days and times. */
export interface MomentWords {
  readonly locale: string;
  /** "{day} at {time}" */
  readonly at: string;
  /** "{day} after {time}" */
  readonly after: string;
  /** "{day} between {from} and {to}" */
  readonly between: string;
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
 * Says a moment in the caller's language and the region's time: "tomorrow at 8 AM", "today at 8 AM",
 * "Monday after 8 AM", "Monday between 8 AM and 9 AM", and a date beyond the coming week ("Monday,
 * January 4 at 8 AM"). Today and tomorrow, weekdays, dates and times are named by `Intl` in the locale.
 */
export function describeMoment(moment: Moment, words: MomentWords): string {
  const { locale } = words;
  const { timeZone } = moment;
  const day =
    moment.days <= 1
      ? new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(moment.days, "day")
      : new Intl.DateTimeFormat(
          locale,
          moment.days < 7
            ? { weekday: "long", timeZone }
            : { weekday: "long", month: "long", day: "numeric", timeZone },
        ).format(moment.from);
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
