import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallFlow } from "../../service/index.js";
import { createLogger } from "../../service/index.js";
import { createCallBook } from "./callBook.js";
import { createCallEngine } from "./callEngine.js";
import { createConsoleCallbacks } from "./consoleCallbacks.js";
import { createConsoleApp } from "./createConsoleApp.js";
import { describeConsoleLine } from "./describeConsoleLine.js";
import { createDiagrams } from "./diagrams.js";
import { createTurnLog } from "./turnLog.js";

/** How to start the console. */
export interface ConsoleOptions {
  readonly callFlow: CallFlow;
  /** Port to listen on; 0 for any free one. Defaults to 3100. */
  readonly port?: number;
  /** Address to listen on; defaults to loopback only. */
  readonly host?: string;
  /** Where the line's warnings and errors go; defaults to stderr. */
  readonly problems?: NodeJS.WritableStream;
  /** The console's own clock, for dropping old calls; defaults to `Date.now`. */
  readonly clock?: () => number;
}

/** A running console. */
export interface RunningConsole {
  /** Its address, e.g. `http://127.0.0.1:3100`. */
  readonly url: string;
  /** Hangs up every call and stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_CONSOLE_PORT = 3100;

/**
 * Starts the operator's console: a page with a phone, the transcript and the flow diagram, and the
 * JSON API and event streams behind it. Each call runs through the app's real webhooks (signed, in
 * process); the app's turn records light the diagram. Call-backs asked for are kept while it runs, and
 * played when the page asks. Listens on loopback only unless told otherwise.
 * A development and review tool: never mounted on the production webhook server.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const { callFlow } = options;
  const clock = options.clock ?? Date.now;
  const line = describeConsoleLine(callFlow);
  const turnLog = createTurnLog(options.problems ?? process.stderr);
  const callbacks = createConsoleCallbacks(callFlow);
  const engine = createCallEngine(callFlow, createLogger("info", turnLog.stream), callbacks);
  const calls = createCallBook(clock);
  const diagrams = createDiagrams(callFlow);
  const app = createConsoleApp({ callFlow, line, engine, turnLog, diagrams, calls, callbacks, clock });
  const server: Server = app.listen(options.port ?? DEFAULT_CONSOLE_PORT, options.host ?? "127.0.0.1");
  try {
    await once(server, "listening");
  } catch (error) {
    calls.close();
    throw error;
  }
  return {
    url: urlOf(server),
    async close() {
      calls.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The address a listening server answers at, e.g. `http://127.0.0.1:3100` or `http://[::1]:3100`. */
function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
