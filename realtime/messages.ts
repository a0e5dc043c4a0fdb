import { z } from "zod";

/**
 * Every message a room sends, shared by the rooms and the web client. `version` grows with each
 * message of a room, so a client drops anything older than what it already applied.
 */
export const catalogMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("welcome"), version: z.number().int() }),
  z.object({
    type: z.literal("stock"),
    version: z.number().int(),
    productId: z.string(),
    stockQty: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("error"), version: z.number().int(), code: z.string(), message: z.string() }),
]);

export type CatalogMessage = z.infer<typeof catalogMessageSchema>;

/** What the worker publishes to the catalog room after a commit. */
export type CatalogEvent = Omit<Extract<CatalogMessage, { type: "stock" }>, "version">;

/** Rooms accept no frame larger than this from a client. */
export const maxClientFrameBytes = 4_096;
