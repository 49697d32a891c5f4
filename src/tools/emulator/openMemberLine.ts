import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { CallFlow } from "../../service/index.js";
import { createApp, createLogger, isLive, LINE_FILES, loadCallFlow, MemoryStore } from "../../service/index.js";
import { describeMemberLine } from "./describeMemberLine.js";
import { type Line, openLine } from "./line.js";

/** The flow and directory files: `FLOW_FILE` and `DIRECTORY_FILE` as for the server, else the repository's own. */
export function locateFlowFiles(env: NodeJS.ProcessEnv = process.env): { flowFile: string; directoryFile: string } {
  const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
  return {
    flowFile: env.FLOW_FILE ?? root(LINE_FILES.flow),
    directoryFile: env.DIRECTORY_FILE ?? root(LINE_FILES.directory),
  };
}

/** Loads and compiles the line's flow from `locateFlowFiles()`; throws a `StartupError` naming the file and the fix. */
export function loadMemberLineFlow(env: NodeJS.ProcessEnv = process.env): CallFlow {
  const { flowFile, directoryFile } = locateFlowFiles(env);
  return loadCallFlow(flowFile, directoryFile);
}

/** How the in-process member line is started. */
export interface MemberLineOptions {
  /** The compiled flow; loaded from `locateFlowFiles()` otherwise. */
  readonly callFlow?: CallFlow;
  /** The line's clock, epoch ms (opening hours depend on it); `Date.now` by default. */
  readonly clock?: () => number;
  /** Where the clock starts instead, if `clock` is not given: it then runs on from there in real time. */
  readonly at?: number | Date;
  /** The app's logger; defaults to warnings and errors on stderr. */
  readonly logger?: Logger;
}

/**
 * Starts the member line in this process, as `src/index.ts` would, and opens a line to it: the real app
 * with a memory store, signature checks on with a fresh random auth token, on one ephemeral loopback port.
 * Transfers are named from the call's session. Closing the line stops the app and its store.
 */
export async function openMemberLine(options: MemberLineOptions = {}): Promise<Line> {
  const callFlow = options.callFlow ?? loadMemberLineFlow();
  const clock = options.clock ?? clockFrom(options.at);
  const store = new MemoryStore({ now: clock, sweepIntervalMs: 0 });
  const token = randomBytes(16).toString("hex");
  const app = createApp({
    callFlow,
    store,
    logger: options.logger ?? createLogger("warn", process.stderr),
    authToken: token,
    clock,
  });
  const describer = describeMemberLine(callFlow, async (callSid) => {
    const stored = await store.load(callSid);
    const transfer = isLive(stored) ? stored.call.context.transfer : null;
    return transfer ? { region: transfer.region, team: transfer.team } : undefined;
  });
  const line = await openLine({ app, token, clock, describer });
  return {
    ...line,
    async close() {
      await line.close();
      await store.close();
    },
  };
}

/** A clock that starts at `at` and runs on in real time; `Date.now` without `at`. */
function clockFrom(at: number | Date | undefined): () => number {
  if (at === undefined) return Date.now;
  const startAt = Number(at);
  if (!Number.isFinite(startAt)) throw new Error("openMemberLine: `at` is not a valid time; give epoch ms or a Date");
  const started = Date.now();
  return () => startAt + (Date.now() - started);
}
