/**
 * `npm run flow -- <command>`: review a change to the line before callers hear it (check, diff, replay) and
 * draw it (diagram).
 * See `--help`, and `runFlowCommand.ts`.
 */
import { runFlowCommand } from "./runFlowCommand.js";

runFlowCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  now: Date.now,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
