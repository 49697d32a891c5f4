import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { RELOAD_RESULTS, SAFE_ANSWER_CAUSES, STORE_OPERATIONS } from "./metricLabels.js";

/**
 * Webhook durations, seconds: 5 ms to 10 s (Twilio gives up at 15 s), with a bound at 2 s, the p99 the
 * line is alerted on.
 */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2, 2.5, 5, 7.5, 10];

/** Session store durations, seconds: 0.5 ms to the 2 s after which a turn gives up on the store. */
export const STORE_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2];

/**
 * The instruments of one instance, in Prometheus's names (OpenTelemetry's for HTTP). Labels carry the
 * line's own ids (region, team, menu, language) and fixed words, never a number or anything said.
 */
export interface Metrics {
  readonly registry: Registry;
  /** `http_server_request_duration_seconds`: every HTTP request of the webhook port. */
  readonly httpRequestDuration: Histogram<"http_request_method" | "http_route" | "http_response_status_code">;
  /** `ivr_calls_started_total`: new calls, by the region of the number dialed and the language first heard. */
  readonly callsStarted: Counter<"region" | "language">;
  /** `ivr_calls_ended_total`: calls over, by region and how: transferred, goodbye, abandoned. */
  readonly callsEnded: Counter<"region" | "ending">;
  /** `ivr_menu_inputs_total`: answers at a menu: chose, invalid, silent. */
  readonly menuInputs: Counter<"menu" | "input">;
  /** `ivr_transfers_total`: one per dial result, `status` being Twilio's `DialCallStatus`. */
  readonly transfers: Counter<"team" | "region" | "status">;
  /** `ivr_safe_answers_total`: turns answered by the fail-safe path, by cause. */
  readonly safeAnswers: Counter<"cause">;
  /** `ivr_session_store_duration_seconds`: every session store operation, failed ones too. */
  readonly storeDuration: Histogram<"operation">;
  /** `ivr_session_store_errors_total`: session store operations that failed. */
  readonly storeErrors: Counter<"operation">;
  /** `ivr_line_info`: 1, labelled with the version of the line new calls start on. */
  readonly lineInfo: Gauge<"version">;
  /** `ivr_line_reloads_total`: reloads of the line: changed, unchanged, refused. */
  readonly lineReloads: Counter<"result">;
  /** `ivr_callbacks_total`: call-back steps (offered, requested, placed, answered, …), by team and region. */
  readonly callbacks: Counter<"team" | "region" | "status">;
}

/** How the instruments are kept. */
export interface MetricsOptions {
  /** Where they are registered; a new registry by default (tests pass their own). */
  readonly registry?: Registry;
  /** Add Node's default process metrics (CPU, memory, event loop, GC): what the server does; off by default. */
  readonly processMetrics?: boolean;
}

/**
 * Creates the instruments in their registry. Series of fixed words (safe-answer causes, store operations,
 * reload results) start at 0, so a rate sees their first event.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    httpRequestDuration: new Histogram({
      name: "http_server_request_duration_seconds",
      help: "Duration of HTTP server requests on the webhook port, by method, route (its path pattern) and status code.",
      labelNames: ["http_request_method", "http_route", "http_response_status_code"],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    }),
    callsStarted: new Counter({
      name: "ivr_calls_started_total",
      help: 'Calls started, by the region of the number dialed ("unknown" when the directory does not know it) and language.',
      labelNames: ["region", "language"],
      registers,
    }),
    callsEnded: new Counter({
      name: "ivr_calls_ended_total",
      help: "Calls ended, by the caller's region and ending: transferred, goodbye, or abandoned (the caller hung up before the line was done).",
      labelNames: ["region", "ending"],
      registers,
    }),
    menuInputs: new Counter({
      name: "ivr_menu_inputs_total",
      help: "Answers at a menu, by menu and input: chose (an option), invalid, silent.",
      labelNames: ["menu", "input"],
      registers,
    }),
    transfers: new Counter({
      name: "ivr_transfers_total",
      help: "Dial results of transfers, by team, the caller's region and status (Twilio's DialCallStatus).",
      labelNames: ["team", "region", "status"],
      registers,
    }),
    safeAnswers: new Counter({
      name: "ivr_safe_answers_total",
      help: "Turns answered by the fail-safe path (an apology and a transfer to a person), by cause: params, store, error.",
      labelNames: ["cause"],
      registers,
    }),
    storeDuration: new Histogram({
      name: "ivr_session_store_duration_seconds",
      help: "Duration of session store operations, failed ones included, by operation.",
      labelNames: ["operation"],
      buckets: STORE_DURATION_BUCKETS,
      registers,
    }),
    storeErrors: new Counter({
      name: "ivr_session_store_errors_total",
      help: "Session store operations that failed, by operation.",
      labelNames: ["operation"],
      registers,
    }),
    lineInfo: new Gauge({
      name: "ivr_line_info",
      help: "1, labelled with the version of the line (flow and directory) new calls start on.",
      labelNames: ["version"],
      registers,
    }),
    lineReloads: new Counter({
      name: "ivr_line_reloads_total",
      help: "Reloads of the line's files, by result: changed, unchanged, refused (the files did not validate).",
      labelNames: ["result"],
      registers,
    }),
    callbacks: new Counter({
      name: "ivr_callbacks_total",
      help: "Call-back steps, by team, region and status: offered, requested, pending, placed, answered, connected, retried, given-up, cancelled.",
      labelNames: ["team", "region", "status"],
      registers,
    }),
  };
  for (const cause of SAFE_ANSWER_CAUSES) metrics.safeAnswers.inc({ cause }, 0);
  for (const operation of STORE_OPERATIONS) metrics.storeErrors.inc({ operation }, 0);
  for (const result of RELOAD_RESULTS) metrics.lineReloads.inc({ result }, 0);
  return metrics;
}
