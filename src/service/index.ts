/**
 * The service's one door: everything a tool, the bench or a script may use of the service is exported here and
 * nowhere else (`npm run lint` refuses any other import across the wall, and a service file importing a tool).
 */
export { createApp } from "./app.js";
export { assertNever } from "./assertNever.js";
export type { Config } from "./config/loadConfig.js";
export { loadConfig } from "./config/loadConfig.js";
export { readEnvFile } from "./config/readEnvFile.js";
export { parseJsonText } from "./config/readJsonFile.js";
export type { CallEvent } from "./contract/eventSchema.js";
export { DIAL_STATUSES, EVENT_MESSAGES, EVENT_VERSION, eventSchema } from "./contract/eventSchema.js";
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
export { shortenRegionName } from "./directory/shortenRegionName.js";
export { StartupError } from "./errors.js";
export { advanceCall, applyEvent, startCall } from "./flow/advanceCall.js";
export type { CallFlow } from "./flow/compileFlow.js";
export { ENDED, GOODBYE, INTERPRETER_CLOSED, TRANSFER } from "./flow/compileFlow.js";
export type { CompiledMenu, CompiledOption, OptionAction } from "./flow/compileMenus.js";
export { collectHoursWords } from "./flow/hoursWords.js";
export { listFullLanguages } from "./flow/languages.js";
export { reviewFlow } from "./flow/loadFlow.js";
export { matchInput } from "./flow/matchInput.js";
export { matchOption } from "./flow/matchOption.js";
export { flowFileSchema } from "./flow/schema.js";
export { closeGracefully } from "./http/closeGracefully.js";
export { startServer } from "./http/startServer.js";
export { createLineRegistry } from "./line/lineRegistry.js";
export { compileLine, readLineSource } from "./line/lineSource.js";
export { loadCallFlow } from "./line/loadCallFlow.js";
export { watchLineFiles } from "./line/watchLineFiles.js";
export { createLogger } from "./log/createLogger.js";
export { redactUrl } from "./log/redactUrl.js";
export { createStdoutDestination } from "./log/stdoutDestination.js";
export { countReload, showLine } from "./metrics/countReload.js";
export type { Metrics } from "./metrics/createMetrics.js";
export { createMetrics } from "./metrics/createMetrics.js";
export { measureStore } from "./metrics/measureStore.js";
export { startMetricsServer } from "./metrics/startMetricsServer.js";
export { E164_PATTERN } from "./phone.js";
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
  DialStatus,
  Directory,
  Lang,
  LineSource,
  MachineEvent,
  PersistedCall,
  Region,
  RegionId,
  Schedule,
  SessionRecord,
  TeamId,
  TeamLine,
  Weekday,
} from "./types.js";
