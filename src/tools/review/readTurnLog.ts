import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { webhookParamsSchema } from "../../service/index.js";
import { UnusableInput } from "./loadLine.js";

/** The fields of a turn log line (`msg: "turn"`, see `describeTurn`) that replay reads; others are ignored. */
const turnLineSchema = z.looseObject({
  msg: z.literal("turn"),
  callSid: z.string().min(1),
  turn: z.number().int().min(0),
  result: z.string(),
  event: z.string(),
  time: z.number(),
  region: z.string().nullable().optional(),
  state: z.string(),
  from: z.string().nullable().optional(),
  key: z.string().optional(),
  option: z.string().optional(),
  dialStatus: webhookParamsSchema.shape.DialCallStatus,
  team: z.string().optional(),
  attempt: z.number().int().min(0).optional(),
  version: z.string().optional(),
});

/** One turn as the service logged it. */
export type TurnLine = z.infer<typeof turnLineSchema>;

/** The turn lines of a log, and how many of its lines were something else. */
export interface TurnLog {
  readonly turns: readonly TurnLine[];
  readonly otherLines: number;
}

/**
 * Reads the service's JSON logs: files, or `-` for standard input, each plain or gzip (told apart by
 * its first bytes). Lines that are not turn records (other messages, other text) are counted, not read.
 */
export async function readTurnLog(paths: readonly string[], stdin: NodeJS.ReadableStream): Promise<TurnLog> {
  const turns: TurnLine[] = [];
  let otherLines = 0;
  for (const file of paths) {
    const bytes = file === "-" ? await readAll(stdin) : readBytes(file);
    for (const raw of textOf(bytes, file).split("\n")) {
      if (raw.trim() === "") continue;
      const line = parseLine(raw);
      if (line) turns.push(line);
      else otherLines++;
    }
  }
  return { turns, otherLines };
}

function parseLine(raw: string): TurnLine | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = turnLineSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function textOf(bytes: Buffer, file: string): string {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString("utf8");
  try {
    return gunzipSync(bytes).toString("utf8");
  } catch (error) {
    throw new UnusableInput(`${file}: looks gzipped but cannot be unpacked (${(error as Error).message}).`);
  }
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UnusableInput(
      `${file}: cannot be read (${(error as Error).message}). Check the path, or use - for stdin.`,
    );
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
