import { z } from "zod";
import {
  endedCallSchema,
  type SessionRecord,
  type StoredSession,
  sessionRecordSchema,
} from "../contract/sessionSchema.js";

/** Version of the stored session's shape; a record of another version is not read. */
export const SESSION_RECORD_VERSION = 1;

/**
 * A stored session as written: the shape's version, then a call in progress or the mark of an ended one.
 * Both are the contract's schemas: a field added there is saved and read back.
 */
const storedSchema = z.union([
  sessionRecordSchema.extend({ v: z.literal(SESSION_RECORD_VERSION) }),
  endedCallSchema.extend({ v: z.literal(SESSION_RECORD_VERSION) }),
]);

/** Serialises a session for a store, with the shape's version. */
export function serializeSession(session: StoredSession): string {
  return "ended" in session
    ? JSON.stringify({ v: SESSION_RECORD_VERSION, ended: true })
    : JSON.stringify({ v: SESSION_RECORD_VERSION, turn: session.turn, version: session.version, call: session.call });
}

/**
 * Reads a stored session. A record that is not JSON, is of another shape version or shape (corrupt, or
 * written by something else) reads as no session: the call starts over at its region's menu.
 */
export function parseSession(json: string): StoredSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  return "ended" in data ? { ended: true } : { turn: data.turn, version: data.version, call: data.call };
}

/** Whether a stored session is a call in progress. */
export function isLive(session: StoredSession | undefined): session is SessionRecord {
  return session !== undefined && !("ended" in session);
}

/**
 * Whether a commit expecting the call at turn `expected` (null: no call in progress) may overwrite
 * `current`, the record stored now: the compare of the stores' compare-and-set. A record that cannot be
 * read never blocks (it would read as no session). Kept in step with the Redis store's script.
 */
export function mayOverwrite(
  current: { readonly turn: number } | { readonly ended: true } | undefined,
  expected: number | null,
): boolean {
  if (current === undefined) return true;
  if ("ended" in current) return false;
  return current.turn === expected;
}
