/** Replies of a Redis that is changing role or starting: the same command succeeds a moment later, elsewhere. */
const TRANSIENT_REPLY = /^(READONLY|LOADING|MASTERDOWN|TRYAGAIN|UNBLOCKED)\b/;

/**
 * Whether a failed Redis command may succeed if tried again: the connection was lost, refused or timed
 * out, or the server answered that it is not (or no longer) the primary. Any other reply from Redis (a
 * wrong type, a script's error) is final.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "ReplyError") return TRANSIENT_REPLY.test(error.message);
  return true;
}
