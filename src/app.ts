import express, { type ErrorRequestHandler, type Express } from "express";
import type { Logger } from "pino";
import type { CallFlow } from "./flow/compileFlow.js";
import { VOICE_PATHS } from "./http/voicePaths.js";
import { createVoiceRoutes } from "./http/voiceRoutes.js";
import type { SessionStore } from "./session/sessionStore.js";
import { createSafeAnswer } from "./turn/safeAnswer.js";
import type { TurnDeps } from "./turn/takeTurn.js";
import { composeSpeech } from "./twiml/composeSpeech.js";
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
  /** `ANALYTICS_SALT`: the secret the caller's key in the turn records is hashed with; none logged without it. */
  readonly analyticsSalt?: string | undefined;
}

/** Longest wait for the store in a health check. */
const HEALTH_TIMEOUT_MS = 500;

/**
 * Builds the Express app that answers Twilio's voice webhooks. It never listens: `src/index.ts` does,
 * and tests drive it directly.
 */
export function createApp(deps: AppDeps): Express {
  const { callFlow, store, logger } = deps;
  const actionBase = deps.publicBaseUrl ?? "";
  const speech = composeSpeech(callFlow);
  const recoverUrl = `${actionBase}${VOICE_PATHS.recover}`;
  const turn: TurnDeps = {
    callFlow,
    speech,
    store,
    clock: deps.clock ?? Date.now,
    sessionTtlSeconds: deps.sessionTtlSeconds ?? 14_400,
    storeTimeoutMs: deps.storeTimeoutMs ?? 2_000,
    renderTurn: createTurnRenderer(callFlow, speech, `${actionBase}${VOICE_PATHS.turn}`),
    recoverUrl,
    safeAnswer: createSafeAnswer(callFlow, speech, recoverUrl),
    analyticsSalt: deps.analyticsSalt,
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? false);
  app.set("etag", false);

  app.get("/healthz", async (_req, res) => {
    const storeOk = await Promise.race([
      store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, HEALTH_TIMEOUT_MS, false).unref()),
    ]);
    res.status(200).json({ status: "ok", store: storeOk ? "ok" : "unreachable" });
  });

  app.use(createVoiceRoutes({ turn, store, logger, authToken: deps.authToken, publicBaseUrl: deps.publicBaseUrl }));

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
    res
      .status(200)
      .type("text/xml")
      .send(turn.safeAnswer({ region: null, now: turn.clock() }));
  }) as ErrorRequestHandler);

  return app;
}
