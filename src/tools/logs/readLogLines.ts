import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** The longest log line read, in bytes: a longer one (a corrupt or crafted log) is skipped and counted. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A log that cannot be read: a file that is not there, or gzip that cannot be unpacked. The message names it. */
export class LogReadError extends Error {
  override readonly name = "LogReadError";
}

/**
 * The lines of log files, streamed (never a whole file in memory, never more than `MAX_LINE_BYTES` of a
 * line: a longer line is skipped, `onLongLine` told, and reading goes on after it): `-` is standard input,
 * and gzip-compressed input (by its magic bytes, whatever the file's name) is decompressed. Several files
 * are merged by their lines' `time`, as each is written in time order: the logs of several instances (a
 * call's turns spread across them) or rotated files read as one log. Lines without a time come as they are
 * met. A file that cannot be read fails with a `LogReadError` naming it.
 */
export async function* readLogLines(
  sources: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
  onLongLine: () => void = () => {},
): AsyncGenerator<string> {
  if (sources.length === 1) {
    yield* readSource(sources[0] as string, stdin, onLongLine);
    return;
  }
  const readers = sources.map((source) => readSource(source, stdin, onLongLine));
  const heads = await Promise.all(readers.map(nextLine));
  for (;;) {
    let first = -1;
    heads.forEach((head, i) => {
      if (head && (first < 0 || head.time < (heads[first] as Head).time)) first = i;
    });
    if (first < 0) return;
    yield (heads[first] as Head).line;
    heads[first] = await nextLine(readers[first] as AsyncGenerator<string>);
  }
}

/** The next line of a source, with its time (minus infinity when it has none). */
interface Head {
  readonly line: string;
  readonly time: number;
}

async function nextLine(reader: AsyncGenerator<string>): Promise<Head | undefined> {
  const next = await reader.next();
  if (next.done) return undefined;
  const time = /"time":(\d+)/.exec(next.value);
  return { line: next.value, time: time ? Number(time[1]) : Number.NEGATIVE_INFINITY };
}

function readSource(source: string, stdin: NodeJS.ReadableStream, onLongLine: () => void): AsyncGenerator<string> {
  const raw = source === "-" ? stdin : createReadStream(source);
  return splitLines(decompressIfGzip(raw, source === "-" ? "standard input" : source), onLongLine);
}

/**
 * Cuts bytes into lines at each line feed (a carriage return before it is dropped), holding at most
 * `MAX_LINE_BYTES` of a line: past that, the rest of the line is passed over and `onLongLine` told.
 */
async function* splitLines(chunks: AsyncIterable<Buffer>, onLongLine: () => void): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const take = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const finish = (): string | undefined => {
    const line = tooLong ? undefined : decodeLine(parts, size);
    if (tooLong) onLongLine();
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, end));
      start = end + 1;
      const line = finish();
      if (line !== undefined) yield line;
    }
    take(chunk.subarray(start));
  }
  if (size > 0 || tooLong) {
    const line = finish();
    if (line !== undefined) yield line;
  }
}

/** A line's bytes as text, without the carriage return of a CRLF line end. */
function decodeLine(parts: readonly Buffer[], size: number): string {
  const text = (parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size)).toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** Passes the bytes through, gunzipped when they start with gzip's magic bytes (1f 8b). */
async function* decompressIfGzip(raw: NodeJS.ReadableStream, name: string): AsyncGenerator<Buffer> {
  const chunks = (raw as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer | string>;
  try {
    first = await chunks.next();
  } catch (error) {
    throw new LogReadError(
      `${name}: cannot be read (${(error as Error).message}). Check the path, or use - for standard input.`,
    );
  }
  if (first.done) return;
  const head = Buffer.from(first.value);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield Buffer.from(next.value);
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* all();
    return;
  }
  const gunzip = createGunzip();
  const compressed = Readable.from(all());
  compressed.on("error", (error) => gunzip.destroy(error));
  compressed.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw new LogReadError(`${name}: looks gzipped but cannot be unpacked (${(error as Error).message}).`);
  }
}
