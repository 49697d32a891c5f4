import { timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import type { Logger } from "pino";
import { getExpectedTwilioSignature, validateRequest } from "twilio/lib/webhooks/webhooks.js";
import { sanitizeForLog } from "../log/sanitizeForLog.js";
import { createLogThrottle } from "../log/throttleLog.js";

/** How the public URL Twilio called is found, to check its signature. */
export interface SignatureOptions {
  /** Twilio auth token; when absent, signatures are not checked (local development only). */
  readonly authToken: string | undefined;
  /** The base URL Twilio calls (e.g. the ngrok https address); overrides the request's own host. */
  readonly publicBaseUrl: string | undefined;
}

/** The full URL Twilio signed: the public base URL when configured, else the request's (proxy-aware) origin. */
export function publicUrlOf(req: Request, publicBaseUrl: string | undefined): string {
  const base = publicBaseUrl ?? `${req.protocol}://${req.host}`;
  return `${base.replace(/\/+$/, "")}${req.originalUrl}`;
}

/**
 * Refuses (403) any request whose `X-Twilio-Signature` is missing or does not match the URL and form
 * parameters under the auth token, using the `twilio` package's validation. Refusals are logged at most
 * once a second per reason (with the count held back), the URL and path cut to a few hundred characters.
 */
export function verifySignature(options: SignatureOptions, logger: Logger): RequestHandler {
  const { authToken, publicBaseUrl } = options;
  const throttle = createLogThrottle();
  return (req, res, next) => {
    if (authToken === undefined) return next();
    const signature = req.get("X-Twilio-Signature");
    const url = publicUrlOf(req, publicBaseUrl);
    const params = isFormBody(req) ? (req.body as Record<string, string>) : {};
    if (signature && matches(authToken, signature, url, params)) return next();
    const reason = signature ? "signature does not match" : "no X-Twilio-Signature header";
    const verdict = throttle(reason);
    if (verdict.log)
      logger.warn(
        {
          path: sanitizeForLog(req.path),
          url: sanitizeForLog(url),
          reason,
          ...(verdict.suppressed > 0 ? { suppressed: verdict.suppressed } : {}),
        },
        "refused unsigned or forged webhook",
      );
    res.status(403).type("text/plain").send("Forbidden: invalid Twilio signature");
  };
}

/**
 * Checks the signature of the URL exactly as received first (one HMAC, the usual case), then lets
 * `validateRequest` try the variants Twilio may have signed (with or without the port, URL-normalised).
 * `validateRequest` throws when the URL cannot be parsed (e.g. a forged X-Forwarded-Host): no match.
 */
function matches(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  try {
    const expected = Buffer.from(getExpectedTwilioSignature(authToken, url, params));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    return validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}

function isFormBody(req: Request): boolean {
  return (
    typeof req.body === "object" &&
    req.body !== null &&
    (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")
  );
}
