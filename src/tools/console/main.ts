/**
 * `npm run console`: the operator's console on http://127.0.0.1:3100 (`--port`, `CONSOLE_PORT`).
 * Each call runs the app in-process with signature checking on, as `npm run call` does.
 */
import { parseArgs } from "node:util";
import { StartupError } from "../../service/index.js";
import { loadMemberLineFlow } from "../emulator/index.js";
import { DEFAULT_CONSOLE_PORT, startConsole } from "./startConsole.js";

const USAGE = `Usage: npm run console [-- --port 3100] [--host 127.0.0.1]

Starts the operator's console: a phone, the transcript, the call-backs asked for and the flow diagram in the browser.
  --port N   port to listen on (default: CONSOLE_PORT, else ${DEFAULT_CONSOLE_PORT}; 0 for any free port)
  --host H   address to listen on (default: 127.0.0.1, this machine only)
The flow and directory are FLOW_FILE and DIRECTORY_FILE, as for the server, else the repository's own.`;

async function main(argv: readonly string[]): Promise<number> {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const portText = values.port ?? process.env.CONSOLE_PORT ?? String(DEFAULT_CONSOLE_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    process.stderr.write(`--port (or CONSOLE_PORT) must be a port number 0-65535, not "${portText}".\n`);
    return 2;
  }
  let running: Awaited<ReturnType<typeof startConsole>>;
  try {
    running = await startConsole({ callFlow: loadMemberLineFlow(), port, host: values.host });
  } catch (error) {
    if (error instanceof StartupError) {
      process.stderr.write(`The line cannot start.\n${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      process.stderr.write(`Port ${port} is taken: choose another with --port or CONSOLE_PORT.\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`Member line console: ${running.url}  (Ctrl-C stops it)\n`);
  if (values.host && !["127.0.0.1", "localhost", "::1"].includes(values.host))
    process.stderr.write(`Listening on ${values.host}: a development tool, reachable from other machines.\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await running.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
