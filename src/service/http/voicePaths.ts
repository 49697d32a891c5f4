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
} as const;
