import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createRouter } from "../lib/create-router.ts";
import { AppError, errorBody, errorSchema } from "../lib/errors.ts";
import { jsonContent } from "../lib/openapi.ts";
import { currentUser, requireAuth, requireStaff } from "../middleware/auth.ts";
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

const uploadLimit = bodyLimit({
  maxSize: maxImageBytes,
  onError: (c) => c.json(errorBody(c, "payload_too_large", "Images may be at most 5 MB."), 413),
});

export const imagesRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/admin/images",
      tags: ["Admin: catalog"],
      security: [{ bearer: [] }],
      middleware: [requireAuth, requireStaff, uploadLimit] as const,
      summary: "Uploads a product image (PNG, JPEG, GIF or WebP, at most 5 MB) to R2; the body is the image",
      responses: {
        201: jsonContent(
          z.object({ url: z.string(), key: z.string(), contentType: z.string(), size: z.number().int() }),
          "Stored",
        ),
        413: jsonContent(errorSchema, "Larger than 5 MB"),
        415: jsonContent(errorSchema, "Not a supported image"),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const claimed = c.req.header("content-type") ?? "";
      const kind = signatures.find((s) => s.matches(bytes));
      if (!kind || (claimed && claimed !== kind.type)) {
        throw new AppError(
          "unsupported_media_type",
          "Send a PNG, JPEG, GIF or WebP image whose Content-Type matches it.",
        );
      }
      if (bytes.byteLength === 0) throw new AppError("invalid_request", "The image is empty.");
      const key = `products/${crypto.randomUUID()}.${kind.ext}`;
      await c.env.IMAGES.put(key, bytes, {
        httpMetadata: { contentType: kind.type, cacheControl: "public, max-age=31536000, immutable" },
      });
      await recordAudit(c.get("services").db, {
        actorId: currentUser(c).id,
        action: "image.upload",
        entity: "image",
        entityId: key,
        before: null,
        after: { size: bytes.byteLength, contentType: kind.type },
      });
      return c.json({ url: `/api/v1/images/${key}`, key, contentType: kind.type, size: bytes.byteLength }, 201);
    },
  )
  .get("/images/products/:file{[0-9a-f-]{36}\\.(png|jpg|gif|webp)}", async (c) => {
    const object = await c.env.IMAGES.get(`products/${c.req.param("file")}`);
    if (!object) throw new AppError("not_found", "No such image.");
    if (c.req.header("if-none-match") === object.httpEtag) return c.body(null, 304);
    return c.body(object.body, 200, {
      "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "cache-control": "public, max-age=31536000, immutable",
      etag: object.httpEtag,
    });
  });
