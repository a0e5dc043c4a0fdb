import { env, exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { origin, withServices } from "../../../test/support/shop.ts";
import { errorCodes, errorSchema } from "../../lib/errors.ts";
import { signAccessToken } from "../../lib/tokens.ts";
import { fieldsOf, type JsonSchema, mutated, sweepValues, valid } from "./arbitraries.ts";
import { Corpus } from "./corpus.ts";
import { hostileBodies, hostileContentTypes, hostileUrlParts, RawJson, toJsonText } from "./hostile.ts";
import { entityBefore, entityOf, type Operation } from "./operations.ts";

export type Role = "customer" | "staff" | "admin";
export type ActorName = "anonymous" | Role | "bad-token";

export type FindingKind =
  /** A 5xx answer. */
  | "server_error"
  /** An error answer outside `{ error: { code, message, details? } }`, or with a code of another status. */
  | "error_shape"
  /** A 2xx answer that breaks the operation's declared response schema, or a status it does not declare. */
  | "response_schema"
  /** An anonymous or under-privileged caller answered with anything but 401/403. */
  | "access"
  /** An error status the operation does not declare in the OpenAPI document. */
  | "undeclared_status"
  /** An API answer without the secure headers. */
  | "headers"
  /** No answer within the time limit. */
  | "timeout";

/** A finding that is already known and excluded until it is fixed. */
export interface KnownDefect {
  /** The operations it shows in, by key (`POST /api/v1/admin/coupons`), or `all` for a defect every route shares. */
  operations: string[] | "all";
  kind: FindingKind;
  /** Narrows the exclusion: tested against the problem, the worker's logged cause and the answer's body. */
  match?: RegExp;
  /** Narrows it further: tested against the request's URL and body. */
  request?: RegExp;
  reason: string;
}

export interface FuzzConfig {
  /** Rounds: in each, every operation gets one generated request, sent as every actor. */
  runs: number;
  /** Stops after this many seconds even if rounds remain (0: no limit). */
  seconds: number;
  seed: number;
  /** Only operations whose key (`POST /api/v1/checkout`) matches. */
  only?: RegExp;
  /** Sweep values per field (0: no sweep); see `sweepValues`. */
  sweep: number;
  /** Prints every request and answer of the operations whose key matches. */
  debug?: RegExp;
  /** A progress line this often, in ms. */
  progressEveryMs: number;
}

interface ParamValue {
  /** Already percent-encoded (or deliberately broken) text for the URL. */
  encoded: string;
}

/** One generated request, before an actor signs it. */
export interface Plan {
  mode: string;
  params: Record<string, string | ParamValue>;
  query: [string, string | ParamValue][];
  headers: Record<string, string>;
  body?: { text: string | Uint8Array; contentType: string | null; label: string };
  /** Index into the malformed Authorization headers, for the `bad-token` actor. */
  badAuth: number;
  ip: string;
}

export interface SentRequest {
  actor: ActorName;
  method: string;
  url: string;
  headers: Record<string, string>;
  mode: string;
  body?: { label: string; length: number; preview: string };
}

export interface Finding {
  kind: FindingKind;
  operation: string;
  problem: string;
  request: SentRequest;
  response: { status: number; contentType: string | null; body: string };
  round: number;
  /** What the worker logged while it answered (its `unhandled` error line), for server errors. */
  cause?: string;
  /** That log line itself, shortened. */
  log?: string;
  known?: KnownDefect;
}

/** The roles each declared access admits (`public` admits everyone, without a token too). */
const admits: Record<string, Role[]> = {
  signedIn: ["customer", "staff", "admin"],
  staff: ["staff", "admin"],
  admin: ["admin"],
};

const requestTimeoutMs = 30_000;
const answerPreview = 2_000;

/** Sets a value at a path inside a request part, making the objects and arrays on the way. */
function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown) {
  // Objects and arrays alike are indexed by key here: a record of unknowns serves for both.
  let node = target as Record<string | number, unknown>;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) node[key] = value;
    else {
      if (node[key] === null || typeof node[key] !== "object") node[key] = typeof path[i + 1] === "number" ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  }
}

/** FNV-1a with a final avalanche, so that seeds of neighbouring rounds are unrelated. */
const hash32 = (text: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * The operations in a fresh order each round (the registry's order in the first), so that each
 * operation runs after different others: a cart filled just before checkout, emptied just before.
 */
function shuffled<T>(items: T[], seed: string, keep: boolean): T[] {
  const out = [...items];
  if (keep) return out;
  let state = hash32(seed) || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) ^ (state + 0x9e3779b9);
    const j = (state >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Percent-encodes any string, lone surrogates included (as the WTF-8 bytes a sloppy client would send). */
export function encodePart(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else out += encodeURIComponent(char);
  }
  return out;
}

/** What a generated value looks like in a URL or a header. */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof RawJson) return value.text;
  if (value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return toJsonText(value);
}

/** Header values are bytes: what cannot travel in one is dropped, as a client library would refuse it. */
const headerSafe = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, "").slice(0, 8_000);

/** A path param that takes the request to another route (or none): access rules do not apply to it. */
const reroutes = (encoded: string) =>
  encoded === "" || /[/?#\\]/.test(encoded) || /^(\.|%2e){1,2}$/i.test(encoded) || /%2f|%5c/i.test(encoded);

export class Fuzzer {
  readonly corpus = new Corpus();
  readonly findings: Finding[] = [];
  private readonly seen = new Map<string, Finding>();
  readonly statusCounts = new Map<string, number>();
  /** Error statuses an operation answered without declaring them (information, not a failure). */
  requests = 0;
  serverErrors = 0;
  heals = 0;
  /** Requests the client refused to build (a header fetch rejects): not sent, not counted. */
  unsendable = 0;
  private tokens = new Map<Role, string>();
  private actorIds = new Map<Role, string>();
  private badAuthHeaders: string[] = [];
  private needsHeal = false;
  private readonly arbitraries = new Map<string, fc.Arbitrary<Plan>>();
  /** 2xx answers per operation: the ones that never get one are fuzzed only at their gates. */
  readonly successes = new Map<string, number>();
  /** Time spent per operation, in ms, for the summary. */
  readonly elapsed = new Map<string, number>();
  /** Answers per operation by status and error code (`400 invalid_request`), for the summary. */
  readonly outcomes = new Map<string, Map<string, number>>();
  /** The worker's error log lines during the request in flight (requests go one at a time). */
  private logged: string[] = [];
  private print: (...args: unknown[]) => void = console.error;

  constructor(
    readonly operations: Operation[],
    readonly config: FuzzConfig,
    readonly knownDefects: KnownDefect[],
  ) {}

  /** Users of each role, straight in the database, and the malformed Authorization headers. */
  async setUp(seedData: Record<string, unknown>) {
    for (const [name, value] of Object.entries(seedData)) {
      this.corpus.learn({ [name.replace(/^seed/, "").toLowerCase()]: value });
    }
    const rows = await withServices(async ({ db }) => {
      const users = (["customer", "staff", "admin"] as const).map((role) => {
        const email = `fuzz-${role}-${crypto.randomUUID()}@example.com`;
        return sql`(${email}, ${email}, true, ${role})`;
      });
      const result = await db.execute<{ id: string; role: Role }>(sql`
        INSERT INTO users (username, email, is_email_verified, role) VALUES ${sql.join(users, sql`, `)}
        RETURNING id, role`);
      return result.rows;
    });
    for (const row of rows) this.actorIds.set(row.role, row.id);
    await this.signTokens();
    const customer = this.tokens.get("customer") ?? "";
    const [head, payload, signature] = customer.split(".");
    const expired = await signAccessToken(
      env,
      { sub: this.actorIds.get("customer") ?? "", role: "customer" },
      Date.now() - 86_400_000,
    );
    const stranger = await signAccessToken(env, { sub: crypto.randomUUID(), role: "admin" });
    const forgedPayload = btoa(JSON.stringify({ sub: this.actorIds.get("admin"), role: "admin", ep: 0 }))
      .replaceAll("=", "")
      .replaceAll("+", "-")
      .replaceAll("/", "_");
    this.badAuthHeaders = [
      "Bearer",
      "Bearer ",
      "Bearer  ",
      "Basic dXNlcjpwYXNzd29yZA==",
      "Token abc",
      "Bearer abc.def.ghi",
      "Bearer ' OR 1=1 --",
      `Bearer ${"a".repeat(4_000)}`,
      `Bearer ${head}.${payload}.${signature?.slice(0, -4)}AAAA`,
      `Bearer ${head}.${forgedPayload}.${signature}`,
      `Bearer ${btoa('{"alg":"none","typ":"JWT"}').replaceAll("=", "")}.${forgedPayload}.`,
      `Bearer ${expired}`,
      `Bearer ${stranger}`,
      `bearer\t${customer}`,
      `Bearer:${customer}`,
      customer,
    ].map(headerSafe);
  }

  private async signTokens() {
    for (const [role, id] of this.actorIds) this.tokens.set(role, await signAccessToken(env, { sub: id, role }));
  }

  /**
   * Puts the actors back as they were: a fuzzed logout-all, role change or deactivation may have
   * ended their sessions. Tokens are signed afresh, so a long run outlives their 15 minutes.
   */
  private async heal() {
    this.needsHeal = false;
    this.heals++;
    await withServices(async ({ db }) => {
      for (const [role, id] of this.actorIds) {
        await db.execute(sql`
          UPDATE users SET role = ${role}, is_active = true, session_epoch = 0 WHERE id = ${id}`);
      }
    });
    await this.signTokens();
  }

  private planFor(op: Operation): fc.Arbitrary<Plan> {
    const cached = this.arbitraries.get(op.key);
    if (cached) return cached;
    const root = (schema?: JsonSchema) => schema ?? {};
    const ctx = (schema: JsonSchema | undefined, name?: string, entity?: string) => ({
      root: root(schema),
      corpus: this.corpus,
      name,
      entity: entity ?? entityOf(op.path),
    });
    const entries = (schema?: JsonSchema) => Object.entries<JsonSchema>(schema?.properties ?? {});
    const paramsOf = (broken?: string) => {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, schema] of entries(op.params)) {
        const context = ctx(op.params, name, entityBefore(op.path, name));
        model[name] =
          name === broken
            ? fc.oneof(
                mutated(schema, context).map((value) => asText(value)),
                fc.constantFrom(...hostileUrlParts).map((encoded) => ({ encoded })),
              )
            : valid(schema, context).map(asText);
      }
      return fc.record(model) as fc.Arbitrary<Record<string, string | ParamValue>>;
    };
    const objectOf = (schema: JsonSchema | undefined, broken: boolean, ascii = false) =>
      schema
        ? (broken ? mutated(schema, { ...ctx(schema), ascii }) : valid(schema, { ...ctx(schema), ascii })).map((v) =>
            v && typeof v === "object" && !Array.isArray(v) && !(v instanceof RawJson)
              ? (v as Record<string, unknown>)
              : { value: v },
          )
        : fc.constant({} as Record<string, unknown>);
    const queryPairs = (object: Record<string, unknown>): [string, string | ParamValue][] =>
      Object.entries(object).flatMap(([key, value]): [string, string | ParamValue][] =>
        value === undefined
          ? []
          : Array.isArray(value) && value.length <= 3
            ? value.map((item) => [key, asText(item)])
            : [[key, asText(value)]],
      );
    const headersOf = (object: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(object)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, headerSafe(asText(v))]),
      );
    const jsonBody = (broken: boolean) =>
      op.body?.json
        ? (broken ? mutated(op.body.json, ctx(op.body.json)) : valid(op.body.json, ctx(op.body.json))).map((value) => ({
            text: toJsonText(value),
            contentType: "application/json",
            label: broken ? "mutated" : "valid",
          }))
        : fc.constant(undefined);
    const mayHaveBody = op.method !== "GET" && op.method !== "HEAD";

    type Parts = Pick<Plan, "params" | "query" | "headers" | "body"> & { mode: string };
    const parts = (mode: string, broken: Partial<Record<"query" | "headers" | "body", boolean>>) =>
      fc
        .tuple(
          paramsOf(),
          objectOf(op.query, !!broken.query),
          objectOf(op.headers, !!broken.headers, true),
          jsonBody(!!broken.body),
        )
        .map(
          ([params, query, headers, body]): Parts => ({
            mode,
            params,
            query: queryPairs(query),
            headers: headersOf(headers),
            body,
          }),
        );

    const modes: { weight: number; arbitrary: fc.Arbitrary<Parts> }[] = [];
    const paramNames = entries(op.params).map(([name]) => name);
    if (paramNames.length > 0) {
      modes.push({
        weight: 3,
        arbitrary: fc
          .constantFrom(...paramNames)
          .chain((name) =>
            fc
              .tuple(parts(`param:${name}`, {}), paramsOf(name))
              .map(([base, params]) => ({ ...base, params: { ...base.params, ...params } })),
          ),
      });
    }
    if (op.query) {
      modes.push({ weight: 3, arbitrary: parts("query", { query: true }) });
      modes.push({
        weight: 1,
        arbitrary: fc
          .tuple(
            parts("query:raw", {}),
            fc.constantFrom(...entries(op.query).map(([name]) => name), "unknown", "__proto__"),
            fc.constantFrom(...hostileUrlParts),
            fc.boolean(),
          )
          .map(([base, name, encoded, repeat]) => ({
            ...base,
            query: [
              ...(repeat ? base.query : base.query.filter(([key]) => key !== name)),
              [name, { encoded }] as [string, ParamValue],
            ],
          })),
      });
    }
    if (op.headers) modes.push({ weight: 2, arbitrary: parts("headers", { headers: true }) });
    if (op.body?.json) {
      modes.push({ weight: 6, arbitrary: parts("body", { body: true }) });
      modes.push({
        weight: 1,
        arbitrary: fc
          .tuple(parts("content-type", {}), fc.constantFrom(...hostileContentTypes))
          .map(([base, contentType]) => ({
            ...base,
            mode: `content-type:${contentType}`,
            body: base.body ? { ...base.body, contentType } : undefined,
          })),
      });
      modes.push({
        weight: 1,
        arbitrary: parts("no-body", {}).map((base) => ({ ...base, body: undefined })),
      });
    }
    if (mayHaveBody) {
      modes.push({
        weight: op.body ? 3 : 1,
        arbitrary: fc
          .tuple(
            parts("raw-body", {}),
            fc.constantFrom(...hostileBodies),
            fc.oneof(
              { weight: 4, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: fc.constantFrom(...hostileContentTypes) },
            ),
          )
          .map(([base, body, contentType]) => ({
            ...base,
            mode: `raw-body:${body.label}`,
            // The body's own type (JSON, or an image's) most of the time, another one now and then.
            body: {
              text: body.text,
              contentType: contentType === undefined ? (body.contentType ?? "application/json") : contentType,
              label: body.label,
            },
          })),
      });
    }
    // Valid requests half the time (they reach the handlers and the database), broken ones otherwise.
    const broken = modes.reduce((sum, mode) => sum + mode.weight, 0);
    modes.push({ weight: Math.max(broken, 1), arbitrary: parts("valid", {}) });
    const ip = fc.oneof(
      {
        weight: 12,
        arbitrary: fc
          .tuple(fc.nat(0xffff), fc.nat(0xffff))
          .map(([a, b]) => `2001:db8:${a.toString(16)}:${b.toString(16)}::1`),
      },
      { weight: 2, arbitrary: fc.constant("2001:db8::1") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "",
          "not-an-ip",
          "' OR 1=1 --",
          "127.0.0.1, 10.0.0.1",
          "::1",
          "a".repeat(2_000),
          "{}",
        ),
      },
    );
    const plan = fc
      .tuple(fc.oneof(...modes), fc.nat(), ip)
      .map(([p, badAuth, address]): Plan => ({ ...p, badAuth, ip: address }));
    this.arbitraries.set(op.key, plan);
    return plan;
  }

  /**
   * First the sweep (every field of every operation, one at a time, given the sweep's values), then
   * generated requests, round after round, until the rounds or the seconds are spent.
   */
  async run(): Promise<void> {
    const started = Date.now();
    const deadline = this.config.seconds > 0 ? started + this.config.seconds * 1000 : Number.POSITIVE_INFINITY;
    const operations = this.operations.filter((op) => !this.config.only || this.config.only.test(op.key));
    const touched = new Set<string>();
    let lastProgress = started;
    let phase = "sweep";
    let rounds = 0;
    const progress = (final: boolean) =>
      console.log(
        `fuzz${final ? " done" : ""}: ${phase === "sweep" && !final ? "sweep" : `${rounds} round(s)${Number.isFinite(this.config.runs) ? ` of ${this.config.runs}` : ""}`}, ` +
          `${touched.size}/${operations.length} operations, ${this.requests} requests, ${this.serverErrors} 5xx, ` +
          `${this.findings.length} finding(s) (${this.findings.filter((f) => f.known).length} known), ` +
          `${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
    const tick = (op: Operation, began: number) => {
      this.elapsed.set(op.key, (this.elapsed.get(op.key) ?? 0) + Date.now() - began);
      touched.add(op.key);
      if (Date.now() - lastProgress >= this.config.progressEveryMs) {
        lastProgress = Date.now();
        progress(false);
      }
    };
    // The worker runs in this isolate: its error log during a request names the cause of a 5xx.
    // It is kept with the finding and not printed: a long run would print thousands of them.
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      this.logged.push(args.map(String).join(" "));
    };
    this.print = consoleError;
    try {
      if (this.config.sweep > 0) {
        for (const op of operations) {
          if (Date.now() >= deadline) break;
          const began = Date.now();
          await this.sweepOne(op, deadline);
          tick(op, began);
        }
      }
      phase = "rounds";
      outer: for (let round = 0; round < this.config.runs; round++) {
        for (const op of shuffled(operations, `${this.config.seed}:${round}`, round === 0)) {
          if (Date.now() >= deadline) break outer;
          const seed = hash32(`${this.config.seed}:${op.key}:${round}`);
          const [plan] = fc.sample(this.planFor(op), { seed, numRuns: 1 });
          const began = Date.now();
          await this.sendAsEveryone(op, plan, round);
          tick(op, began);
        }
        rounds = round + 1;
      }
    } finally {
      console.error = consoleError;
    }
    progress(true);
  }

  /**
   * One operation's fields, one at a time: a request valid in every other part, with all optional
   * fields present, and this field given each sweep value in turn; sent by a caller who has access.
   */
  private async sweepOne(op: Operation, deadline: number) {
    const seed = hash32(`${this.config.seed}:${op.key}:sweep`);
    const sample = (schema: JsonSchema | undefined, ascii = false): Record<string, unknown> => {
      if (!schema) return {};
      const [value] = fc.sample(
        valid(schema, { root: schema, corpus: this.corpus, entity: entityOf(op.path), complete: true, ascii }),
        { seed, numRuns: 1 },
      );
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    };
    const actor: ActorName =
      op.access === "public" ? "anonymous" : op.access === "signedIn" ? "customer" : (op.access as Role);
    const parts = { params: op.params, query: op.query, headers: op.headers, body: op.body?.json } as const;
    const template = {
      params: sample(op.params),
      query: sample(op.query),
      headers: sample(op.headers, true),
      body: sample(op.body?.json),
    };
    for (const [part, schema] of Object.entries(parts)) {
      if (!schema) continue;
      for (const field of fieldsOf(schema, schema)) {
        for (const { label, value } of sweepValues(field.schema, schema).slice(0, this.config.sweep)) {
          if (Date.now() >= deadline) return;
          const base = structuredClone(template);
          setAt(base[part as keyof typeof base], field.path, value);
          const plan: Plan = {
            mode: `sweep:${part}.${field.path.join(".")}=${label}`,
            params: Object.fromEntries(Object.entries(base.params).map(([k, v]) => [k, asText(v)])),
            query: Object.entries(base.query)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, asText(v)]),
            headers: Object.fromEntries(Object.entries(base.headers).map(([k, v]) => [k, headerSafe(asText(v))])),
            body: op.body?.json
              ? { text: toJsonText(base.body), contentType: "application/json", label: "sweep" }
              : undefined,
            badAuth: 1,
            ip: `2001:db8:5:${(this.requests % 0xffff).toString(16)}::1`,
          };
          if (this.needsHeal) await this.heal();
          await this.send(op, plan, actor, -1);
        }
      }
    }
  }

  private async sendAsEveryone(op: Operation, plan: Plan, round: number) {
    const actors: ActorName[] = ["anonymous", "customer", "staff", "admin"];
    // One request in four also goes out with a malformed or foreign Authorization header.
    if (plan.badAuth % 4 === 0) actors.push("bad-token");
    for (const actor of actors) {
      if (this.needsHeal) await this.heal();
      await this.send(op, plan, actor, round);
    }
  }

  private authorization(actor: ActorName, plan: Plan): string | undefined {
    if (actor === "anonymous") return undefined;
    if (actor === "bad-token") return this.badAuthHeaders[Math.floor(plan.badAuth / 4) % this.badAuthHeaders.length];
    return `Bearer ${this.tokens.get(actor)}`;
  }

  private async send(op: Operation, plan: Plan, actor: ActorName, round: number) {
    let rerouted = false;
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = plan.params[name];
      const encoded = value === undefined ? "" : typeof value === "string" ? encodePart(value) : value.encoded;
      if (reroutes(encoded)) rerouted = true;
      return encoded;
    });
    const search = plan.query
      .map(([key, value]) => `${encodePart(key)}=${typeof value === "string" ? encodePart(value) : value.encoded}`)
      .join("&");
    const url = `${origin}${path}${search ? `?${search}` : ""}`;
    const headers: Record<string, string> = { ...plan.headers, "cf-connecting-ip": headerSafe(plan.ip) };
    const authorization = this.authorization(actor, plan);
    if (authorization !== undefined) headers.authorization = authorization;
    const body = plan.body && op.method !== "GET" && op.method !== "HEAD" ? plan.body : undefined;
    if (body?.contentType != null) headers["content-type"] = body.contentType;
    const request: SentRequest = {
      actor,
      method: op.method,
      url,
      headers: { ...headers, ...(authorization ? { authorization: describeAuth(actor, authorization) } : {}) },
      mode: plan.mode,
      body: body
        ? {
            label: body.label,
            length: body.text.length,
            preview:
              typeof body.text === "string"
                ? body.text.slice(0, 2_000)
                : `bytes ${[...body.text.slice(0, 64)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`,
          }
        : undefined,
    };
    this.requests++;
    this.logged = [];
    let response: Response;
    let text: string;
    try {
      const answer = exports.default
        .fetch(url, { method: op.method, headers, body: body?.text })
        .then(async (res) => ({ res, text: await res.text() }));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), requestTimeoutMs);
      });
      const result = await Promise.race([answer, timeout]);
      clearTimeout(timer);
      if (!result) {
        this.record(op, "timeout", `no answer within ${requestTimeoutMs} ms`, request, null, "", round);
        return;
      }
      response = result.res;
      text = result.text;
    } catch (error) {
      // A request the client itself refuses to build (a header value fetch rejects) is not the shop's fault.
      if (error instanceof TypeError && /header|body|method/i.test(error.message)) {
        this.unsendable++;
        if (this.config.debug?.test(op.key)) console.log(`fuzz debug: not sent: ${String(error)}`);
        return;
      }
      this.record(op, "server_error", `the call threw: ${String(error)}`, request, null, "", round);
      return;
    }
    await this.check(op, request, response, text, actor, rerouted, round);
  }

  private async check(
    op: Operation,
    request: SentRequest,
    response: Response,
    text: string,
    actor: ActorName,
    rerouted: boolean,
    round: number,
  ) {
    const { status } = response;
    const statusKey = `${Math.floor(status / 100)}xx`;
    this.statusCounts.set(statusKey, (this.statusCounts.get(statusKey) ?? 0) + 1);
    const contentType = response.headers.get("content-type");
    const fail = (kind: FindingKind, problem: string) => this.record(op, kind, problem, request, response, text, round);
    let body: unknown;
    let parsed = false;
    if (contentType?.includes("json") && text) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        fail(status >= 400 ? "error_shape" : "response_schema", "the body is not the JSON its Content-Type says");
      }
    }
    if (this.config.debug?.test(op.key)) {
      console.log(
        `fuzz debug: ${request.actor} ${request.mode} ${request.method} ${request.url.slice(0, 300)} ${request.body ? request.body.preview.slice(0, 300) : ""}\n  → ${status} ${text.slice(0, 400)}`,
      );
    }
    const outcome = `${status}${parsed ? ` ${(body as { error?: { code?: string } })?.error?.code ?? ""}` : ""}`.trim();
    const outcomes = this.outcomes.get(op.key) ?? new Map<string, number>();
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    this.outcomes.set(op.key, outcomes);
    const pathname = new URL(request.url).pathname;
    if (pathname.startsWith("/api/v1/") && response.headers.get("x-content-type-options") !== "nosniff") {
      fail("headers", "no X-Content-Type-Options: nosniff");
    }

    if (status >= 500) {
      this.serverErrors++;
      fail("server_error", `answered ${status}`);
    }
    if (status >= 400) {
      const envelope = parsed ? errorSchema.safeParse(body) : null;
      if (!envelope?.success) {
        fail("error_shape", `${status} outside the error envelope${envelope ? `: ${summarise(envelope.error)}` : ""}`);
      } else {
        const { code } = envelope.data.error;
        if (errorCodes[code] !== status)
          fail("error_shape", `code ${code} belongs to ${errorCodes[code]}, not ${status}`);
        if (status === 429 && !response.headers.get("retry-after")) fail("error_shape", "429 without Retry-After");
      }
      if (!rerouted && status < 500 && !op.responses.has(status)) {
        fail("undeclared_status", `${status} is an error status the operation does not declare`);
      }
    } else if (!rerouted) {
      const declared = op.responses.get(status);
      if (!declared) fail("response_schema", `${status} is not a status the operation declares`);
      else if (declared.json) {
        if (!parsed) fail("response_schema", `${status} without the JSON body it declares`);
        else {
          const result = declared.json.safeParse(body);
          if (!result.success) fail("response_schema", `${status} breaks its schema: ${summarise(result.error)}`);
        }
      }
      if (status < 300) this.successes.set(op.key, (this.successes.get(op.key) ?? 0) + 1);
      if (parsed && status < 300) this.corpus.learn(body, entityOf(op.path));
    }

    if (!rerouted && status !== 413) await this.checkAccess(op, status, body, actor, fail);
    // A request that names one of the actors (a role change, a deactivation) may have changed it.
    if (status < 300 && op.method !== "GET" && this.namesAnActor(request)) this.needsHeal = true;
  }

  /** The contract: anonymous callers of a protected route get 401, roles without access 403, whatever the input. */
  private async checkAccess(
    op: Operation,
    status: number,
    body: unknown,
    actor: ActorName,
    fail: (kind: FindingKind, problem: string) => void,
  ) {
    const code = (body as { error?: { code?: string } })?.error?.code;
    const roles = admits[op.access];
    if (!roles) return;
    if (actor === "anonymous" || actor === "bad-token") {
      if (status !== 401)
        fail("access", `${actor} caller of a protected route answered ${status} ${code ?? ""}`.trim());
      return;
    }
    if (actor === "customer" || actor === "staff" || actor === "admin") {
      // A fuzzed logout-all, role change or deactivation ended this actor's session: restore it.
      const allowed = roles.includes(actor);
      if (status === 401 || (status === 403 && code === "forbidden" && allowed)) this.needsHeal = true;
      if (!allowed && status !== 403 && status !== 401) {
        // Fuzzed admin requests change roles too: only an actor that still has its role is a finding.
        if (await this.actorChanged(actor)) {
          this.needsHeal = true;
          return;
        }
        fail("access", `${actor} answered ${status} ${code ?? ""} on a route for ${roles.join(" and ")}`.trim());
      }
    }
  }

  private namesAnActor(request: SentRequest) {
    const text = `${request.url} ${request.body?.preview ?? ""}`.toLowerCase();
    return [...this.actorIds.values()].some((id) => text.includes(id.toLowerCase()));
  }

  /** Whether an actor's role, activity or sessions are no longer what its token was signed for. */
  private async actorChanged(role: Role): Promise<boolean> {
    const id = this.actorIds.get(role);
    const rows = await withServices(async ({ db }) => {
      const result = await db.execute<{ role: string; is_active: boolean; session_epoch: number }>(
        sql`SELECT role, is_active, session_epoch FROM users WHERE id = ${id}`,
      );
      return result.rows;
    });
    const row = rows[0];
    return !row || row.role !== role || !row.is_active || Number(row.session_epoch) !== 0;
  }

  private record(
    op: Operation,
    kind: FindingKind,
    problem: string,
    request: SentRequest,
    response: Response | null,
    text: string,
    round: number,
  ) {
    const cause = kind === "server_error" || kind === "timeout" ? causeIn(this.logged) : undefined;
    const finding: Finding = {
      kind,
      cause,
      log: cause ? this.logged.join("\n").slice(0, 1_500) : undefined,
      operation: op.key,
      problem,
      request,
      response: {
        status: response?.status ?? 0,
        contentType: response?.headers.get("content-type") ?? null,
        body: text.slice(0, answerPreview),
      },
      round,
    };
    const sent = `${request.url}\n${request.body?.preview ?? ""}`;
    finding.known = this.knownDefects.find(
      (d) =>
        (d.operations === "all" || d.operations.includes(op.key)) &&
        d.kind === kind &&
        (!d.match || d.match.test(`${problem}\n${cause ?? ""}\n${text}`)) &&
        (!d.request || d.request.test(sent)),
    );
    const code = text.match(/"code":"(\w+)"/)?.[1] ?? "";
    const key = `${kind}|${op.key}|${finding.response.status}|${code}|${problem.replace(/\d+/g, "#").slice(0, 80)}|${cause ?? ""}`;
    const earlier = this.seen.get(key);
    if (earlier) return;
    this.seen.set(key, finding);
    this.findings.push(finding);
    this.print(`${finding.known ? "known defect" : "FINDING"} ${formatFinding(finding, this.config.seed)}`);
  }
}

/**
 * The root cause in the worker's `unhandled` log line (`… <- error: value "…" is out of range for
 * type integer`), with the values taken out so that one cause is one finding.
 */
function causeIn(lines: string[]): string | undefined {
  for (const line of lines) {
    let entry: { message?: string; error?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof entry.error !== "string") continue;
    const root = entry.error.split(" <- ").at(-1) ?? entry.error;
    return `${entry.message ?? "error"}: ${root
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d{3,}/g, "#")
      .slice(0, 200)}`;
  }
  return lines.length > 0 ? lines[0].slice(0, 200) : undefined;
}

const describeAuth = (actor: ActorName, header: string) =>
  actor === "bad-token"
    ? header.replace(/ey[\w-]+\.ey[\w-]+\.[\w-]*/g, "<jwt>").slice(0, 200)
    : `Bearer <${actor} token>`;

function summarise(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

export function formatFinding(finding: Finding, seed: number): string {
  const { request, response } = finding;
  const lines = [
    `[${finding.kind}] ${finding.operation}: ${finding.problem}${finding.cause ? ` (${finding.cause})` : ""}` +
      `${finding.known ? ` — known: ${finding.known.reason}` : ""}`,
    `  request (${request.actor}, ${request.mode}, ${finding.round < 0 ? "sweep" : `round ${finding.round}`}, FUZZ_SEED=${seed}): ${request.method} ${request.url.slice(0, 1_000)}`,
    `  headers: ${JSON.stringify(request.headers).slice(0, 600)}`,
  ];
  if (request.body) {
    lines.push(
      `  body (${request.body.label}, ${request.body.length} chars/bytes): ${JSON.stringify(request.body.preview)}`,
    );
  }
  lines.push(`  answer: ${response.status} ${response.contentType ?? ""} ${response.body.slice(0, 600)}`);
  if (finding.log)
    lines.push(`  worker log: ${finding.log.replaceAll("\\n", " ").replace(/\s+/g, " ").slice(0, 1_000)}`);
  return lines.join("\n");
}
