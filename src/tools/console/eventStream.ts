import type { Request, Response } from "express";

const HEARTBEAT_MS = 20_000;

/** One Server-Sent Event: its type, its data (sent as JSON) and, for a stream a page may resume, its id. */
export interface StreamedEvent {
  readonly id?: number;
  readonly type: string;
  readonly data: unknown;
}

/** A stream of events open to a page. */
export interface EventStream {
  send(event: StreamedEvent): void;
  /** Runs `stop` when the page goes away. */
  onClose(stop: () => void): void;
}

/**
 * Answers `req` with a stream of Server-Sent Events: the page reconnects a second after a drop, and a comment
 * every 20 s keeps proxies from closing a quiet stream.
 */
export function openEventStream(req: Request, res: Response): EventStream {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
  });
  res.write("retry: 1000\n\n");
  const heartbeat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
  const stops: (() => void)[] = [() => clearInterval(heartbeat)];
  req.on("close", () => {
    for (const stop of stops) stop();
  });
  return {
    send(event) {
      const id = event.id === undefined ? "" : `id: ${event.id}\n`;
      res.write(`${id}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    },
    onClose(stop) {
      stops.push(stop);
    },
  };
}
