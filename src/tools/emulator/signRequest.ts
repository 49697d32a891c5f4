import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import type { Params } from "./callParams.js";

/** An HTTP method Twilio requests TwiML with. */
export type WebhookMethod = "GET" | "POST";

/** A webhook request as Twilio sends it: the full URL, headers (with the signature) and the form body. */
export interface WebhookRequest {
  readonly url: string;
  readonly method: WebhookMethod;
  readonly headers: Readonly<Record<string, string>>;
  /** The form-encoded parameters of a POST; undefined for a GET (they are in the URL). */
  readonly body: string | undefined;
}

/** The `User-Agent` Twilio's webhooks carry, with who sent this one. */
const EMULATOR_USER_AGENT = "TwilioProxy/1.1 (member-line call emulator)";

/**
 * The `X-Twilio-Signature` Twilio sends for a request to `url` with these POST parameters (for a GET,
 * the parameters are in the URL and `params` is empty): HMAC-SHA1 with the auth token of the URL followed
 * by every parameter's name and value in name order, base64. The `twilio` package's own computation.
 */
export function signRequest(token: string, url: string, params: Readonly<Params> = {}): string {
  return getExpectedTwilioSignature(token, url, { ...params });
}

/** What one webhook request carries and where it goes. */
export interface WebhookRequestSpec {
  readonly url: string;
  /** POST by default. */
  readonly method?: WebhookMethod;
  readonly params: Readonly<Params>;
  /** The auth token to sign with; unsigned without one. */
  readonly token?: string | undefined;
}

/**
 * Builds the request Twilio makes: a POST carries the parameters as a form body, a GET appends them to
 * the URL's query; either is signed for the URL requested (with the POST parameters).
 */
export function buildWebhookRequest(spec: WebhookRequestSpec): WebhookRequest {
  const method = spec.method ?? "POST";
  const form = new URLSearchParams(spec.params).toString();
  const url = method === "GET" && form !== "" ? `${spec.url}${spec.url.includes("?") ? "&" : "?"}${form}` : spec.url;
  const headers: Record<string, string> = { "User-Agent": EMULATOR_USER_AGENT };
  if (spec.token !== undefined)
    headers["X-Twilio-Signature"] = signRequest(spec.token, url, method === "GET" ? {} : spec.params);
  if (method === "POST") headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
  return { url, method, headers, body: method === "POST" ? form : undefined };
}
