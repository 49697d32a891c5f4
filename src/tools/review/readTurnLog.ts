import { type LoggedTurn, looseTurnEventSchema } from "../../service/index.js";
import { LogReadError, readLogLines } from "../logs/readLogLines.js";
import { parseLogJson } from "../logs/stripControls.js";
import { UnusableInput } from "./loadLine.js";

/**
 * One turn as the service logged it (`msg: "turn"` of the current event version, see `turnRecordSchema`):
 * every field checked, fields added later kept.
 */
export type TurnLine = LoggedTurn;

/** The turn lines of a log, how many of its lines were something else, and how many were too long to read. */
export interface TurnLog {
  readonly turns: readonly TurnLine[];
  readonly otherLines: number;
  /** Lines over `MAX_LINE_BYTES` (a corrupt or crafted log), skipped without being held. */
  readonly longLines: number;
}

/**
 * Reads the service's JSON logs, streamed (`readLogLines`): files, or `-` for standard input, each plain
 * or gzip (told apart by its first bytes). Lines that are not turn records (other messages, other text) are
 * counted, not read; lines over `MAX_LINE_BYTES` are skipped and counted. Strings are read stripped of
 * control characters (`parseLogJson`), so that printing them cannot drive the terminal.
 */
export async function readTurnLog(paths: readonly string[], stdin: NodeJS.ReadableStream): Promise<TurnLog> {
  const turns: TurnLine[] = [];
  let otherLines = 0;
  let longLines = 0;
  try {
    for await (const raw of readLogLines(paths, stdin, () => longLines++)) {
      if (raw.trim() === "") continue;
      const line = parseLine(raw);
      if (line) turns.push(line);
      else otherLines++;
    }
  } catch (error) {
    if (error instanceof LogReadError) throw new UnusableInput(error.message);
    throw error;
  }
  return { turns, otherLines, longLines };
}

function parseLine(raw: string): TurnLine | undefined {
  let json: unknown;
  try {
    json = parseLogJson(raw);
  } catch {
    return undefined;
  }
  const parsed = looseTurnEventSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
