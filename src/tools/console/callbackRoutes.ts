import express, { type Request, type Response, Router } from "express";
import type { CallFlow } from "../../service/index.js";
import { callbackIdSchema, describeProblems, playSchema } from "./apiSchemas.js";
import { type CallBook, MAX_CALLS } from "./callBook.js";
import { type CallbackView, describeCallback } from "./callbackView.js";
import type { CallEngine, CallOutcome, OutboundOutcome, PlayedCallback } from "./callEngine.js";
import { type CallRoutesDeps, followTurns } from "./callRoutes.js";
import type { ConsoleCall } from "./consoleCall.js";
import type { ConsoleCallbacks } from "./consoleCallbacks.js";
import { openEventStream } from "./eventStream.js";

/**
 * How a played call-back ends, as its `end` event tells the page: the member's call when answered (a call's
 * outcome); not answered (the stand-in's status, and the next try's time or why it was given up); or not placed.
 */
export type CallbackEnd =
  | CallOutcome
  | {
      readonly kind: "not-answered";
      readonly status: OutboundOutcome;
      readonly retryAt?: number;
      readonly gaveUp?: string;
    }
  | { readonly kind: "not-placed"; readonly reason: string };

/** What the call-back routes work with. */
export interface CallbackRoutesDeps extends Pick<CallRoutesDeps, "turnLog" | "diagrams"> {
  readonly callFlow: CallFlow;
  readonly engine: CallEngine;
  readonly calls: CallBook;
  readonly callbacks: ConsoleCallbacks;
}

/**
 * The routes under `/api/callbacks`: the call-backs asked for in the console's calls (`GET /`), the same as a
 * stream that follows each change (`GET /events`, Server-Sent Events), and `POST /:id/play`: the line places
 * the call-back at its due time, and it becomes a call the page follows like any other (`/api/calls/…`).
 */
export function createCallbackRoutes(deps: CallbackRoutesDeps): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    res.json(await deps.callbacks.panel());
  });
  router.get("/events", (req, res) => {
    const stream = openEventStream(req, res);
    stream.onClose(deps.callbacks.watch((panel) => stream.send({ type: "callbacks", data: panel })));
  });
  router.post("/:id/play", express.json({ limit: "4kb" }), (req, res) => playCallback(deps, req, res));
  return router;
}

/** `POST /api/callbacks/:id/play`: checks the call-back and the outcome asked for, then plays it in the background. */
async function playCallback(deps: CallbackRoutesDeps, req: Request, res: Response): Promise<void> {
  const id = callbackIdSchema.safeParse(req.params.id);
  const body = playSchema.safeParse(req.body ?? {});
  if (!id.success || !body.success) {
    const problems = [
      ...(id.success ? [] : [`id: ${id.error.issues[0]?.message}`]),
      ...(body.success ? [] : [describeProblems(body.error)]),
    ];
    res.status(400).json({ error: problems.join("; ") });
    return;
  }
  if (deps.calls.isFull()) {
    res.status(429).json({ error: `At most ${MAX_CALLS} calls at once: hang up one first.` });
    return;
  }
  const pending = await deps.callbacks.find(id.data);
  if (!pending) {
    res.status(404).json({ error: `No call-back ${id.data} is queued: it was answered, given up or cancelled.` });
    return;
  }
  if (pending.placed || !deps.callbacks.claim(id.data)) {
    res.status(409).json({ error: "This call-back is being placed: wait for its call to end." });
    return;
  }
  const call = deps.calls.open(body.data.dial);
  runCallback(deps, call, describeCallback(pending, deps.callFlow, true), body.data.outcome);
  res.status(201).json({ callSid: call.callSid, events: `/api/calls/${call.callSid}/events` });
}

/**
 * Plays the call-back as a call of the page: it comes in at the due time (the line's clock moved there), its
 * transcript and turn records are the call's events, and its end tells what became of the call-back.
 */
function runCallback(deps: CallbackRoutesDeps, call: ConsoleCall, view: CallbackView, outcome: OutboundOutcome): void {
  const stop = followTurns(deps, call, view.region.id);
  call.emit("call", {
    callSid: call.callSid,
    to: view.number,
    from: view.from,
    region: view.region,
    startedAt: view.due,
    callback: { team: view.team, language: view.language, attempt: view.attempts + 1, tries: view.tries, outcome },
  });
  deps.engine
    .playCallback({
      id: view.id,
      callSid: call.callSid,
      outcome,
      dial: () => call.dial,
      caller: call.caller,
      onEntry: (entry) => call.emit("entry", entry),
    })
    .then(
      (played) => call.finish(describeEnd(played)),
      (error: unknown) => call.finish({ kind: "failed", reason: error instanceof Error ? error.message : "unknown" }),
    )
    .finally(() => {
      stop();
      deps.callbacks.release(view.id);
    });
}

/** How a played call-back ended, from the call placed and the desk's last record of it. */
function describeEnd(played: PlayedCallback | undefined): CallbackEnd {
  const record = played?.record;
  const placed = played?.placed;
  if (placed?.transcript) return placed.transcript.outcome;
  const next = record?.step === "retried" ? { retryAt: record.due } : {};
  const gaveUp = record?.step === "given up" ? { gaveUp: record.reason ?? "given up" } : {};
  if (placed) return { kind: "not-answered", status: placed.outcome, ...next, ...gaveUp };
  return { kind: "not-placed", reason: record?.reason ?? "it is no longer queued" };
}
