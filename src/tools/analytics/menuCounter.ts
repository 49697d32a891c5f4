import { formatOption, type LoggedTurn, type OptionIdentity } from "../../service/index.js";
import type { HangUpCause, MenuStats } from "./reportTypes.js";
import { increment, share, sortedRecord } from "./summaryCounter.js";

/** A label for choices the record did not name (a sensitive menu's). */
const NOT_LOGGED = "(not logged)";

/** What callers did in one menu, while the report reads the log. */
export interface MenuCounter {
  entered: number;
  readonly chose: Map<string, { key: number; speech: number }>;
  readonly options: Map<string, OptionIdentity>;
  invalid: number;
  silent: number;
  escalated: number;
  abandoned: number;
  readonly abandonedAfter: Record<HangUpCause, number>;
  returned: number;
  /** Calls that chose a closed team here, by team, and in all. */
  readonly closed: Map<string, number>;
  closedCalls: number;
  readonly arrivals: { known: number; unknown: number };
}

/** A menu nobody has entered yet. */
export function createMenuCounter(): MenuCounter {
  return {
    entered: 0,
    chose: new Map(),
    options: new Map(),
    invalid: 0,
    silent: 0,
    escalated: 0,
    abandoned: 0,
    abandonedAfter: { greeting: 0, failedAnswer: 0, closed: 0, failedTransfer: 0, menu: 0 },
    returned: 0,
    closed: new Map(),
    closedCalls: 0,
    arrivals: { known: 0, unknown: 0 },
  };
}

/** Counts one answer given in the menu: the option chosen (by key or speech), a wrong answer or a silence. */
export function countAnswer(m: MenuCounter, e: LoggedTurn): void {
  if (e.input === "chose") {
    const label = e.option ? formatOption(e.option) : NOT_LOGGED;
    const by = m.chose.get(label) ?? { key: 0, speech: 0 };
    by[e.via === "speech" ? "speech" : "key"]++;
    m.chose.set(label, by);
    if (e.option && !m.options.has(label)) m.options.set(label, e.option);
  } else if (e.input === "invalid") m.invalid++;
  else if (e.input === "silent") m.silent++;
}

/** Counts a call that chose a closed team here: `first` when it is the call's first closed team in this menu. */
export function countClosedChoice(m: MenuCounter, team: string, first: boolean): void {
  increment(m.closed, team);
  if (first) m.closedCalls++;
}

/** The menu's figures. */
export function summarizeMenu(m: MenuCounter): MenuStats {
  const labels = [...m.chose.keys()].sort();
  const by = (label: string) => m.chose.get(label) ?? { key: 0, speech: 0 };
  return {
    entered: m.entered,
    chose: Object.fromEntries(labels.map((l) => [l, by(l).key + by(l).speech])),
    choseBy: Object.fromEntries(labels.map((l) => [l, { ...by(l) }])),
    options: Object.fromEntries(
      labels.flatMap((l) => {
        const option = m.options.get(l);
        return option ? [[l, option] as const] : [];
      }),
    ),
    invalid: m.invalid,
    silent: m.silent,
    escalated: m.escalated,
    abandoned: m.abandoned,
    abandonedAfter: { ...m.abandonedAfter },
    returned: m.returned,
    dropOff: share(m.abandoned, m.entered),
    closed: sortedRecord(m.closed),
    closedCalls: m.closedCalls,
    arrivals: { ...m.arrivals },
  };
}
