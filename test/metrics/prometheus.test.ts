import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer } from "../../src/service/http/startServer.js";
import { createLogger } from "../../src/service/log/createLogger.js";
import { startMetricsServer } from "../../src/service/metrics/startMetricsServer.js";
import { MemoryStore } from "../../src/service/session/memoryStore.js";
import { buildCallParams, createCallSid } from "../../src/tools/emulator/index.js";
import { freePort } from "../lifecycle/spawnServer.js";
import { CapturedLogs, OPEN_HOURS } from "../support/createTestApp.js";
import { region, UNKNOWN_TO } from "../support/regions.js";
import { SimulatedCall } from "../support/simulatedCall.js";
import { CALLER, postTwilio } from "../support/twilioRequest.js";
import { createMeasuredApp } from "./measuredApp.js";
import { hasProgram, PROMETHEUS_SKIP_REASON } from "./promtool.js";

/** How many alerts ops/prometheus/alerts.yml defines: Prometheus must load and evaluate every one. */
const ALERT_COUNT = (readFileSync("ops/prometheus/alerts.yml", "utf8").match(/^\s+- alert: /gm) ?? []).length;

const HAS_PROMETHEUS = hasProgram("prometheus");
if (!HAS_PROMETHEUS) console.warn(`test/metrics/prometheus.test.ts: ${PROMETHEUS_SKIP_REASON}`);
const TITLE = "Debian's prometheus scrapes two instances of the line, with the alerts loaded";

/** The longest the whole suite may take: Prometheus's start, a few scrapes, and the queries. */
const SUITE_MS = 60_000;
const logger = createLogger("silent", new CapturedLogs());

/** One instance of the line on loopback: webhooks on one port, metrics on another. */
interface Instance {
  readonly url: string;
  readonly metricsAddress: string;
  readonly servers: readonly Server[];
}

async function startInstance(store: MemoryStore): Promise<Instance> {
  const m = createMeasuredApp({ store, now: OPEN_HOURS });
  const web = await startServer(m.app, { port: 0, host: "127.0.0.1" }, logger);
  const metrics = await startMetricsServer(m.registry, { port: 0, host: "127.0.0.1" }, logger);
  const port = (s: Server) => (s.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port(web)}`,
    metricsAddress: `127.0.0.1:${port(metrics)}`,
    servers: [web, metrics],
  };
}

/** The PromQL an operator needs, as the README gives it. */
function readmeQueries(): string[] {
  const readme = readFileSync("README.md", "utf8");
  const block = /## Metrics and alerts[\s\S]*?```promql\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
}

describe.skipIf(!HAS_PROMETHEUS)(HAS_PROMETHEUS ? TITLE : `${TITLE} [${PROMETHEUS_SKIP_REASON}]`, () => {
  const dir = mkdtempSync(join(tmpdir(), "member-line-prometheus-"));
  const instances: Instance[] = [];
  let prometheus: ChildProcess | undefined;
  let output = "";
  let api = "";

  beforeAll(async () => {
    // One store behind both: a call's turns may go to either instance, as behind a load balancer.
    const store = new MemoryStore({ now: () => OPEN_HOURS, sweepIntervalMs: 0 });
    instances.push(await startInstance(store), await startInstance(store));
    writeFileSync(
      join(dir, "prometheus.yml"),
      [
        "global: { scrape_interval: 1s, evaluation_interval: 1s }",
        `rule_files: [${JSON.stringify(resolve("ops/prometheus/alerts.yml"))}]`,
        "scrape_configs:",
        "  - job_name: member-line",
        `    static_configs: [{ targets: [${instances.map((i) => JSON.stringify(i.metricsAddress)).join(", ")}] }]`,
      ].join("\n"),
    );
    const listen = `127.0.0.1:${await freePort()}`;
    api = `http://${listen}`;
    prometheus = spawn(
      "prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=${listen}`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    prometheus.stdout?.on("data", (d) => (output += String(d)));
    prometheus.stderr?.on("data", (d) => (output += String(d)));
    await eventually("Prometheus ready", async () => (await fetch(`${api}/-/ready`)).ok, 20_000);
  }, SUITE_MS);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus?.once("exit", r));
      prometheus.kill("SIGTERM");
      const timer = setTimeout(() => prometheus?.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    for (const server of instances.flatMap((i) => i.servers)) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    rmSync(dir, { recursive: true, force: true });
  }, SUITE_MS);

  /** Runs an instant query; the result vector as `labels → value`, labels in the query's `by` order. */
  async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== "success") throw new Error(`${promql}: ${body.error}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** Retries `check` until it passes or `ms` goes by (Prometheus scrapes every second). */
  async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    let last: unknown;
    for (;;) {
      try {
        if (await check()) return;
      } catch (error) {
        last = error;
      }
      if (Date.now() > until) throw new Error(`${what} not seen within ${ms} ms (${String(last ?? "")})\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** `sum by (…)` of a query, as sorted `label=value,… value` lines (only the non-zero ones). */
  async function vectorOf(promql: string): Promise<string[]> {
    return (await query(promql))
      .filter((s) => s.value !== 0)
      .map(
        (s) =>
          `${Object.entries(s.metric)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => `${k}=${v}`)
            .join(",")} ${s.value}`,
      )
      .sort();
  }

  test(
    "known calls across both instances read back exactly, summed over instances",
    async () => {
      await eventually("both instances scraped", async () => (await query('up{job="member-line"} == 1')).length === 2);
      const [a, b] = instances.map((i) => i.url) as [string, string];
      // Northwest, 3 for pharmacy: every other request on the other instance.
      const first = new SimulatedCall({ target: a, to: region("northwest").inbound });
      await first.incoming();
      await first.press("3", { target: b });
      await first.dialResult("completed");
      await first.statusCallback("completed", { target: b });
      // Colorado, member services: its first number busy, the second answers.
      const second = new SimulatedCall({ target: b, to: region("colorado").inbound });
      await second.incoming();
      await second.press("1", { target: a });
      await second.dialResult("busy");
      await second.dialResult("completed", { target: a });
      // A number no region owns: a wrong key, then the caller hangs up.
      const third = new SimulatedCall({ target: a, to: UNKNOWN_TO });
      await third.incoming();
      await third.press("*", { target: b });
      await third.statusCallback("completed");
      // Malformed parameters, on instance B.
      const params = buildCallParams({ callSid: createCallSid(), to: region("northwest").inbound, from: CALLER }, {});
      await postTwilio(b, "/voice", { ...params, CallSid: "bogus" });

      // Every instance scraped since the last request.
      const done = Date.now() / 1000;
      await eventually("a scrape of both instances after the calls", async () => {
        const scraped = await query('timestamp(up{job="member-line"})');
        return scraped.length === 2 && scraped.every((s) => s.value > done);
      });
      expect(await vectorOf("sum by (region, ending) (ivr_calls_ended_total)")).toEqual([
        "ending=abandoned,region=unknown 1",
        "ending=transferred,region=colorado 1",
        "ending=transferred,region=northwest 1",
      ]);
      expect(await vectorOf("sum by (region, language) (ivr_calls_started_total)")).toEqual([
        "language=en,region=colorado 1",
        "language=en,region=northwest 1",
        "language=en,region=unknown 1",
      ]);
      expect(await vectorOf("sum by (team, region, status) (ivr_transfers_total)")).toEqual([
        "region=colorado,status=busy,team=memberServices 1",
        "region=colorado,status=completed,team=memberServices 1",
        "region=northwest,status=completed,team=pharmacy 1",
      ]);
      expect(await vectorOf("sum by (menu, input) (ivr_menu_inputs_total)")).toEqual([
        "input=chose,menu=main 2",
        "input=invalid,menu=region 1",
      ]);
      expect(await vectorOf("sum by (cause) (ivr_safe_answers_total)")).toEqual(["cause=params 1"]);
      // Each instance counted its own share: the totals are only right summed.
      expect(await vectorOf("sum by (instance) (ivr_calls_started_total)")).toHaveLength(2);
      expect(
        await vectorOf('sum by (http_route) (http_server_request_duration_seconds_count{http_route=~"/voice.*"})'),
      ).toEqual(["http_route=/voice 4", "http_route=/voice/status 2", "http_route=/voice/turn 6"]);
      expect(await vectorOf("count by (version) (ivr_line_info)")).toEqual([
        expect.stringMatching(/^version=[0-9a-f]{16} 2$/),
      ]);
    },
    SUITE_MS,
  );

  test("every PromQL query of the README runs", async () => {
    const queries = readmeQueries();
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const promql of queries) await expect(query(promql), promql).resolves.toBeInstanceOf(Array);
  });

  test("the alerts are loaded and evaluate without error", async () => {
    await eventually("the rules evaluated", async () => {
      const res = (await (await fetch(`${api}/api/v1/rules`)).json()) as {
        data: {
          groups: Array<{ name: string; rules: Array<{ name: string; health: string; lastEvaluation: string }> }>;
        };
      };
      const rules = res.data.groups.flatMap((g) => g.rules);
      return rules.length === ALERT_COUNT && rules.every((r) => r.health === "ok");
    });
    // The line worked: nothing fires (a down instance, a store, slow webhooks…) but the single malformed request.
    const firing = await query('ALERTS{alertstate="firing"}');
    expect(firing.map((f) => f.metric.alertname)).not.toContain("MemberLineDown");
    expect(firing.map((f) => f.metric.alertname)).not.toContain("MemberLineSessionStoreUnreachable");
  });
});
