/** Every webhook route of the line, in one place: Twilio is configured with these paths. */
export const VOICE_PATHS = {
  /** The incoming call (the number's "A call comes in" webhook). */
  incoming: "/voice",
  /** Every later turn: gather results, silence, dial results. */
  turn: "/voice/turn",
  /** Where the safe answer leads: starts the flow over and applies the input. */
  recover: "/voice/recover",
  /** Twilio's status callback: the call ended. */
  status: "/voice/status",
  /** A call the line placed to return a call-back: the member answered (`?id=…&try=…`). */
  callback: "/voice/callback",
  /** The status callback of a call the line placed: its outcome (answered, busy, no-answer, failed). */
  callbackStatus: "/voice/callback/status",
} as const;
