import type { Lang, Region, RegionId, Schedule, TeamId, TeamLine } from "../../service/index.js";
import {
  assertNever,
  type CallFlow,
  collectHoursWords,
  describeHours,
  INTERPRETER_CLOSED,
} from "../../service/index.js";
import {
  CLOSED_NODE,
  type EdgeKind,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  GOODBYE_NODE,
  makeEdgeId,
  makeMenuNodeId,
  makeTeamNodeId,
  PERSON_NODE,
  START_NODE,
  UNREACHABLE_NODE,
} from "./flowGraph.js";

/** Which call the graph describes. */
export interface FlowGraphOptions {
  /** A region of the directory: its numbers and hours, and only the menus its callers reach. */
  readonly region?: RegionId;
  /** Show only this language's options, with labels in it; otherwise every option, labelled in the default language. */
  readonly language?: Lang;
}

/**
 * Builds the graph of a compiled call flow: the incoming call, each menu, each team a menu transfers to,
 * the escalation to a person and the goodbye, with every way between them (options, re-prompts,
 * closed teams, failed transfers). With a region, teams show that region's numbers and hours and only
 * what can happen there is drawn. Ids are stable: see `flowGraph.ts`.
 */
export function buildFlowGraph(callFlow: CallFlow, options: FlowGraphOptions = {}): FlowGraph {
  const { flow, directory, menus } = callFlow;
  const region = options.region === undefined ? undefined : directory.regionById.get(options.region);
  if (options.region !== undefined && !region)
    throw new Error(
      `No region "${options.region}" in ${directory.file}: choose one of ${[...directory.regionById.keys()].join(", ")}.`,
    );
  if (options.language !== undefined && !(options.language in flow.languages))
    throw new Error(
      `No language "${options.language}" in the flow "${flow.id}": choose one of ${Object.keys(flow.languages).join(", ")}.`,
    );
  const lang = options.language ?? flow.defaultLanguage;
  const { maxFailures, maxFailedTransfers } = flow.limits;

  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, FlowEdge>();
  const addNode = (node: FlowNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const addEdge = (from: string, to: string, tag: string, kind: EdgeKind, label: string, extra = {}) => {
    const id = makeEdgeId(from, to, tag);
    if (!edges.has(id)) edges.set(id, { id, from, to, label, kind, ...extra });
  };
  const teamName = (team: TeamId) => withoutArticle(flow.teams[team]?.name[lang] ?? team);
  /** Regions whose lines are drawn: the one asked for, or all. */
  const regions: readonly Region[] = region ? [region] : directory.regions;
  const lines = (team: TeamId) =>
    regions.flatMap((r) => {
      const line = r.teams.get(team);
      return line ? [{ region: r, line }] : [];
    });

  // Menus in the order a caller meets them, from the entry menus.
  const entries = region ? [flow.start] : [flow.regionMenu, flow.start];
  const order: string[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (order.includes(id) || !menus.has(id)) continue;
    order.push(id);
    for (const option of menus.get(id)?.options ?? []) {
      const action = option.action;
      if (action.kind === "menu") queue.push(action.menu);
      if (action.kind === "region") queue.push(flow.start);
      if (action.kind === "interpreter") queue.push(INTERPRETER_CLOSED);
    }
  }

  addNode({
    id: START_NODE,
    kind: "start",
    label: "Incoming call",
    detail: region ? [`${shortRegionName(region, lang)} · ${region.inbound.map(formatPhone).join(", ")}`] : undefined,
  });
  for (const id of order)
    addNode(
      id === INTERPRETER_CLOSED
        ? {
            id: makeMenuNodeId(id),
            kind: "menu",
            label: "Interpreter menu",
            detail: [`${teamName(flow.interpreters.team)} closed or no answer`],
          }
        : { id: makeMenuNodeId(id), kind: "menu", label: menuLabel(id) },
    );
  addEdge(START_NODE, makeMenuNodeId(flow.start), "known", "start", region ? "greeting" : "greeting, region known");
  if (!region)
    addEdge(START_NODE, makeMenuNodeId(flow.regionMenu), "unknown", "start", "greeting, number not in the directory");

  /** Transfer nodes, and the menus a failed or closed transfer returns to. */
  const transfers = new Set<string>();
  const returns = { closed: new Set<string>(), unreachable: new Set<string>() };

  for (const menuId of order) {
    const menu = menus.get(menuId);
    if (!menu) continue;
    const here = makeMenuNodeId(menuId);
    for (const option of menu.options) {
      if (options.language !== undefined && !option.languages.includes(options.language)) continue;
      const only =
        option.languages.length < Object.keys(flow.languages).length ? option.languages.join("+") : undefined;
      const action = option.action;
      switch (action.kind) {
        case "transfer": {
          const team = makeTeamNodeId(action.team);
          addNode(teamNode(action.team, action.announce));
          addEdge(here, team, option.key, "option", `${option.key} ${teamName(action.team)}`, {
            key: option.key,
            ...(only ? { language: only } : {}),
          });
          transfers.add(team);
          returns.unreachable.add(menuId);
          if (lines(action.team).some(({ line }) => canClose(line.hours))) {
            addEdge(team, CLOSED_NODE, "closed", "closed", "closed now");
            returns.closed.add(menuId);
          }
          break;
        }
        case "menu":
          addEdge(here, makeMenuNodeId(action.menu), option.key, "menu", `${option.key} ${menuLabel(action.menu)}`, {
            key: option.key,
          });
          break;
        case "region": {
          const chosen = directory.regionById.get(action.region);
          const name = chosen ? shortRegionName(chosen, lang) : action.region;
          addEdge(here, makeMenuNodeId(flow.start), option.key, "region", `${option.key} ${name}`, { key: option.key });
          break;
        }
        case "language":
          // The caller's first menu, in the new language: this one, unless it is a menu further in.
          addEdge(
            here,
            menuId === flow.start || menuId === flow.regionMenu ? here : makeMenuNodeId(flow.start),
            `${option.key}-${action.language}`,
            "language",
            `${option.key} ${languageName(action.language)}`,
            { key: option.key, language: action.language },
          );
          break;
        case "interpreter": {
          // Put through to the interpreters' team; closed or not answering, the interpreter menu.
          const teamId = flow.interpreters.team;
          const team = makeTeamNodeId(teamId);
          addNode(teamNode(teamId, undefined));
          const who = action.language ? languageName(action.language) : "any other language";
          addEdge(here, team, option.key, "option", `${option.key} ${who}, with an interpreter`, {
            key: option.key,
            ...(only ? { language: only } : {}),
          });
          addEdge(team, makeMenuNodeId(INTERPRETER_CLOSED), "interpreter", "closed", "closed or no answer");
          transfers.add(team);
          break;
        }
        case "repeat":
          addEdge(here, here, option.key, "repeat", `${option.key} repeat`, { key: option.key });
          break;
        default:
          assertNever(action);
      }
    }
    // After a failed answer, the short prompt; a menu without one (the language and interpreter menus) again.
    const again = flow.menus[menuId]?.shortPrompt === undefined ? "the menu again" : "shorter prompt";
    addEdge(here, here, "invalid", "invalid", `wrong key: ${again}`);
    // Silence is a failed answer, unless the menu lets it choose an option (the language menu's 0).
    const silent = menu.silence === undefined ? undefined : menu.options[menu.silence];
    if (silent) {
      const a = silent.action;
      const to =
        a.kind === "transfer"
          ? makeTeamNodeId(a.team)
          : a.kind === "interpreter"
            ? makeTeamNodeId(flow.interpreters.team)
            : here;
      addEdge(here, to, "silence", "silence", `silence: as ${silent.key}`);
    } else addEdge(here, here, "silence", "silence", `silence: ${again}`);
    addNode(personNode());
    addEdge(here, PERSON_NODE, "escalate", "escalate", `${maxFailures} failures in a row`);
    transfers.add(PERSON_NODE);
    returns.unreachable.add(menuId);
  }

  if (returns.closed.size > 0)
    addNode({ id: CLOSED_NODE, kind: "closed", label: "Closed now", detail: ["its hours, and what is open"] });
  for (const menuId of returns.closed) addEdge(CLOSED_NODE, makeMenuNodeId(menuId), "back", "back", "back to menu");
  addNode({
    id: UNREACHABLE_NODE,
    kind: "unreachable",
    label: "Not reached",
    detail: ["“sorry, we could not reach…”"],
  });
  addNode({ id: GOODBYE_NODE, kind: "goodbye", label: "Goodbye", detail: ["the line hangs up on purpose"] });
  for (const node of transfers) {
    const teams =
      node === PERSON_NODE ? [flow.representative.team, flow.representative.whenClosed] : [node.slice("team:".length)];
    if (maxFailedTransfers > 1 && teams.some((t) => lines(t).some(({ line }) => line.numbers.length > 1)))
      addEdge(node, node, "next", "next", "busy, no answer: next number");
    addEdge(node, UNREACHABLE_NODE, "failed", "failed", "busy, no answer, failed");
  }
  if (maxFailedTransfers > 1)
    for (const menuId of returns.unreachable)
      addEdge(UNREACHABLE_NODE, makeMenuNodeId(menuId), "back", "back", "back to menu");
  addEdge(UNREACHABLE_NODE, GOODBYE_NODE, "exhausted", "exhausted", `${ordinal(maxFailedTransfers)} failed transfer`);

  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    ...(region ? { region: region.id } : {}),
    ...(options.language !== undefined ? { language: options.language } : {}),
  };

  function teamNode(team: TeamId, announce: string | undefined): FlowNode {
    const detail: string[] = [];
    if (region) {
      const line = region.teams.get(team);
      if (line) detail.push(...describeLine(line));
      else detail.push(`no line in ${shortRegionName(region, lang)}`);
    } else {
      const own = lines(team).filter(({ line }) => line.routedVia === undefined).length;
      const via = [...new Set(lines(team).flatMap(({ line }) => (line.routedVia ? [line.routedVia] : [])))];
      const through = via.map(teamName).join(" or ");
      if (own === regions.length) detail.push("own line in every region");
      else if (own === 0) detail.push(`via ${through} in every region`);
      else detail.push(`own line in ${own} of ${regions.length} regions`, `elsewhere via ${through}`);
    }
    if (announce) detail.push(`first: the ${splitCamel(announce)} notice`);
    return { id: makeTeamNodeId(team), kind: "team", label: capitalize(teamName(team)), detail };
  }

  function personNode(): FlowNode {
    const { team, whenClosed } = flow.representative;
    const describe = (t: TeamId) => {
      const line = region?.teams.get(t);
      const via = line?.routedVia ? ` via ${teamName(line.routedVia)}` : "";
      const numbers = line ? ` ${line.numbers.map((n) => formatPhone(n.e164)).join(", ")}` : "";
      return `${teamName(t)}${via}${numbers}`;
    };
    return {
      id: PERSON_NODE,
      kind: "person",
      label: "A person",
      detail: [describe(team), `when closed: ${describe(whenClosed)}`],
    };
  }

  function describeLine(line: TeamLine): string[] {
    const numbers = line.numbers.map((n) => `${formatPhone(n.e164)}${n.needsVerification ? " (to verify)" : ""}`);
    const via = line.routedVia ? [`via ${teamName(line.routedVia)}`] : [];
    const hours =
      region && canClose(line.hours)
        ? splitHours(describeHours(line.hours, region.timeZone, collectHoursWords(flow, lang)))
        : ["open 24/7"];
    return [...via, numbers.join(", "), ...hours];
  }
}

/** Whether a line with these hours can be closed at some moment. */
function canClose(hours: Schedule): boolean {
  return !hours.always || hours.closures.size > 0;
}

/** "Monday through Friday, from 8 AM to 5 PM, Pacific Time" as two lines: the days and times, the zone. */
function splitHours(text: string): string[] {
  const cut = text.lastIndexOf(", ");
  return cut < 0 ? [text] : [text.slice(0, cut), text.slice(cut + 2)];
}

/** A North American number written for people, e.g. `+1 800 972 0700`; others as given. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

/** The short name of a region, e.g. "Northwest" for "the Northwest: Oregon and Southwest Washington". */
function shortRegionName(region: Region, lang: Lang): string {
  const name = region.name[lang] ?? region.name.en ?? region.id;
  return capitalize(withoutArticle(name.split(":")[0]?.trim() ?? name));
}

/** "the nurse advice line" → "nurse advice line": names read as labels. */
function withoutArticle(name: string): string {
  return name.replace(/^(the|a|an|el|la|los|las|un|una)\s+/i, "");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "crisisLine" → "crisis line". */
function splitCamel(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "main" → "Main menu". */
function menuLabel(menuId: string): string {
  return `${capitalize(splitCamel(menuId))} menu`;
}

/** A language's own name, e.g. "español" for `es`. */
function languageName(lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
