import fc from "fast-check";
import type { Corpus } from "./corpus.ts";
import { hostileCursor, hostileNumbers, hostileStrings, RawJson, wrongTypes } from "./hostile.ts";

/**
 * fast-check arbitraries from the JSON Schema that zod v4 writes for a request schema
 * (`z.toJSONSchema(schema, { io: "input" })`): `valid` keeps to the schema, with its bounds as edge
 * cases; `mutated` breaks it in one place (a wrong type, a bound crossed, a hostile string, a
 * required field dropped, an unknown one added) and leaves the rest valid, so that the broken part
 * gets past the checks before it.
 */
export type JsonSchema = Record<string, any>;

export interface SchemaContext {
  root: JsonSchema;
  corpus: Corpus;
  /** The field's name, for values learned under it. */
  name?: string;
  /** The object the field belongs to (`product` for the `id` under /products/{id}). */
  entity?: string;
  depth?: number;
  /** Header values: bytes of ASCII only, or the client refuses to send them. */
  ascii?: boolean;
  /** Every property present, optional ones too (the sweep's base requests). */
  complete?: boolean;
}

const maxDepth = 8;
/** Generated arrays stay short unless an edge case asks for the bound itself. */
const usualItems = 4;
const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

const deeper = (ctx: SchemaContext, name?: string, entity?: string): SchemaContext => ({
  ...ctx,
  name,
  entity: entity ?? ctx.entity,
  depth: (ctx.depth ?? 0) + 1,
});

export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const ref: string = current.$ref;
    if (ref === "#") current = root;
    else {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, part) => {
          const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
          return node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
        }, root);
      if (!target || typeof target !== "object") return {};
      current = target as JsonSchema;
    }
  }
  return current ?? {};
}

export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties) return ["object"];
  if (schema.items || schema.prefixItems) return ["array"];
  return [];
}

/** A schema of several types (`["integer", "null"]`) as one schema per type. */
function splitTypes(schema: JsonSchema): JsonSchema[] | null {
  const types = typesOf(schema);
  if (types.length < 2) return null;
  return types.map((type) => ({ ...schema, type }));
}

/** Values that keep to the schema most of the time, its bounds included. */
export function valid(input: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const schema = resolve(input, ctx.root);
  if ((ctx.depth ?? 0) > maxDepth) return fc.constant(null);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length > 0) return fc.oneof(...union.map((s: JsonSchema) => valid(s, ctx)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return valid(mergeAll(schema.allOf, ctx.root), ctx);
  const split = splitTypes(schema);
  if (split) return fc.oneof(...split.map((s) => valid(s, ctx)));
  switch (typesOf(schema)[0]) {
    case "string":
      return validString(schema, ctx);
    case "integer":
      return validNumber(schema, true);
    case "number":
      return validNumber(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return validArray(schema, ctx);
    case "object":
      return validObject(schema, ctx);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function mergeAll(parts: JsonSchema[], root: JsonSchema): JsonSchema {
  const merged: JsonSchema = {};
  for (const part of parts.map((p) => resolve(p, root))) {
    Object.assign(merged, part, {
      properties: { ...merged.properties, ...part.properties },
      required: [...(merged.required ?? []), ...(part.required ?? [])],
    });
  }
  return merged;
}

function bounds(schema: JsonSchema, integer: boolean) {
  let min: number = schema.minimum ?? -Number.MAX_SAFE_INTEGER;
  let max: number = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  if (typeof schema.exclusiveMinimum === "number") min = schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON);
  if (typeof schema.exclusiveMaximum === "number") max = schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON);
  if (integer) {
    min = Math.ceil(min);
    max = Math.floor(max);
  }
  return { min, max };
}

function validNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const { min, max } = bounds(schema, integer);
  if (min > max) return fc.constant(min);
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  const edges = [min, max, min + 1, max - 1, 0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER]
    .filter((n) => n >= min && n <= max)
    .filter((n, i, all) => all.indexOf(n) === i);
  if (!integer) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
      { weight: 2, arbitrary: fc.constantFrom(...edges, clamp(0.5), clamp(4.25)) },
    );
  }
  const small = fc.integer({ min: clamp(-5), max: clamp(100) });
  const wide = fc.integer({ min: Math.max(min, int32.min), max: Math.min(max, int32.max) });
  const huge =
    min < int32.min || max > int32.max ? fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number) : wide;
  return fc.oneof(
    { weight: 6, arbitrary: small },
    { weight: 2, arbitrary: wide },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pattern's own strings where fast-check can read it (it cannot read lookaheads: those are dropped). */
function matching(pattern: string): fc.Arbitrary<string> | null {
  for (const source of [pattern, pattern.replace(/\(\?[=!][^()]*\)/g, "")]) {
    try {
      const arbitrary = fc.stringMatching(new RegExp(source), { size: "small" });
      fc.sample(arbitrary, { numRuns: 1, seed: 1 });
      return arbitrary;
    } catch {
      // try the next, simpler form
    }
  }
  return null;
}

function validString(schema: JsonSchema, ctx: SchemaContext): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Math.max(minLength, 64);
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : null;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength && (!pattern || pattern.test(s));
  const name = ctx.name ?? "";
  const sources: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [];

  const format: string | undefined = schema.format;
  if (format === "uuid" || pattern?.source.includes("[0-9a-fA-F]{8}-")) {
    sources.push({ weight: 3, arbitrary: fc.uuid() });
    sources.push({ weight: 1, arbitrary: fc.constantFrom("00000000-0000-0000-0000-000000000000") });
  } else if (format === "email") {
    sources.push({ weight: 3, arbitrary: emailAddress }, { weight: 1, arbitrary: fc.emailAddress() });
  } else if (format === "date-time") {
    sources.push({ weight: 3, arbitrary: isoDate().map((d) => d.toISOString()) });
    sources.push({
      weight: 1,
      // The ends of what the ISO pattern takes, year 0000 included.
      arbitrary: fc.constantFrom(
        "0000-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "2026-02-28T23:59:59.999Z",
        "9999-12-31T23:59:59Z",
      ),
    });
  } else if (format === "date") {
    sources.push({ weight: 3, arbitrary: isoDate().map((d) => d.toISOString().slice(0, 10)) });
    sources.push({ weight: 1, arbitrary: fc.constantFrom("0000-01-01", "1970-01-01", "2024-02-29", "9999-12-31") });
  } else if (format === "uri" || format === "url") {
    sources.push({ weight: 3, arbitrary: fc.webUrl() });
  }
  if (pattern) {
    const fromPattern = matching(schema.pattern);
    if (fromPattern) sources.push({ weight: sources.length > 0 ? 1 : 3, arbitrary: fromPattern });
  }
  if (sources.length === 0) {
    // Free text, unless the name says what it holds: an address (email or phone) or a cursor.
    const hinted = /user(name)?$|email|^to$/i.test(name);
    if (hinted) {
      sources.push({ weight: 6, arbitrary: emailAddress }, { weight: 1, arbitrary: fc.emailAddress() });
      sources.push({
        weight: 4,
        arbitrary: fc.oneof(
          fc.stringMatching(/^\+989[0-9]{9}$/),
          fc.stringMatching(/^09[0-9]{9}$/),
          fc.stringMatching(/^\+1 ?[2-9][0-9]{2} ?[2-9][0-9]{6}$/),
        ),
      });
    }
    // A cursor is valid only as the shop handed it out: the learned ones below, or none at all.
    if (/cursor/i.test(name)) {
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .tuple(fc.nat(), hostileCursor)
            .map(([i, bad]) => ctx.corpus.pick(name, ctx.entity ?? "", i) ?? bad),
        },
        { weight: 1, arbitrary: hostileCursor },
      );
    }
    const top = Math.min(maxLength, minLength + 40);
    sources.push({ weight: hinted ? 1 : 4, arbitrary: fc.string({ minLength, maxLength: top }) });
    if (!ctx.ascii) {
      sources.push({
        weight: hinted ? 1 : 2,
        arbitrary: fc.string({ unit: "grapheme", minLength, maxLength: Math.min(maxLength, minLength + 12) }),
      });
    }
    const edges = [
      "a".repeat(Math.max(minLength, 1)),
      "z".repeat(maxLength),
      ...(ctx.ascii ? [] : ["é".repeat(maxLength), "👑".repeat(Math.floor(maxLength / 2))]),
    ].filter((s) => s.length >= minLength && s.length <= 20_000);
    sources.push({ weight: 1, arbitrary: fc.constantFrom(...edges) });
  }
  // Values the shop handed out: the real ids, slugs and codes that reach past the 404s.
  const fitsHeader = (s: string) => !ctx.ascii || /^[\x20-\x7e]*$/.test(s);
  const accept = pattern
    ? (s: string) => pattern.test(s)
    : format === "uuid"
      ? (s: string) => uuidPattern.test(s)
      : fits;
  const learned = fc
    .tuple(fc.nat(), fc.oneof(...sources))
    .map(
      ([index, fallback]) =>
        ctx.corpus.pick(name, ctx.entity ?? "", index, (s) => accept(s) && fitsHeader(s)) ?? fallback,
    );
  // Ids the shop made are worth more than random ones, which only ever find nothing.
  const isId = format === "uuid" || !!pattern?.source.includes("[0-9a-fA-F]{8}-");
  return fc.oneof(
    { weight: isId ? 2 : 5, arbitrary: fc.oneof(...sources) },
    { weight: isId ? 6 : pattern ? 5 : 2, arbitrary: learned },
  );
}

/** Dates near today most of the time (ranges and windows are checked against it), any date now and then. */
const isoDate = () => {
  const day = 86_400_000;
  const now = Date.now();
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.date({ min: new Date(now - 400 * day), max: new Date(now + 30 * day), noInvalidDate: true }),
    },
    {
      weight: 1,
      arbitrary: fc.date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("2100-01-01T00:00:00Z"),
        noInvalidDate: true,
      }),
    },
  );
};

/** Plain addresses the shop's username check takes; fast-check's RFC 5322 ones are mostly exotic. */
const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._+-]{0,20}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}[a-z0-9]$/),
    fc.constantFrom("com", "shop", "example", "ir", "co.uk"),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

function validArray(schema: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown[]> {
  if (Array.isArray(schema.prefixItems)) {
    return fc.tuple(...schema.prefixItems.map((s: JsonSchema, i: number) => valid(s, deeper(ctx, `${ctx.name}${i}`))));
  }
  const item = valid(schema.items ?? {}, deeper(ctx, ctx.name ? singularName(ctx.name) : undefined));
  const minLength: number = schema.minItems ?? 0;
  const maxLength: number = schema.maxItems ?? Math.max(minLength, usualItems);
  const usual = fc.array(item, { minLength, maxLength: Math.min(maxLength, minLength + usualItems) });
  if (maxLength > 200 || maxLength <= minLength + usualItems) return usual;
  return fc.oneof(
    { weight: 6, arbitrary: usual },
    { weight: 1, arbitrary: fc.array(item, { minLength: maxLength, maxLength }) },
  );
}

const singularName = (name: string) => name.replace(/ies$/, "y").replace(/s$/, "");

function validObject(schema: JsonSchema, ctx: SchemaContext): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(properties)) model[key] = valid(child, deeper(ctx, key));
  const known = ctx.complete
    ? fc.record(model)
    : fc.record(model, { requiredKeys: required.filter((key) => key in properties) });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object" && Object.keys(properties).length === 0) {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valid(extra, deeper(ctx)), { maxKeys: 4 });
  }
  return known as fc.Arbitrary<Record<string, unknown>>;
}

/** Values that break the schema at this node: wrong types, crossed bounds, hostile text. */
export function hostile(input: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const schema = resolve(input, ctx.root);
  const types = typesOf(schema);
  const specific: unknown[] = [];
  if (types.includes("string") || schema.enum) {
    const { minLength, maxLength } = schema;
    if (typeof maxLength === "number" && maxLength < 20_000) specific.push("x".repeat(maxLength + 1));
    if (typeof minLength === "number" && minLength > 0) specific.push("x".repeat(minLength - 1));
    if (Array.isArray(schema.enum)) {
      for (const value of schema.enum.slice(0, 3)) {
        if (typeof value === "string") specific.push(value.toUpperCase(), ` ${value}`, `${value}\u0000`);
      }
    }
  }
  if (types.includes("integer") || types.includes("number")) {
    const { min, max } = bounds(schema, types.includes("integer"));
    if (min > -Number.MAX_SAFE_INTEGER) specific.push(min - 1, min - 0.5);
    if (max < Number.MAX_SAFE_INTEGER) specific.push(max + 1, max + 0.5);
    specific.push(String(min), "1");
  }
  if (types.includes("array")) {
    const maxItems: number | undefined = schema.maxItems;
    if (typeof maxItems === "number" && maxItems < 5_000) specific.push(Array.from({ length: maxItems + 1 }, () => 1));
    specific.push(Array.from({ length: 20_000 }, () => null));
  }
  if (types.includes("object")) specific.push([], "{}", Object.fromEntries([["", 1]]));
  const sources: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...hostileStrings),
    fc.constantFrom(...hostileNumbers),
    fc.constantFrom(...wrongTypes),
  ];
  if (specific.length > 0) sources.push(fc.constantFrom(...specific));
  if (/cursor/i.test(ctx.name ?? "")) sources.push(hostileCursor);
  return fc.oneof(...sources);
}

/**
 * A value that is valid but in one place: the node itself replaced by a hostile value, or (for
 * objects and arrays) one member broken, a required member dropped or an unknown one added.
 */
export function mutated(input: JsonSchema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const schema = resolve(input, ctx.root);
  if ((ctx.depth ?? 0) > maxDepth) return hostile(schema, ctx);
  const options: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 2, arbitrary: hostile(schema, ctx) },
  ];
  const types = typesOf(schema);
  if (types.includes("object") && schema.properties) {
    const properties: Record<string, JsonSchema> = schema.properties;
    const keys = Object.keys(properties);
    const base = validObject(schema, ctx);
    if (keys.length > 0) {
      const broken = fc
        .constantFrom(...keys)
        .chain((key) =>
          fc
            .tuple(base, mutated(properties[key], deeper(ctx, key)))
            .map(([object, value]) => ({ ...object, [key]: value })),
        );
      options.push({ weight: 6, arbitrary: broken });
    }
    const required: string[] = schema.required ?? [];
    if (required.length > 0) {
      options.push({
        weight: 1,
        arbitrary: fc.tuple(base, fc.constantFrom(...required)).map(([object, key]) => {
          const { [key]: _dropped, ...rest } = object;
          return rest;
        }),
      });
    }
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom("__proto__", "constructor", "id", "role", "userId", "isAdmin", "price", "x"))
        .map(([object, key]) => {
          const extended: Record<string, unknown> = { ...object };
          Object.defineProperty(extended, key, {
            value: key === "role" ? "admin" : { injected: true },
            enumerable: true,
          });
          return extended;
        }),
    });
  }
  if (types.includes("array")) {
    const item = schema.items ?? {};
    options.push({
      weight: 3,
      arbitrary: fc
        .tuple(validArray(schema, ctx), mutated(item, deeper(ctx, ctx.name ? singularName(ctx.name) : undefined)))
        .map(([array, bad]) => [...array, bad]),
    });
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length > 0) {
    options.push({ weight: 2, arbitrary: fc.oneof(...union.map((s: JsonSchema) => mutated(s, ctx))) });
  }
  return fc.oneof(...options);
}

/** The fields of a request part, as paths into it (`["shippingAddress", "city"]`), down to `depth`. */
export function fieldsOf(input: JsonSchema, root: JsonSchema, depth = 3, at: (string | number)[] = []) {
  const fields: { path: (string | number)[]; schema: JsonSchema }[] = [];
  const schema = resolve(input, root);
  if (at.length >= depth) return fields;
  for (const [key, child] of Object.entries<JsonSchema>(schema.properties ?? {})) {
    const path = [...at, key];
    fields.push({ path, schema: child });
    const inner = resolve(child, root);
    const item = inner.items ? resolve(inner.items, root) : undefined;
    if (inner.properties) fields.push(...fieldsOf(inner, root, depth, path));
    else if (item?.properties) fields.push(...fieldsOf(item, root, depth, [...path, 0]));
  }
  return fields;
}

/**
 * What the sweep gives one field, most telling first: what the database chokes on (NUL, 2^31),
 * then the wrong type, then the rest of the hostile kinds, and null last.
 */
export function sweepValues(input: JsonSchema, root: JsonSchema): { label: string; value: unknown }[] {
  const schema = resolve(input, root);
  const types = typesOf(schema);
  const values: { label: string; value: unknown }[] = [];
  if (types.includes("string") || schema.enum) {
    const too = Math.min((schema.maxLength ?? 10_000) + 1, 60_000);
    values.push(
      { label: "NUL", value: "a\u0000b" },
      { label: "a number", value: 12345 },
      { label: "a lone surrogate", value: "\ud800x" },
      { label: `${too} characters`, value: "x".repeat(too) },
      { label: "SQL", value: "' OR 1=1 --" },
    );
  } else if (types.includes("integer") || types.includes("number")) {
    values.push(
      { label: "2^31", value: 2 ** 31 },
      { label: "a string", value: "12" },
      { label: "2^53 + 1", value: new RawJson("9007199254740993") },
      { label: "-1", value: -1 },
      { label: "1.5", value: 1.5 },
      { label: "1e400", value: new RawJson("1e400") },
    );
  } else if (types.includes("boolean")) {
    values.push({ label: "a string", value: "true" }, { label: "a number", value: 1 });
  } else if (types.includes("array")) {
    values.push(
      { label: "an object", value: {} },
      { label: "10k items", value: Array.from({ length: 10_000 }, () => 1) },
    );
  } else if (types.includes("object")) {
    values.push({ label: "a string", value: "x" }, { label: "an array", value: [] });
  } else {
    values.push({ label: "a nested array", value: new RawJson(`${"[".repeat(1_000)}${"]".repeat(1_000)}`) });
  }
  values.push({ label: "null", value: null });
  return values;
}

export { RawJson };
