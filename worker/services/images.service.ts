import { AppError } from "../lib/errors.ts";
import type { ActorContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";

export const maxImageBytes = 5 * 1024 * 1024;

/** The image types the shop accepts, recognised by their first bytes, not by what the client claims. */
const signatures: { type: string; ext: string; matches: (b: Uint8Array) => boolean }[] = [
  { type: "image/png", ext: "png", matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: "image/jpeg", ext: "jpg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", ext: "gif", matches: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  {
    type: "image/webp",
    ext: "webp",
    matches: (b) => b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

/** Stores a product image in R2 under a fresh key, audited; the bytes decide its type. */
export async function storeImage(ctx: ActorContext, bytes: Uint8Array, claimedType: string) {
  const kind = signatures.find((s) => s.matches(bytes));
  if (!kind || (claimedType && claimedType !== kind.type)) {
    throw new AppError("unsupported_media_type", "Send a PNG, JPEG, GIF or WebP image whose Content-Type matches it.");
  }
  if (bytes.byteLength === 0) throw new AppError("invalid_request", "The image is empty.");
  const key = `products/${crypto.randomUUID()}.${kind.ext}`;
  await ctx.images.put(key, bytes, {
    httpMetadata: { contentType: kind.type, cacheControl: "public, max-age=31536000, immutable" },
  });
  await recordAudit(ctx.db, {
    actorId: ctx.actor.id,
    action: "image.upload",
    entity: "image",
    entityId: key,
    before: null,
    after: { size: bytes.byteLength, contentType: kind.type },
  });
  return { url: `/api/v1/images/${key}`, key, contentType: kind.type, size: bytes.byteLength };
}

/** A stored image, or 404. */
export async function readImage(ctx: { images: R2Bucket }, file: string) {
  const object = await ctx.images.get(`products/${file}`);
  if (!object) throw new AppError("not_found", "No such image.");
  return object;
}
