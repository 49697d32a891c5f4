import { Writable } from "node:stream";

/** The fields of the app's turn record (`msg: "turn"`) the console reads. */
export interface TurnRecord {
  readonly callSid: string;
  readonly event: string;
  readonly from: string | null;
  readonly state: string;
  readonly key?: string;
  readonly team?: string;
  readonly language?: string;
}

/** Where the app's log lines go: turn records to the call they belong to, warnings and errors on. */
export interface TurnLog {
  /** The stream to give the app's pino logger. */
  readonly stream: Writable;
  /** Calls `listener` with each turn record of the call; returns the function that stops it. */
  subscribe(callSid: string, listener: (record: TurnRecord) => void): () => void;
}

const WARN = 40;

/**
 * Reads the app's JSON log lines: each turn record goes to the listener of its `callSid`, so calls in
 * several tabs never mix; lines at warning level and above are copied to `problems`.
 */
export function createTurnLog(problems?: NodeJS.WritableStream): TurnLog {
  const listeners = new Map<string, (record: TurnRecord) => void>();
  let partial = "";
  const read = (line: string) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof parsed.level === "number" && parsed.level >= WARN) problems?.write(`${line}\n`);
    if (parsed.msg !== "turn" || typeof parsed.callSid !== "string") return;
    listeners.get(parsed.callSid)?.(toRecord(parsed));
  };
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") read(line);
      done();
    },
  });
  return {
    stream,
    subscribe(callSid, listener) {
      listeners.set(callSid, listener);
      return () => listeners.delete(callSid);
    },
  };
}

function toRecord(line: Record<string, unknown>): TurnRecord {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const key = text(line.key);
  const team = text(line.team);
  const language = text(line.language);
  return {
    callSid: line.callSid as string,
    event: text(line.event) ?? "",
    from: text(line.from) ?? null,
    state: text(line.state) ?? "",
    ...(key !== undefined ? { key } : {}),
    ...(team !== undefined ? { team } : {}),
    ...(language !== undefined ? { language } : {}),
  };
}
