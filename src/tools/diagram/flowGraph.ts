import type { MachineEvent } from "../../service/index.js";

/**
 * The call flow as a plain graph: what the diagrams draw, the console lights and a report counts.
 *
 * Ids are stable, so a page or a report can address a node or an edge without knowing how it is drawn:
 *
 * | node | id |
 * |---|---|
 * | the incoming call | `start` |
 * | a menu | `menu:<menuId>`, e.g. `menu:main` |
 * | a transfer to a team (an option) | `team:<teamId>`, e.g. `team:pharmacy` |
 * | the escalation to a person (after failures) | `person` |
 * | a team closed at this moment: its hours are said | `closed` |
 * | a transfer that failed with no number left: "sorry, we could not reach…" | `unreachable` |
 * | the deliberate goodbye (another final state of the machine: its name) | `goodbye` |
 * | a call-back's question, its goodbye once queued, the greeting of the call the line places (the state's name) | `callbackConfirm`, `callbackNumber`, `callbackReadBack`, `callbackDone`, `callbackGreeting` |
 *
 * Edges are `<from>><to>:<tag>`, e.g. `menu:main>team:pharmacy:3`; the tag tells edges between the
 * same two nodes apart: the option's key (`3`, `*`, `0`), `<key>-<language>` for a language switch
 * (`9-es`), `interpreter` for a team that hands the call to the interpreter menu, and otherwise the
 * edge's kind: `known`/`unknown`/`callback` (from `start`), `invalid`, `silence`, `escalate`, `closed`, `next`,
 * `failed`, `back` and `exhausted` (see {@link EdgeKind}); a call-back's edges are tagged `callback` (taking
 * the offer), `confirm`, `change`, `number` and `connect`.
 *
 * The graph is walked from the compiled machine (`buildFlowGraph`), and its `steps` are the machine's
 * transitions placed on it: the path tracer places a turn record by the step it took.
 */

/** What a node stands for. */
export type NodeKind = "start" | "menu" | "team" | "person" | "closed" | "unreachable" | "goodbye" | "callback";

/** What an edge stands for. */
export type EdgeKind =
  /** `start` to the first menu: `known` number (its region's menu) or `unknown` (the region menu). */
  | "start"
  /** A key or words that transfer to a team. */
  | "option"
  /** An option that goes to another menu. */
  | "menu"
  /** A region chosen in the region menu. */
  | "region"
  /** An option that switches the language (a loop on the menu). */
  | "language"
  /** An option that says the menu again (a loop). */
  | "repeat"
  /** A key or words that are no option: the shorter prompt again (a loop). */
  | "invalid"
  /** No answer: the shorter prompt again (a loop). */
  | "silence"
  /** Too many failed answers in a row: a person takes the call. */
  | "escalate"
  /** The team is closed at this moment (team to `closed`). */
  | "closed"
  /** A failed transfer tries the team's next number (a loop on the team). */
  | "next"
  /** A transfer failed with no number left to try (team to `unreachable`). */
  | "failed"
  /** Back to the menu the caller chose in (from `closed` or `unreachable`). */
  | "back"
  /** Too many failed transfers in the call (`unreachable` to `goodbye`), or failed answers to a call-back's question. */
  | "exhausted"
  /** A call-back taken, confirmed, changed or keyed in, and the placed call-back put through to its team. */
  | "callback";

/** One box of the diagram. */
export interface FlowNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** A few words, e.g. `Pharmacy` or `Main menu`. */
  readonly label: string;
  /** Further lines, e.g. the team's numbers in the region, or its hours. */
  readonly detail?: readonly string[];
}

/** One arrow of the diagram. */
export interface FlowEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** What the caller does or what happens, e.g. `3 pharmacy` or `closed: hours, back to menu`. */
  readonly label: string;
  readonly kind: EdgeKind;
  /** The keypad key of an option edge. */
  readonly key?: string;
  /** The language an option switches to, or the only languages it is offered in. */
  readonly language?: string;
}

/** What moved a call in one step: the incoming call, or the event the machine was sent. */
export type StepEvent = "INCOMING" | MachineEvent["type"];

/**
 * One way a call moves on the graph: a transition of the machine taken from a node, with what follows it
 * at once (a language switch starts the menus over, a last failed answer escalates), and the edges it is drawn
 * along. The path tracer places a turn record on the graph by finding the step it took.
 */
export interface FlowStep {
  /** The node the call is at before. */
  readonly at: string;
  /** The machine's state before (a turn record's `from`), null for the incoming call. */
  readonly from: string | null;
  readonly event: StepEvent;
  /** The key of the option chosen (`CHOSE`). */
  readonly key?: string;
  /** The option chosen, as a turn record names it. */
  readonly option?: string;
  /** The language the caller switched to. */
  readonly language?: string;
  /** The machine's state after (a turn record's `state`). */
  readonly state: string;
  /** The node the call is at after. */
  readonly node: string;
  /** The teams the call may be dialing after, when it is transferring. */
  readonly teams?: readonly string[];
  /** The edges taken, in order (none: a transfer answered, or the call stays where it is). */
  readonly edges: readonly string[];
  /** The transfer went through: the call is the team's now. */
  readonly connected?: boolean;
  /** A call-back's question refused the answer (a wrong key, a number it cannot call): the caller hears so. */
  readonly refused?: boolean;
}

/** The call flow as a graph, for one region and language or for all. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** Every way a call moves on it: the machine's transitions, placed on its nodes and edges. */
  readonly steps: readonly FlowStep[];
  /** The region the graph was built for (numbers and hours are that region's), if any. */
  readonly region?: string;
  /** The only language whose options are shown, if any. */
  readonly language?: string;
}

/** Id of the incoming-call node. */
export const START_NODE = "start";
/** Id of the escalation node: a representative, or the around-the-clock team when closed. */
export const PERSON_NODE = "person";
/** Id of the node where a closed team's hours are said. */
export const CLOSED_NODE = "closed";
/** Id of the node where the caller hears that a team could not be reached. */
export const UNREACHABLE_NODE = "unreachable";
/** Id of the goodbye node. */
export const GOODBYE_NODE = "goodbye";

/** Id of a menu's node, e.g. `menu:main`. */
export function makeMenuNodeId(menuId: string): string {
  return `menu:${menuId}`;
}

/** Id of a team's transfer node, e.g. `team:pharmacy`. */
export function makeTeamNodeId(teamId: string): string {
  return `team:${teamId}`;
}

/** Id of an edge, e.g. `menu:main>team:pharmacy:3`. */
export function makeEdgeId(from: string, to: string, tag: string): string {
  return `${from}>${to}:${tag}`;
}

/**
 * Whether an edge's node says what it means, so the edge is drawn without its label: the many edges that
 * run side by side to `closed` and to `unreachable`. Other edges of those kinds (a team's, closed or not
 * answering, to the interpreter menu) keep theirs.
 */
export function isSaidByNode(edge: FlowEdge): boolean {
  return (
    (edge.kind === "closed" && edge.to === CLOSED_NODE) || (edge.kind === "failed" && edge.to === UNREACHABLE_NODE)
  );
}
