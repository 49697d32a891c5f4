/** One sample of Prometheus's text format: `name{label="value",…} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses Prometheus's text exposition format (comments skipped); throws on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m?.[1] || m[3] === undefined) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) labels[l[1] ?? ""] = (l[2] ?? "").replace(/\\(.)/g, "$1");
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** A sample's key: its name and labels, sorted (`ivr_transfers_total{region="x",status="busy",team="y"}`). */
export function keyOf(sample: Pick<Sample, "name" | "labels">): string {
  const labels = Object.entries(sample.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");
  return labels ? `${sample.name}{${labels}}` : sample.name;
}

/**
 * What moved between two scrapes, by sample key, for the samples whose name passes `include`: every
 * changed value, none unchanged (a series new in `after` counts from 0).
 */
export function deltaOf(
  before: readonly Sample[],
  after: readonly Sample[],
  include: (name: string) => boolean,
): Record<string, number> {
  const was = new Map(before.map((s) => [keyOf(s), s.value]));
  const moved: Record<string, number> = {};
  for (const s of after) {
    if (!include(s.name)) continue;
    const d = s.value - (was.get(keyOf(s)) ?? 0);
    if (d !== 0) moved[keyOf(s)] = d;
  }
  return moved;
}

/** Whether a label value looks like a phone number: 7 or more digits once spaces, dots, dashes, brackets and + go. */
export function looksLikePhoneNumber(value: string): boolean {
  return /^\d{7,}$/.test(value.replace(/[\s().+-]/g, ""));
}
