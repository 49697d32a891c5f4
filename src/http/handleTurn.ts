import type { Request, Response } from "express";
import type { Logger } from "pino";
import { type CallFlow, TRANSFER } from "../flow/compileFlow.js";
import { advanceCall, startCall } from "../flow/runTurn.js";
import { maskPhone } from "../log/maskPhone.js";
import type { SessionStore } from "../session/sessionStore.js";
import type { SpeechBook } from "../twiml/composeSpeech.js";
import { type FallbackRenderer, renderHangup } from "../twiml/renderFallback.js";
import { renderTwiml } from "../twiml/renderTwiml.js";
import type { TurnRenderer } from "../twiml/turnTwiml.js";
import type { FlowEvent, PersistedCall, SessionRecord } from "../types.js";
import { eventFromParams, type WebhookParams, webhookParamsSchema } from "./webhookParams.js";

/** What the voice routes need: the compiled flow and the effects at the edge. */
export interface TurnDeps {
  readonly callFlow: CallFlow;
  readonly speech: SpeechBook;
  readonly store: SessionStore;
  readonly logger: Logger;
  /** Clock in epoch ms; the flow's hours are decided by it. */
  readonly clock: () => number;
  readonly sessionTtlSeconds: number;
  /** Longest wait for one session store operation before the turn fails over to the safe answer, in ms. */
  readonly storeTimeoutMs: number;
  /** Prefix of the action URLs in TwiML: empty (relative to Twilio's request) or the public base URL. */
  readonly actionBase: string;
  /** Renders a call's state for the turn its next request carries. */
  readonly renderTurn: TurnRenderer;
  /** The safe answer when a turn fails. */
  readonly fallback: FallbackRenderer;
}

/**
 * Which webhook is answering: the incoming call, a later turn (gather, silence or dial result),
 * or a turn after a failure, which starts the flow over from the caller's region and applies the input.
 */
export type TurnKind = "incoming" | "turn" | "recover";

/** Answers one turn of a call. Never throws and never answers 5xx: any failure still gets safe TwiML. */
export async function handleTurn(deps: TurnDeps, kind: TurnKind, req: Request, res: Response): Promise<void> {
  const started = performance.now();
  const at = deps.clock();
  const body: unknown = req.body;
  const parsed = webhookParamsSchema.safeParse(typeof body === "object" && body !== null ? body : {});
  if (!parsed.success) {
    const to = typeof (body as { To?: unknown })?.To === "string" ? (body as { To: string }).To : undefined;
    deps.logger.warn(
      {
        route: req.path,
        problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        ms: elapsed(started),
      },
      "malformed webhook parameters; answered with a transfer to a representative",
    );
    sendXml(res, deps.fallback(to, at));
    return;
  }
  const params = parsed.data;
  const event = eventFromParams(params, at);
  try {
    const outcome = await runTurn(deps, kind, params, event, requestedTurn(req));
    sendXml(res, outcome.twiml);
    logTurn(deps, kind, params, event, outcome, started);
  } catch (error) {
    deps.logger.error(
      { callSid: params.CallSid, route: req.path, err: error, ms: elapsed(started) },
      "turn failed; the caller hears an apology and is transferred",
    );
    sendXml(res, answerFailedTurn(deps, params, at, error));
  }
}

/**
 * A turn that starts over (`recover`) but cannot save its session: the pure decision is still good.
 * The caller gets it, or a transfer in the region they just chose, instead of the same failing menu.
 */
class UnsavedTurn extends Error {
  constructor(
    readonly call: PersistedCall,
    cause: unknown,
  ) {
    super("the session store did not save a recovered turn", { cause });
  }
}

function answerFailedTurn(deps: TurnDeps, params: WebhookParams, at: number, error: unknown): string {
  if (error instanceof UnsavedTurn) {
    if (error.call.value === TRANSFER)
      return renderTwiml(deps.callFlow, deps.speech, error.call, `${deps.actionBase}/voice/recover`);
    if (error.call.context.region !== null) return deps.fallback(params.To, at, error.call.context.region);
  }
  return deps.fallback(params.To, at);
}

interface TurnOutcome {
  readonly twiml: string;
  readonly from: string | null;
  readonly call: PersistedCall | null;
  readonly turn: number;
  /** advanced: the event moved the call; replayed: a retried request got the same answer; started; restarted; ended. */
  readonly result: "started" | "advanced" | "replayed" | "restarted" | "ended";
}

async function runTurn(
  deps: TurnDeps,
  kind: TurnKind,
  params: WebhookParams,
  event: FlowEvent,
  requested: number | undefined,
): Promise<TurnOutcome> {
  const { callFlow, store, storeTimeoutMs } = deps;
  const region = callFlow.directory.regionByInbound.get(params.To)?.id ?? null;
  const record =
    kind === "recover" ? undefined : await withDeadline(store.load(params.CallSid), storeTimeoutMs, "load");
  const connected = event.type === "DIAL_RESULT" && (event.status === "completed" || event.status === "answered");

  let next: PersistedCall;
  let turn: number;
  let result: TurnOutcome["result"];
  if (record && (kind === "incoming" || (requested !== undefined && requested < record.turn))) {
    // Twilio retried a request we already answered: answer it again without advancing.
    return { ...render(deps, record), from: record.call.value, call: record.call, result: "replayed" };
  } else if (record) {
    next = advanceCall(callFlow, record.call, event);
    turn = record.turn + 1;
    result = "advanced";
  } else if (kind === "incoming") {
    next = startCall(callFlow, { region, at: event.at });
    turn = 1;
    result = "started";
  } else if (connected) {
    // A transfer finished for a call we no longer know: nothing left to do.
    return { twiml: renderHangup(), from: null, call: null, turn: 0, result: "ended" };
  } else {
    // Unknown call (restart, expired, another instance without shared store), or recovery after a failure.
    const failedDial = event.type === "DIAL_RESULT";
    const fresh = startCall(callFlow, {
      region,
      at: event.at,
      resumed: true,
      ...(failedDial ? { notices: [{ kind: "unreachable", team: callFlow.flow.representative.team }] } : {}),
    });
    next = kind === "recover" && !failedDial ? advanceCall(callFlow, fresh, event) : fresh;
    turn = (requested ?? 0) + 1;
    result = "restarted";
  }
  const saved: SessionRecord = { turn, call: next };
  if (next.value === "ended" || next.value === "goodbye")
    // The call is over whatever the store says: a session that could not be dropped just expires.
    await withDeadline(store.delete(params.CallSid), storeTimeoutMs, "delete").catch((err: unknown) =>
      deps.logger.warn(
        { callSid: params.CallSid, err },
        "could not drop the session of a finished call; it will expire",
      ),
    );
  else
    await withDeadline(store.save(params.CallSid, saved, deps.sessionTtlSeconds), storeTimeoutMs, "save").catch(
      (error: unknown) => {
        throw kind === "recover" ? new UnsavedTurn(next, error) : error;
      },
    );
  return { ...render(deps, saved), from: record?.call.value ?? null, call: next, result };
}

function render(deps: TurnDeps, record: SessionRecord): { twiml: string; turn: number } {
  return {
    twiml: deps.renderTurn(record.call, record.turn),
    turn: record.turn,
  };
}

/**
 * Rejects when the store has not answered within `ms`, so a hung store cannot outlast Twilio's 15 s timeout.
 * (One promise and one timer per store operation: the cheapest form, as it runs twice on every turn.)
 */
function withDeadline<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`session store ${operation} took longer than ${ms} ms`)), ms);
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The query string of the action URLs this app writes: only the turn. */
const TURN_ONLY = /^t=\d{1,9}$/;

function requestedTurn(req: Request): number | undefined {
  // Our own action URLs are read without parsing the query string; anything else goes through `req.query`.
  const q = req.url.indexOf("?");
  if (q >= 0 && TURN_ONLY.test(req.url.slice(q + 1))) return Number(req.url.slice(q + 3));
  const t = req.query.t;
  return typeof t === "string" && /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

/**
 * Answers 200 with the document: the same status and headers as Express's
 * `res.status(200).type("text/xml").send(twiml)` for a POST (the app sends no ETags), written directly.
 */
function sendXml(res: Response, twiml: string): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/xml; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(twiml));
  res.end(twiml);
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** One structured line per turn: what analytics reads. Numbers masked; speech never logged. */
function logTurn(
  deps: TurnDeps,
  kind: TurnKind,
  params: WebhookParams,
  event: FlowEvent,
  outcome: TurnOutcome,
  started: number,
): void {
  if (!deps.logger.isLevelEnabled("info")) return;
  const ctx = outcome.call?.context;
  const menu = outcome.from ? deps.callFlow.menus.get(outcome.from) : undefined;
  deps.logger.info(
    {
      callSid: params.CallSid,
      turn: outcome.turn,
      caller: maskPhone(params.From),
      region: ctx?.region ?? null,
      language: ctx?.language,
      event: kind === "incoming" ? "INCOMING" : event.type,
      ...(event.type === "KEY" && !menu?.sensitive ? { key: event.digits } : {}),
      ...(event.type === "SPEECH" ? { confidence: event.confidence } : {}),
      ...(event.type === "DIAL_RESULT" ? { dialStatus: event.status } : {}),
      from: outcome.from,
      state: outcome.call?.value ?? "ended",
      result: outcome.result,
      notices: ctx?.notices.map((n) => n.kind),
      ...(outcome.call?.value === "transfer" && ctx?.transfer
        ? { team: ctx.transfer.team, attempt: ctx.transfer.attempt }
        : {}),
      failures: ctx?.failures,
      ms: elapsed(started),
    },
    "turn",
  );
}
