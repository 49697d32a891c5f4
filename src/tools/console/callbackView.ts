import { type CallbackRecord, type CallFlow, type QueuedCallback, shortenRegionName } from "../../service/index.js";

/** A team, region or language as the page names it. */
export interface Named {
  readonly id: string;
  readonly name: string;
}

/** A call-back as the page shows it: names, never the number (its last four digits only). */
export interface CallbackView {
  readonly id: string;
  readonly team: Named;
  /** The region, with its time zone: the due time is shown in it. */
  readonly region: Named & { readonly timeZone: string };
  /** The language the member is called back in (the flow's code and its name). */
  readonly language: Named;
  /** The number to call, masked: `***0123`. */
  readonly number: string;
  /** The region's inbound number: what the line calls from. */
  readonly from: string | null;
  /** When it is due (the next try), epoch ms. */
  readonly due: number;
  /** The end of the window promised, when the pace spread the queue over one. */
  readonly dueBy: number | null;
  /** Tries placed so far, and how many there may be (the first and its retries). */
  readonly attempts: number;
  readonly tries: number;
  /** A try is being placed or played: it cannot be played again until it ends. */
  readonly busy: boolean;
}

/** A call-back that left the queue other than answered: given up (after its tries) or cancelled. */
export interface CallbackNote {
  readonly id: string;
  readonly step: "given up" | "cancelled";
  readonly team: Named;
  readonly region: Named;
  readonly number: string;
  readonly reason: string;
}

/** A number as the console shows it: its last four digits only. */
export function maskDigits(lastDigits: string): string {
  return `***${lastDigits.slice(-4)}`;
}

/** Names a team, a region and a language of the line by their ids (the id itself when the line has none). */
export function nameOf(callFlow: CallFlow) {
  const { flow, directory } = callFlow;
  return {
    team: (id: string): Named => ({ id, name: flow.teams[id]?.name.en ?? id }),
    region: (id: string): Named & { timeZone: string } => {
      const region = directory.regionById.get(id);
      return { id, name: region ? shortenRegionName(region) : id, timeZone: region?.timeZone ?? "UTC" };
    },
    language: (code: string): Named => ({ id: code, name: flow.languages[code]?.label ?? code }),
  };
}

/** Describes a queued call-back for the page; `playing` when the console is placing it now. */
export function describeCallback(c: QueuedCallback, callFlow: CallFlow, playing: boolean): CallbackView {
  const names = nameOf(callFlow);
  return {
    id: c.id,
    team: names.team(c.team),
    region: names.region(c.region),
    language: names.language(c.language),
    number: maskDigits(c.lastDigits),
    from: callFlow.directory.regionById.get(c.region)?.inbound[0] ?? null,
    due: c.due,
    dueBy: c.dueBy ?? null,
    attempts: c.attempts,
    tries: (callFlow.flow.callbacks?.retries ?? 0) + 1,
    busy: playing || c.placed !== undefined,
  };
}

/** The note of a desk's record that a call-back left the queue unanswered; undefined for any other record. */
export function noteRecord(
  record: CallbackRecord,
  removed: QueuedCallback | undefined,
  callFlow: CallFlow,
): CallbackNote | undefined {
  if ((record.step !== "given up" && record.step !== "cancelled") || record.id === undefined) return undefined;
  const names = nameOf(callFlow);
  const { name: regionName } = names.region(record.region);
  return {
    id: record.id,
    step: record.step,
    team: names.team(record.team),
    region: { id: record.region, name: regionName },
    number: removed ? maskDigits(removed.lastDigits) : "***",
    reason: record.reason ?? record.step,
  };
}
