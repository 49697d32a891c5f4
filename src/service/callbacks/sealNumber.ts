import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/** The key numbers are sealed with: 32 bytes (AES-256). */
export type CallbackKey = Buffer;

const PREFIX = "v1";

/**
 * Reads `CALLBACK_ENCRYPTION_KEY`: 32 random bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`).
 * Throws naming what is wrong when it is anything else.
 */
export function parseCallbackKey(text: string): CallbackKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length !== 32)
    throw new Error(
      `must be 32 random bytes as 64 hex digits or base64 (got ${bytes.length} bytes), e.g. the output of \`openssl rand -hex 32\``,
    );
  return bytes;
}

/** A fresh random key, for a line that runs in one process without `CALLBACK_ENCRYPTION_KEY`. */
export function createCallbackKey(): CallbackKey {
  return randomBytes(32);
}

/** Seals a number with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, each base64url; a fresh IV each time. */
export function sealNumber(key: CallbackKey, number: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(number, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [PREFIX, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

/** Opens a sealed number; throws when it was sealed with another key or altered. */
export function openNumber(key: CallbackKey, sealed: string): string {
  const [prefix, iv, tag, body] = sealed.split(".");
  if (prefix !== PREFIX || iv === undefined || tag === undefined || body === undefined)
    throw new Error("not a sealed number (expected v1.<iv>.<tag>.<ciphertext>)");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * The id of the call-back of `number` for `team`: a keyed hash (HMAC-SHA256 with the call-back key), 32 hex
 * digits. One call-back per number and team: asking again finds the same id.
 */
export function identifyCallback(key: CallbackKey, number: string, team: string): string {
  return createHmac("sha256", key).update(`callback|${number}|${team}`).digest("hex").slice(0, 32);
}
