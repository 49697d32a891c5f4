import type { RequestListener } from "node:http";
import type { CallRegion, TransferNames } from "./transcript.js";
import { createHttpTransport, listenOnLoopback, type Transport } from "./transport.js";

/** What a line can tell about its own numbers, to name regions and teams in transcripts. */
export interface LineDescriber {
  /** The region a dialed number reaches, if it is one of the line's. */
  regionOf(to: string): CallRegion | undefined;
  /** Who a call's transfer to `number` reaches; `{}` when that cannot be told. */
  transferOf(call: { readonly callSid: string; readonly to: string }, number: string): Promise<TransferNames>;
}

/** How every line is reached and signed for, whatever carries the requests. */
interface LineSettings {
  /** The Twilio auth token the line checks signatures with; requests go unsigned without one. */
  readonly token?: string | undefined;
  /**
   * The base URL the line believes it is called at (its `PUBLIC_BASE_URL`): what is signed, and where
   * relative TwiML URLs resolve. Defaults to where requests are delivered (`url`, or the loopback port).
   */
  readonly publicBaseUrl?: string | undefined;
  /** The line's clock, epoch ms: a transcript's `startedAt`. Give the clock the app was created with. */
  readonly clock?: () => number;
  /** Names regions and teams in transcripts; without one, transcripts show numbers only. */
  readonly describer?: LineDescriber | undefined;
  /** The incoming-call webhook's path; defaults to `/voice`. */
  readonly voicePath?: string;
  /** The status callback's path; defaults to `/voice/status`. */
  readonly statusPath?: string;
}

/** Where the line is: an app served in this process, a running server, or a transport of one's own. */
export type LineOptions = LineSettings &
  (
    | {
        /** An app (e.g. `createApp(…)`) served on one ephemeral loopback port for every call on the line. */
        readonly app: RequestListener;
      }
    | {
        /** The base URL of a running server, e.g. `http://localhost:3000`. */
        readonly url: string;
      }
    | {
        /** Delivers the requests itself; `publicBaseUrl` is then required. */
        readonly transport: Transport;
        readonly publicBaseUrl: string;
      }
  );

/** A line calls are placed on: where Twilio's requests go, how they are signed, and what it can tell. */
export interface Line {
  /** The base URL requests are addressed and signed to. */
  readonly baseUrl: string;
  /** The incoming-call webhook's URL. */
  readonly voiceUrl: string;
  /** The status callback's URL. */
  readonly statusUrl: string;
  readonly token: string | undefined;
  readonly clock: () => number;
  readonly describer: LineDescriber | undefined;
  readonly transport: Transport;
  /** Closes the connections (and the loopback server of an in-process line). */
  close(): Promise<void>;
}

/**
 * Opens a line to place calls on with `simulateCall`: many calls, one after another or at once, share
 * its connections (and, for an in-process app, its one loopback port). Close it when done.
 */
export async function openLine(options: LineOptions): Promise<Line> {
  let transport: Transport;
  let baseUrl: string;
  let stop = async () => {};
  if ("app" in options) {
    const server = await listenOnLoopback(options.app);
    baseUrl = options.publicBaseUrl ?? server.url;
    transport = createHttpTransport({ target: server.url, publicBaseUrl: baseUrl });
    stop = () => server.close();
  } else if ("url" in options) {
    baseUrl = options.publicBaseUrl ?? options.url;
    transport = createHttpTransport({ target: options.url, publicBaseUrl: baseUrl });
  } else {
    baseUrl = options.publicBaseUrl;
    transport = options.transport;
  }
  baseUrl = baseUrl.replace(/\/+$/, "");
  return {
    baseUrl,
    voiceUrl: `${baseUrl}${options.voicePath ?? "/voice"}`,
    statusUrl: `${baseUrl}${options.statusPath ?? "/voice/status"}`,
    token: options.token,
    clock: options.clock ?? Date.now,
    describer: options.describer,
    transport,
    async close() {
      await transport.close();
      await stop();
    },
  };
}
