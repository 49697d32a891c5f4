import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { CallFlow } from "../../service/index.js";
import { createLogger, parseLocalTime, shortenRegionName } from "../../service/index.js";
import { buildFlowGraph } from "../diagram/buildFlowGraph.js";
import type { FlowGraph } from "../diagram/flowGraph.js";
import { renderSvg } from "../diagram/renderSvg.js";
import { createPathTracer } from "../diagram/tracePath.js";
import { createCallEngine, createConsoleCallSid } from "./callEngine.js";
import { ConsoleCall } from "./consoleCall.js";
import { createTurnLog } from "./turnLog.js";

/** How to start the console. */
export interface ConsoleOptions {
  readonly callFlow: CallFlow;
  /** Port to listen on; 0 for any free one. Defaults to 3100. */
  readonly port?: number;
  /** Address to listen on; defaults to loopback only. */
  readonly host?: string;
  /** Where the line's warnings and errors go; defaults to stderr. */
  readonly problems?: NodeJS.WritableStream;
  /** The console's own clock, for dropping old calls; defaults to `Date.now`. */
  readonly clock?: () => number;
}

/** A running console. */
export interface RunningConsole {
  /** Its address, e.g. `http://127.0.0.1:3100`. */
  readonly url: string;
  /** Hangs up every call and stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_CONSOLE_PORT = 3100;
/** A number no region answers: the caller hears the region menu. Fictional (555). */
export const UNKNOWN_NUMBER = "+15555550000";
/** Calls at once; more get 429. */
const MAX_CALLS = 20;
/** A call no page has watched this long is hung up. */
const UNWATCHED_MS = 60_000;
/** An ended call is kept this long for a page that reconnects. */
const KEEP_ENDED_MS = 10 * 60_000;
const SWEEP_MS = 15_000;
const HEARTBEAT_MS = 20_000;
const DIAL_RESULTS = ["answered", "busy", "no-answer", "failed"] as const;

const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

const newCallSchema = z
  .object({
    to: z.string().regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 number like +15035550100"),
    at: z.string().optional().describe("Wall-clock time in the line's zone, e.g. 2026-11-28T10:00; now if absent."),
    timeZone: z.string().optional().describe("Zone of `at` when the number is in no region (the browser's)."),
    dial: z.enum(DIAL_RESULTS).default("answered"),
  })
  .strict();

const dialSchema = z.object({ dial: z.enum(DIAL_RESULTS) }).strict();

const inputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("press"), digits: z.string().regex(/^[0-9*#]{1,20}$/, "keys 0-9, * and #") }).strict(),
  z.object({ kind: z.literal("say"), text: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal("silence") }).strict(),
  z.object({ kind: z.literal("hangup") }).strict(),
]);

/**
 * Starts the operator's console: a page with a phone, the transcript and the flow diagram, and the
 * JSON API and event streams behind it. Each call runs through the app's real webhooks (signed, in
 * process); the app's turn records light the diagram. Listens on loopback only unless told otherwise.
 * A development and review tool: never mounted on the production webhook server.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const { callFlow } = options;
  const clock = options.clock ?? Date.now;
  const turnLog = createTurnLog(options.problems ?? process.stderr);
  const engine = createCallEngine(callFlow, createLogger("info", turnLog.stream));
  const calls = new Map<string, ConsoleCall>();
  const graphs = new Map<string, FlowGraph>();
  const svgs = new Map<string, Promise<string>>();
  const graphFor = (region: string | undefined) => {
    const key = region ?? "";
    let graph = graphs.get(key);
    if (!graph) {
      graph = buildFlowGraph(callFlow, region ? { region } : {});
      graphs.set(key, graph);
    }
    return graph;
  };
  const { directory } = callFlow;
  if (directory.regionByInbound.has(UNKNOWN_NUMBER))
    throw new Error(`${directory.file} lists ${UNKNOWN_NUMBER}, the console's number "not in the directory"`);

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(sameOrigin);
  app.use(express.static(PUBLIC_DIR, { index: "index.html", maxAge: 0 }));

  app.get("/api/line", (_req, res) => {
    res.json({
      numbers: [
        ...directory.regions.flatMap((region) =>
          region.inbound.map((number) => ({
            number,
            region: region.id,
            regionName: shortenRegionName(region),
            timeZone: region.timeZone,
          })),
        ),
        { number: UNKNOWN_NUMBER, region: null, regionName: null, timeZone: null },
      ],
      dialResults: DIAL_RESULTS,
      languages: Object.fromEntries(Object.entries(callFlow.flow.languages).map(([id, l]) => [id, l.language])),
    });
  });

  app.get("/api/diagram.svg", async (req, res, next) => {
    const region = typeof req.query.region === "string" && req.query.region !== "" ? req.query.region : undefined;
    if (region !== undefined && !directory.regionById.has(region)) {
      res.status(404).type("text/plain").send(`No region "${region}" in ${directory.file}`);
      return;
    }
    try {
      const key = region ?? "";
      let svg = svgs.get(key);
      if (!svg) {
        svg = renderSvg(graphFor(region));
        svgs.set(key, svg);
      }
      res.type("image/svg+xml").send(await svg);
    } catch (error) {
      next(error);
    }
  });

  const json = express.json({ limit: "4kb" });

  app.post("/api/calls", json, (req, res) => {
    const parsed = newCallSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: problems(parsed.error) });
      return;
    }
    if ([...calls.values()].filter((c) => !c.ended).length >= MAX_CALLS) {
      res.status(429).json({ error: `At most ${MAX_CALLS} calls at once: hang up one first.` });
      return;
    }
    const { to, dial } = parsed.data;
    const region = directory.regionByInbound.get(to);
    let at: number;
    try {
      const zone = region?.timeZone ?? parsed.data.timeZone ?? "UTC";
      at = parsed.data.at ? parseLocalTime(parsed.data.at, zone) : clock();
    } catch (error) {
      res.status(400).json({ error: `at: ${(error as Error).message}` });
      return;
    }
    const callSid = createConsoleCallSid();
    const call = new ConsoleCall(callSid, dial, clock);
    calls.set(callSid, call);
    const trace = createPathTracer(graphFor(region?.id));
    const stop = turnLog.subscribe(callSid, ({ callSid: _sid, ...record }) =>
      call.emit("turn", { ...record, ...trace(record) }),
    );
    engine
      .placeCall({
        callSid,
        to,
        at,
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
    res.status(201).json({ callSid, events: `/api/calls/${callSid}/events` });
  });

  app.get("/api/calls/:callSid/events", (req, res) => {
    const call = calls.get(req.params.callSid);
    if (!call) {
      res.status(404).type("text/plain").send("No such call: it ended long ago, or the console restarted.");
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    res.write("retry: 1000\n\n");
    const lastId = Number(req.get("Last-Event-ID") ?? 0);
    const stop = call.watch(
      (event) => res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`),
      Number.isFinite(lastId) ? lastId : 0,
    );
    const heartbeat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
    req.on("close", () => {
      clearInterval(heartbeat);
      stop();
    });
  });

  app.post("/api/calls/:callSid/input", json, (req, res) => {
    const call = calls.get(req.params.callSid);
    if (!call) {
      res.status(404).json({ error: "No such call." });
      return;
    }
    const parsed = inputSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: problems(parsed.error) });
      return;
    }
    if (!call.input(parsed.data)) {
      res.status(409).json({ error: "The call is over." });
      return;
    }
    res.status(202).json({ ok: true });
  });

  app.post("/api/calls/:callSid/dial", json, (req, res) => {
    const call = calls.get(req.params.callSid);
    if (!call) {
      res.status(404).json({ error: "No such call." });
      return;
    }
    const parsed = dialSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: problems(parsed.error) });
      return;
    }
    call.dial = parsed.data.dial;
    res.status(202).json({ ok: true });
  });

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: "No such API route." });
  });

  const sweep = setInterval(() => {
    const now = clock();
    for (const [sid, call] of calls) {
      if (call.endedAt !== undefined && now - call.endedAt > KEEP_ENDED_MS) calls.delete(sid);
      else if (!call.ended && call.unwatchedSince !== undefined && now - call.unwatchedSince > UNWATCHED_MS)
        call.input({ kind: "hangup" });
    }
  }, SWEEP_MS);
  sweep.unref();

  const server: Server = app.listen(options.port ?? DEFAULT_CONSOLE_PORT, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    async close() {
      clearInterval(sweep);
      for (const call of calls.values()) call.input({ kind: "hangup" });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Refuses requests made from another site's page (a form post or a DNS-rebound host name): the
 * console answers only to its own address, `localhost` or loopback.
 */
function sameOrigin(req: Request, res: Response, next: NextFunction): void {
  const host = req.get("host") ?? "";
  const origin = req.get("origin");
  const hostname = host.replace(/:\d+$/, "");
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(hostname) || hostname === req.socket.localAddress;
  if (!local || (origin !== undefined && originHost(origin) !== host)) {
    res.status(403).type("text/plain").send("The console answers only to its own address.");
    return;
  }
  next();
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
