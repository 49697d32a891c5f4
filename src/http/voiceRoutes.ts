import express, { type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { SessionStore } from "../session/sessionStore.js";
import { endCall } from "../turn/endCall.js";
import type { TurnKind } from "../turn/planTurn.js";
import { type LogLine, type TurnDeps, takeTurn } from "../turn/takeTurn.js";
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
}

/**
 * The webhook routes. Every path in `VOICE_PATHS` answers POST only (405 otherwise), and every POST
 * goes through form parsing and the signature check, applied here once for all of them: a route added
 * to `VOICE_PATHS` cannot skip it.
 */
export function createVoiceRoutes(deps: VoiceRouteDeps): Router {
  const { logger } = deps;
  const paths = Object.values(VOICE_PATHS);
  const router = express.Router();
  router.all(paths, (req, res, next) => {
    if (req.method === "POST") return next();
    logger.warn({ route: req.path, method: req.method }, "webhook route called with the wrong method");
    res.status(405).set("Allow", "POST").type("text/plain").send("Method Not Allowed: Twilio webhooks use POST");
  });
  router.post(
    paths,
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 }),
    verifySignature({ authToken: deps.authToken, publicBaseUrl: deps.publicBaseUrl }, logger),
  );

  const turn = (kind: TurnKind) => async (req: Request, res: Response) => {
    const answer = await takeTurn(deps.turn, { kind, body: req.body, requested: turnOf(req) });
    sendTwiml(res, answer.twiml);
    writeLog(logger, answer.log, req.path);
  };
  router.post(VOICE_PATHS.incoming, turn("incoming"));
  router.post(VOICE_PATHS.turn, turn("turn"));
  router.post(VOICE_PATHS.recover, turn("recover"));
  router.post(VOICE_PATHS.status, async (req, res) => {
    writeLog(logger, await endCall(deps.store, req.body, deps.turn.endedTtlSeconds), req.path);
    res.status(204).end();
  });
  return router;
}

/** The turn number `t` of our own action URLs. */
function turnOf(req: Request): number | undefined {
  const t = req.query.t;
  return typeof t === "string" && /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/** Answers 200 with the document (what `res.type("text/xml").send(twiml)` sends for a POST, written directly). */
function sendTwiml(res: Response, twiml: string): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/xml; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(twiml));
  res.end(twiml);
}

function writeLog(logger: Logger, lines: readonly LogLine[], route: string): void {
  for (const line of lines) {
    if (!logger.isLevelEnabled(line.level)) continue;
    logger[line.level](line.level === "info" ? line.fields : { route, ...line.fields }, line.msg);
  }
}
