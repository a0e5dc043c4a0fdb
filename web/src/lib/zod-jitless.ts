/**
 * Zod compiles object parsers with `new Function` unless told not to, and probes for it when a
 * schema is built. The pages' Content-Security-Policy allows no eval, and even the probe it swallows
 * is reported as a violation. Zod keeps its settings on `globalThis.__zod_globalConfig` (shared by
 * every copy of zod on a page) and only adds to what is there: set by the entry before anything
 * else, `jitless` is in place before the lazily loaded room schemas are built. (A `z.config()` call
 * in the module that imports the schemas can run too late: the bundler may order the schemas, whose
 * constructors are marked pure, before it.)
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });

export {};
