import { parseTwiml, type TwimlVerb } from "../../src/tools/emulator/index.js";

/** One TwiML element: its verb (tag), attributes, own text and child elements, in document order. */
export type TwimlNode = TwimlVerb;

/** The parser the simulated call follows TwiML with (fast-xml-parser, order and attributes kept). */
export { parseTwiml };

/** How Twilio goes on after executing a document, the way the call simulator follows it. */
export type NextStep =
  /** A `<Gather>`: input goes to `action`; silence falls through to the `<Redirect>` after it. */
  | { readonly kind: "gather"; readonly action: string; readonly redirect: string }
  /** A `<Dial>`: its outcome goes to `action`. */
  | { readonly kind: "dial"; readonly action: string; readonly number: string | undefined }
  /** A bare `<Redirect>`: Twilio requests `url` at once. */
  | { readonly kind: "redirect"; readonly url: string }
  /** `<Hangup>`: the call ends on purpose. */
  | { readonly kind: "hangup" };

/** Every element with this verb, depth first in document order. */
export function findVerbs(nodes: readonly TwimlNode[], verb: string): TwimlNode[] {
  return nodes.flatMap((n) => [...(n.verb === verb ? [n] : []), ...findVerbs(n.children, verb)]);
}

/** The text of every `<Say>`, in the order the caller hears them. */
export function saysOf(nodes: readonly TwimlNode[]): string[] {
  return findVerbs(nodes, "Say").map((n) => n.text);
}

/** The number the document dials (`<Dial><Number>` or `<Dial>` text), or undefined. */
export function dialNumberOf(nodes: readonly TwimlNode[]): string | undefined {
  const dial = findVerbs(nodes, "Dial")[0];
  if (!dial) return undefined;
  const number = dial.children.find((c) => c.verb === "Number");
  return number ? number.text : dial.text || undefined;
}

/** The attributes of the document's `<Gather>`, or undefined when it has none. */
export function gatherAttrsOf(nodes: readonly TwimlNode[]): Readonly<Record<string, string>> | undefined {
  return findVerbs(nodes, "Gather")[0]?.attrs;
}

const TERMINAL = new Set(["Hangup", "Redirect", "Dial", "Reject"]);
const TOP_LEVEL = new Set(["Say", "Play", "Pause", "Gather", "Redirect", "Dial", "Hangup", "Reject"]);
const IN_GATHER = new Set(["Say", "Play", "Pause"]);
const IN_DIAL = new Set(["Number"]);

/** Problems with "every `<Gather>` is directly followed by a `<Redirect>`" (a silent caller must come back). */
export function gatherRedirectProblems(nodes: readonly TwimlNode[]): string[] {
  const problems: string[] = [];
  nodes.forEach((n, i) => {
    if (n.verb !== "Gather") return;
    const next = nodes[i + 1];
    if (next?.verb !== "Redirect")
      problems.push(`<Gather> #${i} is followed by ${next ? `<${next.verb}>` : "nothing"}`);
    else if (next.text.trim() === "") problems.push(`the <Redirect> after <Gather> #${i} has no URL`);
  });
  for (const n of nodes) if (n.verb !== "Gather" && n.children.length > 0) problems.push(...nestedGathers(n));
  return problems;
}

function nestedGathers(node: TwimlNode): string[] {
  return findVerbs(node.children, "Gather").map(() => `a <Gather> is nested in <${node.verb}>`);
}

/** Problems with "every `<Dial>` has an `action`" (its outcome must come back to the line). */
export function dialActionProblems(nodes: readonly TwimlNode[]): string[] {
  return findVerbs(nodes, "Dial")
    .filter((d) => !d.attrs.action)
    .map(() => "a <Dial> has no action");
}

/**
 * Problems with "the document either ends with `<Hangup>` or leads to another webhook": its last verb is
 * `<Hangup>`, a `<Redirect>` with a URL, or a `<Dial>` with an action, and nothing follows such a verb
 * (it would never be reached).
 */
export function endingProblems(nodes: readonly TwimlNode[]): string[] {
  const problems: string[] = [];
  const last = nodes.at(-1);
  if (!last) return ["the document is empty: Twilio would hang up without a word"];
  const firstTerminal = nodes.findIndex((n) => TERMINAL.has(n.verb));
  if (firstTerminal === -1) problems.push(`the document ends with <${last.verb}>: the call would drop`);
  else if (firstTerminal !== nodes.length - 1)
    problems.push(`<${nodes[firstTerminal]?.verb}> is followed by verbs that are never reached`);
  if (last.verb === "Redirect" && last.text.trim() === "") problems.push("the final <Redirect> has no URL");
  if (last.verb === "Dial" && !last.attrs.action) problems.push("the final <Dial> has no action");
  return problems;
}

/** Problems with the verbs themselves: only the verbs the line uses, nested where TwiML allows. */
export function structureProblems(nodes: readonly TwimlNode[]): string[] {
  const problems: string[] = [];
  for (const n of nodes) {
    if (!TOP_LEVEL.has(n.verb)) problems.push(`unexpected verb <${n.verb}> in <Response>`);
    const allowed = n.verb === "Gather" ? IN_GATHER : n.verb === "Dial" ? IN_DIAL : new Set<string>();
    for (const c of n.children) if (!allowed.has(c.verb)) problems.push(`<${c.verb}> is not allowed in <${n.verb}>`);
    if (n.verb === "Gather" && !n.attrs.action) problems.push("a <Gather> has no action");
  }
  for (const say of findVerbs(nodes, "Say")) if (say.text.trim() === "") problems.push("an empty <Say>");
  return [...new Set(problems)];
}

/** Every rule a line's TwiML must meet; empty when the document is fine. */
export function twimlProblems(nodes: readonly TwimlNode[]): string[] {
  return [
    ...structureProblems(nodes),
    ...gatherRedirectProblems(nodes),
    ...dialActionProblems(nodes),
    ...endingProblems(nodes),
  ];
}

/** Parses a document and throws, naming every problem, unless it meets all the rules. */
export function expectValidTwiml(xml: string): TwimlNode[] {
  const nodes = parseTwiml(xml);
  const problems = twimlProblems(nodes);
  if (problems.length > 0) throw new Error(`TwiML breaks the line's rules:\n  - ${problems.join("\n  - ")}\n${xml}`);
  return nodes;
}

/** How Twilio goes on after this (valid) document. */
export function nextStepOf(nodes: readonly TwimlNode[]): NextStep {
  const gatherAt = nodes.findIndex((n) => n.verb === "Gather");
  const gather = nodes[gatherAt];
  if (gather) {
    return { kind: "gather", action: gather.attrs.action ?? "", redirect: nodes[gatherAt + 1]?.text.trim() ?? "" };
  }
  const last = nodes.at(-1);
  if (last?.verb === "Dial") return { kind: "dial", action: last.attrs.action ?? "", number: dialNumberOf(nodes) };
  if (last?.verb === "Redirect") return { kind: "redirect", url: last.text.trim() };
  return { kind: "hangup" };
}
