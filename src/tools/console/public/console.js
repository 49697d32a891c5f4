// The console page: a phone that calls the line through the console's API, the transcript streamed
// back over Server-Sent Events, and the flow diagram lit turn by turn. No framework, no build step.

import { createCallbackPanel, formatMoment } from "./callbacks.js";
import { createDiagram } from "./diagram.js";

const $ = (id) => document.getElementById(id);
const ui = {
  to: $("to"),
  at: $("at"),
  zone: $("zone"),
  now: $("now"),
  dial: $("dial"),
  call: $("call"),
  hangup: $("hangup"),
  status: $("status"),
  keys: [...document.querySelectorAll(".keypad button")],
  speech: $("speech"),
  say: $("say"),
  silence: $("silence"),
  speak: $("speak"),
  log: $("log"),
  diagram: $("diagram"),
  callbacks: { list: $("callbacks"), empty: $("callbacks-empty"), notes: $("callback-notes") },
};

/**
 * The line, from the console (`/api/line`): its numbers, the ways a transfer can end
 * (`{ status, connected, text }`) and the one chosen at first, and its languages
 * (`{ code, name, mark, language, voice, speech }`). The page knows nothing of the line beyond it.
 */
let line = {
  numbers: [],
  dialResults: [],
  defaultDial: "",
  callbackOutcomes: [],
  defaultCallbackOutcome: "",
  languages: [],
  written: {},
};
/** The call in progress: its SID, event stream and the region's time zone (once the call comes in). */
let current = null;
/** Whether the person changed the moment of the call (else it follows the clock). */
let atTouched = false;
const { showDiagram, resetDiagram, lightTurn } = createDiagram(ui.diagram, (region) =>
  region ? (line.numbers.find((n) => n.region === region)?.regionName ?? region) : "",
);
const callbackPanel = createCallbackPanel(
  ui.callbacks,
  () => ({ offered: line.callbackOutcomes, first: line.defaultCallbackOutcome }),
  (callback, outcome) => playCallback(callback, outcome),
);
/** Colours of language marks (console.css), given to the line's languages in turn. */
const TONES = 7;

/** "+18009720700" → "+1 800 972 0700", as the server writes the line's numbers; others as given. */
function formatPhone(e164) {
  return line.written[e164] ?? e164 ?? "";
}

function selectedNumber() {
  return line.numbers.find((n) => n.number === ui.to.value);
}

/** The line's language a `<Say>` or `<Gather>` language code belongs to, e.g. `cmn-CN` → Mandarin. */
function languageOf(code) {
  return line.languages.find((l) => l.language === code) ?? line.languages.find((l) => l.speech === code);
}

/** The zone the moment of the call is read in: the region's, else the browser's. */
function zoneOf(number) {
  return number?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Now as "YYYY-MM-DDTHH:MM" in a zone, for the date-time picker. */
function wallClockNow(timeZone) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date()))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function zoneName(timeZone) {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

function showZone() {
  const number = selectedNumber();
  const zone = zoneOf(number);
  ui.zone.textContent = `(${number?.region ? "the line's time" : "your time"}: ${zoneName(zone)})`;
  if (!atTouched) ui.at.value = wallClockNow(zone);
}

function setStatus(text, listening = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle("listening", listening);
}

function setInCall(inCall) {
  ui.call.disabled = inCall;
  ui.hangup.disabled = !inCall;
  ui.to.disabled = inCall;
  ui.at.disabled = inCall;
  ui.now.disabled = inCall;
  callbackPanel.setInCall(inCall);
}

// ---- transcript ----

function addEntry(className, build) {
  ui.log.querySelector(".empty")?.remove();
  const p = document.createElement("p");
  p.className = `entry ${className}`;
  build(p);
  ui.log.append(p);
  ui.log.scrollTop = ui.log.scrollHeight;
  return p;
}

function text(parent, value, tag = "span") {
  const el = document.createElement(tag);
  el.textContent = value;
  parent.append(el);
  return el;
}

function describeDestination(entry) {
  const team = entry.team ? `${entry.team.name}${entry.via ? ` via ${entry.via.name}` : ""}` : undefined;
  return [team, entry.region?.name, formatPhone(entry.number)].filter(Boolean).join(" · ");
}

function showCall(call) {
  if (current) current.timeZone = call.region?.timeZone;
  const clock = formatMoment(call.startedAt, call.region?.timeZone);
  const where = call.region ? call.region.name : "a number not in the directory";
  const back = call.callback;
  const header = back
    ? `The line calls the member back: ${call.to}, from ${formatPhone(call.from)} (${where}) for ${back.team.name}, in ${back.language.name}, try ${back.attempt} of ${back.tries}`
    : `Calling ${formatPhone(call.to)} (${where})`;
  addEntry("header", (p) => {
    text(p, `${header} · the line's clock: ${clock}`);
  });
}

function showEntry(entry) {
  switch (entry.kind) {
    case "say":
      addEntry("line", (p) => {
        markLanguage(p, entry.language);
        text(p, entry.text).lang = entry.language;
      });
      speak(entry.text, entry.language);
      break;
    case "press":
      addEntry("caller", (p) => text(p, `You press ${entry.digits.split("").join(" ")}`));
      break;
    case "say-speech":
      addEntry("caller", (p) => text(p, `You say “${entry.text}”`));
      break;
    case "silence":
      addEntry("caller", (p) => text(p, `You stay silent${entry.reason ? ` (${entry.reason})` : ""}`));
      break;
    case "dial":
      addEntry("transfer", (p) => text(p, `Transfer: ${describeDestination(entry)}`));
      if (entry.caution)
        addEntry("result", (p) => text(p, `Caution: this number needs verification: ${entry.caution}`));
      break;
    case "dial-result": {
      const result = line.dialResults.find((r) => r.status === entry.status);
      addEntry(`result${result?.connected ? " connected" : ""}`, (p) =>
        text(p, `${formatPhone(entry.number)}: ${result?.text ?? entry.status}`),
      );
      break;
    }
    case "hangup":
      addEntry(entry.by === "line" ? "line" : "caller", (p) =>
        text(p, entry.by === "line" ? "The line hangs up." : "You hang up."),
      );
      break;
  }
}

/**
 * Marks a line of the transcript with its language: the language's own name ("Tiếng Việt"), else its full
 * code ("cmn-CN"), as the console names it; a code the line does not list, as it is.
 */
function markLanguage(p, code) {
  const language = languageOf(code);
  const mark = text(p, language?.mark ?? code ?? "?");
  mark.className = "lang";
  if (!language) return;
  mark.dataset.tone = String(line.languages.indexOf(language) % TONES);
  mark.title = `${language.name} (${language.code}): ${language.language}, voice ${language.voice}`;
  if (language.mark !== language.language) mark.lang = language.language;
}

function showEnd(outcome) {
  const texts = {
    transferred: () => `Put through: ${describeDestination(outcome)}`,
    goodbye: () => "The line said goodbye.",
    "line-hung-up": () => "The line hung up without a goodbye.",
    "caller-hung-up": () => "You hung up.",
    "turn-limit": () => `Stopped after ${outcome.turns} requests: the flow may be looping.`,
    failed: () => `The call failed: ${outcome.reason}`,
    "not-answered": () => describeUnanswered(outcome),
    "not-placed": () => `The call-back was not placed: ${outcome.reason}.`,
  };
  const message = (texts[outcome.kind] ?? (() => outcome.kind))();
  addEntry("end", (p) => text(p, message));
  setStatus(`Call over. ${message}`);
}

/** A call-back the member did not answer: the status, then its next try or why it was given up. */
function describeUnanswered(outcome) {
  const status = line.callbackOutcomes.find((o) => o.outcome === outcome.status)?.text ?? outcome.status;
  const next = outcome.retryAt
    ? ` The line tries again ${formatMoment(outcome.retryAt, current?.timeZone)}.`
    : outcome.gaveUp
      ? ` The call-back is given up: ${outcome.gaveUp}.`
      : "";
  return `No one picked up (${status}).${next}`;
}

function speak(words, language) {
  if (!ui.speak.checked || !("speechSynthesis" in window)) return;
  const utterance = new SpeechSynthesisUtterance(words);
  utterance.lang = language ?? "en-US";
  window.speechSynthesis.speak(utterance);
}

// ---- the call ----

async function api(path, body) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? `${res.status}`);
  return answer;
}

/** Opens a call of the page: clears the transcript and shows the region's diagram, unlit. */
async function openCall(region, status) {
  setInCall(true);
  setStatus(status);
  ui.log.replaceChildren();
  await showDiagram(region);
  resetDiagram();
  ui.diagram.classList.remove("active");
}

/** Follows a call the console placed: its transcript, turns, the line waiting for the caller, and its end. */
function follow(callSid, events) {
  const source = new EventSource(events);
  current = { callSid, source };
  source.addEventListener("call", (e) => showCall(JSON.parse(e.data)));
  source.addEventListener("entry", (e) => showEntry(JSON.parse(e.data)));
  source.addEventListener("turn", (e) => lightTurn(JSON.parse(e.data)));
  source.addEventListener("listening", (e) => {
    const { speech, language } = JSON.parse(e.data);
    const name = languageOf(language)?.name ?? language;
    setStatus(`Your turn: press a key${speech ? ` or say something (${name})` : ""}.`, true);
  });
  source.addEventListener("end", (e) => {
    source.close();
    showEnd(JSON.parse(e.data));
    current = null;
    setInCall(false);
  });
}

async function startCall() {
  if (current) return;
  const number = selectedNumber();
  if (!number) return;
  await openCall(number.region ?? "", "Calling…");
  try {
    const body = { to: number.number, dial: ui.dial.value };
    if (ui.at.value) body.at = ui.at.value;
    if (!number.timeZone) body.timeZone = zoneOf(number);
    const { callSid, events } = await api("/api/calls", body);
    follow(callSid, events);
  } catch (error) {
    current = null;
    setInCall(false);
    setStatus(`Could not call: ${error.message}`);
  }
}

/** Plays a call-back: the line's clock moves to its time and the line calls the member, as `outcome` says. */
async function playCallback(callback, outcome) {
  if (current) return;
  await openCall(callback.region.id, `The line calls the member back (${callback.number})…`);
  try {
    const { callSid, events } = await api(`/api/callbacks/${callback.id}/play`, { outcome, dial: ui.dial.value });
    follow(callSid, events);
  } catch (error) {
    current = null;
    setInCall(false);
    setStatus(`Could not play the call-back: ${error.message}`);
  }
}

/** Follows the console's call-backs: the panel is redrawn at each change. */
function followCallbacks() {
  const source = new EventSource("/api/callbacks/events");
  source.addEventListener("callbacks", (e) => callbackPanel.show(JSON.parse(e.data)));
}

async function send(action) {
  if (!current) {
    setStatus("Call first: press Call (or Enter).");
    return;
  }
  setStatus("…");
  try {
    await api(`/api/calls/${current.callSid}/input`, action);
  } catch (error) {
    setStatus(`Not sent: ${error.message}`);
  }
}

function press(key) {
  const button = ui.keys.find((b) => b.dataset.key === key);
  if (button) {
    button.classList.add("pressed");
    setTimeout(() => button.classList.remove("pressed"), 160);
  }
  send({ kind: "press", digits: key });
}

function hangUp() {
  if (current) send({ kind: "hangup" });
  window.speechSynthesis?.cancel();
}

// ---- wiring ----

for (const button of ui.keys) button.addEventListener("click", () => press(button.dataset.key));
ui.call.addEventListener("click", startCall);
ui.hangup.addEventListener("click", hangUp);
ui.silence.addEventListener("click", () => send({ kind: "silence" }));
ui.speech.addEventListener("submit", (event) => {
  event.preventDefault();
  const words = ui.say.value.trim();
  if (words === "") return;
  ui.say.value = "";
  send({ kind: "say", text: words });
});
ui.to.addEventListener("change", () => {
  showZone();
  showDiagram(selectedNumber()?.region ?? "");
});
ui.at.addEventListener("input", () => {
  atTouched = true;
});
ui.now.addEventListener("click", () => {
  atTouched = false;
  showZone();
});
ui.dial.addEventListener("change", () => {
  if (current)
    api(`/api/calls/${current.callSid}/dial`, { dial: ui.dial.value }).catch((error) =>
      setStatus(`Not changed: ${error.message}`),
    );
});
ui.speak.addEventListener("change", () => {
  if (!ui.speak.checked) window.speechSynthesis?.cancel();
});

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
  if (event.key === "Escape") {
    event.preventDefault();
    hangUp();
    return;
  }
  if (typing) return;
  if (/^[0-9*#]$/.test(event.key)) {
    event.preventDefault();
    press(event.key);
  } else if (event.key === "Enter" && !(target instanceof HTMLButtonElement) && !current) {
    event.preventDefault();
    startCall();
  }
});

function addOption(select, value, label) {
  const option = document.createElement("option");
  option.value = value;
  option.textContent = label;
  select.append(option);
}

async function load() {
  const res = await fetch("/api/line");
  if (!res.ok) throw new Error(`${res.status}`);
  line = await res.json();
  for (const n of line.numbers)
    addOption(
      ui.to,
      n.number,
      `${n.region ? n.regionName : "A number not in the directory"} · ${formatPhone(n.number)}`,
    );
  for (const r of line.dialResults) addOption(ui.dial, r.status, r.text);
  ui.dial.value = line.defaultDial;
  followCallbacks();
  const northwest = line.numbers.find((n) => n.region === "northwest");
  if (northwest) ui.to.value = northwest.number;
  showZone();
  await showDiagram(selectedNumber()?.region ?? "");
}

load().catch((error) => setStatus(`The console could not load the line: ${error.message}`));
