import { config } from "zod";

/**
 * Zod compiles object parsers with `new Function` unless told not to, and probes for it when a
 * schema is built. The pages' Content-Security-Policy allows no eval, and even the probe it swallows
 * is reported as a violation. Imported first by the module that brings the room schemas, so this
 * runs before any of them is built.
 */
config({ jitless: true });
