import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { PooledRequest } from "./pooledRequest.js";

/** A server under test, running in its own process. */
export interface RunningServer {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `/healthz`. */
  readonly startupMs: number;
  /** Resident set size of the process now, in bytes (from /proc). */
  rss(): number;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** How to launch a server: the node arguments (script first) and its environment. */
export interface ServerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** GET http://127.0.0.1:port/path; resolves with the status (0 when the connection fails) and body. */
export function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.end();
  });
}

/** Healthy: `/healthz` answers 200 and, when it reports on its session store, the store is reachable. */
export async function isHealthy(port: number): Promise<boolean> {
  const { status, body } = await get(port, "/healthz");
  if (status !== 200) return false;
  try {
    const store = (JSON.parse(body) as { store?: unknown }).store;
    return store === undefined || store === "ok";
  } catch {
    return false;
  }
}

/** Sends one pooled request with Node's own client and returns the status and body (to check before loading). */
export function send(port: number, pooled: PooledRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: pooled.path, method: "POST", headers: pooled.headers, agent: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(pooled.body);
  });
}

/**
 * Spawns `node <args>` with `env` (plus PORT) and waits until it is healthy (see `isHealthy`), polling
 * every 2 ms; the time from spawn to that answer is the start-up time.
 */
export async function startServer(spec: ServerSpec, port?: number): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  const started = performance.now();
  const child = spawn(process.execPath, [...spec.args], {
    env: { PATH: process.env.PATH ?? "", ...spec.env, PORT: String(chosen) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  for (;;) {
    if (exited) throw new Error(`${spec.name} exited during start-up:\n${stderr}`);
    if (await isHealthy(chosen)) break;
    if (performance.now() - started > 15_000) {
      child.kill("SIGKILL");
      throw new Error(`${spec.name} did not answer /healthz within 15 s:\n${stderr}`);
    }
    await sleep(2);
  }
  const startupMs = performance.now() - started;
  return {
    name: spec.name,
    port: chosen,
    child,
    startupMs,
    rss: () => rssOf(child.pid ?? 0),
    stop: async () => {
      if (exited) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** VmRSS of a process in bytes, from /proc (Linux); 0 when unavailable. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); 0 when unavailable. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
