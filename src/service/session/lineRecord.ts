import { z } from "zod";
import type { LineSource } from "../types.js";

const lineSourceSchema = z.object({
  flowFile: z.string(),
  directoryFile: z.string(),
  flow: z.unknown(),
  directory: z.unknown(),
});

/** Serialises a version of the line for a store. */
export function serializeLine(source: LineSource): string {
  return JSON.stringify(source);
}

/** Reads a stored version of the line; anything else reads as none (it is validated again when compiled). */
export function parseLine(json: string): LineSource | undefined {
  try {
    const parsed = lineSourceSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as LineSource) : undefined;
  } catch {
    return undefined;
  }
}
