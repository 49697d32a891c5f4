import request from "supertest";
import { type Params, signRequest } from "../../src/tools/emulator/index.js";
import { expectValidTwiml, type NextStep, nextStepOf, type TwimlNode } from "./parseTwiml.js";

/** What supertest can post to: an Express app (an ephemeral server per request) or a listening server. */
export type Target = Parameters<typeof request>[0];

/** The auth token the test apps check signatures with (32 hex digits, like Twilio's). */
export const TEST_AUTH_TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
/** Another account's token: its signatures must be refused. */
export const OTHER_AUTH_TOKEN = "00112233445566778899aabbccddeeff";
/** The public base URL the test apps are configured with, so the signed URL does not depend on the port. */
export const PUBLIC_BASE_URL = "https://ivr.example.test";
/** The caller's number used by default; logs must only ever show it masked. */
export const CALLER = "+15035550123";
export const CALLER_MASKED = "+1***0123";

/** How a test request is signed and sent. */
export interface PostOptions {
  /** Base of the URL that is signed (the app's public base URL); the path is appended. */
  readonly baseUrl?: string;
  /** The whole URL to sign instead of `baseUrl` + path (e.g. a forgery signed for another URL). */
  readonly signUrl?: string;
  /** Token to sign with; `null` sends no signature at all. */
  readonly token?: string | null;
  /** The exact `X-Twilio-Signature` to send, overriding the computed one. */
  readonly signature?: string;
  /** Parameters to sign instead of the ones posted (a tampered request). */
  readonly signedParams?: Params;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A webhook's answer; for a 200 TwiML answer, the parsed document, already checked against every rule. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly nodes: readonly TwimlNode[];
  readonly next: NextStep | undefined;
}

/**
 * Signs (with the emulator's `signRequest`) and posts form parameters to `path`, like Twilio. Every 200
 * XML answer is parsed and checked: well-formed, no `<Gather>` without a `<Redirect>` after it, every
 * `<Dial>` with an action, and it ends with `<Hangup>` or leads to another webhook. A broken document
 * fails the test right here.
 */
export async function postTwilio(
  target: Target,
  path: string,
  params: Params,
  options: PostOptions = {},
): Promise<Answer> {
  const url = options.signUrl ?? `${options.baseUrl ?? PUBLIC_BASE_URL}${path}`;
  let req = request(target).post(path).type("form");
  const token = options.token === undefined ? TEST_AUTH_TOKEN : options.token;
  const signature =
    options.signature ?? (token === null ? undefined : signRequest(token, url, options.signedParams ?? params));
  if (signature !== undefined) req = req.set("X-Twilio-Signature", signature);
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  const res = await req.send(params);
  return answerOf(res);
}

/** Wraps a supertest response, checking any TwiML it carries. */
function answerOf(res: request.Response): Answer {
  const isXml = /xml/.test(String(res.headers["content-type"] ?? ""));
  const nodes = res.status === 200 && isXml ? expectValidTwiml(res.text) : [];
  return {
    status: res.status,
    text: res.text,
    headers: res.headers as Record<string, string>,
    nodes,
    next: nodes.length > 0 ? nextStepOf(nodes) : undefined,
  };
}

/** The request path of an action URL found in TwiML: absolute under `baseUrl`, or relative. */
export function pathOf(url: string, baseUrl: string = PUBLIC_BASE_URL): string {
  if (url.startsWith(`${baseUrl}/`)) return url.slice(baseUrl.length);
  if (url.startsWith("/")) return url;
  throw new Error(`action URL ${url} is neither under ${baseUrl} nor relative`);
}
