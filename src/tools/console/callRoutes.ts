import express, { type Request, type Response, Router } from "express";
import { type CallFlow, parseLocalTime } from "../../service/index.js";
import { createPathTracer } from "../diagram/tracePath.js";
import { describeProblems, dialSchema, inputSchema, newCallSchema } from "./apiSchemas.js";
import { type CallBook, MAX_CALLS } from "./callBook.js";
import type { CallEngine } from "./callEngine.js";
import type { ConsoleCall } from "./consoleCall.js";
import type { Diagrams } from "./diagrams.js";
import { openEventStream } from "./eventStream.js";
import type { TurnLog } from "./turnLog.js";

/** What the call routes work with. */
export interface CallRoutesDeps {
  readonly callFlow: CallFlow;
  readonly engine: CallEngine;
  readonly turnLog: TurnLog;
  readonly diagrams: Diagrams;
  readonly calls: CallBook;
  readonly clock: () => number;
}

/** Where a call goes: the number dialed, its region if any, and the line's clock when it comes in. */
interface Place {
  readonly to: string;
  readonly region: string | undefined;
  readonly at: number;
}

/**
 * The routes under `/api/calls`: place a call (`POST /`), follow it (`GET /:callSid/events`, Server-Sent
 * Events), act as its caller (`POST /:callSid/input`) and change how its transfers end (`POST /:callSid/dial`).
 */
export function createCallRoutes(deps: CallRoutesDeps): Router {
  const router = Router();
  const json = express.json({ limit: "4kb" });
  router.post("/", json, (req, res) => placeCall(deps, req, res));
  router.get("/:callSid/events", (req, res) => {
    const call = deps.calls.get(req.params.callSid);
    if (call) streamEvents(call, req, res);
    else res.status(404).type("text/plain").send("No such call: it ended long ago, or the console restarted.");
  });
  router.post("/:callSid/input", json, (req, res) => {
    const call = deps.calls.get(req.params.callSid);
    if (call) takeInput(call, req, res);
    else res.status(404).json({ error: "No such call." });
  });
  router.post("/:callSid/dial", json, (req, res) => {
    const call = deps.calls.get(req.params.callSid);
    if (call) changeDial(call, req, res);
    else res.status(404).json({ error: "No such call." });
  });
  return router;
}

/** `POST /api/calls`: checks the call asked for, opens it and runs it on the line in the background. */
function placeCall(deps: CallRoutesDeps, req: Request, res: Response): void {
  const parsed = newCallSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: describeProblems(parsed.error) });
    return;
  }
  if (deps.calls.isFull()) {
    res.status(429).json({ error: `At most ${MAX_CALLS} calls at once: hang up one first.` });
    return;
  }
  const { to, at: wallClock, timeZone, dial } = parsed.data;
  const region = deps.callFlow.directory.regionByInbound.get(to);
  let at: number;
  try {
    at = wallClock ? parseLocalTime(wallClock, region?.timeZone ?? timeZone ?? "UTC") : deps.clock();
  } catch (error) {
    res.status(400).json({ error: `at: ${(error as Error).message}` });
    return;
  }
  const call = deps.calls.open(dial);
  runCall(deps, call, { to, region: region?.id, at });
  res.status(201).json({ callSid: call.callSid, events: `/api/calls/${call.callSid}/events` });
}

/** Runs a call on the line; its transcript and its turn records (placed on the diagram) become the call's events. */
function runCall(deps: CallRoutesDeps, call: ConsoleCall, place: Place): void {
  const stop = followTurns(deps, call, place.region);
  deps.engine
    .placeCall({
      callSid: call.callSid,
      to: place.to,
      at: place.at,
      dial: () => call.dial,
      caller: call.caller,
      onStart: (start) => call.emit("call", { ...start, from: undefined }),
      onEntry: (entry) => call.emit("entry", entry),
    })
    .then(
      (transcript) => call.finish(transcript.outcome),
      (error: unknown) => call.finish({ kind: "failed", reason: error instanceof Error ? error.message : "unknown" }),
    )
    .finally(stop);
}

/**
 * Sends the call's turn records to its pages, each placed on the diagram of `region` (every region's when
 * undefined); returns the function that stops it.
 */
export function followTurns(
  deps: Pick<CallRoutesDeps, "turnLog" | "diagrams">,
  call: ConsoleCall,
  region: string | undefined,
): () => void {
  const trace = createPathTracer(deps.diagrams.graphFor(region));
  return deps.turnLog.subscribe(call.callSid, ({ callSid: _sid, ...record }) =>
    call.emit("turn", { ...record, ...trace(record) }),
  );
}

/** `GET /api/calls/:callSid/events`: the call's events after the page's `Last-Event-ID`, then each new one. */
function streamEvents(call: ConsoleCall, req: Request, res: Response): void {
  const stream = openEventStream(req, res);
  const lastId = Number(req.get("Last-Event-ID") ?? 0);
  stream.onClose(call.watch((event) => stream.send(event), Number.isFinite(lastId) ? lastId : 0));
}

/** `POST /api/calls/:callSid/input`: the caller presses, says something, stays silent or hangs up. */
function takeInput(call: ConsoleCall, req: Request, res: Response): void {
  const parsed = inputSchema.safeParse(req.body);
  if (!parsed.success) res.status(400).json({ error: describeProblems(parsed.error) });
  else if (!call.input(parsed.data)) res.status(409).json({ error: "The call is over." });
  else res.status(202).json({ ok: true });
}

/** `POST /api/calls/:callSid/dial`: how the call's next transfer ends. */
function changeDial(call: ConsoleCall, req: Request, res: Response): void {
  const parsed = dialSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: describeProblems(parsed.error) });
    return;
  }
  call.dial = parsed.data.dial;
  res.status(202).json({ ok: true });
}
