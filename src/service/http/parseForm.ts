import express, { type RequestHandler } from "express";

/** Most form parameters accepted; Twilio sends about 30. */
const PARAMETER_LIMIT = 200;

/**
 * Parses an `application/x-www-form-urlencoded` body into `req.body` (a plain object of strings), as
 * Twilio posts its webhooks, with Node's own WHATWG `URLSearchParams`. The body is read by Express's
 * `text` parser (size limit, charset, 413/415 as Express answers them). A body with more than 200
 * parameters is refused with 413. Other content types leave `req.body` undefined.
 */
export function parseForm(limit: string): RequestHandler[] {
  return [
    express.text({ type: "application/x-www-form-urlencoded", limit }),
    (req, _res, next) => {
      if (typeof req.body !== "string") {
        req.body = undefined;
        return next();
      }
      const params = new URLSearchParams(req.body);
      const body: Record<string, string> = Object.create(null);
      let count = 0;
      for (const [name, value] of params) {
        if (++count > PARAMETER_LIMIT)
          return next(Object.assign(new Error("too many parameters"), { status: 413, type: "parameters.too.many" }));
        body[name] = value;
      }
      req.body = body;
      next();
    },
  ];
}
