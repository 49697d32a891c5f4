/** The simulated callers' shape: where they call from, when, what they want, and how often each thing happens. */

/**
 * Relative share of calls per region: roughly each region's share of the plan's membership (California
 * far the largest), as a simulation parameter, not a published figure. A region the directory does not
 * have is ignored; `unknown` is a call to a number no region owns (it hears the region menu).
 */
export const REGION_WEIGHTS: Readonly<Record<string, number>> = {
  california: 940,
  colorado: 48,
  georgia: 32,
  hawaii: 26,
  midAtlantic: 81,
  northwest: 64,
  washington: 72,
  unknown: 12,
};

/** Calls per local weekday, relative (Monday the busiest, weekends light). */
export const DAY_WEIGHTS = [0.15, 1.25, 1.05, 1, 1, 0.95, 0.25] as const;

/** Calls per local hour of the day, relative: mornings and early afternoons, few at night. */
export const HOUR_WEIGHTS = [
  0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 2.2, 5, 7, 7.5, 7, 6, 6.5, 6.5, 6, 4.5, 2.5, 1.6, 1.3, 1, 0.8, 0.5, 0.35,
] as const;

/** What callers want, by team, relative, in business hours (weekdays 08:00 to 17:00 local). */
export const INTENT_WEIGHTS: Readonly<Record<string, number>> = {
  memberServices: 40,
  pharmacy: 20,
  nurseAdvice: 12,
  behavioralHealth: 6,
  representative: 14,
};

/** How wants change outside business hours: more nurse advice and behavioral health, less member services. */
export const AFTER_HOURS_FACTOR: Readonly<Record<string, number>> = {
  memberServices: 0.6,
  nurseAdvice: 3,
  behavioralHealth: 1.5,
  representative: 0.7,
};

/** US area codes per region for the callers' fictional numbers (555-0100 to 555-0199 are reserved for fiction). */
export const AREA_CODES: Readonly<Record<string, readonly string[]>> = {
  california: [
    "209",
    "213",
    "279",
    "310",
    "323",
    "341",
    "350",
    "408",
    "415",
    "424",
    "442",
    "510",
    "530",
    "559",
    "562",
    "619",
    "626",
    "628",
    "650",
    "657",
    "661",
    "669",
    "707",
    "714",
    "747",
    "760",
    "805",
    "818",
    "820",
    "831",
    "840",
    "858",
    "909",
    "916",
    "925",
    "949",
    "951",
  ],
  colorado: ["303", "719", "720", "970", "983"],
  georgia: ["229", "404", "470", "478", "678", "706", "762", "770", "912", "943"],
  hawaii: ["808"],
  midAtlantic: ["202", "227", "240", "301", "410", "443", "571", "667", "703", "757", "804"],
  northwest: ["360", "458", "503", "541", "564", "971"],
  washington: ["206", "253", "425", "509"],
  unknown: ["212", "305", "312", "602", "615", "617", "713"],
};

/**
 * A simulated outage: every transfer from the region fails in this window (local time; `day` counted from
 * the first day of traffic), so failed transfers, callers sent back to the menu and goodbyes show in the report.
 */
export const OUTAGE = { region: "midAtlantic", day: 2, fromHour: 13, toHour: 15 } as const;

/** What Twilio sends for a caller who withholds their number (keypad spelling of ANONYMOUS). */
export const WITHHELD_NUMBER = "+266696687";

/** The number callers dial that no region owns (fictional). */
export const UNKNOWN_INBOUND = "+19995550100";

/** Share of callers (in a region that offers it) who want Spanish. */
export const SPANISH = 0.1;
/** Share of the other callers who want an interpreter: the language menu, then their language. */
export const INTERPRETER = 0.03;
/** Which interpreter, relative, by the language menu option's language (`other`: 0, any other language). */
export const INTERPRETER_WEIGHTS: Readonly<Record<string, number>> = { cmn: 3, yue: 2, vi: 3, tl: 2, fr: 1, other: 2 };
/** Share of interpreter callers who take the nurse line when member services is closed or does not answer. */
export const TAKES_NURSE_LINE = 0.65;
/** Share of calls from someone who called before. */
export const CALLBACK = 0.09;
/** Share of callers who withhold their number. */
export const WITHHELD = 0.005;
