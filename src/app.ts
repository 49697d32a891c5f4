import express, { type ErrorRequestHandler, type Express } from "express";
import type { Logger } from "pino";
import type { CallFlow } from "./flow/compileFlow.js";
import { handleTurn, type TurnDeps } from "./http/handleTurn.js";
import { createHealthCheck } from "./http/health.js";
import { verifySignature } from "./http/verifySignature.js";
import { statusParamsSchema } from "./http/webhookParams.js";
import type { SessionStore } from "./session/sessionStore.js";
import { composeSpeech } from "./twiml/composeSpeech.js";
import { createFallback } from "./twiml/renderFallback.js";
import { createTurnRenderer } from "./twiml/turnTwiml.js";

/** What the app is built from: the compiled flow and the effects it may use. */
export interface AppDeps {
  readonly callFlow: CallFlow;
  readonly store: SessionStore;
  readonly logger: Logger;
  /** Twilio auth token; without it signatures are not checked (local development only). */
  readonly authToken: string | undefined;
  /** The base URL Twilio calls, e.g. `https://abc123.ngrok.app`. */
  readonly publicBaseUrl?: string | undefined;
  /** Express `trust proxy` setting: honour X-Forwarded-Proto/Host from these proxies. */
  readonly trustProxy?: boolean | number | string;
  /** Clock in epoch ms; defaults to `Date.now`. */
  readonly clock?: () => number;
  /** Idle time after which a call's session is dropped; defaults to 4 hours (Twilio's longest call). */
  readonly sessionTtlSeconds?: number;
  /** Longest wait for one session store operation before the caller gets the safe answer; defaults to 2 s. */
  readonly storeTimeoutMs?: number;
}

/** Largest webhook body accepted; Twilio's are a few kilobytes. */
const BODY_LIMIT = "32kb";
/** Longest wait for the store in a health check. */
const HEALTH_TIMEOUT_MS = 500;
const VOICE_ROUTES = ["/voice", "/voice/turn", "/voice/recover", "/voice/status"];

/**
 * Builds the Express app that answers Twilio's voice webhooks. It never listens: `src/index.ts` does,
 * and tests drive it directly.
 */
export function createApp(deps: AppDeps): Express {
  const { callFlow, store, logger } = deps;
  const actionBase = deps.publicBaseUrl ?? "";
  const speech = composeSpeech(callFlow);
  const turnDeps: TurnDeps = {
    callFlow,
    speech,
    store,
    logger,
    clock: deps.clock ?? Date.now,
    sessionTtlSeconds: deps.sessionTtlSeconds ?? 14_400,
    storeTimeoutMs: deps.storeTimeoutMs ?? 2_000,
    actionBase,
    renderTurn: createTurnRenderer(callFlow, speech, actionBase),
    fallback: createFallback(callFlow, speech, `${actionBase}/voice/recover`),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? false);
  app.set("etag", false);

  app.use("/healthz", createHealthCheck(store, HEALTH_TIMEOUT_MS));

  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 });
  const signed = verifySignature({ authToken: deps.authToken, publicBaseUrl: deps.publicBaseUrl }, logger);

  app.post("/voice", form, signed, (req, res) => handleTurn(turnDeps, "incoming", req, res));
  app.post("/voice/turn", form, signed, (req, res) => handleTurn(turnDeps, "turn", req, res));
  app.post("/voice/recover", form, signed, (req, res) => handleTurn(turnDeps, "recover", req, res));
  app.post("/voice/status", form, signed, async (req, res) => {
    const parsed = statusParamsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      logger.warn(
        { route: req.path, problems: parsed.error.issues.map((i) => i.path.join(".")) },
        "malformed status callback ignored",
      );
    } else if (["completed", "busy", "failed", "no-answer", "canceled"].includes(parsed.data.CallStatus)) {
      await store.delete(parsed.data.CallSid).catch((err: unknown) => {
        logger.warn(
          { callSid: parsed.data.CallSid, err },
          "could not drop the session of a finished call; it will expire",
        );
      });
      logger.info({ callSid: parsed.data.CallSid, callStatus: parsed.data.CallStatus }, "call finished");
    }
    res.status(204).end();
  });

  for (const path of VOICE_ROUTES)
    app.all(path, (req, res) => {
      logger.warn({ route: req.path, method: req.method }, "webhook route called with the wrong method");
      res.status(405).set("Allow", "POST").type("text/plain").send("Method Not Allowed: Twilio webhooks use POST");
    });

  app.use((req, res) => {
    logger.info({ route: req.path, method: req.method }, "no such route");
    res.status(404).type("text/plain").send("Not Found");
  });

  app.use(((error, req, res, _next) => {
    const status = typeof error?.status === "number" ? (error.status as number) : 500;
    if (status === 413 || status === 400 || status === 415) {
      logger.warn({ route: req.path, status, reason: error.type ?? error.message }, "refused a malformed request body");
      res
        .status(status)
        .type("text/plain")
        .send(status === 413 ? "Payload Too Large" : "Bad Request");
      return;
    }
    logger.error({ route: req.path, err: error }, "unexpected error; answered with safe TwiML");
    res.status(200).type("text/xml").send(turnDeps.fallback(undefined, turnDeps.clock()));
  }) as ErrorRequestHandler);

  return app;
}
