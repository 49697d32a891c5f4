import { z } from "zod";
import type { SessionRecord } from "../types.js";

/** Version of the stored session's shape; a record of another version is not read. */
export const SESSION_RECORD_VERSION = 1;

const noticeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("invalid") }),
  z.object({ kind: z.literal("noInput") }),
  z.object({ kind: z.literal("apology") }),
  z.object({ kind: z.literal("escalate"), team: z.string() }),
  z.object({ kind: z.literal("unreachable"), team: z.string() }),
  z.object({ kind: z.literal("closed"), team: z.string(), region: z.string(), open: z.array(z.string()) }),
]);

const contextSchema = z.object({
  region: z.string().nullable(),
  language: z.string(),
  failures: z.number().int().nonnegative(),
  menuTurns: z.number().int().nonnegative(),
  failedTransfers: z.number().int().nonnegative(),
  menu: z.string(),
  prompt: z.enum(["full", "short"]),
  greet: z.boolean(),
  notices: z.array(noticeSchema),
  transfer: z
    .object({
      team: z.string(),
      region: z.string(),
      attempt: z.number().int().nonnegative(),
      announce: z.string().optional(),
      interpreter: z.string().optional(),
    })
    .nullable(),
  // Sessions written before interpreters existed read as calls without one.
  interpreter: z.string().nullable().default(null),
  now: z.number(),
});

/** A stored session as written: the version, the turn counter and the call's state. */
const storedSchema = z.object({
  v: z.literal(SESSION_RECORD_VERSION),
  turn: z.number().int().positive(),
  call: z.object({ value: z.string(), context: contextSchema }),
});

/** Serialises a session for a store, with its version. */
export function serializeSession(record: SessionRecord): string {
  return JSON.stringify({ v: SESSION_RECORD_VERSION, turn: record.turn, call: record.call });
}

/**
 * Reads a stored session. A record that is not JSON, is of another version or shape (corrupt, or
 * written by something else) reads as no session: the call starts over at its region's menu.
 */
export function parseSession(json: string): SessionRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(value);
  return parsed.success ? { turn: parsed.data.turn, call: parsed.data.call } : undefined;
}
