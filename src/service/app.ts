import express, { type ErrorRequestHandler, type Express } from "express";
import type { Logger } from "pino";
import type { CallbackDesk } from "./callbacks/callbackDesk.js";
import type { CallFlow } from "./flow/compileFlow.js";
import { createHealthCheck } from "./http/health.js";
import { VOICE_PATHS } from "./http/voicePaths.js";
import { addVoiceRoutes } from "./http/voiceRoutes.js";
import { createLineRegistry, type LineRegistry } from "./line/lineRegistry.js";
import { sanitizeForLog } from "./log/sanitizeForLog.js";
import { countReload, showLine } from "./metrics/countReload.js";
import type { Metrics } from "./metrics/createMetrics.js";
import { measureRequests } from "./metrics/measureRequests.js";
import type { SessionStore } from "./session/sessionStore.js";
import { createRuntimes } from "./turn/lineRuntime.js";
import type { TurnDeps } from "./turn/turnTypes.js";

/**
 * The line the app serves: one compiled flow (a registry that keeps it is built), or the registry of
 * every version (what the server uses, so it can reload).
 */
export type AppLine =
  | { readonly callFlow: CallFlow; readonly lines?: never }
  | { readonly lines: LineRegistry; readonly callFlow?: never };

/** What the app is built from: the line and the effects it may use. */
export type AppDeps = AppLine & AppOptions;

/** The effects and settings of the app. */
export interface AppOptions {
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
  /** How long an ended call is remembered as ended (a later request for it is hung up); defaults to 1 hour. */
  readonly endedTtlSeconds?: number;
  /** `ANALYTICS_SALT`: the secret the caller's key in the turn records is hashed with; none logged without it. */
  readonly analyticsSalt?: string | undefined;
  /**
   * Where the line's metrics are counted (`createMetrics`); nothing is counted without. To have the session
   * store timed too, give `store` wrapped by `measureStore` (the app uses `store` as it is given).
   */
  readonly metrics?: Metrics | undefined;
  /** The call-backs (`createCallbackDesk`): queued when asked for, their calls answered; none without. */
  readonly callbacks?: CallbackDesk | undefined;
}

/** Longest wait for the store in a health check. */
const HEALTH_TIMEOUT_MS = 500;

/**
 * Builds the Express app that answers Twilio's voice webhooks. It never listens: `src/index.ts` does,
 * and tests drive it directly.
 */
export function createApp(deps: AppDeps): Express {
  const { store, logger, metrics } = deps;
  const actionBase = deps.publicBaseUrl ?? "";
  const sessionTtlSeconds = deps.sessionTtlSeconds ?? 14_400;
  const lines =
    deps.lines ??
    createLineRegistry({
      initial: deps.callFlow,
      store,
      sessionTtlSeconds,
      ...(metrics ? { onReload: (result) => countReload(metrics, result, lines.current()) } : {}),
    });
  const urls = { turn: `${actionBase}${VOICE_PATHS.turn}`, recover: `${actionBase}${VOICE_PATHS.recover}` };
  const turn: TurnDeps = {
    lines,
    runtimeOf: createRuntimes(urls),
    urls,
    store,
    clock: deps.clock ?? Date.now,
    sessionTtlSeconds,
    endedTtlSeconds: deps.endedTtlSeconds ?? 3_600,
    storeTimeoutMs: deps.storeTimeoutMs ?? 2_000,
    analyticsSalt: deps.analyticsSalt,
    callbacks: deps.callbacks,
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? false);
  app.set("etag", false);
  if (metrics) {
    app.use(measureRequests(metrics));
    showLine(metrics, lines.current());
  }

  app.use(
    "/healthz",
    createHealthCheck(store, HEALTH_TIMEOUT_MS, () => lines.status()),
  );

  addVoiceRoutes(app, {
    turn,
    store,
    logger,
    authToken: deps.authToken,
    publicBaseUrl: deps.publicBaseUrl,
    metrics,
  });

  app.use((req, res) => {
    logger.info({ route: sanitizeForLog(req.path), method: req.method }, "no such route");
    res.status(404).type("text/plain").send("Not Found");
  });

  app.use(((error, req, res, _next) => {
    const status = typeof error?.status === "number" ? (error.status as number) : 500;
    if (status === 413 || status === 400 || status === 415) {
      logger.warn(
        { route: sanitizeForLog(req.path), status, reason: error.type ?? error.message },
        "refused a malformed request body",
      );
      res
        .status(status)
        .type("text/plain")
        .send(status === 413 ? "Payload Too Large" : "Bad Request");
      return;
    }
    logger.error({ route: sanitizeForLog(req.path), err: error }, "unexpected error; answered with safe TwiML");
    metrics?.safeAnswers.inc({ cause: "error" });
    res
      .status(200)
      .type("text/xml")
      .send(turn.runtimeOf(lines.current()).safeAnswer({ region: null, now: turn.clock() }));
  }) as ErrorRequestHandler);

  return app;
}
