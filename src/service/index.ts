/**
 * The service's one door: everything a tool, the bench or a script may use of the service is exported here and
 * nowhere else (`npm run lint` refuses any other import across the wall, and a service file importing a tool).
 */
export { createApp } from "./app.js";
export { assertNever } from "./assertNever.js";
export type { CallbackAsk, CallbackDeskDeps } from "./callbacks/callbackDesk.js";
export { CallbackDesk } from "./callbacks/callbackDesk.js";
export type { CallbackQueue, CallbackTask, CallbackWorker, QueuedCallback } from "./callbacks/callbackQueue.js";
export { checkCallbackNumber, spellDigits } from "./callbacks/checkCallbackNumber.js";
export { createCallbackDesk } from "./callbacks/createCallbackDesk.js";
export { chooseCallbackQueue, requireSharedQueue } from "./callbacks/createCallbackQueue.js";
export { MemoryCallbackQueue } from "./callbacks/memoryQueue.js";
export type { OutboundCall, PlaceCall } from "./callbacks/placeCall.js";
export { createCallPlacer, TWILIO_API_ORIGIN } from "./callbacks/placeCall.js";
export { RedisCallbackQueue } from "./callbacks/redisQueue.js";
export {
  type CallbackKey,
  createCallbackKey,
  identifyCallback,
  openNumber,
  parseCallbackKey,
  sealNumber,
} from "./callbacks/sealNumber.js";
export { startCallbackWorker } from "./callbacks/startCallbackWorker.js";
export { LINE_FILES } from "./config/lineFiles.js";
export type { Config } from "./config/loadConfig.js";
export { loadConfig } from "./config/loadConfig.js";
export { readEnvFile } from "./config/readEnvFile.js";
export { parseJsonText } from "./config/readJsonFile.js";
export type { DialStatus, FinalCallStatus } from "./contract/dialStatus.js";
export { DIAL_STATUSES, dialStatusSchema, isCallOver, isConnected } from "./contract/dialStatus.js";
export type {
  CallbackFacts,
  CallbackRecord,
  CallEndedRecord,
  CallEvent,
  ConfidenceBand,
  InputChannel,
  LoggedEvent,
  LoggedTurn,
  RestartReason,
  TurnEvent,
  TurnRecord,
  TurnResult,
} from "./contract/eventSchema.js";
export {
  callEndedEventSchema,
  EVENT_MESSAGES,
  EVENT_VERSION,
  eventSchema,
  looseEventSchema,
  looseTurnEventSchema,
  turnEventSchema,
} from "./contract/eventSchema.js";
export type { ActionIdentity, OptionIdentity } from "./contract/optionIdentity.js";
export {
  actionIdentitySchema,
  formatAction,
  formatOption,
  isSameAction,
  OTHER_LANGUAGE,
  optionIdentitySchema,
} from "./contract/optionIdentity.js";
export type {
  CallContext,
  EndedCall,
  Notice,
  PersistedCall,
  PromptStyle,
  SessionRecord,
  StoredSession,
  TransferTarget,
} from "./contract/sessionSchema.js";
export {
  callContextSchema,
  noticeSchema,
  persistedCallSchema,
  sessionRecordSchema,
  transferTargetSchema,
} from "./contract/sessionSchema.js";
export type { Ending, NonMenuState, StateId } from "./contract/stateIds.js";
export {
  CALLBACK_CONFIRM,
  CALLBACK_DONE,
  CALLBACK_GREETING,
  CALLBACK_NUMBER,
  CALLBACK_READ_BACK,
  ENDED,
  findEnding,
  GOODBYE,
  INTERPRETER_CLOSED,
  isCallbackState,
  isFinishedState,
  isGoodbye,
  isMenuState,
  isTransferred,
  isTransferring,
  NON_MENU_STATES,
  START,
  TRANSFER,
} from "./contract/stateIds.js";
export { formatPhone } from "./directory/formatPhone.js";
export { describeHours, findUtcOffset, parseLocalTime, toLocalTime } from "./directory/hours.js";
export { reviewDirectory } from "./directory/loadDirectory.js";
export {
  findLine,
  findRegion,
  isTeamOpen,
  listCautions,
  numberToDial,
  serviceRegionOf,
} from "./directory/queryDirectory.js";
export { directoryFileSchema } from "./directory/schema.js";
export { shortenRegionName, withoutArticle } from "./directory/shortenRegionName.js";
export { StartupError } from "./errors.js";
export type { CallbackSettings } from "./flow/callbackSchema.js";
export { CALLBACK_FALLBACKS } from "./flow/callbackSchema.js";
export { applyEvent, startCall } from "./flow/callSteps.js";
export type { CallFlow, CallMachine } from "./flow/compileFlow.js";
export type { CompiledMenu, CompiledOption, OptionAction } from "./flow/compileMenus.js";
export { collectHoursWords } from "./flow/hoursWords.js";
export { KEY_WORDS } from "./flow/keyPlaceholders.js";
export { listFullLanguages } from "./flow/languages.js";
export { reviewFlow } from "./flow/loadFlow.js";
export { matchInput } from "./flow/matchInput.js";
export { matchOption } from "./flow/matchOption.js";
export { flowFileSchema } from "./flow/schema.js";
export { closeGracefully } from "./http/closeGracefully.js";
export { startServer } from "./http/startServer.js";
export type { LineOrigin } from "./line/lineOrigin.js";
export { createLineRegistry } from "./line/lineRegistry.js";
export { compileLine, readLineSource } from "./line/lineSource.js";
export { loadCallFlow } from "./line/loadCallFlow.js";
export { watchLineFiles } from "./line/watchLineFiles.js";
export { createLogger } from "./log/createLogger.js";
export { redactUrl } from "./log/redactUrl.js";
export { createStdoutDestination } from "./log/stdoutDestination.js";
export { countCallEvent } from "./metrics/countCallEvent.js";
export { countReload, showLine } from "./metrics/countReload.js";
export type { Metrics } from "./metrics/createMetrics.js";
export { createMetrics } from "./metrics/createMetrics.js";
export { measureStore } from "./metrics/measureStore.js";
export { startMetricsServer } from "./metrics/startMetricsServer.js";
export { E164_PATTERN } from "./phone.js";
export { followPublished } from "./publish/followPublished.js";
export { openPublishedLines, readPublishSettings } from "./publish/openPublishedLines.js";
export type { Publication, PublishOutcome } from "./publish/publication.js";
export { publicationSchema } from "./publish/publication.js";
export type { PublishedLines } from "./publish/publishedLines.js";
export { describeRedisTarget } from "./redis/redisTarget.js";
export { redisTargetOf } from "./redis/redisTargetOf.js";
export { createStore } from "./session/createStore.js";
export { MemoryStore } from "./session/memoryStore.js";
export { isLive } from "./session/sessionRecord.js";
export { webhookParamsSchema } from "./turn/webhookParams.js";
export type { SpeechBook } from "./twiml/composeSpeech.js";
export { composeSpeech } from "./twiml/composeSpeech.js";
export type { RenderInput } from "./twiml/renderInput.js";
export { keyOfRenderInput, toRenderInput } from "./twiml/renderInput.js";
export { renderTwiml } from "./twiml/renderTwiml.js";
export type {
  Directory,
  FlowEvent,
  Lang,
  LineSource,
  MachineEvent,
  Region,
  RegionId,
  Schedule,
  TeamId,
  TeamLine,
  Weekday,
} from "./types.js";
