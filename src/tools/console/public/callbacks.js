// The console's call-back panel: the call-backs asked for in the console's calls, as the console streams them
// (`/api/callbacks/events`), each with the member's answer to play and a Play button; and a line for each
// call-back given up or cancelled. Numbers are only ever shown masked (`***0123`), as the API sends them.

/** The moment `ms` in `timeZone`, as the page writes the line's clock: "Monday, November 30, 2026 at 8:00 AM PST". */
export function formatMoment(ms, timeZone) {
  return new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

function timeOf(ms, timeZone) {
  return new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone }).format(ms);
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function fact(term, value) {
  const row = element("div");
  row.append(element("dt", "", term), element("dd", "", value));
  return row;
}

/**
 * The panel drawn in `parts` (`list`, `empty`, `notes`). `outcomes()` gives the member's answers offered
 * (`{ outcome, text }`) and the one chosen at first; `onPlay(callback, outcome)` plays one.
 * Returns what the page does with it: show the panel the console sent, and say whether a call is on.
 */
export function createCallbackPanel(parts, outcomes, onPlay) {
  let shown = { callbacks: [], notes: [] };
  let inCall = false;
  /** The answer chosen for each call-back, kept while the panel is redrawn. */
  const chosen = new Map();

  function describeDue(c) {
    const by = c.dueBy ? ` (by ${timeOf(c.dueBy, c.region.timeZone)})` : "";
    return `${formatMoment(c.due, c.region.timeZone)}${by}`;
  }

  function playControls(c) {
    const box = element("div", "callback-play");
    const { offered, first } = outcomes();
    const selectId = `callback-outcome-${c.id}`;
    const label = element("label", "", "The member");
    label.htmlFor = selectId;
    const select = element("select");
    select.id = selectId;
    for (const o of offered) {
      const option = element("option", "", o.text);
      option.value = o.outcome;
      select.append(option);
    }
    select.value = chosen.get(c.id) ?? first;
    select.addEventListener("change", () => chosen.set(c.id, select.value));
    const play = element("button", "small play", c.busy ? "Calling…" : "Play");
    play.type = "button";
    play.id = `callback-play-${c.id}`;
    play.setAttribute("aria-label", `Play the call-back to ${c.number}`);
    play.disabled = c.busy || inCall;
    if (inCall && !c.busy) play.title = "Hang up the call in progress first.";
    play.addEventListener("click", () => onPlay(c, select.value));
    select.disabled = c.busy;
    box.append(label, select, play);
    return box;
  }

  function showCallback(c) {
    const item = element("li", "callback");
    item.dataset.id = c.id;
    const what = element("div", "callback-what");
    what.append(element("strong", "", c.team.name), element("span", "where", `${c.region.name} · ${c.number}`));
    const facts = element("dl", "callback-facts");
    facts.append(
      fact(c.attempts > 0 ? "Next try" : "Due", describeDue(c)),
      fact("Language", c.language.name),
      fact("Tries", `${c.attempts} of ${c.tries}`),
    );
    item.append(what, facts, playControls(c));
    return item;
  }

  function showNote(n) {
    const word = n.step === "given up" ? "Given up" : "Cancelled";
    return element("li", "callback-note", `${word}: ${n.team.name} · ${n.region.name} · ${n.number}: ${n.reason}.`);
  }

  function draw() {
    // Redrawn as the queue changes: what had the focus keeps it.
    const focused = parts.list.contains(document.activeElement) ? document.activeElement.id : "";
    parts.list.replaceChildren(...shown.callbacks.map(showCallback));
    if (focused) document.getElementById(focused)?.focus();
    parts.empty.hidden = shown.callbacks.length > 0;
    parts.notes.replaceChildren(...shown.notes.map(showNote));
    for (const id of chosen.keys()) if (!shown.callbacks.some((c) => c.id === id)) chosen.delete(id);
  }

  return {
    show(panel) {
      shown = panel;
      draw();
    },
    setInCall(value) {
      inCall = value;
      draw();
    },
  };
}
