import { describe, expect, test } from "vitest";
import type { z } from "zod";
import {
  callContextSchema,
  type Notice,
  noticeSchema,
  persistedCallSchema,
  type SessionRecord,
  sessionRecordSchema,
  transferTargetSchema,
} from "../../src/service/contract/sessionSchema.js";
import { startCall } from "../../src/service/flow/callSteps.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { parseSession, SESSION_RECORD_VERSION, serializeSession } from "../../src/service/session/sessionRecord.js";
import { advanceCall, SATURDAY, WEEKDAY_OPEN } from "../fixtures/flowFixtures.js";
import { sharedCallFlow } from "../support/createTestApp.js";

const callFlow = sharedCallFlow();

/**
 * A value of `schema` with every field it knows filled in (optional and nullable ones too), read from the
 * schema itself: a field added to the contract is in the sample without touching this test.
 */
function sampleOf(schema: z.ZodType, variant = 0): unknown {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => sampleOf(def[key] as z.ZodType, variant);
  switch (def.type) {
    case "string":
      return `text${variant}`;
    case "number":
      return 3 + variant;
    case "boolean":
      return variant % 2 === 0;
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, string>)[variant % Object.keys(def.entries as object).length];
    case "optional":
    case "nullable":
    case "default":
      return inner("innerType");
    case "array":
      return [inner("element")];
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => [key, sampleOf(field, variant)]),
      );
    case "union": {
      const options = def.options as z.ZodType[];
      return sampleOf(options[variant % options.length] as z.ZodType, variant);
    }
    default:
      throw new Error(`sampleOf: a ${def.type} field; teach this test its sample`);
  }
}

/** A call in progress whose context has every field of the contract set. */
function fullRecord(variant = 0): SessionRecord {
  const call = sampleOf(persistedCallSchema, variant) as SessionRecord["call"];
  return sessionRecordSchema.parse({ turn: 2 + variant, version: `version${variant}`, call });
}

describe("the session record: one schema, saved and read back whole", () => {
  test("the sample fills every field of the contract, optional ones too", () => {
    const { context } = fullRecord().call;
    expect(Object.keys(context).sort()).toEqual(Object.keys(callContextSchema.shape).sort());
    expect(Object.keys(context.transfer ?? {}).sort()).toEqual(Object.keys(transferTargetSchema.shape).sort());
  });

  test.each([0, 1, 2, 3, 4, 5])("variant %i: every field survives serialising and parsing", (variant) => {
    const record = fullRecord(variant);
    expect(parseSession(serializeSession(record))).toEqual(record);
  });

  test("every field survives a save and load in the memory store", async () => {
    const store = new MemoryStore({ sweepIntervalMs: 0 });
    const record = fullRecord();
    await store.commit("CA-full", record, 60, null);
    expect(await store.load("CA-full")).toEqual(record);
    await store.close();
  });

  test.each(noticeSchema.options.map((option) => [option.shape.kind.value, option] as const))(
    "a %s notice is read back as itself, never as no session",
    (_kind, option) => {
      const notice = sampleOf(option) as Notice;
      const record = fullRecord();
      const withNotice: SessionRecord = {
        ...record,
        call: { ...record.call, context: { ...record.call.context, notices: [notice, notice] } },
      };
      const read = parseSession(serializeSession(withNotice));
      expect(read).toEqual(withNotice);
    },
  );

  test.each([
    ["a notice of a kind the contract does not have", { notices: [{ kind: "mystery" }] }],
    ["a closed notice without its team", { notices: [{ kind: "closed", region: "x", open: [] }] }],
    ["a prompt style it does not have", { prompt: "medium" }],
    ["a negative attempt", { transfer: { team: "pharmacy", region: "northwest", attempt: -1 } }],
    ["a state with no name", {}, ""],
  ])("a record with %s reads as no session (the call starts over)", (_what, change, value = "main") => {
    const record = fullRecord();
    const context: Record<string, unknown> = { ...record.call.context, ...change };
    const json = JSON.stringify({ v: SESSION_RECORD_VERSION, ...record, call: { value, context } });
    expect(parseSession(json)).toBeUndefined();
  });

  test.each([
    ["a call in the main menu", WEEKDAY_OPEN, []],
    ["a transfer with an announcement (behavioral health, 988)", WEEKDAY_OPEN, ["4"]],
    ["a transfer with an interpreter", WEEKDAY_OPEN, ["8", "4"]],
    ["a team closed (its notice)", SATURDAY, ["1"]],
  ] as const)("%s: the machine keeps no field the stored shape would drop", (_what, at, keys) => {
    const call = keys.reduce(
      (c, k) => advanceCall(callFlow, c, { type: "KEY", digits: k, now: at }),
      startCall(callFlow, { region: "hawaii", now: at }),
    );
    const record: SessionRecord = { turn: 2, version: callFlow.version, call };
    expect(parseSession(serializeSession(record))).toEqual(record);
    const shape: Record<string, { safeParse(v: unknown): { success: boolean } }> = callContextSchema.shape;
    expect(Object.keys(call.context).filter((k) => !Object.hasOwn(shape, k))).toEqual([]);
    // A field the machine leaves out (the call-back's, on calls without one) is one the stored shape may miss.
    const left = Object.keys(shape).filter((k) => !Object.hasOwn(call.context, k));
    expect(left.filter((k) => !shape[k]?.safeParse(undefined).success)).toEqual([]);
    for (const key of Object.keys(call.context.transfer ?? {})) expect(transferTargetSchema.shape).toHaveProperty(key);
  });
});
