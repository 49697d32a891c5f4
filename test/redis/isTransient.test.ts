import { describe, expect, test } from "vitest";
import { isTransient } from "../../src/service/redis/isTransient.js";

/** An error as ioredis hands over a server's error reply. */
function reply(message: string): Error {
  const error = new Error(message);
  error.name = "ReplyError";
  return error;
}

describe("isTransient: worth another try, or final", () => {
  test.each([
    ["the connection closed", new Error("Connection is closed."), true],
    ["no connection, no queue", new Error("Stream isn't writeable and enableOfflineQueue options is false"), true],
    ["a try that timed out", new Error("Command timed out"), true],
    [
      "the connection refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6390"), { code: "ECONNREFUSED" }),
      true,
    ],
    ["a demoted primary", reply("READONLY You can't write against a read only replica."), true],
    ["a replica loading its data", reply("LOADING Redis is loading the dataset in memory"), true],
    [
      "a replica cut from its primary",
      reply("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
      true,
    ],
    [
      "a WAIT ended by a role change",
      reply("UNBLOCKED force unblock from blocking operation, instance state changed"),
      true,
    ],
    ["a wrong type", reply("WRONGTYPE Operation against a key holding the wrong kind of value"), false],
    ["a script's error", reply("ERR user_script:3: Script attempted to access nonexistent global variable"), false],
    ["not an error at all", "READONLY", false],
  ])("%s → %s", (_name, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});
