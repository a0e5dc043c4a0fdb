import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { Redis as RedisClient } from "ioredis";

// Loaded through require: test runners that resolve the "browser" condition would get browser builds.
const require = createRequire(import.meta.url);

import { delay } from "./latency.ts";
import type { Logger } from "./log.ts";

export type RedisEngine = "redis-server" | "in-memory";

export interface RunningRedis {
  url: string;
  token: string;
  engine: RedisEngine;
  stop(): Promise<void>;
}

type Command = (string | number | boolean)[];
type Reply = { result: unknown } | { error: string };

interface Backend {
  run(command: Command): Promise<unknown>;
  transaction(commands: Command[]): Promise<Reply[]>;
  stop(): Promise<void>;
}

export function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * An Upstash-compatible REST endpoint (single commands, /pipeline, /multi-exec, bearer token,
 * base64 response encoding), so the unmodified `@upstash/redis` and `@upstash/ratelimit` clients
 * work locally. Backed by a real `redis-server` when one is installed, else by an in-memory engine.
 */
export async function startRedis(opts: {
  restPort: number;
  serverPort: number;
  token: string;
  log: Logger;
  requireServer?: boolean;
  /** Simulated round trip in ms, added to every request (half on arrival, half before the answer). */
  rttMs?: number;
}): Promise<RunningRedis> {
  const useServer = hasRedisServer();
  if (!useServer && opts.requireServer) throw new Error("redis-server is not installed");
  const backend = useServer ? await serverBackend(opts.serverPort, opts.log) : memoryBackend();
  const engine: RedisEngine = useServer ? "redis-server" : "in-memory";

  const halfRtt = (opts.rttMs ?? 0) / 2;
  const http = createServer(async (req, res) => {
    const send = async (status: number, body: unknown) => {
      await delay(halfRtt);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    await delay(halfRtt);
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(401, { error: "Unauthorized" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    } catch {
      return send(400, { error: "ERR invalid JSON body" });
    }
    const base64 = req.headers["upstash-encoding"] === "base64";
    const encode = (reply: Reply): Reply => ("result" in reply && base64 ? { result: toBase64(reply.result) } : reply);
    const path = new URL(req.url ?? "/", "http://redis").pathname;

    if (path === "/pipeline" && isCommandList(body)) {
      const replies: Reply[] = [];
      for (const command of body) replies.push(await attempt(() => backend.run(command)));
      return send(200, replies.map(encode));
    }
    if (path === "/multi-exec" && isCommandList(body)) {
      return send(200, (await backend.transaction(body)).map(encode));
    }
    if (path === "/" && isCommand(body)) {
      const reply = await attempt(() => backend.run(body));
      return send("error" in reply ? 400 : 200, encode(reply));
    }
    return send(400, { error: "ERR expected a command array" });
  });

  await new Promise<void>((resolve) => http.listen(opts.restPort, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${opts.restPort}`,
    token: opts.token,
    engine,
    stop: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await backend.stop();
    },
  };
}

async function attempt(run: () => Promise<unknown>): Promise<Reply> {
  try {
    return { result: normalise(await run()) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function isCommand(value: unknown): value is Command {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === "string";
}

function isCommandList(value: unknown): value is Command[] {
  return Array.isArray(value) && value.every(isCommand);
}

/** ioredis turns some replies (HGETALL) into objects; Upstash answers with flat arrays. */
function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") return Object.entries(value).flat().map(normalise);
  return value ?? null;
}

function toBase64(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map(toBase64);
  return value;
}

/**
 * `@upstash/ratelimit` prefixes its scripts with `#!lua flags=allow-key-locking`, which Redis 7.0
 * rejects. The shebang line is dropped, and EVALSHA keeps working under the client's own SHA.
 */
function luaScripts() {
  const bySha = new Map<string, string>();
  const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
  const strip = (script: string) => (script.startsWith("#!") ? script.slice(script.indexOf("\n") + 1) : script);
  return {
    rewrite(command: string[]): string[] {
      const [name, ...args] = command;
      const upper = name.toUpperCase();
      if (upper === "EVAL" || upper === "EVAL_RO") {
        bySha.set(sha1(args[0]), strip(args[0]));
        return [upper, strip(args[0]), ...args.slice(1)];
      }
      if (upper === "EVALSHA" || upper === "EVALSHA_RO") {
        const script = bySha.get(args[0].toLowerCase());
        if (!script) throw new Error("NOSCRIPT No matching script. Please use EVAL.");
        return [upper === "EVALSHA" ? "EVAL" : "EVAL_RO", script, ...args.slice(1)];
      }
      if (upper === "SCRIPT" && args[0]?.toUpperCase() === "LOAD") {
        bySha.set(sha1(args[1]), strip(args[1]));
        return ["SCRIPT", "LOAD", strip(args[1])];
      }
      return command;
    },
    shaOf(command: string[], result: unknown) {
      const isLoad = command[0].toUpperCase() === "SCRIPT" && command[1]?.toUpperCase() === "LOAD";
      return isLoad ? sha1(command[2]) : result;
    },
  };
}

async function serverBackend(port: number, log: Logger): Promise<Backend> {
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (data) => {
      const text = String(data);
      if (text.includes("Ready to accept connections")) resolve();
      for (const line of text.split("\n")) {
        if (line.includes(" # ") && !line.includes("overcommit") && !line.includes("oO0OoO0OoO0Oo")) log.info(line);
      }
    });
    child.stderr?.on("data", (data) => log.error(String(data)));
    child.once("exit", (code) => reject(new Error(`redis-server exited with code ${code}`)));
  });
  const { Redis } = require("ioredis") as typeof import("ioredis");
  const client: RedisClient = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 1 });
  client.on("error", (error) => log.error(`redis client: ${error.message}`));
  const lua = luaScripts();
  const call = async (command: Command) => {
    const original = command.map(String);
    const [name, ...args] = lua.rewrite(original);
    return lua.shaOf(original, await client.call(name, ...args));
  };
  return {
    run: call,
    async transaction(commands) {
      const multi = client.multi();
      for (const command of commands) {
        const [name, ...args] = lua.rewrite(command.map(String));
        multi.call(name, ...args);
      }
      const results = (await multi.exec()) ?? [];
      return results.map(([error, result], i) =>
        error ? { error: error.message } : { result: normalise(lua.shaOf(commands[i].map(String), result)) },
      );
    },
    async stop() {
      client.disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

function memoryBackend(): Backend {
  const RedisMock = require("ioredis-mock") as new () => RedisClient;
  const client = new RedisMock();
  const lua = luaScripts();
  const call = async (command: Command) => {
    const original = command.map(String);
    const [name, ...args] = lua.rewrite(original);
    // The in-memory engine only understands upper-case SET options.
    const fixed = name.toLowerCase() === "set" ? args.map((a, i) => (i > 1 ? a.toUpperCase() : a)) : args;
    const method = (client as unknown as Record<string, (...a: string[]) => Promise<unknown>>)[name.toLowerCase()];
    if (typeof method !== "function") throw new Error(`ERR unknown command '${name}'`);
    return lua.shaOf(original, await method.apply(client, fixed));
  };
  return {
    run: call,
    async transaction(commands) {
      const replies: Reply[] = [];
      for (const command of commands) replies.push(await attempt(() => call(command)));
      return replies;
    },
    async stop() {
      client.disconnect();
    },
  };
}
