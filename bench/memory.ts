/**
 * Memory cost of concurrent calls in the memory store, and proof that expired sessions are freed.
 *
 *   node --expose-gc --import tsx bench/memory.ts [--calls 100000] [--json]
 *
 * Creates the sessions through the real path (startCall, then MemoryStore#commit, as the incoming-call
 * webhook does), measures heap and RSS after a full GC, advances them all one turn (the caller presses
 * 3: load, matchInput and applyEvent, commit, as a menu choice does: the state most live calls sit in, a transfer), then
 * moves the store's clock past the TTL, sweeps, collects, and measures again.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { FlowEvent, PersistedCall, SessionRecord } from "../src/service/index.js";
import { applyEvent, LINE_FILES, loadCallFlow, MemoryStore, matchInput, startCall } from "../src/service/index.js";

const args = process.argv.slice(2);
const CALLS = Number(args[args.indexOf("--calls") + 1] || 100_000) || 100_000;
const TTL_SECONDS = 14_400;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

interface Sample {
  readonly heapUsed: number;
  readonly rss: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

async function settle(): Promise<Sample> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await sleep(20);
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers };
}

const callFlow = loadCallFlow(LINE_FILES.flow, LINE_FILES.directory);
/** The caller presses 3, matched against their menu and applied, as a turn does. */
const press3 = (call: PersistedCall, now: number): PersistedCall => {
  const event: FlowEvent = { type: "KEY", digits: "3", now };
  return applyEvent(callFlow, call, matchInput(callFlow, call, event));
};
let clock = Date.UTC(2026, 2, 11, 19, 0); // a Wednesday, when every team is open
const store = new MemoryStore({ now: () => clock, sweepIntervalMs: 0 });
const sid = (i: number) => `CA${i.toString(16).padStart(32, "0")}`;

// Warm the code paths and caches so the baseline holds everything but the sessions.
{
  const warm = new MemoryStore({ now: () => clock, sweepIntervalMs: 0 });
  for (let i = 0; i < 2_000; i++) {
    const call = startCall(callFlow, { region: "northwest", now: clock });
    await warm.commit(sid(i), { turn: 1, version: callFlow.version, call }, TTL_SECONDS, null);
    const record = (await warm.load(sid(i))) as SessionRecord;
    await warm.commit(
      sid(i),
      {
        turn: 2,
        version: callFlow.version,
        call: press3(record.call, clock),
      },
      TTL_SECONDS,
      1,
    );
  }
  await warm.close();
}

const baseline = await settle();

for (let i = 0; i < CALLS; i++) {
  const call = startCall(callFlow, { region: "northwest", now: clock + i });
  await store.commit(sid(i), { turn: 1, version: callFlow.version, call }, TTL_SECONDS, null);
}
const inMenu = await settle();
const menuState = ((await store.load(sid(0))) as SessionRecord).call.value;

clock += 5_000;
for (let i = 0; i < CALLS; i++) {
  const record = (await store.load(sid(i))) as SessionRecord;
  const next = press3(record.call, clock);
  await store.commit(
    sid(i),
    { turn: record.turn + 1, version: callFlow.version, call: next },
    TTL_SECONDS,
    record.turn,
  );
}
const inTransfer = await settle();
const transferState = ((await store.load(sid(0))) as SessionRecord).call.value;
const sessionJsonBytes = JSON.stringify(await store.load(sid(0))).length;

// Past the TTL: unreadable at once, still held until the sweep, then freed.
clock += TTL_SECONDS * 1000 + 1;
const heldBeforeSweep = store.size;
const readableAfterTtl = (await store.load(sid(1))) !== undefined; // (reading an expired session drops it)
const swept = store.sweep();
const heldAfterSweep = store.size;
const afterSweep = await settle();

const perCall = (a: Sample, b: Sample) => ({
  heapBytes: Math.round((b.heapUsed - a.heapUsed) / CALLS),
  rssBytes: Math.round((b.rss - a.rss) / CALLS),
});

const result = {
  calls: CALLS,
  node: process.version,
  baseline,
  inMenu: { state: menuState, ...inMenu, perCall: perCall(baseline, inMenu) },
  inTransfer: { state: transferState, ...inTransfer, perCall: perCall(baseline, inTransfer), sessionJsonBytes },
  ttl: {
    readableAfterTtl,
    heldBeforeSweep,
    swept,
    heldAfterSweep,
    ...afterSweep,
    heapAboveBaseline: afterSweep.heapUsed - baseline.heapUsed,
    rssAboveBaseline: afterSweep.rss - baseline.rss,
  },
};

if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`${CALLS} concurrent calls in the memory store (node ${process.version})`);
  console.log(`baseline:               heap ${mb(baseline.heapUsed)}, RSS ${mb(baseline.rss)}`);
  console.log(
    `in the ${menuState} menu:      heap ${mb(inMenu.heapUsed)}, RSS ${mb(inMenu.rss)}: ${result.inMenu.perCall.heapBytes} B heap, ${result.inMenu.perCall.rssBytes} B RSS per call`,
  );
  console.log(
    `in ${transferState} (pressed 3): heap ${mb(inTransfer.heapUsed)}, RSS ${mb(inTransfer.rss)}: ${result.inTransfer.perCall.heapBytes} B heap, ${result.inTransfer.perCall.rssBytes} B RSS per call (session JSON ${sessionJsonBytes} B)`,
  );
  console.log(
    `past the TTL:           readable: ${readableAfterTtl}; ${heldBeforeSweep} held until the sweep freed ${swept} (+1 dropped by the read; ${heldAfterSweep} left)`,
  );
  console.log(
    `after sweep + GC:       heap ${mb(afterSweep.heapUsed)} (${mb(result.ttl.heapAboveBaseline)} above baseline), RSS ${mb(afterSweep.rss)} (${mb(result.ttl.rssAboveBaseline)} above baseline)`,
  );
}
