import { spawnSync } from "node:child_process";

/** Whether a program is on the PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).status === 0;
}

/** Why the Prometheus tests are skipped when they are, in their titles and once on stderr. */
export const PROMETHEUS_SKIP_REASON =
  "skipped: Debian's prometheus package is not installed (apt-get install prometheus gives prometheus and promtool)";

/** Runs promtool with `args`, bounded in time; its status and what it printed. */
export function runPromtool(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync("promtool", args, { encoding: "utf8", timeout: 30_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
