import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient.js";

/** Twilio's own REST API: where the client sends its requests unless told otherwise. */
export const TWILIO_API_ORIGIN = "https://api.twilio.com";

/** An outbound call to place: from the region's inbound number, to the member, answered at `url`. */
export interface OutboundCall {
  readonly to: string;
  readonly from: string;
  /** The line's webhook Twilio requests when the member answers. */
  readonly url: string;
  /** Where Twilio posts the outcome (completed, busy, no-answer, failed). */
  readonly statusCallback: string;
  /** Seconds the member's phone rings before Twilio gives up (no-answer). */
  readonly timeout: number;
}

/** Places an outbound call; resolves its Call SID, rejects with Twilio's error. */
export type PlaceCall = (call: OutboundCall) => Promise<string>;

/** The REST client's settings: the account and token, and where the API is (a local stand-in in tests). */
export interface RestSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** `TWILIO_API_BASE_URL`; Twilio's own API by default. */
  readonly apiBaseUrl?: string | undefined;
}

/**
 * A request client that sends Twilio's REST requests to `origin` instead of api.twilio.com (the emulator's
 * stand-in), everything else as the twilio package sends it.
 */
class RedirectedClient extends RequestClient {
  readonly #origin: string;

  constructor(origin: string) {
    super();
    this.#origin = origin.replace(/\/+$/, "");
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const url = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.#origin}${url.pathname}${url.search}` });
  }
}

/**
 * Places calls with the twilio package's REST client (`calls.create`), at Twilio's API or at
 * `apiBaseUrl`. Automatic retries are off: a try that fails is the queue's to try again.
 */
export function createCallPlacer(settings: RestSettings): PlaceCall {
  const origin = settings.apiBaseUrl?.replace(/\/+$/, "");
  const client = twilio(settings.accountSid, settings.authToken, {
    autoRetry: false,
    ...(origin && origin !== TWILIO_API_ORIGIN ? { httpClient: new RedirectedClient(origin) } : {}),
  });
  return async (call) => {
    const created = await client.calls.create({
      to: call.to,
      from: call.from,
      url: call.url,
      method: "POST",
      statusCallback: call.statusCallback,
      statusCallbackMethod: "POST",
      statusCallbackEvent: ["completed"],
      timeout: call.timeout,
    });
    return created.sid;
  };
}
