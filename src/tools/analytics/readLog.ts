import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/**
 * The lines of log files, streamed (never a whole file in memory): `-` is standard input, and
 * gzip-compressed input (by its magic bytes, whatever the file's name) is decompressed. Several files are
 * merged by their lines' `time`, as each is written in time order: the logs of several instances (a call's
 * turns spread across them) or rotated files read as one log. Lines without a time come as they are met.
 * A file that cannot be read fails with its name.
 */
export async function* readLogLines(
  sources: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<string> {
  if (sources.length === 1) {
    yield* readSource(sources[0] as string, stdin);
    return;
  }
  const readers = sources.map((source) => readSource(source, stdin));
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

async function* readSource(source: string, stdin: NodeJS.ReadableStream): AsyncGenerator<string> {
  const raw = source === "-" ? stdin : createReadStream(source);
  const input = Readable.from(decompressIfGzip(raw, source));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    yield* lines;
  } finally {
    lines.close();
  }
}

/** Passes the bytes through, gunzipped when they start with gzip's magic bytes (1f 8b). */
async function* decompressIfGzip(raw: NodeJS.ReadableStream, source: string): AsyncGenerator<Buffer> {
  const chunks = (raw as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer | string>;
  try {
    first = await chunks.next();
  } catch (error) {
    throw new Error(`report: cannot read ${source === "-" ? "standard input" : source}: ${(error as Error).message}`);
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
    throw new Error(
      `report: ${source === "-" ? "standard input" : source} is not valid gzip: ${(error as Error).message}`,
    );
  }
}
