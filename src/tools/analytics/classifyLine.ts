import { EVENT_MESSAGES, EVENT_VERSION, type LoggedEvent, looseEventSchema } from "../../service/index.js";
import { parseLogJson } from "../logs/stripControls.js";

/** The service whose lines the report reads. */
const SERVICE = "member-line";

/** Why a line is not read as an event. */
export type SkipReason = "notJson" | "foreign" | "malformed" | "otherVersion";

/** What one log line is. */
export type ClassifiedLine =
  | { readonly kind: "event"; readonly event: LoggedEvent }
  /** Another line of the service: start-up, a warning, an error. */
  | { readonly kind: "service"; readonly level: number; readonly msg: string }
  | { readonly kind: "skip"; readonly reason: SkipReason };

const EVENT_MSG = new Set<string>(EVENT_MESSAGES);

/**
 * Reads one log line: an event of the current version, another line of the service, or something to
 * skip (not JSON, another program's line, an event that does not match the schema or is of another
 * version). Strings are read stripped of control characters (`parseLogJson`). Never throws.
 */
export function classifyLine(text: string): ClassifiedLine {
  let parsed: unknown;
  try {
    parsed = parseLogJson(text);
  } catch {
    return { kind: "skip", reason: "notJson" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { kind: "skip", reason: "notJson" };
  const line = parsed as Record<string, unknown>;
  const msg = typeof line.msg === "string" ? line.msg : "";
  if (EVENT_MSG.has(msg) && "v" in line) {
    if (line.v !== EVENT_VERSION) return { kind: "skip", reason: "otherVersion" };
    const event = looseEventSchema.safeParse(line);
    return event.success ? { kind: "event", event: event.data } : { kind: "skip", reason: "malformed" };
  }
  if (line.service !== SERVICE) return { kind: "skip", reason: "foreign" };
  // A turn line without a version is from before the event record: not read.
  if (EVENT_MSG.has(msg)) return { kind: "skip", reason: "otherVersion" };
  return { kind: "service", level: typeof line.level === "number" ? line.level : 30, msg };
}
