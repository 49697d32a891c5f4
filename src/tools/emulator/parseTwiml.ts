import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One TwiML element: its verb (tag name), attributes, own text and child elements, in document order. */
export interface TwimlVerb {
  readonly verb: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly TwimlVerb[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type RawNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function toVerb(raw: RawNode): TwimlVerb | undefined {
  const verb = Object.keys(raw).find((k) => k !== ":@");
  if (verb === undefined || verb === "#text" || verb.startsWith("?")) return undefined;
  const content = (raw[verb] as RawNode[] | undefined) ?? [];
  const text = content
    .filter((c) => "#text" in c)
    .map((c) => String(c["#text"]))
    .join("");
  const children = content.map(toVerb).filter((n): n is TwimlVerb => n !== undefined);
  return { verb, attrs: { ...(raw[":@"] ?? {}) }, text, children };
}

/**
 * Parses a TwiML document into the verbs inside `<Response>`, in the order Twilio executes them.
 * Throws when the text is not well-formed XML or its root is not a single `<Response>`.
 */
export function parseTwiml(xml: string): TwimlVerb[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`the TwiML is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const roots = (parser.parse(xml) as RawNode[]).map(toVerb).filter((n): n is TwimlVerb => n !== undefined);
  const [root] = roots;
  if (roots.length !== 1 || root?.verb !== "Response")
    throw new Error(
      `the TwiML root must be a single <Response>, got ${roots.map((r) => `<${r.verb}>`).join(", ") || "nothing"}`,
    );
  return [...root.children];
}
