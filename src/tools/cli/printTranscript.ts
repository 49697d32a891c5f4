import { type DialStatus, formatPhone } from "../../service/index.js";
import type { CallOutcome, CallStart, CallTranscript, Named, TranscriptEntry } from "../emulator/index.js";

/** How the transcript is written: with colours (a terminal) or plain, and how wide a line may be. */
export interface PrintStyle {
  readonly color: boolean;
  /** Longest line; longer speech wraps under itself. */
  readonly width: number;
}

const PLAIN: PrintStyle = { color: false, width: 100 };

const ANSI = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
type Tone = keyof typeof ANSI;

function paint(style: PrintStyle, tone: Tone, text: string): string {
  return style.color ? `\u001b[${ANSI[tone]}m${text}\u001b[0m` : text;
}

/** A moment as the line's region sees it, e.g. `Saturday, November 28, 2026 at 10:00 AM PST`. */
function formatTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** Where a transfer goes, e.g. `Northwest, pharmacy` or `California, the nurse advice line via member services`. */
function describeDestination(region: Named | undefined, team: Named | undefined, via?: Named): string {
  const teamText = team ? `${team.name}${via ? ` via ${via.name}` : ""}` : undefined;
  return [region?.name, teamText].filter((s) => s !== undefined).join(", ");
}

const LABEL_WIDTH = 15;

/** Wraps `text` to the style's width, after a label column; continuation lines are indented under the text. */
function labelled(style: PrintStyle, label: string, tone: Tone, text: string): string {
  const room = Math.max(30, style.width - LABEL_WIDTH);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  const head = paint(style, tone, label.padEnd(LABEL_WIDTH));
  return lines.map((l, i) => (i === 0 ? `${head}${l}` : `${" ".repeat(LABEL_WIDTH)}${l}`)).join("\n");
}

const DIAL_RESULTS: Readonly<Record<DialStatus, string>> = {
  completed: "completed: the team picked up",
  answered: "answered: the team picked up",
  busy: "busy",
  "no-answer": "no answer",
  failed: "failed: the call could not be placed",
  canceled: "canceled",
};

/** One transcript entry as text (one or more lines, no final newline). */
export function formatEntry(entry: TranscriptEntry, style: PrintStyle = PLAIN): string {
  switch (entry.kind) {
    case "say":
      return labelled(style, `Line (${entry.language}):`, "cyan", entry.text);
    case "press":
      return labelled(style, "Caller:", "yellow", `presses ${entry.digits.split("").join(" ")}`);
    case "say-speech":
      return labelled(style, "Caller:", "yellow", `says "${entry.text}" (confidence ${entry.confidence})`);
    case "silence":
      return labelled(style, "Caller:", "yellow", `stays silent${entry.reason ? ` (${entry.reason})` : ""}`);
    case "dial": {
      const where = describeDestination(entry.region, entry.team, entry.via);
      const line = labelled(
        style,
        "Transfer:",
        "magenta",
        `transferring to ${paint(style, "bold", formatPhone(entry.number))}${where ? ` (${where})` : ""}`,
      );
      return entry.caution
        ? `${line}\n${labelled(style, "Caution:", "red", `this number needs verification: ${entry.caution}`)}`
        : line;
    }
    case "dial-result":
      return labelled(style, "Transfer:", "magenta", DIAL_RESULTS[entry.status]);
    case "hangup":
      return labelled(
        style,
        entry.by === "line" ? "Line:" : "Caller:",
        entry.by === "line" ? "cyan" : "yellow",
        "hangs up",
      );
  }
}

/** The opening lines: who calls which line, and the line's clock. */
export function formatHeader(
  call: Pick<CallStart, "to" | "from" | "region" | "startedAt">,
  style: PrintStyle = PLAIN,
): string {
  const region = call.region ? call.region.name : "a number no region answers: the line will ask";
  return [
    paint(style, "bold", `Calling ${formatPhone(call.to)} (${region}) from ${formatPhone(call.from)}`),
    paint(style, "dim", `Line's clock: ${formatTime(call.startedAt, call.region?.timeZone)}`),
  ].join("\n");
}

/** The final summary line, e.g. `Transferred to +1 800 972 0700 (Northwest, pharmacy)`. */
export function formatOutcome(outcome: CallOutcome, style: PrintStyle = PLAIN): string {
  switch (outcome.kind) {
    case "transferred": {
      const where = describeDestination(outcome.region, outcome.team, outcome.via);
      return paint(style, "green", `Transferred to ${formatPhone(outcome.number)}${where ? ` (${where})` : ""}`);
    }
    case "goodbye":
      return paint(style, "green", "The line said goodbye and hung up");
    case "line-hung-up":
      return paint(style, "red", "The line hung up without saying goodbye");
    case "caller-hung-up":
      return paint(style, "yellow", "You hung up");
    case "turn-limit":
      return paint(style, "red", `Stopped after ${outcome.turns} requests (--max-turns): the call was still going`);
    case "failed":
      return paint(style, "red", `The call failed: ${outcome.reason}`);
  }
}

/** The whole transcript as text: header, every entry, and the summary. */
export function formatTranscript(transcript: CallTranscript, style: PrintStyle = PLAIN): string {
  return [
    formatHeader(transcript, style),
    "",
    ...transcript.entries.map((e) => formatEntry(e, style)),
    "",
    formatOutcome(transcript.outcome, style),
    "",
  ].join("\n");
}
