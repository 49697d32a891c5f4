import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { LogReadError, readLogLines } from "../../src/tools/logs/readLogLines.js";

const dir = mkdtempSync(join(tmpdir(), "member-line-logs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(sources: string[], stdin?: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLogLines(sources, stdin)) lines.push(line);
  return lines;
}

describe("readLogLines", () => {
  const text = "one\ntwo\r\nthree";
  test.each([
    ["a plain file", () => [file("plain.log", text)], ["one", "two", "three"]],
    [
      "a gzip file (by its bytes, whatever its name)",
      () => [file("packed.log", gzipSync(text))],
      ["one", "two", "three"],
    ],
    [
      "concatenated gzip members (logs rotated and joined)",
      () => [file("joined.gz", Buffer.concat([gzipSync("one\n"), gzipSync("two\n")]))],
      ["one", "two"],
    ],
    ["an empty file", () => [file("empty.log", "")], []],
    [
      "several files in order",
      () => [file("a.log", "a1\na2\n"), file("b.log.gz", gzipSync("b1\n"))],
      ["a1", "a2", "b1"],
    ],
  ])("reads %s", async (_what, sources, expected) => {
    expect(await collect(sources())).toEqual(expected);
  });

  test("merges several files by their lines' time, as the logs of several instances", async () => {
    const line = (time: number, text: string) => JSON.stringify({ time, text });
    const a = file("instance-a.log", [line(1, "a1"), line(4, "a4"), "no time here", line(9, "a9")].join("\n"));
    const b = file("instance-b.log.gz", gzipSync([line(2, "b2"), line(3, "b3"), line(10, "b10")].join("\n")));
    const texts = (await collect([a, b])).map((l) =>
      l.startsWith("{") ? (JSON.parse(l) as { text: string }).text : l,
    );
    expect(texts).toEqual(["a1", "b2", "b3", "a4", "no time here", "a9", "b10"]);
  });

  test.each([
    ["plain", Buffer.from("x\ny\n")],
    ["gzip", gzipSync("x\ny\n")],
  ])("reads standard input for - (%s)", async (_what, bytes) => {
    const stdin = Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]);
    expect(await collect(["-"], stdin)).toEqual(["x", "y"]);
  });

  test.each([
    ["a missing file", () => join(dir, "missing.log"), /missing\.log: cannot be read/],
    [
      "a broken gzip file",
      () => file("broken.gz", gzipSync("hello\n".repeat(100)).subarray(0, 30)),
      /broken\.gz: looks gzipped but cannot be unpacked/,
    ],
  ])("fails on %s naming it", async (_what, path, message) => {
    await expect(collect([path()])).rejects.toThrow(LogReadError);
    await expect(collect([path()])).rejects.toThrow(message);
  });

  test("reads a file of two million lines", async () => {
    const big = file("big.log", Buffer.alloc(4 * 1024 * 1024, "a\n"));
    let count = 0;
    for await (const line of readLogLines([big])) if (line === "a") count++;
    expect(count).toBe(2 * 1024 * 1024);
  });

  describe("a line over 1 MB (a corrupt or crafted log)", () => {
    const MB = 1024 * 1024;
    const text = `first\n${"x".repeat(MB + 1)}\n${"y".repeat(MB)}\nlast\n`;

    test.each([
      ["a plain file", () => [file("long.log", text)], undefined],
      ["a gzip file", () => [file("long.log.gz", gzipSync(text))], undefined],
      ["standard input", () => ["-"], Readable.from([Buffer.from(text)])],
    ])(
      "is skipped and counted in %s; a line of 1 MB and the lines around it are read",
      async (_what, sources, stdin) => {
        let long = 0;
        const lines: string[] = [];
        for await (const line of readLogLines(sources(), stdin, () => long++)) lines.push(line);
        expect(lines.map((l) => (l.length > 10 ? `${l[0]} × ${l.length}` : l))).toEqual(["first", `y × ${MB}`, "last"]);
        expect(long).toBe(1);
      },
    );

    test("is never held whole: reading a line of 256 MB holds a few megabytes of it at most", async () => {
      const chunk = Buffer.alloc(64 * 1024, "x");
      let peak = 0;
      const held = () => {
        const { heapUsed, arrayBuffers } = process.memoryUsage();
        peak = Math.max(peak, heapUsed + arrayBuffers);
      };
      async function* input() {
        for (let i = 0; i < 4096; i++) {
          if (i % 256 === 0) held();
          yield chunk;
        }
        yield Buffer.from("\nafter\n");
      }
      held();
      const before = peak;
      let long = 0;
      const lines: string[] = [];
      for await (const line of readLogLines(["-"], Readable.from(input()), () => long++)) lines.push(line);
      held();
      expect(lines).toEqual(["after"]);
      expect(long).toBe(1);
      expect(peak - before).toBeLessThan(64 * MB);
    }, 60_000);
  });
});
