import { assertNever, type CompiledOption, isCallbackState, shortenRegionName } from "../../service/index.js";
import { drawCallbackAnswer, drawCallbackConnect, drawCallbackStart, drawCallbackTaken } from "./drawCallbackLegs.js";
import { type DrawnLine, nameTeam } from "./drawnLine.js";
import { CLOSED_NODE, type FlowEdge, makeMenuNodeId, START_NODE } from "./flowGraph.js";
import { describeExhaustion, edge, type Move } from "./move.js";
import type { Place } from "./place.js";
import type { Effects } from "./readActions.js";
import { nameLanguage, nameMenu, ordinal } from "./words.js";

/**
 * The edges of one transition: the caller's answer (from a menu to the team it concerns, or to where it
 * leads), then what happens at that team (a notice said on the way, a hand-over, the next number).
 */
export function drawMove(line: DrawnLine, move: Move): FlowEdge[] {
  const answer =
    move.menuId !== undefined
      ? [drawAnswer(line, move, move.menuId)]
      : isCallbackState(move.at)
        ? [drawCallbackAnswer(line, move)]
        : [];
  return [...answer, ...(move.through === undefined ? [] : drawOutcome(line, move, move.through))];
}

/** The edge of the incoming call to its first menu, or (a call-back the line placed) to its greeting. */
export function drawStart(line: DrawnLine, entry: Place, to: string): FlowEdge {
  if (entry.callback !== null) return drawCallbackStart(to);
  if (line.region) return edge(START_NODE, to, "known", "start", "greeting");
  return entry.regionKnown
    ? edge(START_NODE, to, "known", "start", "greeting, region known")
    : edge(START_NODE, to, "unknown", "start", "greeting, number not in the directory");
}

/**
 * The edge of what a state the call rests in does at once, after too many failed answers (or answers): a
 * person takes the call from a menu, a call-back's question ends with the goodbye, and the call the line
 * placed puts the member through.
 */
export function drawAtOnce(line: DrawnLine, from: string, to: string, effects: Effects, byTurns: boolean): FlowEdge {
  if (effects.connected) return drawCallbackConnect(line, from, to);
  const why = describeExhaustion(line, byTurns);
  return effects.escalated
    ? edge(from, to, "escalate", "escalate", why)
    : edge(from, to, "exhausted", "exhausted", why);
}

/** The edge of the caller's answer in a menu. */
function drawAnswer(line: DrawnLine, move: Move, menuId: string): FlowEdge {
  const here = makeMenuNodeId(menuId);
  const to = move.through ?? move.landing;
  const { option } = move;
  if (move.effects.tookOffer) return drawCallbackTaken(line, here, to);
  if (option && move.event === "SILENCE") return edge(here, to, "silence", "silence", `silence: as ${option.key}`);
  if (option) return drawOption(line, here, to, option);
  // After a failed answer, the short prompt; a menu without one (the language and interpreter menus) again.
  const again = line.callFlow.flow.menus[menuId]?.shortPrompt === undefined ? "the menu again" : "shorter prompt";
  if (move.effects.failed === "invalid") return edge(here, to, "invalid", "invalid", `wrong key: ${again}`);
  if (move.effects.failed === "silence") return edge(here, to, "silence", "silence", `silence: ${again}`);
  throw cannotDraw(move);
}

/** The edge of an option chosen by key or words, labelled with its key and what it does. */
function drawOption(line: DrawnLine, from: string, to: string, option: CompiledOption): FlowEdge {
  const { key, action } = option;
  const all = Object.keys(line.callFlow.flow.languages).length;
  const only = option.languages.length < all ? { language: option.languages.join("+") } : {};
  switch (action.kind) {
    case "transfer":
      return edge(from, to, key, "option", `${key} ${nameTeam(line, action.team)}`, { key, ...only });
    case "interpreter": {
      const who = action.language ? nameLanguage(action.language) : "any other language";
      return edge(from, to, key, "option", `${key} ${who}, with an interpreter`, { key, ...only });
    }
    case "menu":
      return edge(from, to, key, "menu", `${key} ${nameMenu(action.menu)}`, { key });
    case "region": {
      const chosen = line.callFlow.directory.regionById.get(action.region);
      const name = chosen ? shortenRegionName(chosen, line.lang) : action.region;
      return edge(from, to, key, "region", `${key} ${name}`, { key });
    }
    case "language": {
      const label = `${key} ${nameLanguage(action.language)}`;
      return edge(from, to, `${key}-${action.language}`, "language", label, { key, language: action.language });
    }
    case "repeat":
      return edge(from, to, key, "repeat", `${key} repeat`, { key });
    default:
      return assertNever(action);
  }
}

/** The edges from the team a transition concerns to where the call rests. */
function drawOutcome(line: DrawnLine, move: Move, team: string): FlowEdge[] {
  const { effects, landing } = move;
  if (landing === team)
    return effects.nextNumber ? [edge(team, team, "next", "next", "busy, no answer: next number")] : [];
  if (effects.notice === CLOSED_NODE)
    return [edge(team, CLOSED_NODE, "closed", "closed", "closed now"), drawReturn(line, move, CLOSED_NODE)];
  if (effects.notice)
    return [
      edge(team, effects.notice, "failed", "failed", "busy, no answer, failed"),
      drawReturn(line, move, effects.notice),
    ];
  if (effects.handOver) return [edge(team, landing, "interpreter", "closed", "closed or no answer")];
  throw cannotDraw(move);
}

/** From a notice, back to the menu, or (the call over) to the goodbye. */
function drawReturn(line: DrawnLine, move: Move, notice: string): FlowEdge {
  if (!move.landingFinal) return edge(notice, move.landing, "back", "back", "back to menu");
  const failed = `${ordinal(line.callFlow.flow.limits.maxFailedTransfers)} failed transfer`;
  return edge(notice, move.landing, "exhausted", "exhausted", failed);
}

function cannotDraw(move: Move): Error {
  return new Error(
    `The diagram cannot draw the ${move.event} transition at ${move.at} to ${move.landing}: teach src/tools/diagram/drawLegs.ts how.`,
  );
}
