/**
 * The Twilio emulator: signs Twilio-shaped webhook requests and follows TwiML as Twilio does, against
 * the member line served in this process or a server running elsewhere. Used by `npm run call`, the
 * tests and the benchmark.
 *
 *   const line = await openLine({ app, token, publicBaseUrl, clock });   // or { url, token }
 *   const transcript = await simulateCall(line, { to: "+15035550100", inputs: [{ kind: "press", digits: "3" }] });
 *   await line.close();
 */
export {
  buildCallParams,
  buildDialParams,
  buildEndedParams,
  buildGatherParams,
  type CallIdentity,
  createCallSid,
  type DialDetails,
  EMULATOR_ACCOUNT_SID,
  type GatherResult,
  type Params,
  type Place,
} from "./callParams.js";
export { describeMemberLine, type SessionTransfer } from "./describeMemberLine.js";
export { type Line, type LineDescriber, type LineOptions, openLine } from "./line.js";
export {
  type CallbackLine,
  type CallbackLineOptions,
  openCallbackLine,
  type SharedCallbacks,
} from "./openCallbackLine.js";
export { loadMemberLineFlow, locateFlowFiles, type MemberLineOptions, openMemberLine } from "./openMemberLine.js";
export { parseTwiml, type TwimlVerb } from "./parseTwiml.js";
export { type DialRequest, type GatherRequest, readDial, readGather, readMethod, resolveUrl } from "./readVerb.js";
export {
  type AnsweredScript,
  OUTBOUND_OUTCOMES,
  type OutboundOutcome,
  type PlacedCall,
  type RestStandIn,
  type RestStandInOptions,
  startRestStandIn,
} from "./restStandIn.js";
export {
  buildWebhookRequest,
  signRequest,
  type WebhookMethod,
  type WebhookRequest,
  type WebhookRequestSpec,
} from "./signRequest.js";
export {
  CALLBACK_FROM,
  type Caller,
  type CallerAction,
  type CallerInput,
  type CallOptions,
  DEFAULT_CONFIDENCE,
  DEFAULT_FROM,
  DEFAULT_MAX_TURNS,
  type Dialer,
  simulateCall,
} from "./simulateCall.js";
export {
  type CallOutcome,
  type CallRegion,
  type CallStart,
  type CallTranscript,
  endedWell,
  type Named,
  type TranscriptEntry,
  type TransferNames,
} from "./transcript.js";
export {
  createHttpTransport,
  type HttpTransportOptions,
  type LoopbackServer,
  listenOnLoopback,
  type Transport,
  type WebhookResponse,
} from "./transport.js";
