import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time spent in one function or group, in ms and as a share of the profile's busy (non-idle) time. */
export interface Spent {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** A summary of a `node --cpu-prof` profile: where the busy time went. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly busyMs: number;
  /** Functions by self time. */
  readonly self: readonly Spent[];
  /** Functions by inclusive time (on the stack), each counted once per sample. */
  readonly inclusive: readonly Spent[];
  /** Self time by where the code lives: the app (dist/…), a package, Node internals, GC, native. */
  readonly byOrigin: readonly Spent[];
}

const IDLE = new Set(["(idle)", "(program)"]);

function originOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "(garbage collector)";
  if (url === "") return "(native / V8 builtins)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)/.exec(url)?.[1];
  if (pkg) return pkg;
  const app = /\/dist\/(.+)$/.exec(url)?.[1];
  return app ? `app: ${app}` : url;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*\/(node_modules|dist)\//, "$1/").replace(/^file:\/\//, "")}:${lineNumber + 1}`
    : "";
  return `${functionName || "(anonymous)"} ${where}`.trim();
}

/** Reads a .cpuprofile and sums its samples by function and by origin. */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const origin = new Map<string, number>();
  let totalUs = 0;
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName)) return;
    busyUs += dt;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    const o = originOf(node.callFrame.url, node.callFrame.functionName);
    origin.set(o, (origin.get(o) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n || n.callFrame.functionName === "(root)") continue;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  });
  const rank = (m: Map<string, number>, n: number): Spent[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs }));
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    self: rank(self, top),
    inclusive: rank(inclusive, top * 2),
    byOrigin: rank(origin, top),
  };
}

/** The summary as text, one line per entry. */
export function formatProfile(summary: ProfileSummary): string {
  const pct = (s: Spent) => `${(s.share * 100).toFixed(1).padStart(5)}%  ${s.ms.toFixed(0).padStart(6)} ms  ${s.name}`;
  return [
    `busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms profiled`,
    "",
    "self time by origin:",
    ...summary.byOrigin.map(pct),
    "",
    "self time by function:",
    ...summary.self.map(pct),
    "",
    "inclusive time by function:",
    ...summary.inclusive.map(pct),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/lib/cpuprofile.ts <file.cpuprofile>");
  console.log(formatProfile(summarizeProfile(file, Number(process.argv[3] ?? 25))));
}
