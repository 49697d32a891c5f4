/**
 * `npm run flow -- <command>`: review a change to the line before callers hear it (check, diff, replay) and
 * draw it (diagram); publish it to every instance, list the publications, roll back (publish, history,
 * rollback).
 * See `--help`, and `runFlowCommand.ts`.
 */
import { isPublishCommand } from "./publish/publishArgs.js";
import { runPublishCommand } from "./publish/runPublishCommand.js";
import { runFlowCommand } from "./runFlowCommand.js";

const argv = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, now: Date.now };
// publish, history and rollback change or show the line every instance serves (publish/).
(isPublishCommand(argv[0]) ? runPublishCommand(argv, { ...io, env: process.env }) : runFlowCommand(argv, io)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
