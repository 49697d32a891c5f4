import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** A token shaped like Twilio's (32 hex digits). */
export const TOKEN = "0123456789abcdef0123456789abcdef";

/** A server process started from `src/index.ts`, with what it has printed. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far (stdout only while it is read). */
  output(): string;
  /** Resolves the exit code (or the signal's name) and when it came (`performance.now()`). */
  readonly exited: Promise<{ code: number | null; signal: string | null; at: number }>;
}

const started = new Set<ChildProcess>();

/** Kills every server a test started that is still running (call in `afterEach`), so none outlives a failed test. */
export function killStartedServers(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  started.clear();
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the server refuses PORT=0). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** How a server is started besides its environment. */
export interface StartOptions {
  /** `false`: nobody reads its stdout (a log reader that stopped). */
  readonly readStdout?: boolean;
  /** Working directory (where `.env` is read); the repository's by default. */
  readonly cwd?: string;
  /** The entry point run, relative to the repository: `src/index.ts` by default (`src/worker.ts`, a CLI). */
  readonly entry?: string;
  /** Its arguments. */
  readonly args?: readonly string[];
}

/** Starts a real entry point (the server's by default) with only `env` (plus PATH/HOME and HOST=127.0.0.1) in its environment. */
export function startServer(env: Record<string, string>, options: StartOptions = {}): ServerProcess {
  const tsx = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;
  const entry = resolve(options.entry ?? "src/index.ts");
  const child = spawn(process.execPath, ["--import", tsx, entry, ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  started.add(child);
  let output = "";
  if (options.readStdout !== false)
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return { child, output: () => output, exited };
}

/** Waits until the output matches `pattern`. */
export async function waitForOutput(run: ServerProcess, pattern: RegExp, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(run.output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${run.output()}`);
    if (run.child.exitCode !== null) throw new Error(`the server exited (${run.child.exitCode}):\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves the exit, or `"still running"` after `ms`. */
export function exitWithin(run: ServerProcess, ms: number) {
  return Promise.race([
    run.exited,
    new Promise<"still running">((resolve) => setTimeout(resolve, ms, "still running").unref()),
  ]);
}
