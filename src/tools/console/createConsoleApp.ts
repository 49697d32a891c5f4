import { fileURLToPath } from "node:url";
import express, { type Express } from "express";
import { type CallbackRoutesDeps, createCallbackRoutes } from "./callbackRoutes.js";
import { type CallRoutesDeps, createCallRoutes } from "./callRoutes.js";
import type { ConsoleLine } from "./describeConsoleLine.js";
import { requireSameOrigin } from "./sameOrigin.js";

const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

/** What the console's app serves: the line as the page sees it, and what its calls work with. */
export interface ConsoleAppDeps extends CallRoutesDeps, CallbackRoutesDeps {
  readonly line: ConsoleLine;
}

/**
 * The console's HTTP app: the page (`public/`), the line (`GET /api/line`), its diagrams
 * (`GET /api/diagram.svg?region=`), its calls (`/api/calls`) and the call-backs they asked for (`/api/callbacks`).
 * Answers only to its own address.
 */
export function createConsoleApp(deps: ConsoleAppDeps): Express {
  const { directory } = deps.callFlow;
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requireSameOrigin);
  app.use(express.static(PUBLIC_DIR, { index: "index.html", maxAge: 0 }));
  app.get("/api/line", (_req, res) => {
    res.json(deps.line);
  });
  app.get("/api/diagram.svg", async (req, res, next) => {
    const region = typeof req.query.region === "string" && req.query.region !== "" ? req.query.region : undefined;
    if (region !== undefined && !directory.regionById.has(region)) {
      res.status(404).type("text/plain").send(`No region "${region}" in ${directory.file}`);
      return;
    }
    try {
      res.type("image/svg+xml").send(await deps.diagrams.svgFor(region));
    } catch (error) {
      next(error);
    }
  });
  app.use("/api/calls", createCallRoutes(deps));
  app.use("/api/callbacks", createCallbackRoutes(deps));
  app.use("/api", (_req, res) => {
    res.status(404).json({ error: "No such API route." });
  });
  return app;
}
