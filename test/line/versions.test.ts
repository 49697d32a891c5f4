import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createLineRegistry, type LineRegistry } from "../../src/service/line/lineRegistry.js";
import { compileLine, readLineSource } from "../../src/service/line/lineSource.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import type { SessionStore } from "../../src/service/session/sessionStore.js";
import { createTestApp, DIRECTORY_FILE, FLOW_FILE, OPEN_HOURS } from "../support/createTestApp.js";
import {
  connectedRedisStore,
  deletePrefix,
  REDIS_URL,
  redisSuite,
  uniquePrefix,
  warnIfRedisSkipped,
} from "../support/redis.js";
import { region } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";

warnIfRedisSkipped("test/line/versions.test.ts");

/**
 * Flow versions: a change to the line (here: keys 3 and 4 of the main menu swapped) is served to new
 * calls at once, while calls in progress finish on the version they started on.
 */
const NORTHWEST = region("northwest");
const PHARMACY = NORTHWEST.dials["3"];
const BEHAVIORAL = NORTHWEST.dials["4"];
const dir = mkdtempSync(join(tmpdir(), "line-versions-"));
const flowFile = join(dir, "member-line.json");
const original = readFileSync(FLOW_FILE, "utf8");

/** Version B of the flow: pharmacy on 4, behavioral health on 3. */
function swappedKeys(): string {
  const flow = JSON.parse(original) as { menus: { main: { options: Array<{ key: string; do: { team?: string } }> } } };
  for (const option of flow.menus.main.options) {
    if (option.do.team === "pharmacy") option.key = "4";
    else if (option.do.team === "behavioralHealth") option.key = "3";
  }
  return JSON.stringify(flow, null, 2);
}
const writeFlow = (text: string) => writeFileSync(flowFile, text);
const read = () => readLineSource(flowFile, DIRECTORY_FILE);
const registryOn = (store: SessionStore): LineRegistry =>
  createLineRegistry({ initial: compileLine(read()), store, sessionTtlSeconds: 14_400, read });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One store backend under the version contract. */
interface Backend {
  readonly name: string;
  readonly unavailable: string | undefined;
  /** A store per instance, all sharing the same sessions. */
  stores(): Promise<[SessionStore, SessionStore]>;
  teardown(): Promise<void>;
}

const memory: Backend = {
  name: "memory store, one process",
  unavailable: undefined,
  async stores() {
    const store = new MemoryStore({ now: () => OPEN_HOURS, sweepIntervalMs: 0 });
    return [store, store];
  },
  async teardown() {},
};
const prefix = uniquePrefix("versions");
const opened: SessionStore[] = [];
const redis: Backend = {
  name: "two instances on one Redis",
  unavailable: REDIS_URL ? undefined : "no Redis",
  async stores() {
    const options = { keyPrefix: `${prefix}call:`, lineKeyPrefix: `${prefix}line:` };
    const pair: [SessionStore, SessionStore] = [
      await connectedRedisStore(REDIS_URL as string, options),
      await connectedRedisStore(REDIS_URL as string, options),
    ];
    opened.push(...pair);
    return pair;
  },
  async teardown() {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await deletePrefix(REDIS_URL as string, prefix);
  },
};

describe.each([memory, redis])("$name", (backend) => {
  const maybe = backend.unavailable ? describe.skip : describe;
  maybe(backend === redis ? redisSuite("flow versions") : "flow versions", () => {
    let stores: [SessionStore, SessionStore];
    beforeAll(async () => {
      stores = await backend.stores();
    });
    afterEach(() => writeFlow(original));
    afterAll(() => backend.teardown());

    test("a call started on A finishes on A after the line changes to B; a new call follows B", async () => {
      writeFlow(original);
      const one = createTestApp({ store: stores[0], lines: registryOn(stores[0]) });
      const versionA = one.callFlow.version;
      const call = new SimulatedCall({ target: one.app, to: NORTHWEST.inbound });
      await call.incoming();

      // Instance 2 restarted with version B (with the memory store: the same process reloaded).
      writeFlow(swappedKeys());
      const two = createTestApp({ store: stores[1], lines: registryOn(stores[1]) });
      const versionB = two.callFlow.version;
      expect(versionB).not.toBe(versionA);

      await call.press("3", { target: two.app });
      expect(call.dialed()).toBe(PHARMACY);
      expect(two.logs.turns(call.callSid).at(-1)).toMatchObject({ result: "advanced", team: "pharmacy" });

      const fresh = new SimulatedCall({ target: two.app, to: NORTHWEST.inbound });
      await fresh.incoming();
      await fresh.press("3");
      expect(fresh.dialed()).toBe(BEHAVIORAL);
      expect(fresh.says().join(" ")).toMatch(/9 8 8/);
    });

    test("reloading in place: calls in progress stay on A, new calls get B, a bad file changes nothing", async () => {
      writeFlow(original);
      const lines = registryOn(stores[0]);
      const t = createTestApp({ store: stores[0], lines });
      const before = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
      await before.incoming();

      writeFlow(swappedKeys());
      const reloaded = await lines.reload();
      expect(reloaded).toMatchObject({ ok: true, changed: true });
      await before.press("3");
      expect(before.dialed()).toBe(PHARMACY);

      const after = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
      await after.incoming();

      writeFlow('{ "id": "memberLine", ');
      const refused = await lines.reload();
      expect(refused.ok).toBe(false);
      expect(refused.ok ? "" : refused.error.message).toContain(flowFile);
      // What /healthz shows anyone: the file relative to the working directory and what is wrong, never
      // where it is on disk nor the broken line (the log has it).
      expect(lines.status()).toEqual({
        version: reloaded.version,
        origin: { from: "files" },
        lastReloadError: `${relative(process.cwd(), flowFile)} is not valid JSON at line 1, column 23; see the log`,
      });
      expect(lines.status().lastReloadError).not.toMatch(/(^|\s)\//);
      expect(lines.status().lastReloadError).not.toContain('"id"');
      await after.press("3");
      expect(after.dialed()).toBe(BEHAVIORAL);

      writeFlow(original);
      expect(await lines.reload()).toMatchObject({ ok: true, changed: true });
      expect(lines.status().lastReloadError).toBeNull();
    });
  });
});

describe("a call whose version cannot be had", () => {
  test("starts over at its region's menu with an apology, by design and logged", async () => {
    const t = createTestApp();
    const call = new SimulatedCall({ target: t.app, to: NORTHWEST.inbound });
    await call.incoming();
    const stored = await t.store.load(call.callSid);
    if (!stored || !("turn" in stored)) throw new Error("the call has no session");
    // The same turn, on a version no instance kept.
    await t.store.commit(call.callSid, { ...stored, version: "0000000000000000" }, 60, stored.turn);

    const answer = await call.press("3");
    expect(answer.status).toBe(200);
    expect(call.says()[0]).toBe("We are sorry, something went wrong on our end.");
    expect(answer.next?.kind).toBe("gather");
    expect(t.logs.turns(call.callSid).at(-1)).toMatchObject({ result: "restarted", reason: "version unavailable" });
    expect(t.logs.entries().filter((e) => (e.level ?? 0) >= 50)).toEqual([]);
    expect(await t.store.load(call.callSid)).toMatchObject({ turn: 2, version: t.callFlow.version });
  });
});
