/* The report page's small pieces of markup, and how it writes numbers. */

/** Medicare's bar for the share of calls the plan's line disconnects (CMS call-center monitoring): 5% or less. */
export const CMS_DISCONNECT_BAR = 0.05;

/** Fewer calls than this are too few to hold a rate to the bar: the rate is shown, never flagged. */
export const MIN_CALLS_TO_FLAG = 30;

/** How a disconnect rate stands against CMS's bar: over it, within it, or on too few calls to say. */
export type BarJudgement = "bad" | "good" | "few";

/** Judges the line's disconnects against CMS's bar: the only rate the page flags, and only on enough calls. */
export function judgeDisconnects(calls: number, disconnectRate: number): BarJudgement {
  if (calls < MIN_CALLS_TO_FLAG) return "few";
  return disconnectRate > CMS_DISCONNECT_BAR ? "bad" : "good";
}

/**
 * A figure as the page shows it, marked with the path of the JSON field it is (`data-figure="teams.pharmacy.connected"`),
 * so a reader (or a test) can find where each figure on the page comes from.
 */
export function figure(path: string, text: string, tone = ""): string {
  return `<span data-figure="${esc(path)}"${tone ? ` class="${tone}"` : ""}>${esc(text)}</span>`;
}

/** A table; cells are escaped unless `escaped` says they already are. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], escaped = false): string {
  const cell = (c: string) => (escaped ? c : esc(c));
  const thead = head.some((h) => h !== "")
    ? `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`
    : "";
  const body =
    rows.length === 0
      ? `<tr><td colspan="${head.length}" class="none">none</td></tr>`
      : rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join("")}</tr>`).join("");
  return `<table>${thead}<tbody>${body}</tbody></table>`;
}

/** A headline card: its value already marked up (a `figure`), its note escaped. */
export function card(title: string, value: string, note: string, tone = ""): string {
  return `<div class="card ${tone}"><div class="card-title">${esc(title)}</div><div class="card-value">${value}</div><div class="card-note">${note}</div></div>`;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** 1234 → "1,234". */
export function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

/** 0.0884 → "8.8%"; a share under 0.1% but not none → "<0.1%". */
export function pct(share: number): string {
  if (share > 0 && share < 0.0005) return "<0.1%";
  return `${(share * 100).toFixed(1)}%`;
}

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
