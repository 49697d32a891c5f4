import type { Express, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { sanitizeForLog } from "../log/sanitizeForLog.js";
import { createLogThrottle } from "../log/throttleLog.js";
import { countCallEvent } from "../metrics/countCallEvent.js";
import { countSafeAnswer } from "../metrics/countSafeAnswer.js";
import type { Metrics } from "../metrics/createMetrics.js";
import type { SessionStore } from "../session/sessionStore.js";
import { answerPlacedCall, endPlacedCall, type PlacedQuery } from "../turn/callbackCall.js";
import { endCall } from "../turn/endCall.js";
import type { TurnKind } from "../turn/planTurn.js";
import { takeTurn } from "../turn/takeTurn.js";
import type { LogLine, TurnDeps } from "../turn/turnTypes.js";
import { parseForm } from "./parseForm.js";
import { verifySignature } from "./verifySignature.js";
import { VOICE_PATHS } from "./voicePaths.js";

/** Largest webhook body accepted; Twilio's are a few kilobytes. */
const BODY_LIMIT = "32kb";

/** What the webhook routes need. */
export interface VoiceRouteDeps {
  readonly turn: TurnDeps;
  readonly store: SessionStore;
  readonly logger: Logger;
  readonly authToken: string | undefined;
  readonly publicBaseUrl: string | undefined;
  /** Counts what the log lines record, when the line is measured. */
  readonly metrics?: Metrics | undefined;
}

/**
 * The webhook routes, one per path of `VOICE_PATHS`, each built by the same loop: POST only (405
 * otherwise), through form parsing and the signature check. A path added to `VOICE_PATHS` needs its
 * handler here (TypeScript insists) and cannot skip the check.
 */
export function addVoiceRoutes(app: Express, deps: VoiceRouteDeps): void {
  const { logger, metrics } = deps;
  const throttle = createLogThrottle();
  const turn =
    (kind: TurnKind): RequestHandler =>
    async (req, res) => {
      const answer = await takeTurn(deps.turn, { kind, body: req.body, requested: turnOf(req) });
      sendTwiml(res, answer.twiml);
      writeLog(logger, throttle, answer.log, req.path, metrics);
    };
  const handlers: Record<keyof typeof VOICE_PATHS, RequestHandler> = {
    incoming: turn("incoming"),
    turn: turn("turn"),
    recover: turn("recover"),
    status: async (req, res) => {
      writeLog(logger, throttle, await endCall(deps.turn, req.body), req.path, metrics);
      res.status(204).end();
    },
    callback: async (req, res) => {
      const answer = await answerPlacedCall(deps.turn, req.body, placedOf(req));
      sendTwiml(res, answer.twiml);
      writeLog(logger, throttle, answer.log, req.path, metrics);
    },
    callbackStatus: async (req, res) => {
      writeLog(logger, throttle, await endPlacedCall(deps.turn, req.body, placedOf(req)), req.path, metrics);
      res.status(204).end();
    },
  };

  const form = parseForm(BODY_LIMIT);
  const signed = verifySignature({ authToken: deps.authToken, publicBaseUrl: deps.publicBaseUrl }, logger);
  const wrongMethod: RequestHandler = (req, res) => {
    logger.warn({ route: sanitizeForLog(req.path), method: req.method }, "webhook route called with the wrong method");
    res.status(405).set("Allow", "POST").type("text/plain").send("Method Not Allowed: Twilio webhooks use POST");
  };
  // On the app itself, not a sub-router: one routing layer per request.
  for (const [name, path] of Object.entries(VOICE_PATHS) as Array<[keyof typeof VOICE_PATHS, string]>)
    app.route(path).post(form, signed, handlers[name]).all(wrongMethod);
}

/** The turn number `t` of our own action URLs. */
function turnOf(req: Request): number | undefined {
  const t = req.query.t;
  return typeof t === "string" && /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** The call-back and try of an outbound call's webhook URL. */
function placedOf(req: Request): PlacedQuery {
  const { id, try: attempt } = req.query;
  return {
    id: typeof id === "string" && /^[0-9a-f]{32}$/.test(id) ? id : undefined,
    attempt: typeof attempt === "string" && /^\d{1,3}$/.test(attempt) ? Number(attempt) : undefined,
  };
}

/** Answers 200 with the document (what `res.type("text/xml").send(twiml)` sends for a POST, written directly). */
function sendTwiml(res: Response, twiml: string): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/xml; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(twiml));
  res.end(twiml);
}

/**
 * Writes a turn's log lines, and counts what they record (the metrics count the lines' events, whatever
 * the log level or the throttle lets through). Warnings and errors are throttled by message and cause (a
 * store that is down fails every turn the same way): one line a second of each, with the count held back.
 */
function writeLog(
  logger: Logger,
  throttle: ReturnType<typeof createLogThrottle>,
  lines: readonly LogLine[],
  route: string,
  metrics: Metrics | undefined,
): void {
  for (const line of lines) {
    const logged = logger.isLevelEnabled(line.level);
    if (!logged && !metrics) continue;
    const fields = typeof line.fields === "function" ? line.fields() : line.fields;
    if (metrics) {
      if (line.level === "info") countCallEvent(metrics, fields, line.msg);
      else countSafeAnswer(metrics, line.msg, fields);
    }
    if (!logged) continue;
    if (line.level === "info") {
      logger.info(fields, line.msg);
      continue;
    }
    const verdict = throttle(`${line.msg}|${causeOf(fields.err)}`);
    if (!verdict.log) continue;
    logger[line.level](
      {
        route: sanitizeForLog(route),
        ...fields,
        ...(verdict.suppressed > 0 ? { suppressed: verdict.suppressed } : {}),
      },
      line.msg,
    );
  }
}

/** What tells one failure from another in the throttle: the error's code, or its message. */
function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return "";
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : err.message.slice(0, 200);
}
