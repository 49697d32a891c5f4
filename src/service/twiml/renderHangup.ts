import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";

/** Ends the call on purpose: used when a transfer completed for a call whose session is gone. */
export function renderHangup(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
