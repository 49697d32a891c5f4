// The floor of `npm run bench`: the least an Express app can do with a Twilio webhook. It parses the
// form body with `express.urlencoded` and answers every POST with the same fixed TwiML, so the
// difference to the real app is the line's own work (signature, session, machine, TwiML).
// Plain JavaScript run by `node` like dist/index.js, so neither pays for a TypeScript loader.
import express from "express";

const port = Number(process.env.PORT ?? 0);
// The document the real app answers an incoming call with (bench/run.ts passes it), so both send
// the same number of bytes; a short fixed document when run by hand.
const twiml =
  process.env.FLOOR_TWIML ?? '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello.</Say><Hangup/></Response>';

const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.get("/healthz", (_req, res) => {
  res.status(200).json({ status: "ok" });
});
app.post("/{*path}", express.urlencoded({ extended: false, limit: "32kb", parameterLimit: 200 }), (_req, res) => {
  res.status(200).type("text/xml").send(twiml);
});
const server = app.listen(port, "127.0.0.1");
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => server.close(() => process.exit(0)));
